"""What examples/tf1_scripts/kmeans_clusters.py (the aymericdamien-style KMeans tutorial on
synthetic data, full-batch) prints under TF 1.14; tests/test_factorization.py runs it with
`flowgrad run`."""
from golden_scripts import stdout_of


def cases(tf):
    return {"kmeans_clusters": stdout_of("examples/tf1_scripts/kmeans_clusters.py")}
