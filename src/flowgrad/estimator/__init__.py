"""`tf.estimator`: Estimator, EstimatorSpec, ModeKeys, RunConfig, inputs.numpy_input_fn."""
from . import inputs
from .estimator import Estimator
from .model_fn import EstimatorSpec, ModeKeys
from .run_config import RunConfig

__all__ = ["Estimator", "EstimatorSpec", "ModeKeys", "RunConfig", "inputs"]
