"""`tf.estimator`: Estimator, EstimatorSpec, ModeKeys, RunConfig, the canned estimators,
train_and_evaluate, exporters, warm starting, inputs and export."""
from . import export, inputs
from .estimator import Estimator
from .model_fn import EstimatorSpec, ModeKeys
from .run_config import RunConfig
from .warm_starting import VocabInfo, WarmStartSettings

__all__ = ["Estimator", "EstimatorSpec", "ModeKeys", "RunConfig", "VocabInfo",
           "WarmStartSettings", "export", "inputs"]
