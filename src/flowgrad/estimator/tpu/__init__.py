"""`tf.estimator.tpu` (and `tf.contrib.tpu`'s estimator part): TPUEstimator and its
configuration, run on the CPU (use_tpu=False)."""
from .tpu_config import InputPipelineConfig, RunConfig, TPUConfig
from .tpu_estimator import TPUEstimator, TPUEstimatorSpec

__all__ = ["InputPipelineConfig", "RunConfig", "TPUConfig", "TPUEstimator",
           "TPUEstimatorSpec"]
