"""Sparse ops that restructure SparseTensors (TF 1.14's op types, attrs, outputs, errors
and gradients); the public functions are in flowgrad/ops/sparse_ops.py.

- `SparseAdd` (+ `SparseAddGrad`): the sum of two SparseTensors of one shape; summed
  entries whose magnitude is below `thresh` are dropped.
- `SparseConcat`: SparseTensors joined along `concat_dim`, entries in row-major order.
- `SparseReshape`: the indices of a SparseTensor under a new dense shape (one -1 allowed).
- `SparseSlice` (+ `SparseSliceGrad`): the entries inside a box, shifted to its start.
- `SparseSplit`: `num_split` slices along `split_dim` (the first ones one longer).
- `SparseFillEmptyRows` (+ `SparseFillEmptyRowsGrad`): a default entry [r, 0, ...] for
  every empty row r.
- `SparseReduceMax`, `SparseReduceSumSparse`, `SparseReduceMaxSparse`: reductions over the
  entries present (a dense result, or a SparseTensor of the non-empty groups).
- `SparseSparseMinimum/Maximum`: elementwise min/max of two SparseTensors over the union
  of their entries (a missing entry counts as 0).
- `SparseSoftmax`: a softmax over the entries of each innermost row;
  `SparseDenseCwiseAdd`: a SparseTensor's values plus a dense tensor broadcast to it.

SparseTensors are passed as their components (indices int64 [N, rank], values [N],
dense_shape int64 [rank]).
"""
from __future__ import annotations

__all__ = ["sparse_add", "sparse_concat", "sparse_reshape", "sparse_slice", "sparse_split",
           "sparse_fill_empty_rows", "sparse_reduce_max", "sparse_reduce_sparse",
           "sparse_sparse_min_max", "sparse_softmax", "sparse_dense_cwise_add"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import Dimension, TensorShape
from . import eigen_math as _eigen_math
from . import eigen_sum as _eigen_sum
from ._array_util import _scope, shape_value, whole_value
from ._base import NUMBERS, REAL_NUMBERS, apply, apply_op, check_dtype, to_tensor
from .elementwise import multiply, negative

_I64 = _dt.int64


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _no_gradient(op, *grads):
    """TF 1.14 registers no gradient for this op: tf.gradients raises its LookupError."""
    raise LookupError(f"No gradient defined for operation '{op.name}' (op type: {op.type})")


def _i64(op_type, t, arg):
    if t.dtype.base_dtype is not _I64:
        raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {t.dtype.name} that does "
                        "not match expected type of int64.")


def _rank_of(shape_t):
    return shape_t.shape.as_list()[0] if shape_t.shape.ndims == 1 else None


def _mat(ind, rank):
    return np.asarray(ind, np.int64).reshape(-1, rank)


def _lex_order(ind):
    """A stable row-major order of index rows."""
    if ind.shape[0] == 0 or ind.shape[1] == 0:
        return np.arange(ind.shape[0])
    return np.lexsort(ind.T[::-1])


def _row_keys(*mats):
    """One int64 key per index row of each matrix, equal for equal rows and ordered as the
    rows in row-major order (linear positions in the rows' bounding box, or the rows'
    ranks when that box is too large to number)."""
    sizes = [m.shape[0] for m in mats]
    rows = np.concatenate(mats)
    if rows.shape[0] == 0 or rows.shape[1] == 0:
        keys = np.zeros(rows.shape[0], np.int64)
    else:
        lo = rows.min(axis=0)
        span = [int(v) for v in rows.max(axis=0) - lo + 1]
        if int(np.prod([float(v) for v in span])) < 2 ** 62:
            keys = np.ravel_multi_index(tuple((rows - lo).T), tuple(span)).astype(np.int64)
        else:
            keys = np.unique(rows, axis=0, return_inverse=True)[1].reshape(-1)
    return np.split(keys, np.cumsum(sizes)[:-1])


def _sp_out(rank, values_dtype):
    return [(_I64, TensorShape([None, rank])), (values_dtype, TensorShape([None])),
            (_I64, TensorShape([rank]))]


# -- SparseAdd / SparseAddGrad ----------------------------------------------------------------
def _add_infer(inputs, attrs):
    ai, av, ash, bi, bv, bsh, thresh = inputs
    for t, n in ((ai, "a_indices"), (ash, "a_shape"), (bi, "b_indices"), (bsh, "b_shape")):
        _i64("SparseAdd", t, n)
    if av.dtype.base_dtype is not bv.dtype.base_dtype:
        raise TypeError(f"Input 'b_values' of 'SparseAdd' Op has type {bv.dtype.name} that "
                        f"does not match type {av.dtype.name} of argument 'a_values'.")
    check_dtype("SparseAdd", av, NUMBERS, "T")
    check_dtype("SparseAdd", thresh, REAL_NUMBERS, "Treal")
    return _sp_out(_rank_of(ash), av.dtype.base_dtype)


def _check_same_shape(a_shape, b_shape):
    a = np.reshape(a_shape, -1)
    b = np.reshape(b_shape, -1)
    if a.size != b.size:
        raise _invalid("Operands do not have the same ranks; got shapes: "
                       f"{' '.join(map(str, a))} and {' '.join(map(str, b))}")
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            raise _invalid(f"Operands' shapes do not match: got {x} and {y} for dimension {i}")
    return a


