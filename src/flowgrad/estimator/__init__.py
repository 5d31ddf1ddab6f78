"""`tf.estimator`: Estimator, EstimatorSpec, ModeKeys, RunConfig, the canned estimators,
train_and_evaluate, exporters, warm starting, inputs and export."""
from . import experimental, export, inputs, tpu
from .extenders import add_metrics
from .estimator import Estimator
from .model_fn import EstimatorSpec, ModeKeys
from .run_config import RunConfig
from .warm_starting import VocabInfo, WarmStartSettings
from .exporter import BestExporter, Exporter, FinalExporter, LatestExporter
from .training import EvalSpec, TrainSpec, train_and_evaluate
from .canned.dnn import DNNClassifier, DNNEstimator, DNNRegressor
from .canned.linear import LinearClassifier, LinearEstimator, LinearRegressor
from .canned.dnn_linear_combined import (DNNLinearCombinedClassifier,
                                         DNNLinearCombinedEstimator, DNNLinearCombinedRegressor)
from .canned.baseline import BaselineClassifier, BaselineEstimator, BaselineRegressor
from .canned.parsing_utils import classifier_parse_example_spec, regressor_parse_example_spec
from ..train.basic_session_run_hooks import (CheckpointSaverHook, CheckpointSaverListener,
                                              FeedFnHook, FinalOpsHook, GlobalStepWaiterHook,
                                              LoggingTensorHook, NanLossDuringTrainingError,
                                              NanTensorHook, ProfilerHook, SecondOrStepTimer,
                                              StepCounterHook, StopAtStepHook,
                                              SummarySaverHook)
from ..train.session_run_hook import (SessionRunArgs, SessionRunContext, SessionRunHook,
                                      SessionRunValues)

__all__ = ["BaselineClassifier", "BaselineEstimator", "BaselineRegressor", "BestExporter",
           "CheckpointSaverHook", "CheckpointSaverListener", "DNNClassifier", "DNNEstimator",
           "DNNLinearCombinedClassifier", "DNNLinearCombinedEstimator",
           "DNNLinearCombinedRegressor", "DNNRegressor", "Estimator", "EstimatorSpec", "EvalSpec",
           "Exporter", "FeedFnHook", "FinalExporter", "FinalOpsHook", "GlobalStepWaiterHook",
           "LatestExporter", "LinearClassifier", "LinearEstimator", "LinearRegressor",
           "LoggingTensorHook", "ModeKeys", "NanLossDuringTrainingError", "NanTensorHook",
           "ProfilerHook", "RunConfig", "SecondOrStepTimer", "SessionRunArgs", "SessionRunContext",
           "SessionRunHook", "SessionRunValues", "StepCounterHook", "StopAtStepHook",
           "SummarySaverHook", "TrainSpec", "VocabInfo", "WarmStartSettings", "add_metrics",
           "experimental", "export", "inputs", "tpu", "classifier_parse_example_spec",
           "regressor_parse_example_spec", "train_and_evaluate"]

_OUT_OF_SCOPE = ("BoostedTreesClassifier", "BoostedTreesRegressor", "BoostedTreesEstimator")


def __getattr__(name):
    if name in _OUT_OF_SCOPE:
        raise AttributeError("tf.estimator.%s is out of flowgrad's scope (boosted trees are "
                             "not implemented; issue 16)" % name)
    raise AttributeError("module 'flowgrad.estimator' has no attribute '%s'" % name)
