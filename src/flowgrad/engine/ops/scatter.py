"""In-place scatter updates of variables: ScatterAdd, ScatterSub, ScatterUpdate, ...

`ref[indices[i], ...] op= updates[i, ...]` on the variable's buffer (TF 1.x
reference semantics): duplicate indices accumulate for add/sub/mul/div/min/max;
for update the last write wins (TF's CPU order). Each op returns the variable's
ref, ordered after the write.

>>> v = tf.Variable([1.0, 2.0, 3.0])
>>> up = tf.scatter_add(v, [0, 0, 2], [1.0, 1.0, 5.0])
>>> sess = tf.Session()
>>> sess.run(v.initializer)
>>> sess.run(up)
array([3., 2., 8.], dtype=float32)
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework import threads as _threads
from ..framework.graph import Tensor
from ..framework.registry import register_op
from ._array_util import TensorLike
from ._base import NUMBERS, apply, locking, to_tensor

__all__ = ["scatter_add", "scatter_sub", "scatter_update", "scatter_mul", "scatter_div",
           "scatter_min", "scatter_max"]


def _scatter_infer_for(op_type):
    def infer(inputs, attrs):
        ref, indices, updates = inputs
        if not ref.dtype.is_ref_dtype:
            raise TypeError(f"'{op_type}' Op requires that input 'ref' be a mutable tensor "
                            "(e.g.: a tf.Variable)")
        if indices.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'indices' has DataType "
                            f"{indices.dtype.base_dtype.name} not in list of allowed values: "
                            "int32, int64")
        if updates.dtype.base_dtype is not ref.dtype.base_dtype:
            raise TypeError(f"Input 'updates' of '{op_type}' Op has type "
                            f"{updates.dtype.base_dtype.name} that does not match type "
                            f"{ref.dtype.base_dtype.name} of argument 'ref'.")
        if op_type != "ScatterUpdate" and ref.dtype.base_dtype not in NUMBERS:
            raise TypeError(f"Value passed to parameter 'ref' has DataType "
                            f"{ref.dtype.base_dtype.name} not in list of allowed values: "
                            + ", ".join(d.name for d in NUMBERS))
        rs, is_, us = ref.shape, indices.shape, updates.shape
        if us.ndims == 0 or rs.ndims is None or is_.ndims is None or us.ndims is None:
            return [(ref.dtype, rs)]
        if rs.ndims == 0:
            raise ValueError("Shape must be at least rank 1 but is rank 0")
        want = list(is_.as_tuple()) + list(rs.as_tuple()[1:])
        if len(want) != us.ndims:
            raise ValueError(f"Shapes must be equal rank, but are {us.ndims} and {len(want)}")
        for i, (a, b) in enumerate(zip(us.as_tuple(), want)):
            if a is not None and b is not None and a != b:
                raise ValueError(f"Dimension {i} in both shapes must be equal, but are {a} and "
                                 f"{b}. Shapes are {_fmt(us.as_tuple())} and {_fmt(want)}.")
        return [(ref.dtype, rs)]
    return infer


def _fmt(dims):
    return "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"


def _scatter_bind_for(apply_rows):
    def bind(node, ctx):
        def run(ref, indices, updates):
            if type(ref) is not np.ndarray:
                ref = np.asarray(ref)   # uninitialized: raises FailedPreconditionError
            idx = np.asarray(indices)
            us = np.shape(updates)
            if us and us != idx.shape + ref.shape[1:]:
                raise errors.InvalidArgumentError(
                    None, None, "Must have updates.shape = indices.shape + params.shape[1:] or "
                    f"updates.shape = [], got updates.shape {_fmt(us)}, indices.shape "
                    f"{_fmt(idx.shape)}, params.shape {_fmt(ref.shape)}")
            n = ref.shape[0]
            flat = idx.reshape(-1)
            bad = np.flatnonzero((flat < 0) | (flat >= n))
            upd = np.asarray(updates, dtype=ref.dtype)
            upd = np.broadcast_to(upd, idx.shape + ref.shape[1:])
            if bad.size:
                # TF 1.14's CPU functor updates row by row and stops at the first index out
                # of range: the updates before it stay written
                k = bad[0]
                if k:
                    apply_rows(ref, flat[:k], upd.reshape((flat.size,) + ref.shape[1:])[:k])
                pos = np.unravel_index(k, idx.shape) if idx.ndim else ()
                where = "".join(f"[{p}]" for p in pos)
                raise errors.InvalidArgumentError(
                    None, None, f"indices{where} = {flat[k]} is not in [0, {n})")
            apply_rows(ref, idx, upd)
            return ref
        return run
    return bind


_SHARED_ELEMENTS = 1 << 18   # updated elements from which a free thread takes half the rows


def _at(ufunc):
    def rows(ref, idx, upd):
        flat = idx.reshape(-1)
        if ref.ndim < 2 or flat.size < 2 or ref[0].size < 8:
            ufunc.at(ref, idx, upd)
            return
        # ufunc.at goes row by row (slow on wide rows); the same updates in rounds: the
        # first occurrence of every index, then the second ones, ... (within a round no
        # index repeats), so each row sees its updates in order, as ufunc.at and TF apply them
        if ref.shape[0] <= 16 * flat.size + 4096 and np.bincount(flat).max() == 1:
            # no index repeats (an optimizer's slot update after Unique): one round, no sort;
            # large ones in blocks of indices shared with a free intra-op thread (the blocks'
            # rows are disjoint, NumPy's fancy indexing releases the GIL)
            upd = upd.reshape((flat.size,) + ref.shape[1:])
            if upd.size < _SHARED_ELEMENTS or not _threads.spare_threads():
                ref[flat] = ufunc(ref[flat], upd)
                return
            step = -(-flat.size // 4)

            def block(k):
                at = flat[k * step:(k + 1) * step]
                ref[at] = ufunc(ref[at], upd[k * step:(k + 1) * step])
            _threads.run_blocks(block, -(-flat.size // step))
            return
        order = np.argsort(flat, kind="stable")
        srt = flat[order]
        pos = np.arange(srt.size)
        rank = pos - np.maximum.accumulate(np.where(np.r_[True, srt[1:] != srt[:-1]], pos, 0))
        rounds = int(rank.max()) + 1
        if rounds > 8:
            ufunc.at(ref, idx, upd)
            return
        upd = upd.reshape((flat.size,) + ref.shape[1:])
        for r in range(rounds):
            sel = order[rank == r] if rounds > 1 else order
            at = flat[sel]
            ref[at] = ufunc(ref[at], upd[sel])
    return rows


def _update_rows(ref, idx, upd):
    ref[idx] = upd      # NumPy assigns in order: the last duplicate wins, as TF's CPU kernel


def _trunc_div(a, b):
    """Integer division rounding toward zero (C++'s `/`, TF's integer ScatterDiv)."""
    q = np.floor_divide(a, b)
    q += ((a - q * b) != 0) & ((a < 0) != (b < 0))
    return q


def _div_rows(ref, idx, upd):
    if ref.dtype.kind not in "iu":
        np.divide.at(ref, idx, upd)
        return
    flat = idx.reshape(-1)
    upd = upd.reshape((flat.size,) + ref.shape[1:])
    # Duplicates divide one after another: apply first occurrences, then second ones, ...
    remaining = np.arange(flat.size)
    while remaining.size:
        _, first = np.unique(flat[remaining], return_index=True)
        sel = remaining[first]
        ref[flat[sel]] = _trunc_div(ref[flat[sel]], upd[sel])
        remaining = np.delete(remaining, first)


_KINDS = {
    "ScatterAdd": _at(np.add),
    "ScatterSub": _at(np.subtract),
    "ScatterMul": _at(np.multiply),
    "ScatterDiv": _div_rows,
    "ScatterMin": _at(np.minimum),
    "ScatterMax": _at(np.maximum),
    "ScatterUpdate": _update_rows,
}

for _name, _rows in _KINDS.items():
    register_op(_name, infer=_scatter_infer_for(_name), bind=locking(_scatter_bind_for(_rows)),
                stateful=True, grad=None, aliases_input=True)


def _scatter(op_type, ref, indices, updates, use_locking, name):
    r = getattr(ref, "_ref", None)
    r = r() if callable(r) else to_tensor(ref)
    if not r.dtype.is_ref_dtype:
        raise TypeError(f"'{op_type}' Op requires that input 'ref' be a mutable tensor (e.g.: a "
                        "tf.Variable)")
    with r._op._graph.name_scope(name or op_type) as scope:   # TF converts in it
        indices = to_tensor(indices, name="indices")
        try:
            updates = to_tensor(updates, dtype=r.dtype.base_dtype, name="updates")
        except (TypeError, ValueError):
            updates = to_tensor(updates, name="updates")
        return apply(op_type, [r, indices, updates], {"use_locking": bool(use_locking)},
                     scope)


def scatter_add(ref: object, indices: TensorLike, updates: TensorLike,
                use_locking: bool = False, name: str | None = None) -> Tensor:
    """Adds `updates` to the rows `indices` of the variable `ref` (duplicates accumulate)."""
    return _scatter("ScatterAdd", ref, indices, updates, use_locking, name)


def scatter_sub(ref: object, indices: TensorLike, updates: TensorLike,
                use_locking: bool = False, name: str | None = None) -> Tensor:
    """Subtracts `updates` from the rows `indices` of `ref` (duplicates accumulate)."""
    return _scatter("ScatterSub", ref, indices, updates, use_locking, name)


def scatter_update(ref: object, indices: TensorLike, updates: TensorLike,
                   use_locking: bool = True, name: str | None = None) -> Tensor:
    """Writes `updates` into the rows `indices` of `ref` (for duplicates the last wins)."""
    return _scatter("ScatterUpdate", ref, indices, updates, use_locking, name)


def scatter_mul(ref: object, indices: TensorLike, updates: TensorLike,
                use_locking: bool = False, name: str | None = None) -> Tensor:
    """Multiplies the rows `indices` of `ref` by `updates`."""
    return _scatter("ScatterMul", ref, indices, updates, use_locking, name)


def scatter_div(ref: object, indices: TensorLike, updates: TensorLike,
                use_locking: bool = False, name: str | None = None) -> Tensor:
    """Divides the rows `indices` of `ref` by `updates`."""
    return _scatter("ScatterDiv", ref, indices, updates, use_locking, name)


def scatter_min(ref: object, indices: TensorLike, updates: TensorLike,
                use_locking: bool = False, name: str | None = None) -> Tensor:
    """The rows `indices` of `ref` become min(ref, updates)."""
    return _scatter("ScatterMin", ref, indices, updates, use_locking, name)


def scatter_max(ref: object, indices: TensorLike, updates: TensorLike,
                use_locking: bool = False, name: str | None = None) -> Tensor:
    """The rows `indices` of `ref` become max(ref, updates)."""
    return _scatter("ScatterMax", ref, indices, updates, use_locking, name)
