"""tf.contrib.quantization: TF 1.14's module star-imports tensorflow.python.ops.gen_math_ops
and gen_nn_ops (their public names: each op's function and its raw op `Abs`, ...) and
takes `dequantize`, `quantize_v2` and `quantized_concat` from gen_array_ops. Here the same
names come from flowgrad's generated modules (flowgrad.ops.gen_ops): the ops flowgrad does
not run (the Quantized* kernels, ...) are absent, as there, and so are TF's eager-only
`*_eager_fallback` functions."""
from __future__ import absolute_import, division, print_function

from ..ops.gen_ops import gen_array_ops as quantized_gen_array_ops
from ..ops.gen_ops import gen_math_ops, gen_nn_ops
from .framework.deprecation import deprecated_endpoints  # noqa: F401  (TF has it: gen_*_ops import it)

_ARRAY_NAMES = ("dequantize", "quantize_v2", "quantized_concat")


def _names():
    """{public name: its generated module}, in TF's import order (gen_math_ops, then
    gen_nn_ops, then the three gen_array_ops names)."""
    out = {}
    for mod in (gen_math_ops, gen_nn_ops):
        out.update((n, mod) for n in dir(mod) if not n.startswith("_"))
    out.update((n, quantized_gen_array_ops) for n in _ARRAY_NAMES
               if n in dir(quantized_gen_array_ops))
    return out


def __getattr__(name):
    mod = _names().get(name)
    if mod is None:
        raise AttributeError(f"flowgrad does not implement tensorflow.contrib.quantization.{name}")
    return getattr(mod, name)


def __dir__():
    return sorted(set(globals()) | set(_names()))
