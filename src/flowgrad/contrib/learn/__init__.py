"""`tf.contrib.learn`: the parts flowgrad implements: its datasets
(`tf.contrib.learn.datasets`, load_dataset), its preprocessing (VocabularyProcessor and
the other `tf.contrib.learn.preprocessing` classes), the key classes ModeKeys, PredictionKey,
ProblemType and TaskType, and its errors NanLossDuringTrainingError and NotFittedError.

contrib.learn's own Estimator API (learn.Estimator with fit(x, y), SKCompat, its canned
DNN / Linear estimators, heads, Experiment and learn_runner, the read_batch_* input
functions, the monitors) is not built: each raises AttributeError naming the symbol and the
tf.estimator replacement, when there is one."""
from . import datasets, preprocessing

__all__ = ["ModeKeys", "NanLossDuringTrainingError", "NotFittedError", "PredictionKey",
           "ProblemType", "TaskType", "datasets", "preprocessing"]


class ModeKeys:
    """contrib.learn's mode keys (tf.estimator.ModeKeys calls INFER 'PREDICT')."""
    TRAIN = "train"
    EVAL = "eval"
    INFER = "infer"

    @classmethod
    def validate(cls, key):
        if key not in (cls.TRAIN, cls.EVAL, cls.INFER):
            raise ValueError("Invalid mode %s." % key)


class PredictionKey:
    """contrib.learn's prediction keys."""
    CLASSES = "classes"
    PROBABILITIES = "probabilities"
    LOGITS = "logits"
    LOGISTIC = "logistic"
    SCORES = "scores"
    TOP_K = "top_k"
    GENERIC = "output"


class ProblemType:
    """contrib.learn's problem types."""
    UNSPECIFIED = 0
    CLASSIFICATION = 1
    LINEAR_REGRESSION = 2
    LOGISTIC_REGRESSION = 3


class TaskType:
    """contrib.learn's cluster task types."""
    MASTER = "master"
    PS = "ps"
    WORKER = "worker"


class NanLossDuringTrainingError(RuntimeError):
    """contrib.learn's NaN-loss error (a class of its own, not tf.train's)."""

    def __str__(self):
        return "NaN loss during training."


class NotFittedError(ValueError, AttributeError):
    """contrib.learn's error for an estimator used before fitting."""


_ESTIMATOR_API = ("contrib.learn's Estimator API (fit/evaluate/predict on x, y or input_fn) "
                  "is not implemented; use %s")
_USE = {
    "BaseEstimator": "tf.estimator.Estimator", "Estimator": "tf.estimator.Estimator",
    "SKCompat": "tf.estimator.Estimator with tf.estimator.inputs.numpy_input_fn",
    "Evaluable": "tf.estimator.Estimator", "Trainable": "tf.estimator.Estimator",
    "DNNClassifier": "tf.estimator.DNNClassifier", "DNNRegressor": "tf.estimator.DNNRegressor",
    "DNNEstimator": "tf.estimator.DNNEstimator",
    "DNNLinearCombinedClassifier": "tf.estimator.DNNLinearCombinedClassifier",
    "DNNLinearCombinedRegressor": "tf.estimator.DNNLinearCombinedRegressor",
    "DNNLinearCombinedEstimator": "tf.estimator.DNNLinearCombinedEstimator",
    "LinearClassifier": "tf.estimator.LinearClassifier",
    "LinearRegressor": "tf.estimator.LinearRegressor",
    "LinearEstimator": "tf.estimator.LinearEstimator",
    "LogisticRegressor": "tf.estimator.Estimator with "
                         "tf.contrib.estimator.logistic_regression_head",
    "ModelFnOps": "tf.estimator.EstimatorSpec", "MetricSpec": "tf.estimator.EstimatorSpec",
    "RunConfig": "tf.estimator.RunConfig", "InputFnOps": "tf.estimator.export",
    "Head": "tf.contrib.estimator's heads",
    "multi_class_head": "tf.contrib.estimator.multi_class_head",
    "multi_label_head": "tf.contrib.estimator.multi_label_head",
    "multi_head": "tf.contrib.estimator.multi_head",
    "regression_head": "tf.contrib.estimator.regression_head",
    "poisson_regression_head": "tf.contrib.estimator.poisson_regression_head",
    "Experiment": "tf.estimator.train_and_evaluate",
    "learn_runner": "tf.estimator.train_and_evaluate",
    "ExportStrategy": "tf.estimator.Exporter", "make_export_strategy": "tf.estimator.Exporter",
    "build_parsing_serving_input_fn":
        "tf.estimator.export.build_parsing_serving_input_receiver_fn",
    "train": "tf.train.MonitoredTrainingSession", "evaluate": "tf.estimator.Estimator",
    "infer": "tf.estimator.Estimator", "run_n": "tf.train.MonitoredSession",
    "run_feeds": "tf.train.MonitoredSession", "graph_actions": "tf.train.MonitoredSession",
    "monitors": "tf.train.SessionRunHook", "no_op_train_fn": "tf.no_op",
    "infer_real_valued_columns_from_input": "tf.feature_column.numeric_column",
    "infer_real_valued_columns_from_input_fn": "tf.feature_column.numeric_column",
}


def __getattr__(name):
    if name in _USE:
        raise AttributeError("tf.contrib.learn.%s is not in flowgrad: %s (issue 16)"
                             % (name, _ESTIMATOR_API % _USE[name]))
    raise AttributeError("flowgrad does not implement tensorflow.contrib.learn.%s" % name)
