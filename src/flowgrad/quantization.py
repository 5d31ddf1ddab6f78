"""tf.quantization (TF 1.14): fake quantization and its gradients (engine/ops/fake_quant.py),
quantize / dequantize (engine/ops/quantize.py), quantize_and_dequantize
(engine/ops/quantize_dequantize.py), quantized_concat (engine/ops/quantized_concat.py)."""
from __future__ import annotations

from .engine.ops.fake_quant import (fake_quant_with_min_max_args,
                                    fake_quant_with_min_max_args_gradient,
                                    fake_quant_with_min_max_vars,
                                    fake_quant_with_min_max_vars_gradient,
                                    fake_quant_with_min_max_vars_per_channel,
                                    fake_quant_with_min_max_vars_per_channel_gradient)
from .engine.ops.quantize import dequantize, quantize
from .engine.ops.quantize_dequantize import quantize_and_dequantize
from .engine.ops.quantized_concat import quantized_concat

__all__ = ["fake_quant_with_min_max_args", "fake_quant_with_min_max_args_gradient",
           "fake_quant_with_min_max_vars", "fake_quant_with_min_max_vars_gradient",
           "fake_quant_with_min_max_vars_per_channel",
           "fake_quant_with_min_max_vars_per_channel_gradient", "quantize", "dequantize",
           "quantized_concat"]
# tf.quantization only (TF 1.14 has no tf.quantize_and_dequantize): kept out of __all__,
# which flowgrad/__init__.py star-imports into tf
_ = quantize_and_dequantize