def _merge(ai, bi, shape):
    """TF's linear merge of two index lists (SparseAdd, UnionSparseIndicesAndValues): walk
    both, emitting the row-major smaller row, or one row for an equal pair; then the rest of
    a, then of b. Returns (the merged index rows, and for each its a / b source or -1).
    Lists in strictly increasing order (canonical ones) merge into their sorted union; any
    other (unsorted, repeated rows) walks as TF's loop does."""
    ka, kb = _row_keys(ai, bi)
    if (ka[1:] > ka[:-1]).all() and (kb[1:] > kb[:-1]).all():
        union = np.union1d(ka, kb)
        src_a = np.full(union.size, -1, np.int64)
        src_b = np.full(union.size, -1, np.int64)
        src_a[np.searchsorted(union, ka)] = np.arange(ka.size)
        src_b[np.searchsorted(union, kb)] = np.arange(kb.size)
    else:
        src_a, src_b = (np.array(s, np.int64).reshape(-1) for s in _walk(ka.tolist(),
                                                                        kb.tolist()))
    rows = np.empty((src_a.size, ai.shape[1]), np.int64)
    rows[src_a >= 0] = ai[src_a[src_a >= 0]]
    rows[src_b >= 0] = bi[src_b[src_b >= 0]]
    return rows, src_a, src_b


def _walk(ka, kb):
    """The sources (a's position or -1, b's position or -1) of each row TF's merge loop
    emits over the row keys `ka`, `kb` (ordered as the rows)."""
    src_a, src_b = [], []
    i = j = 0
    while i < len(ka) and j < len(kb):
        if ka[i] < kb[j]:
            src_a.append(i), src_b.append(-1)
            i += 1
        elif ka[i] == kb[j]:
            src_a.append(i), src_b.append(j)
            i, j = i + 1, j + 1
        else:
            src_a.append(-1), src_b.append(j)
            j += 1
    src_a += list(range(i, len(ka))) + [-1] * (len(kb) - j)
    src_b += [-1] * (len(ka) - i) + list(range(j, len(kb)))
    return src_a, src_b


def _add_kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh, **_):
    shape = _check_same_shape(a_shape, b_shape)
    rank = shape.size
    ai, bi = _mat(a_indices, rank), _mat(b_indices, rank)
    av, bv = np.asarray(a_values), np.asarray(b_values)
    rows, sa, sb = _merge(ai, bi, shape)
    both = (sa >= 0) & (sb >= 0)
    vals = np.zeros(rows.shape[0], av.dtype)
    vals[sa >= 0] = av[sa[sa >= 0]]
    vals[(sb >= 0) & ~both] = bv[sb[(sb >= 0) & ~both]]
    vals[both] = av[sa[both]] + bv[sb[both]]
    keep = ~both | (np.abs(vals) >= thresh)
    return rows[keep], vals[keep], np.asarray(a_shape, np.int64).reshape(-1)


def _add_grad(op, *grads):
    val_grad = grads[1]
    ga, gb = apply("SparseAddGrad", [val_grad, op._inputs[0], op._inputs[3], op.outputs[0]])
    ga.set_shape(op._inputs[1].shape)
    gb.set_shape(op._inputs[4].shape)
    return [None, ga, None, None, gb, None, None]


register_op("SparseAdd", infer=_add_infer, kernel=_add_kernel, grad=_add_grad)


def _add_grad_infer(inputs, attrs):
    g, ai, bi, _ = inputs
    dt = g.dtype.base_dtype
    out = []
    for t in (ai, bi):     # TF's shape function: WithRank(a_indices, 2), then b_indices
        if t.shape.ndims is not None and t.shape.ndims != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {t.shape.ndims}")
        out.append((dt, TensorShape([t.shape.as_list()[0] if t.shape.ndims == 2 else None])))
    return out


def _debug_shape(a):
    return "[" + ",".join(str(d) for d in np.shape(a)) + "]"


def _add_grad_kernel(backprop_val_grad, a_indices, b_indices, sum_indices, **_):
    g = np.asarray(backprop_val_grad)
    ai, bi, si = (np.asarray(t, np.int64) for t in (a_indices, b_indices, sum_indices))
    if not ai.ndim == bi.ndim == si.ndim == 2:
        raise _invalid("Input indices should be matrices but received shapes: "
                       f"{_debug_shape(ai)} and {_debug_shape(bi)} and {_debug_shape(si)}")
    if g.ndim != 1:
        raise _invalid("Input backprop_val_grad should be a vector but received shape: "
                       f"{_debug_shape(g)}")
    if not ai.shape[1] == bi.shape[1] == si.shape[1]:
        # (TF's message runs the three numbers together)
        raise _invalid("The densified operands should have the same ndims; for A, B, sum "
                       f"got: {ai.shape[1]}{bi.shape[1]}{si.shape[1]}")
    if g.size != si.shape[0]:
        raise _invalid("# elements of backprop_val_grad and # rows of sum_indices should match "
                       f"(#nnz of sum): got {g.size} and {si.shape[0]}")
    ks, ka, kb = _row_keys(si, ai, bi)
    if all((k[1:] > k[:-1]).all() for k in (ks, ka, kb)):
        # strictly increasing lists (canonical ones): the walk below gives each row of a
        # and b the sum's entry of the same index, or 0 where the sum has none
        out = []
        for k in (ka, kb):
            pos = np.minimum(np.searchsorted(ks, k), max(ks.size - 1, 0))
            hit = ks[pos] == k if ks.size else np.zeros(k.size, bool)
            res = np.zeros(k.size, g.dtype)
            res[hit] = g[pos[hit]]
            out.append(res)
        return tuple(out)
    return _add_grad_walk(ka.tolist(), kb.tolist(), ks.tolist(), g)


