"""tf.contrib.factorization (TF 1.14): k-means clustering (KMeans, KMeansClustering and the
constants of clustering_ops), Gaussian mixtures (GMM, GmmAlgorithm, gmm) and weighted
alternating least squares (WALSModel and its Estimator, WALSMatrixFactorization)."""
from .clustering_ops import (COSINE_DISTANCE, KMEANS_PLUS_PLUS_INIT, RANDOM_INIT,
                             SQUARED_EUCLIDEAN_DISTANCE, KMeans)
from .factorization_ops import WALSModel
from .gmm import GMM
from .gmm_ops import GmmAlgorithm, gmm
from .kmeans import KMeansClustering
from .wals import WALSMatrixFactorization

__all__ = ["COSINE_DISTANCE", "KMEANS_PLUS_PLUS_INIT", "RANDOM_INIT",
           "SQUARED_EUCLIDEAN_DISTANCE", "KMeans", "KMeansClustering", "GMM", "GmmAlgorithm", "gmm",
           "WALSModel", "WALSMatrixFactorization"]


def __getattr__(name):
    raise AttributeError(f"module 'tensorflow.contrib.factorization' has no attribute '{name}'")
