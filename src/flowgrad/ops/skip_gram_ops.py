"""TF 1.14's contrib/text op SkipGramGenerateCandidates: the (token, label) pairs of a
skip-gram window over a 1-D tensor, each token's window size drawn from the op's Philox
stream as TF's kernel draws it (tf.contrib.text.skip_gram_sample builds on it)."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.cudnn_rnn import no_kernel_error
from .candidate_sampling_ops import _Words
from .random_ops import _stream

__all__ = []

# TF's CPU kernels (its OpDef allows any T: other dtypes fail the graph's runs)
_TYPES = (_dt.int16, _dt.int32, _dt.int64, _dt.string)


def _no_kernel(op):
    t = op.inputs[0].dtype.base_dtype
    if t in _TYPES:
        return None
    return no_kernel_error(op, {"T": t, **op._attrs},
                           [f"device='CPU'; T in [DT_{k.name.upper()}]" for k in _TYPES])


def _infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {x.shape.ndims}")
    for t in inputs[1:]:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    out = (x.dtype.base_dtype, TensorShape([None]))
    return [out, out]


def _bind(node, ctx):
    stream = _stream(node, ctx)

    def kernel(x, min_skips, max_skips, start, limit, emit_self):
        lo, hi = int(min_skips), int(max_skips)
        if lo < 0 or hi < 0:
            raise errors.InvalidArgumentError(
                None, None, "Both min_skips and max_skips must be >= 0.")
        if lo > hi:
            raise errors.InvalidArgumentError(None, None, "min_skips must be <= max_skips.")
        x = np.asarray(x).reshape(-1)
        start, limit = int(start), int(limit)
        end = x.size if limit < 0 else min(start + limit, x.size)
        # TF reserves one word per position (and one more), whatever Uniform uses
        words = _Words(stream.key, stream.reserve_32(end - start + 1))
        pos, lab = [], []
        for i in range(start, end):
            skips = lo + words.uniform(hi - lo + 1)
            for j in range(-skips, skips + 1):
                if start <= i + j < end and (j or bool(emit_self)):
                    pos.append(i)
                    lab.append(i + j)
        pos, lab = np.array(pos, np.int64), np.array(lab, np.int64)
        return x[pos], x[lab]
    return kernel


register_op("SkipGramGenerateCandidates", infer=_infer, bind=_bind, grad=None, stateful=True,
            no_kernel=_no_kernel)