def _add_grad_walk(ka, kb, ks, g):
    """TF's SparseAddGrad loop over the row keys as the rows come (unsorted, repeated): a
    row of a (b) equal to the sum's current row takes its gradient and moves on, a smaller
    one moves on with none; the sum's row moves on once neither current row is smaller."""
    grads = (np.zeros(len(ka), g.dtype), np.zeros(len(kb), g.dtype))
    pos = [0, 0]
    keys = (ka, kb)
    k = 0

    def step(side):
        """COMPARE(a_or_b, idx): True when that side's row is not below the sum's."""
        i = pos[side]
        if keys[side][i] == ks[k]:
            grads[side][i] = g[k]
            pos[side] = i + 1
        elif keys[side][i] < ks[k]:
            pos[side] = i + 1
            return False
        return True

    while pos[0] < len(ka) and pos[1] < len(kb) and k < len(ks):
        a_geq = step(0)
        b_geq = step(1)
        if a_geq and b_geq:
            k += 1
    for side in (0, 1):     # at most one of these runs
        while pos[side] < len(keys[side]) and k < len(ks):
            if step(side):
                k += 1
    return grads


register_op("SparseAddGrad", infer=_add_grad_infer, kernel=_add_grad_kernel, grad=None)


def sparse_add(a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh, name=None):
    """The op `SparseAdd`: (sum_indices, sum_values, sum_shape)."""
    op = apply_op("SparseAdd", [to_tensor(a_indices), to_tensor(a_values), to_tensor(a_shape),
                                to_tensor(b_indices), to_tensor(b_values), to_tensor(b_shape),
                                to_tensor(thresh)], None, name or "SparseAdd")
    return tuple(op.outputs)


# -- SparseConcat ------------------------------------------------------------------------------
def _concat_infer(inputs, attrs):
    """TF's shape function: the entry counts (indices' rows merged with the values') add
    up; the index columns merge over the indices, the shape vector over the shapes."""
    def merge(a, b):   # the C++ InferenceContext::Merge of two dims
        if a.value is not None and b.value is not None and a.value != b.value:
            raise ValueError(f"Dimensions must be equal, but are {a.value} and {b.value}")
        return a if a.value is not None else b

    n = attrs["N"]
    inds, vals, shapes = inputs[:n], inputs[n:2 * n], inputs[2 * n:]
    rows, cols, size = Dimension(0), Dimension(None), Dimension(None)
    for ind, val, shp in zip(inds, vals, shapes):
        _i64("SparseConcat", ind, "indices")
        ind_s, val_s = ind.shape.with_rank(2), val.shape.with_rank(1)
        rows = rows + merge(ind_s.dims[0], val_s.dims[0])
        cols = merge(cols, ind_s.dims[1])
        size = merge(size, shp.shape.with_rank(1).dims[0])
    out_shape = TensorShape([size])
    dt = vals[0].dtype.base_dtype
    return [(_I64, TensorShape([rows, cols])), (dt, TensorShape([rows])), (_I64, out_shape)]


def _concat_kernel(*args, concat_dim=0, N=2, **_):
    inds, vals, shapes = args[:N], args[N:2 * N], args[2 * N:]
    shapes = [np.asarray(s, np.int64).reshape(-1) for s in shapes]
    rank = shapes[0].size
    if not -rank <= concat_dim < rank:
        raise _invalid(f"Concat dimension must be in range [{-rank}, {rank}), got {concat_dim}")
    dim = concat_dim % rank
    for i, s in enumerate(shapes[1:], 1):
        if s.size != rank:
            raise _invalid(f"Ranks of all input tensors must match: expected {rank} but got "
                           f"{s.size} at position {i}")
        for d in range(rank):
            if d != dim and s[d] != shapes[0][d]:
                raise _invalid(f"Input shapes must match: expected {shapes[0][d]} for "
                               f"dimension {d} but got {s[d]} at position {i}")
    rows, out_vals, offset = [], [], 0
    for ind, v, s in zip(inds, vals, shapes):
        m = _mat(ind, rank).copy()
        m[:, dim] += offset
        offset += int(s[dim])
        rows.append(m)
        out_vals.append(np.asarray(v).reshape(-1))
    rows = np.concatenate(rows)
    out_vals = np.concatenate(out_vals)
    order = _lex_order(rows)
    out_shape = shapes[0].copy()
    out_shape[dim] = offset
    return rows[order], out_vals[order], out_shape


register_op("SparseConcat", infer=_concat_infer, kernel=_concat_kernel, grad=None)


def sparse_concat(indices, values, shapes, concat_dim, name=None):
    """The op `SparseConcat`: (output_indices, output_values, output_shape)."""
    n = len(indices)
    ins = [to_tensor(t) for t in indices] + [to_tensor(t) for t in values] + \
        [to_tensor(t) for t in shapes]
    op = apply_op("SparseConcat", ins, {"concat_dim": int(concat_dim), "N": n,
                                        "T": ins[n].dtype.base_dtype}, name or "SparseConcat")
    return tuple(op.outputs)


# -- SparseReshape -----------------------------------------------------------------------------
def _reshape_infer(inputs, attrs):
    ind, ishape, new = inputs
    for t, n in ((ind, "input_indices"), (ishape, "input_shape"), (new, "new_shape")):
        _i64("SparseReshape", t, n)
    r = _rank_of(new)   # TF: Matrix(Dim(indices, 0), Dim(new_shape, 0))
    nnz = ind.shape.as_list()[0] if ind.shape.ndims == 2 else None
    return [(_I64, TensorShape([nnz, r])), (_I64, TensorShape([r]))]


