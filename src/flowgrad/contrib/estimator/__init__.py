"""`tf.contrib.estimator` (TF 1.14): the heads (binary_classification_head,
multi_class_head, multi_label_head, regression_head, poisson_regression_head,
logistic_regression_head, multi_head), the extenders (add_metrics, forward_features,
clip_gradients_by_norm), the logit_fn builders and the export functions.

The estimators taking a head are tf.estimator's (DNNEstimator, LinearEstimator,
DNNLinearCombinedEstimator, BaselineEstimator). Not in flowgrad: RNNClassifier,
RNNEstimator, SavedModelEstimator, replicate_model_fn / TowerOptimizer, the boosted trees
and the layer-annotation DNNs; each raises AttributeError naming it."""
from ...estimator.experimental import (call_logit_fn, dnn_logit_fn_builder,
                                       linear_logit_fn_builder)
from ...estimator.export.export import build_raw_supervised_input_receiver_fn
from ...estimator.extenders import add_metrics
from .export import (build_supervised_input_receiver_fn_from_input_fn,
                     export_all_saved_models, export_saved_model_for_mode)
from .extenders import clip_gradients_by_norm, forward_features
from .head import (binary_classification_head, logistic_regression_head, multi_class_head,
                   multi_label_head, poisson_regression_head, regression_head)
from .multi_head import multi_head

__all__ = ["add_metrics", "binary_classification_head",
           "build_raw_supervised_input_receiver_fn",
           "build_supervised_input_receiver_fn_from_input_fn", "call_logit_fn",
           "clip_gradients_by_norm", "dnn_logit_fn_builder", "export_all_saved_models",
           "export_saved_model_for_mode", "forward_features", "linear_logit_fn_builder",
           "logistic_regression_head", "multi_class_head", "multi_head", "multi_label_head",
           "poisson_regression_head", "regression_head"]

_NOT_BUILT = {
    "RNNClassifier": "the RNN estimators are not implemented",
    "RNNEstimator": "the RNN estimators are not implemented",
    "SavedModelEstimator": "an Estimator serving a SavedModel is not implemented",
    "replicate_model_fn": "tower replication (multi-GPU model_fn) is not implemented",
    "TowerOptimizer": "tower replication (multi-GPU model_fn) is not implemented",
    "boosted_trees_classifier_train_in_memory": "boosted trees are out of flowgrad's scope",
    "boosted_trees_regressor_train_in_memory": "boosted trees are out of flowgrad's scope",
    "DNNClassifierWithLayerAnnotations": "the layer-annotation DNNs are not implemented",
    "DNNRegressorWithLayerAnnotations": "the layer-annotation DNNs are not implemented",
}


def __getattr__(name):
    if name in _NOT_BUILT:
        raise AttributeError("tf.contrib.estimator.%s is not in flowgrad: %s (issue 16)"
                             % (name, _NOT_BUILT[name]))
    raise AttributeError("module 'flowgrad.contrib.estimator' has no attribute '%s'" % name)
