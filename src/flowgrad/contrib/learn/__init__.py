"""`tf.contrib.learn` (TF 1.14's deprecated Estimator API, local, single worker): the datasets
(load_dataset, MNIST, load_csv_with_header), the key classes and errors, Estimator(model_fn)
and SKCompat with fit / evaluate / predict over x, y or an input_fn, ModelFnOps, MetricSpec,
RunConfig, the heads (regression, poisson, multi-class / binary, multi-label, binary SVM,
multi_head), DNNClassifier / DNNRegressor / DNNEstimator / LinearClassifier /
LinearRegressor / LinearEstimator, LogisticRegressor, the wide & deep
DNNLinearCombinedClassifier / DNNLinearCombinedRegressor / DNNLinearCombinedEstimator,
monitors (ValidationMonitor), Experiment and learn_runner, io (numpy / pandas input
functions) and infer_real_valued_columns_from_input(_fn), the queue readers
(read_batch_examples, read_batch_features, ...), InputFnOps and
build_parsing_serving_input_fn, the Evaluable / Trainable interfaces, no_op_train_fn, and
preprocessing (VocabularyProcessor and the other tf.contrib.learn.preprocessing classes).

Not built (each raises AttributeError naming the symbol and the tf.estimator replacement):
the SVM / KMeans / RNN estimators, export strategies, graph_actions and the *_shared_queue
readers."""
from . import datasets
from . import learn_io as io
from . import learn_runner
from . import monitors
from . import preprocessing
from ._inputs import (infer_real_valued_columns_from_input,
                      infer_real_valued_columns_from_input_fn)
from .constants import (ModeKeys, NanLossDuringTrainingError, NotFittedError, PredictionKey,
                        ProblemType, TaskType)
from .dnn import DNNClassifier, DNNEstimator, DNNRegressor
from .dnn_linear_combined import (DNNLinearCombinedClassifier, DNNLinearCombinedEstimator,
                                  DNNLinearCombinedRegressor)
from .estimator import BaseEstimator, Estimator, SKCompat
from .experiment import Experiment
from .graph_io import (read_batch_examples, read_batch_features, read_batch_record_features,
                       read_keyed_batch_examples, read_keyed_batch_features)
from .head import (Head, binary_svm_head, multi_class_head, multi_head, multi_label_head,
                   no_op_train_fn, poisson_regression_head, regression_head)
from .input_fn_utils import InputFnOps, build_parsing_serving_input_fn
from .interfaces import Evaluable, Trainable
from .learn_io import extract_pandas_data, extract_pandas_labels, extract_pandas_matrix
from .linear import LinearClassifier, LinearEstimator, LinearRegressor
from .logistic_regressor import LogisticRegressor
from .metric_spec import MetricSpec
from .model_fn import ModelFnOps
from .run_config import RunConfig

__all__ = ["BaseEstimator", "DNNClassifier", "DNNEstimator", "DNNLinearCombinedClassifier",
           "DNNLinearCombinedEstimator", "DNNLinearCombinedRegressor", "DNNRegressor", "Estimator",
           "Evaluable", "Experiment", "Head", "InputFnOps", "LinearClassifier", "LinearEstimator",
           "LinearRegressor", "LogisticRegressor", "MetricSpec", "ModeKeys", "ModelFnOps",
           "NanLossDuringTrainingError", "NotFittedError", "PredictionKey", "ProblemType",
           "RunConfig", "SKCompat", "TaskType", "Trainable", "binary_svm_head",
           "build_parsing_serving_input_fn", "datasets", "extract_pandas_data",
           "extract_pandas_labels", "extract_pandas_matrix",
           "infer_real_valued_columns_from_input", "infer_real_valued_columns_from_input_fn", "io",
           "learn_runner", "monitors", "multi_class_head", "multi_head", "multi_label_head",
           "no_op_train_fn", "poisson_regression_head", "preprocessing", "read_batch_examples",
           "read_batch_features", "read_batch_record_features", "read_keyed_batch_examples",
           "read_keyed_batch_features", "regression_head"]


_ESTIMATOR_API = "this part of contrib.learn's Estimator API is not implemented; use %s"
_USE = {
    "ExportStrategy": "tf.estimator.Exporter", "make_export_strategy": "tf.estimator.Exporter",
    "train": "tf.train.MonitoredTrainingSession", "evaluate": "tf.estimator.Estimator",
    "infer": "tf.estimator.Estimator", "run_n": "tf.train.MonitoredSession",
    "run_feeds": "tf.train.MonitoredSession", "graph_actions": "tf.train.MonitoredSession",
}


def __getattr__(name):
    if name in _USE:
        raise AttributeError("tf.contrib.learn.%s is not in flowgrad: %s (issue 16)"
                             % (name, _ESTIMATOR_API % _USE[name]))
    raise AttributeError("flowgrad does not implement tensorflow.contrib.learn.%s" % name)