def _reshape_kernel(input_indices, input_shape, new_shape, **_):
    old = np.asarray(input_shape, np.int64).reshape(-1)
    new = np.asarray(new_shape, np.int64).reshape(-1).copy()
    dense = int(np.prod(old))
    unknown = -1
    product = 1
    for d, s in enumerate(new):
        if s == -1:
            if unknown != -1:
                raise _invalid(f"only one output dimension may be -1, not both {unknown} and {d}")
            unknown = d
        else:
            if s < 0:
                raise _invalid(f"size {d} must be non-negative, not {s}")
            product *= int(s)
    if unknown != -1:
        if product <= 0 or dense % product:
            raise _invalid(f"Input to reshape is a SparseTensor with {dense} dense values, "
                           f"but the requested shape requires a multiple of {product}")
        new[unknown] = dense // product
    if int(np.prod(new)) != dense:
        raise _invalid(f"Input to reshape is a tensor with {dense} dense values, but the "
                       f"requested shape has {int(np.prod(new))}")
    ind = _mat(input_indices, old.size)
    if ind.shape[0] == 0:
        return np.zeros((0, new.size), np.int64), new
    flat = np.ravel_multi_index(tuple(ind.T), tuple(old)) if old.size else \
        np.zeros(ind.shape[0], np.int64)
    out = np.stack(np.unravel_index(flat, tuple(new)), axis=1) if new.size else \
        np.zeros((ind.shape[0], 0), np.int64)
    return out.astype(np.int64), new


register_op("SparseReshape", infer=_reshape_infer, kernel=_reshape_kernel, grad=None)


def sparse_reshape(input_indices, input_shape, new_shape, name=None):
    """The op `SparseReshape`: (output_indices, output_shape)."""
    op = apply_op("SparseReshape", [to_tensor(input_indices), to_tensor(input_shape),
                                    to_tensor(new_shape)], None, name or "SparseReshape")
    return tuple(op.outputs)


# -- SparseSlice / SparseSliceGrad ---------------------------------------------------------------
def _slice_infer(inputs, attrs):
    ind, vals, shape, start, size = inputs
    for t, n in ((ind, "indices"), (shape, "shape"), (start, "start"), (size, "size")):
        _i64("SparseSlice", t, n)
    return _sp_out(_rank_of(shape), vals.dtype.base_dtype)


def _slice_box(shape, start, size):
    rank = shape.size
    if start.size != rank:
        raise _invalid(f"Expected start to be a vector of length {rank} but got length "
                       f"{start.size}")
    if size.size != rank:
        raise _invalid(f"Expected size to be a vector of length {rank} but got length "
                       f"{size.size}")
    out = np.where(start + size < shape, size, np.maximum(shape - start, 0))
    return out


def _slice_kernel(indices, values, shape, start, size, **_):
    shape = np.asarray(shape, np.int64).reshape(-1)
    start = np.asarray(start, np.int64).reshape(-1)
    size = np.asarray(size, np.int64).reshape(-1)
    out_shape = _slice_box(shape, start, size)
    ind = _mat(indices, shape.size)
    inside = np.all((ind >= start) & (ind < start + size), axis=1)
    return ind[inside] - start, np.asarray(values)[inside], out_shape


def _slice_grad(op, *grads):
    g = apply("SparseSliceGrad", [grads[1], op._inputs[0], op._inputs[3], op.outputs[0]])
    g.set_shape(op._inputs[1].shape)
    return [None, g, None, None, None]


register_op("SparseSlice", infer=_slice_infer, kernel=_slice_kernel, grad=_slice_grad)


def _slice_grad_infer(inputs, attrs):
    g, ind, _, _ = inputs
    return [(g.dtype.base_dtype, TensorShape([ind.shape.as_list()[0]
                                              if ind.shape.ndims == 2 else None]))]


def _slice_grad_kernel(backprop_val_grad, input_indices, input_start, output_indices, **_):
    g = np.asarray(backprop_val_grad)
    if g.ndim != 1:
        raise _invalid(f"Input backprop_val_grad should be a vector but received shape: "
                       f"[{','.join(map(str, g.shape))}]")
    start = np.asarray(input_start, np.int64).reshape(-1)
    ind = _mat(input_indices, start.size)
    out = _mat(output_indices, start.size) + start
    res = np.zeros(ind.shape[0], g.dtype)
    if out.shape[0]:
        # each output row is an input row shifted by start: its first match in the input
        # (TF scans both in order)
        k_in, k_out = _row_keys(ind, out)
        order = np.argsort(k_in, kind="stable")
        pos = np.searchsorted(k_in[order], k_out)
        hit = pos < k_in.size
        hit[hit] = k_in[order[pos[hit]]] == k_out[hit]
        if not hit.all():
            raise _invalid("Elements of backprop_val_grad aren't all propagated. Num elements "
                           f"propagated: {int(np.argmin(hit))}")
        res[order[pos]] = g
    return res


register_op("SparseSliceGrad", infer=_slice_grad_infer,
            kernel=_slice_grad_kernel, grad=_no_gradient)


def sparse_slice(indices, values, shape, start, size, name=None):
    """The op `SparseSlice`: (output_indices, output_values, output_shape)."""
    op = apply_op("SparseSlice", [to_tensor(indices), to_tensor(values), to_tensor(shape),
                                  to_tensor(start), to_tensor(size)], None,
                  name or "SparseSlice")
    return tuple(op.outputs)


