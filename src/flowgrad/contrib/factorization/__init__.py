"""tf.contrib.factorization (TF 1.14): k-means clustering (KMeans, KMeansClustering and the
constants of clustering_ops) and Gaussian mixtures (GMM, GmmAlgorithm, gmm). WALSModel and
WALSMatrixFactorization are not implemented: using them raises AttributeError naming them."""
from .clustering_ops import (COSINE_DISTANCE, KMEANS_PLUS_PLUS_INIT, RANDOM_INIT,
                             SQUARED_EUCLIDEAN_DISTANCE, KMeans)
from .gmm import GMM
from .gmm_ops import GmmAlgorithm, gmm
from .kmeans import KMeansClustering

__all__ = ["COSINE_DISTANCE", "KMEANS_PLUS_PLUS_INIT", "RANDOM_INIT",
           "SQUARED_EUCLIDEAN_DISTANCE", "KMeans", "KMeansClustering", "GMM", "GmmAlgorithm", "gmm"]

_ABSENT = ("WALSModel", "WALSMatrixFactorization")


def __getattr__(name):
    if name in _ABSENT:
        raise AttributeError(
            f"flowgrad does not implement tensorflow.contrib.factorization.{name}")
    raise AttributeError(f"module 'tensorflow.contrib.factorization' has no attribute '{name}'")
