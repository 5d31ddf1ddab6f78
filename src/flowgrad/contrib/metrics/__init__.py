"""tf.contrib.metrics: TF 1.14's contrib metrics (contrib/metrics/python).

The streaming_* metrics are tf.metrics under their contrib names (predictions first) or
contrib's own graphs (rates, per-threshold counts, curve points, covariance, Pearson
correlation, ...), streaming_concat and the AUCs over all predictions seen
(streaming_dynamic_auc, auc_with_confidence_intervals).
"""
from ...sets import set_difference, set_intersection, set_size, set_union
from ._auc import auc_with_confidence_intervals, streaming_dynamic_auc
from ._classification import accuracy, auc_using_histogram, confusion_matrix, f1_score
from ._moments import (aggregate_metric_map, aggregate_metrics, cohen_kappa, count,
                       precision_recall_at_equal_thresholds, streaming_concat,
                       streaming_covariance,
                       streaming_mean_cosine_distance, streaming_pearson_correlation)
from ._streaming import (precision_at_recall, recall_at_precision, sparse_recall_at_top_k,
                         streaming_accuracy, streaming_auc, streaming_curve_points,
                         streaming_false_negative_rate,
                         streaming_false_negative_rate_at_thresholds,
                         streaming_false_negatives, streaming_false_negatives_at_thresholds,
                         streaming_false_positive_rate,
                         streaming_false_positive_rate_at_thresholds,
                         streaming_false_positives, streaming_false_positives_at_thresholds,
                         streaming_mean, streaming_mean_absolute_error, streaming_mean_iou,
                         streaming_mean_relative_error, streaming_mean_squared_error,
                         streaming_mean_tensor, streaming_percentage_less,
                         streaming_precision, streaming_precision_at_thresholds,
                         streaming_recall, streaming_recall_at_k,
                         streaming_recall_at_thresholds, streaming_root_mean_squared_error,
                         streaming_sensitivity_at_specificity,
                         streaming_sparse_average_precision_at_k,
                         streaming_sparse_average_precision_at_top_k,
                         streaming_sparse_precision_at_k, streaming_sparse_precision_at_top_k,
                         streaming_sparse_recall_at_k, streaming_specificity_at_sensitivity,
                         streaming_true_negatives, streaming_true_negatives_at_thresholds,
                         streaming_true_positives, streaming_true_positives_at_thresholds)

__all__ = [
    "accuracy", "aggregate_metric_map", "aggregate_metrics", "auc_using_histogram",
    "auc_with_confidence_intervals", "streaming_concat", "streaming_dynamic_auc",
    "cohen_kappa", "confusion_matrix", "count", "f1_score", "precision_at_recall",
    "precision_recall_at_equal_thresholds", "recall_at_precision", "set_difference",
    "set_intersection", "set_size", "set_union", "sparse_recall_at_top_k",
    "streaming_accuracy", "streaming_auc", "streaming_covariance", "streaming_curve_points",
    "streaming_false_negative_rate", "streaming_false_negative_rate_at_thresholds",
    "streaming_false_negatives", "streaming_false_negatives_at_thresholds",
    "streaming_false_positive_rate", "streaming_false_positive_rate_at_thresholds",
    "streaming_false_positives", "streaming_false_positives_at_thresholds", "streaming_mean",
    "streaming_mean_absolute_error", "streaming_mean_cosine_distance", "streaming_mean_iou",
    "streaming_mean_relative_error", "streaming_mean_squared_error", "streaming_mean_tensor",
    "streaming_pearson_correlation", "streaming_percentage_less", "streaming_precision",
    "streaming_precision_at_thresholds", "streaming_recall", "streaming_recall_at_k",
    "streaming_recall_at_thresholds", "streaming_root_mean_squared_error",
    "streaming_sensitivity_at_specificity", "streaming_sparse_average_precision_at_k",
    "streaming_sparse_average_precision_at_top_k", "streaming_sparse_precision_at_k",
    "streaming_sparse_precision_at_top_k", "streaming_sparse_recall_at_k",
    "streaming_specificity_at_sensitivity", "streaming_true_negatives",
    "streaming_true_negatives_at_thresholds", "streaming_true_positives",
    "streaming_true_positives_at_thresholds",
]