# -- SparseSplit -------------------------------------------------------------------------------
def _split_infer(inputs, attrs):
    dim, ind, vals, shape = inputs
    _i64("SparseSplit", dim, "split_dim")
    for t, n in ((ind, "indices"), (shape, "shape")):
        _i64("SparseSplit", t, n)
    n = attrs["num_split"]
    r = _rank_of(shape)
    return ([(_I64, TensorShape([None, r]))] * n + [(vals.dtype.base_dtype, TensorShape([None]))]
            * n + [(_I64, TensorShape([r]))] * n)


def _split_kernel(split_dim, indices, values, shape, num_split=1, **_):
    shape = np.asarray(shape, np.int64).reshape(-1)
    rank = shape.size
    dim = int(np.reshape(split_dim, -1)[0])
    if dim < 0:
        raise _invalid(f"num_dim must be in the interval [0, {rank})")
    if dim >= rank:
        raise _invalid(f"Input split_dim should be between 0 and rank ({rank}), got {dim}")
    if not 1 <= num_split <= shape[dim]:
        raise _invalid(f"Input num_split should be between 1 and the splitting dimension "
                       f"size ({shape[dim]}), got {num_split}")
    base, extra = divmod(int(shape[dim]), num_split)
    sizes = [base + 1 if i < extra else base for i in range(num_split)]
    starts = np.cumsum([0] + sizes[:-1])
    ind = _mat(indices, rank)
    vals = np.asarray(values)
    which = np.searchsorted(starts, ind[:, dim], side="right") - 1 if ind.shape[0] else \
        np.zeros(0, np.int64)
    outs_i, outs_v, outs_s = [], [], []
    for k in range(num_split):
        m = which == k
        rows = ind[m].copy()
        rows[:, dim] -= starts[k]
        s = shape.copy()
        s[dim] = sizes[k]
        outs_i.append(rows)
        outs_v.append(vals[m])
        outs_s.append(s)
    return tuple(outs_i + outs_v + outs_s)


register_op("SparseSplit", infer=_split_infer, kernel=_split_kernel, grad=_no_gradient)


def sparse_split(split_dim, indices, values, shape, num_split, name=None):
    """The op `SparseSplit`: (indices list, values list, shapes list)."""
    with _scope(name, "SparseSplit") as scope:   # TF converts the inputs in the op's scope
        op = apply_op("SparseSplit", [to_tensor(split_dim, dtype=_I64, name="split_dim"),
                                      to_tensor(indices), to_tensor(values),
                                      to_tensor(shape)],
                      {"num_split": int(num_split)}, scope)
    outs = list(op.outputs)
    n = int(num_split)
    return outs[:n], outs[n:2 * n], outs[2 * n:]


# -- SparseFillEmptyRows / SparseFillEmptyRowsGrad ------------------------------------------------
def _fill_infer(inputs, attrs):
    ind, vals, shape, default = inputs
    for t, n in ((ind, "indices"), (shape, "dense_shape")):
        _i64("SparseFillEmptyRows", t, n)
    if default.dtype.base_dtype is not vals.dtype.base_dtype:
        raise TypeError(f"Input 'default_value' of 'SparseFillEmptyRows' Op has type "
                        f"{default.dtype.name} that does not match type {vals.dtype.name} of "
                        "argument 'values'.")
    if default.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {default.shape.ndims}")
    r = _rank_of(shape)
    sv = shape_value(shape)   # TF's MakeShapeFromShapeTensor: the dense shape's known rows
    rows = sv[0] if sv and sv[0] is not None and sv[0] >= 0 else None
    return [(_I64, TensorShape([None, r])), (vals.dtype.base_dtype, TensorShape([None])),
            (_dt.bool_, TensorShape([rows])),
            (_I64, TensorShape([ind.shape.as_list()[0] if ind.shape.ndims == 2 else None]))]


def _fill_kernel(indices, values, dense_shape, default_value, **_):
    shape = np.asarray(dense_shape, np.int64).reshape(-1)
    rank = shape.size
    ind = _mat(indices, rank)
    vals = np.asarray(values)
    n_rows = int(shape[0]) if rank else 0
    for i in range(ind.shape[0]):
        r = ind[i, 0]
        if r < 0 or r >= n_rows:
            raise _invalid(f"indices({i}, 0) is invalid: {r} >= {n_rows}")
    counts = np.bincount(ind[:, 0], minlength=n_rows) if ind.shape[0] else \
        np.zeros(n_rows, np.int64)
    empty = counts == 0
    per_row = np.where(empty, 1, counts)
    offsets = np.concatenate([[0], np.cumsum(per_row)[:-1]]).astype(np.int64) if n_rows else \
        np.zeros(0, np.int64)
    total = int(per_row.sum())
    out_ind = np.zeros((total, rank), np.int64)
    out_val = np.full(total, np.asarray(default_value).reshape(()), vals.dtype)
    # entries grouped by row, input order kept within a row (TF's kernel)
    order = np.argsort(ind[:, 0], kind="stable")
    rows = ind[order, 0]
    first = np.searchsorted(rows, rows, side="left")
    reverse = np.empty(ind.shape[0], np.int64)
    reverse[order] = offsets[rows] + (np.arange(rows.size) - first)
    out_ind[reverse] = ind
    out_val[reverse] = vals
    out_ind[offsets[empty], 0] = np.nonzero(empty)[0]
    return out_ind, out_val, empty, reverse


