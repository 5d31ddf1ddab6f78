"""tf.contrib.resampler: TF 1.14's bilinear resampler (ops Resampler, ResamplerGrad)."""
from ..ops.resampler_ops import resampler

__all__ = ["resampler"]
