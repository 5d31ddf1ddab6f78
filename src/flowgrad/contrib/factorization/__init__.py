"""tf.contrib.factorization (TF 1.14): k-means clustering (KMeans, KMeansClustering and the
constants of clustering_ops), Gaussian mixtures (GMM, GmmAlgorithm, gmm) and weighted
alternating least squares (WALSModel). WALSMatrixFactorization (the Estimator) is not
implemented: using it raises AttributeError naming it."""
from .clustering_ops import (COSINE_DISTANCE, KMEANS_PLUS_PLUS_INIT, RANDOM_INIT,
                             SQUARED_EUCLIDEAN_DISTANCE, KMeans)
from .factorization_ops import WALSModel
from .gmm import GMM
from .gmm_ops import GmmAlgorithm, gmm
from .kmeans import KMeansClustering

__all__ = ["COSINE_DISTANCE", "KMEANS_PLUS_PLUS_INIT", "RANDOM_INIT",
           "SQUARED_EUCLIDEAN_DISTANCE", "KMeans", "KMeansClustering", "GMM", "GmmAlgorithm", "gmm",
           "WALSModel"]

_ABSENT = ("WALSMatrixFactorization",)


def __getattr__(name):
    if name in _ABSENT:
        raise AttributeError(
            f"flowgrad does not implement tensorflow.contrib.factorization.{name}")
    raise AttributeError(f"module 'tensorflow.contrib.factorization' has no attribute '{name}'")