def _fill_grad(op, _gi, grad_values, _ge, _gr):
    dv, dd = apply("SparseFillEmptyRowsGrad", [op.outputs[3], grad_values])
    return [None, dv, None, dd]


register_op("SparseFillEmptyRows", infer=_fill_infer, kernel=_fill_kernel, grad=_fill_grad)


def _fill_grad_infer(inputs, attrs):
    rev, g = inputs
    return [(g.dtype.base_dtype, rev.shape), (g.dtype.base_dtype, TensorShape([]))]


def _fill_grad_kernel(reverse_index_map, grad_values, **_):
    g = np.asarray(grad_values)
    rev = np.asarray(reverse_index_map, np.int64).reshape(-1)
    d_values = g[rev]
    return d_values, np.asarray(g.sum() - d_values.sum(), g.dtype)


register_op("SparseFillEmptyRowsGrad", infer=_fill_grad_infer,
            kernel=_fill_grad_kernel, grad=_no_gradient)


def sparse_fill_empty_rows(indices, values, dense_shape, default_value, name=None):
    """The op `SparseFillEmptyRows`: (output_indices, output_values, empty_row_indicator,
    reverse_index_map)."""
    op = apply_op("SparseFillEmptyRows", [to_tensor(indices), to_tensor(values),
                                          to_tensor(dense_shape), to_tensor(default_value)],
                  None, name or "SparseFillEmptyRows")
    return tuple(op.outputs)


# -- SparseReduceMax / SparseReduceSumSparse / SparseReduceMaxSparse -----------------------------
def _axes(reduction_axes, rank):
    axes = set()
    for x in np.reshape(reduction_axes, -1):
        if not -rank <= int(x) < rank:
            raise _invalid(f"Invalid reduction dimension {int(x)}, for input with {rank} "
                           "dimensions.")
        axes.add(int(x) % rank)
    return axes


def _groups(input_indices, input_values, input_shape, reduction_axes, keep_dims, fn,
            intra_threads=None):
    """The entries grouped by their kept coordinates: (group coords [G, out rank] in
    row-major order, reduced values [G], the output's dense shape). As TF's
    SparseReduceSparseOp, each group is ordered by its reduced coordinates and a float
    sum (fn np.add) adds it as Eigen does (eigen_sum.group_sums)."""
    shape = np.asarray(input_shape, np.int64).reshape(-1)
    rank = shape.size
    axes = _axes(reduction_axes, rank)
    kept = [d for d in range(rank) if d not in axes]
    ind = _mat(input_indices, rank)
    vals = np.asarray(input_values)
    out_shape = np.array([1 if d in axes else shape[d] for d in range(rank)] if keep_dims
                         else [shape[d] for d in kept], np.int64)
    coords = ind[:, kept]
    eigen = fn is np.add and _eigen_sum.handles(vals.dtype)
    if ind.shape[0]:
        uniq, inv = (np.unique(coords, axis=0, return_inverse=True) if kept else
                     (np.zeros((1, 0), np.int64), np.zeros(ind.shape[0], np.int64)))
        inv = inv.reshape(-1)
        # (TF reorders by the kept then the reduced dims: np.lexsort's last key is first)
        order = np.lexsort([ind[:, d] for d in sorted(axes, reverse=True)] + [inv])
        starts = np.searchsorted(inv[order], np.arange(uniq.shape[0]))
        red = (_eigen_sum.group_sums(vals[order], starts, np.diff(np.r_[starts, inv.size]),
                                     intra_threads) if eigen else
               fn.reduceat(vals[order], starts).astype(vals.dtype))
    else:
        uniq, red = np.zeros((0, len(kept)), np.int64), np.zeros(0, vals.dtype)
    if keep_dims:
        full = np.zeros((uniq.shape[0], rank), np.int64)
        full[:, kept] = uniq
        uniq = full
    return uniq.astype(np.int64), red, out_shape


def _reduce_infer(op_type, sparse):
    def infer(inputs, attrs):
        ind, vals, shape, axes = inputs
        _i64(op_type, ind, "input_indices")
        _i64(op_type, shape, "input_shape")
        check_dtype(op_type, vals, REAL_NUMBERS if "Max" in op_type else NUMBERS, "T")
        dt = vals.dtype.base_dtype
        if sparse:   # TF's shape function: UnknownShape
            return [(_I64, TensorShape(None)), (dt, TensorShape(None)),
                    (_I64, TensorShape(None))]
        # (TF's input_tensor: the shape's and the axes' constant subgraphs, evaluated whole)
        s, a = whole_value(shape), whole_value(axes)
        if s is None or a is None:
            return [(dt, TensorShape(None))]
        s = [int(d) for d in np.reshape(s, -1)]
        if not s:
            return [(dt, TensorShape(None))]
        # TF's SparseReduceShapeFn takes each axis as (axis + rank) % rank in C++ (an axis
        # out of range reduces another dim, or none: the kernel reports it at run time)
        norm = {int(np.fmod(int(x) + len(s), len(s))) for x in np.reshape(a, -1)}
        keep = attrs.get("keep_dims", False)
        out = [1 if i in norm else d for i, d in enumerate(s)] if keep else \
            [d for i, d in enumerate(s) if i not in norm]
        return [(dt, TensorShape(out))]
    return infer


