"""tf.quantization (TF 1.14): fake quantization and its gradients (engine/ops/fake_quant.py),
quantize / dequantize (engine/ops/quantize.py)."""
from __future__ import annotations

from .engine.ops.fake_quant import (fake_quant_with_min_max_args,
                                    fake_quant_with_min_max_args_gradient,
                                    fake_quant_with_min_max_vars,
                                    fake_quant_with_min_max_vars_gradient,
                                    fake_quant_with_min_max_vars_per_channel,
                                    fake_quant_with_min_max_vars_per_channel_gradient)
from .engine.ops.quantize import dequantize, quantize

__all__ = ["fake_quant_with_min_max_args", "fake_quant_with_min_max_args_gradient",
           "fake_quant_with_min_max_vars", "fake_quant_with_min_max_vars_gradient",
           "fake_quant_with_min_max_vars_per_channel",
           "fake_quant_with_min_max_vars_per_channel_gradient", "quantize", "dequantize"]