def _reduce_max_kernel(input_indices, input_values, input_shape, reduction_axes,
                       keep_dims=False, **_):
    coords, red, out_shape = _groups(input_indices, input_values, input_shape, reduction_axes,
                                     keep_dims, np.maximum)
    out = np.zeros(tuple(out_shape), np.asarray(input_values).dtype)  # empty groups: 0
    if coords.shape[0] and out.ndim:
        out[tuple(coords.T)] = red
    elif coords.shape[0]:
        out[()] = red[0]
    return out


def _reduce_sparse_kernel(fn):
    def kernel(input_indices, input_values, input_shape, reduction_axes, keep_dims=False,
               intra_threads=None, **_):
        return _groups(input_indices, input_values, input_shape, reduction_axes, keep_dims, fn,
                       intra_threads)
    return kernel


register_op("SparseReduceMax", infer=_reduce_infer("SparseReduceMax", False),
            kernel=_reduce_max_kernel, grad=_no_gradient)
register_op("SparseReduceMaxSparse", infer=_reduce_infer("SparseReduceMaxSparse", True),
            kernel=_reduce_sparse_kernel(np.maximum), grad=_no_gradient)
register_op("SparseReduceSumSparse", infer=_reduce_infer("SparseReduceSumSparse", True),
            kernel=_reduce_sparse_kernel(np.add), grad=_no_gradient, intra_op_threads=True)


def sparse_reduce_max(input_indices, input_values, input_shape, reduction_axes,
                      keep_dims=False, name=None):
    """The op `SparseReduceMax` (a dense result; groups without entries are 0)."""
    with _scope(name, "SparseReduceMax") as scope:   # TF converts the inputs in the op's scope
        return apply("SparseReduceMax", [to_tensor(input_indices), to_tensor(input_values),
                                         to_tensor(input_shape),
                                         to_tensor(reduction_axes, dtype=_dt.int32,
                                                   name="reduction_axes")],
                     {"keep_dims": bool(keep_dims)}, scope)


def sparse_reduce_sparse(op_type, input_indices, input_values, input_shape, reduction_axes,
                         keep_dims=False, name=None):
    """The op `SparseReduceSumSparse` or `SparseReduceMaxSparse`: (indices, values, shape)."""
    with _scope(name, op_type) as scope:   # TF converts the inputs in the op's scope
        op = apply_op(op_type, [to_tensor(input_indices), to_tensor(input_values),
                                to_tensor(input_shape),
                                to_tensor(reduction_axes, dtype=_dt.int32,
                                          name="reduction_axes")],
                      {"keep_dims": bool(keep_dims)}, scope)
    return tuple(op.outputs)


# -- SparseSparseMinimum / SparseSparseMaximum ----------------------------------------------------
def _minmax_infer(op_type):
    def infer(inputs, attrs):
        ai, av, ash, bi, bv, bsh = inputs
        for t, n in ((ai, "a_indices"), (ash, "a_shape"), (bi, "b_indices"), (bsh, "b_shape")):
            _i64(op_type, t, n)
        if av.dtype.base_dtype is not bv.dtype.base_dtype:
            raise TypeError(f"Input 'b_values' of '{op_type}' Op has type {bv.dtype.name} "
                            f"that does not match type {av.dtype.name} of argument "
                            "'a_values'.")
        check_dtype(op_type, av, REAL_NUMBERS, "T")
        for t, r in zip(inputs, (2, 1, 1, 2, 1, 1)):
            t.shape.with_rank(r)
        # TF's SparseSparseMinOrMaxShapeFn: the indices an unknown matrix
        return [(_I64, TensorShape([None, None])),
                (av.dtype.base_dtype, TensorShape([None]))]
    return infer


def _minmax_kernel(fn):
    def kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape, **_):
        shape = _check_same_shape(a_shape, b_shape)
        rank = shape.size
        ai, bi = _mat(a_indices, rank), _mat(b_indices, rank)
        av, bv = np.asarray(a_values), np.asarray(b_values)
        rows, sa, sb = _merge(ai, bi, shape)
        x = np.zeros(rows.shape[0], av.dtype)
        y = np.zeros(rows.shape[0], av.dtype)
        x[sa >= 0] = av[sa[sa >= 0]]
        y[sb >= 0] = bv[sb[sb >= 0]]
        return rows, fn(x, y)
    return kernel


def _minmax_grad(name):
    def grad(op, *grads):  # TF 1.14 registers a one-gradient function for a two-output op
        raise TypeError(f"_SparseSparse{name}Grad() takes 2 positional arguments but 3 were "
                        "given")
    return grad


for _name, _fn in (("Minimum", np.minimum), ("Maximum", np.maximum)):
    register_op(f"SparseSparse{_name}", infer=_minmax_infer(f"SparseSparse{_name}"),
                kernel=_minmax_kernel(_fn), grad=_minmax_grad(_name))


def sparse_sparse_min_max(op_type, a_indices, a_values, a_shape, b_indices, b_values, b_shape,
                          name=None):
    """The op `SparseSparseMinimum` or `SparseSparseMaximum`: (output_indices, values)."""
    op = apply_op(op_type, [to_tensor(a_indices), to_tensor(a_values), to_tensor(a_shape),
                            to_tensor(b_indices), to_tensor(b_values), to_tensor(b_shape)],
                  None, name or op_type)
    return tuple(op.outputs)


# -- SparseSoftmax / SparseDenseCwiseAdd ----------------------------------------------------------
def _softmax_infer(inputs, attrs):
    ind, vals, shape = inputs
    _i64("SparseSoftmax", ind, "sp_indices")
    _i64("SparseSoftmax", shape, "sp_shape")
    check_dtype("SparseSoftmax", vals, (_dt.float16, _dt.float32, _dt.float64), "T")
    return [(vals.dtype.base_dtype, vals.shape)]


def _softmax_kernel(sp_indices, sp_values, sp_shape, **_):
    shape = np.asarray(sp_shape, np.int64).reshape(-1)
    if shape.size < 2:
        raise _invalid(f"Input should have rank >= 2, but received shape: "
                       f"{' '.join(map(str, shape))}")
    ind = _mat(sp_indices, shape.size)
    vals = np.asarray(sp_values)
    if not ind.shape[0]:
        return np.zeros_like(vals)
    # TF's kernel reorders a copy of the entries row-major (SparseTensor::Reorder over every
    # dimension), takes each row's softmax in that order and writes the values out in it:
    # for an unordered input the i-th value is the i-th entry's in row-major order, while
    # sparse_softmax pairs it with the input's i-th index
    order = np.lexsort(ind.T[::-1])
    rows = ind[order, :-1]
    starts = np.flatnonzero(np.r_[True, np.any(rows[1:] != rows[:-1], axis=1)])
    v = vals[order]
    sizes = np.diff(np.r_[starts, v.size])
    shifted = v - np.repeat(np.maximum.reduceat(v, starts), sizes)
    return _group_softmax(shifted, starts, sizes)


def _group_softmax(shifted, starts, sizes):
    """TF's kernel on each group (its max already subtracted): tmp = exp(group) as Eigen
    evaluates it from the group's start (float32: packets of 8, libm's expf on the rest),
    then tmp * (1 / tmp.sum()) with Eigen's sum: a multiply by the inverse, not a divide."""
    if shifted.dtype != np.float32:
        e = np.exp(shifted)
        return e * np.repeat(1 / np.add.reduceat(e, starts), sizes)
    if sizes.max() < 8:   # no whole packet: libm's expf, the sums one value at a time
        e = _eigen_math.libm_exp(shifted)
        pos = np.arange(e.size) - np.repeat(starts, sizes)   # each value's place in its group
        total = np.zeros(starts.size, np.float32)
        for j in range(int(sizes.max())):   # (np.add.reduceat does not add in this order)
            at = pos == j
            total[np.repeat(np.arange(starts.size), sizes)[at]] += e[at]
        return e * np.repeat(np.float32(1) / total, sizes)
    out = np.empty_like(shifted)
    for a, n in zip(starts.tolist(), sizes.tolist()):
        e = _eigen_math.exp(shifted[a:a + n])
        out[a:a + n] = e * (np.float32(1) / np.float32(_eigen_sum.full_sum(e)))
    return out


def _softmax_grad(op, grad):
    """TF's: (grad - sum_row(grad * softmax)) * softmax, through SparseReduceSum and
    SparseDenseCwiseAdd."""
    ind, shape = op._inputs[0], op._inputs[2]
    out = op.outputs[0]
    prod = multiply(out, grad, name="mul")   # TF's `*`
    with _scope(None, "SparseReduceSum") as scope:   # the axes converted in its scope
        red = apply("SparseReduceSum", [ind, prod, shape,
                                        to_tensor([-1], name="reduction_axes")],
                    {"keep_dims": True}, scope)
    red = negative(red)
    summed = apply("SparseDenseCwiseAdd", [ind, grad, shape, red])
    return [None, multiply(summed, out, name="mul"), None]


register_op("SparseSoftmax", infer=_softmax_infer, kernel=_softmax_kernel, grad=_softmax_grad)


def _cwise_add_infer(inputs, attrs):
    ind, vals, shape, dense = inputs
    if dense.dtype.base_dtype is not vals.dtype.base_dtype:
        raise TypeError(f"Input 'dense' of 'SparseDenseCwiseAdd' Op has type "
                        f"{dense.dtype.name} that does not match type {vals.dtype.name} of "
                        "argument 'sp_values'.")
    return [(vals.dtype.base_dtype, vals.shape)]


def _cwise_add_kernel(sp_indices, sp_values, sp_shape, dense, **_):
    shape = np.asarray(sp_shape, np.int64).reshape(-1)
    d = np.asarray(dense)
    ind = _mat(sp_indices, shape.size)
    full = np.broadcast_to(d.reshape((1,) * (shape.size - d.ndim) + d.shape), tuple(shape))
    vals = np.asarray(sp_values)
    return (vals + full[tuple(ind.T)]).astype(vals.dtype) if ind.shape[0] else vals.copy()


def _cwise_add_grad(op, grad):
    raise NotImplementedError("Gradient for SparseDenseCwiseAdd is currently not implemented "
                              "yet.")


register_op("SparseDenseCwiseAdd", infer=_cwise_add_infer, kernel=_cwise_add_kernel,
            grad=_cwise_add_grad)


def sparse_softmax(sp_indices, sp_values, sp_shape, name=None):
    """The op `SparseSoftmax`: the softmax of the values of each innermost row."""
    return apply("SparseSoftmax", [to_tensor(sp_indices), to_tensor(sp_values),
                                   to_tensor(sp_shape)], None, name or "SparseSoftmax")


def sparse_dense_cwise_add(sp_indices, sp_values, sp_shape, dense, name=None):
    """The op `SparseDenseCwiseAdd`: the values plus `dense` broadcast to the dense shape."""
    return apply("SparseDenseCwiseAdd", [to_tensor(sp_indices), to_tensor(sp_values),
                                         to_tensor(sp_shape), to_tensor(dense)], None,
                 name or "SparseDenseCwiseAdd")
