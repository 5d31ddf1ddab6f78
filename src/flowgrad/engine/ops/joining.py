"""Cutting and joining ops: Slice/Pad, Split/Concat, Unpack/Pack, Tile.

They come in adjoint pairs, each the other's gradient: Slice and Pad
(MirrorPad and MirrorPadGrad), Split(V) and ConcatV2, Unpack and Pack; Tile's
gradient sums the tiles. TF 1.14's wrappers: `concat` of one tensor is an
identity, `stack` of Python values on axis 0 is one Const, `pad` picks Pad,
PadV2 or MirrorPad from the mode and the fill value.
"""
from __future__ import annotations

import builtins

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant
from ..framework.graph import Tensor
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import no_gradient_registered, register_op
from ..framework.static_value import constant_value
from ..framework.tensor_shape import TensorShape
from ._array_util import (IntsLike, TensorLike, _as_int_input, _autopack, _dims, _dt_enum_name,
                          _fmt_shape, _has_tensor, _int_tensor, _invalid, _refined_int, _scope,
                          _static_int, refined_ints, shape_value, whole_value)
from ._base import apply, apply_op, const_value, op_input, same_type_inputs, to_tensor
from .cast import cast
from .comparison import greater_equal, less, logical_and
from .construction import fill, range
from .elementwise import add, floormod, subtract
from .prims import gather, where  # indexing is above this family (gather's gradient uses concat)
from .reductions import reduce_sum
from .shape import (expand_dims, identity, rank, reshape, shape, shape_n, size, squeeze,
                    transpose)


# -- Slice -------------------------------------------------------------------------------------
def _refined_list(t):
    """A 1-D int input's values known at build time: a constant (TF's constant_value) or
    what TF's shape refiner evaluates (concat's gradient: a row of its inputs' shapes)."""
    # (TF's input_tensor: evaluated whole, a partly known shape is unknown)
    if not t.dtype.base_dtype.is_integer:
        return _static_int(t)
    r = refined_ints(t, partial=False)
    return None if r is None or r.ndim != 1 else [int(i) for i in r]


def _partial_list(t):
    """A 1-D int input read as TF's MakeShapeFromShapeTensor reads it: per element its value,
    None where unknown or negative; None when even its length is unknown."""
    v = shape_value(t)
    if v is None:
        return None
    return [None if d is None or d < 0 else int(d) for d in v]


def _slice_infer(inputs, attrs):
    x, begin_t, size_t = inputs
    xs = _dims(x)
    dt = x.dtype.base_dtype
    for t in (begin_t, size_t):
        if t.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    # TF merges the lengths of begin and size, then gives the input that rank
    nb = begin_t.shape.as_tuple()[0] if begin_t.shape.ndims == 1 else None
    ns = size_t.shape.as_tuple()[0] if size_t.shape.ndims == 1 else None
    if nb is not None and ns is not None and nb != ns:
        raise ValueError(f"Dimension 0 in both shapes must be equal, but are {nb} and {ns}. "
                         f"Shapes are [{nb}] and [{ns}].")
    n = nb if nb is not None else ns
    if n is not None and xs is not None and len(xs) != n:
        raise ValueError(f"Shape must be rank {n} but is rank {len(xs)}")
    # TF reads begin as a partial shape (MakeShapeFromShapeTensor: a dim it cannot
    # evaluate, or -1, is unknown), size whole when it can, else as a partial shape too
    b = _partial_list(begin_t)
    s = _refined_list(size_t)
    r = len(xs) if xs is not None else n
    for v in (b, s):
        if v is not None and r is not None and len(v) != r:
            raise ValueError(f"Shape must be rank {r} but is rank {len(v)}" if xs is None else
                             f"Dimension must be {r} but is {len(v)}")
    if s is None:
        sv = _partial_list(size_t)
        if sv is not None:
            return [(dt, TensorShape(sv))]
        return [(dt, TensorShape(None if r is None else [None] * r))]
    if r is None:
        return [(dt, TensorShape([None if d == -1 else d for d in s]))]
    # Bounds are checked when the op runs, as TF does.
    out = []
    for i in builtins.range(r):
        d = None if xs is None else xs[i]
        bi = None if b is None else b[i]
        if s[i] == -1:
            # TF subtracts begin (read as a shape: -1 unknown) from the dim
            if d is not None and bi is not None and bi >= 0 and bi > d:
                raise ValueError(f"Negative dimension size caused by subtracting {bi} from {d}")
            out.append(None if d is None or bi is None or bi < 0 else d - bi)
        elif s[i] < -1:   # (TF's SliceHelper: an unknown dim's length is -1)
            raise ValueError(f"Out of bounds slicing on dimension {i} of length "
                             f"{-1 if d is None else d}: sizes vector cannot be < -1, but "
                             f"was {s[i]}")
        else:
            out.append(s[i])
    return [(dt, TensorShape(out))]


def _slice_kernel(x, begin, size):
    x = np.asarray(x)
    idx = []
    for i, (b, s) in enumerate(zip(begin, size)):
        b, s = int(b), int(s)
        d = x.shape[i]
        if s == -1:
            s = d - b
        if not (0 <= b <= d and 0 <= s and b + s <= d):
            raise _invalid(f"Expected begin[{i}] in [0, {d}], but got {b}" if not 0 <= b <= d
                           else f"Expected size[{i}] in [0, {d - b}], but got {s}")
        idx.append(builtins.slice(b, b + s))
    if len(idx) != x.ndim:
        raise _invalid(f"Expected begin and size arguments to be 1-D tensors of size {x.ndim}, "
                       f"but got shapes [{len(begin)}] and [{len(size)}] instead.")
    return x[tuple(idx)]


def _slice_grad(op, grad):
    """Pad the gradient with zeros back to the input's shape (TF 1.14's ops: Rank, Shape,
    Pack, Reshape, Sub, ConcatV2, Pad; plan-time folding computes the paddings once)."""
    x, begin, _ = op._inputs
    input_rank = rank(x)
    slice_size = shape(op.outputs[0])
    shp = stack([input_rank, 1])
    before = reshape(begin, shp)
    after = reshape(subtract(subtract(shape(x), slice_size, name="sub"), begin, name="sub"), shp)
    out = pad(grad, concat([before, after], 1))
    out.set_shape(x.shape)
    return [out, None, None]


register_op("Slice", infer=_slice_infer, kernel=_slice_kernel, grad=_slice_grad,
            aliases_input=True)


def slice(input_: TensorLike, begin: IntsLike, size: IntsLike,  # noqa: A001 - TF's name
          name: str | None = None) -> Tensor:
    """The slice of `size` starting at `begin` (a size of -1: to the end of the dim).

    Out of range: ValueError when known at build time, InvalidArgumentError at run time.

    >>> tf.Session().run(tf.slice(tf.reshape(tf.range(6), [2, 3]), [0, 1], [-1, 2]))
    array([[1, 2], [4, 5]], dtype=int32)
    """
    with _scope(name, "Slice", [input_]) as scope:
        x = op_input(input_, "input")   # TF's op_def_library: Slice/input
        b = _as_int_input(begin, "begin")
        s = _as_int_input(size, "size", b.dtype.base_dtype, op="Slice", fixed=True)
        if s.dtype.base_dtype is not b.dtype.base_dtype:
            raise TypeError(f"Input 'size' of 'Slice' Op has type {s.dtype.base_dtype.name} "
                            f"that does not match type {b.dtype.base_dtype.name} of argument "
                            "'begin'.")
        return apply("Slice", [x, b, s], None, scope)


# -- Pad / PadV2 / MirrorPad / MirrorPadGrad ----------------------------------------------------
def _pad_infer_common(x, p_t, mode=None):
    xs = _dims(x)
    ps = p_t.shape.as_tuple()
    if ps is not None:
        if len(ps) != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {len(ps)}")
        if ps[1] is not None and ps[1] != 2:   # TF checks the columns first
            raise ValueError(f"Dimension must be 2 but is {ps[1]}")
        if xs is not None and ps[0] is not None and ps[0] != len(xs):
            raise ValueError(f"Shape must be rank {ps[0]} but is rank {len(xs)}")
    pv = const_value(p_t)
    if pv is None:   # TF's shape refiner evaluates the paddings' constant subgraph
        pv = refined_ints(p_t)
    r = len(xs) if xs is not None else (ps[0] if ps is not None else None)
    if pv is None:
        return TensorShape(None if r is None else [None] * r)
    pv = np.asarray(pv).reshape(-1, 2)
    if np.any(pv < 0):
        raise ValueError("Paddings must be non-negative")
    if xs is None:
        return TensorShape([None] * len(pv))
    out = []
    for i, (d, (a, b)) in enumerate(zip(xs, pv)):
        out.append(None if d is None else d + int(a) + int(b))
    return TensorShape(out)


def _pad_infer(inputs, attrs):
    x, p = inputs[0], inputs[1]
    if len(inputs) == 3:
        c = inputs[2]   # (its rank: the kernel's check, as TF)
        if c.dtype.base_dtype is not x.dtype.base_dtype:
            raise TypeError(f"Input 'constant_values' of 'PadV2' Op has type {c.dtype.name} "
                            f"that does not match type {x.dtype.name} of argument 'input'.")
    return [(x.dtype.base_dtype, _pad_infer_common(x, p))]


def _check_paddings(x, paddings):
    p = np.asarray(paddings).reshape(-1, 2) if np.size(paddings) else np.zeros((0, 2), np.int64)
    if p.shape[0] != np.ndim(x):
        raise _invalid(f"The first dimension of paddings must be the rank of inputs"
                       f"{_fmt_shape(list(np.shape(paddings)))} {_fmt_shape(np.shape(x))}")
    bad = np.flatnonzero((p < 0).any(axis=1))
    if bad.size:  # TF names the first offending dimension's (before, after)
        a, b = p[bad[0]]
        raise _invalid(f"Paddings must be non-negative: {int(a)} {int(b)}")
    return [(int(a), int(b)) for a, b in p]


def _pad_kernel(x, paddings, constant_values=0):
    x = np.asarray(x)
    p = _check_paddings(x, paddings)
    if np.ndim(constant_values) != 0:
        raise _invalid("constant_values must be a scalar. Found: "
                       f"{_fmt_shape(np.shape(constant_values))}")
    if x.ndim == 0:
        return x.copy()
    out = np.full(tuple(d + a + b for d, (a, b) in zip(x.shape, p)), constant_values,
                  dtype=x.dtype)
    out[tuple(builtins.slice(a, a + d) for d, (a, _) in zip(x.shape, p))] = x
    return out


def _pad_grad(op, grad):
    """Slice the gradient back out of the padding (TF 1.14's ops)."""
    x, p = op._inputs[0], op._inputs[1]
    pad_before = slice(p, [0, 0], stack([rank(x), 1]))
    begin = reshape(pad_before, [-1])
    gx = slice(grad, begin, shape(x))
    gx.set_shape(x.shape)
    return [gx, None] + ([None] if len(op._inputs) == 3 else [])


register_op("Pad", infer=_pad_infer, kernel=_pad_kernel, grad=_pad_grad)
register_op("PadV2", infer=_pad_infer, kernel=_pad_kernel, grad=_pad_grad)


def _mirror_pad_infer(inputs, attrs):
    x, p = inputs
    return [(x.dtype.base_dtype, _pad_infer_common(x, p, attrs["mode"]))]


def _mirror_pad_kernel(x, paddings, mode="REFLECT", **_):
    x = np.asarray(x)
    p = _check_paddings(x, paddings)
    off = 0 if mode == "SYMMETRIC" else 1
    for i, (d, (a, b)) in enumerate(zip(x.shape, p)):
        if a > d - off or b > d - off:
            raise _invalid(f"paddings must be less than the dimension size: {a}, {b} not less "
                           f"than {d}" if off else
                           f"paddings must be no greater than the dimension size: {a}, {b} "
                           f"greater than {d}")
    return np.pad(x, p, mode="symmetric" if mode == "SYMMETRIC" else "reflect")


def _mirror_pad_grad_kernel(g, paddings, mode="REFLECT", **_):
    g = np.asarray(g)
    p = [(int(a), int(b)) for a, b in np.asarray(paddings).reshape(-1, 2)]
    off = 0 if mode == "SYMMETRIC" else 1
    out = g
    for ax, (a, b) in enumerate(p):
        n = out.shape[ax] - a - b

        def sl(lo, hi, step=None, _ax=ax):
            idx = [builtins.slice(None)] * out.ndim
            idx[_ax] = builtins.slice(lo, hi, step)
            return tuple(idx)
        res = np.array(out[sl(a, a + n)], copy=True)
        if a:
            res[sl(off, off + a)] += out[sl(0, a)][sl(None, None, -1)]
        if b:
            res[sl(n - off - b, n - off)] += out[sl(a + n, a + n + b)][sl(None, None, -1)]
        out = res
    return out if out is not g else g.copy()


def _mirror_pad_grad(op, grad):
    """Fold the mirrored borders back onto the input (MirrorPadGrad)."""
    return [apply("MirrorPadGrad", [to_tensor(grad), op._inputs[1]],
                  {"mode": op._get_attr("mode")}), None]


def _mirror_pad_grad_infer(inputs, attrs):
    g, p = inputs
    gs = _dims(g)
    pv = whole_value(p)   # TF's input_tensor: the paddings' constant subgraph, evaluated whole
    if gs is None or pv is None:
        return [(g.dtype.base_dtype, TensorShape(None if gs is None else [None] * len(gs)))]
    pv = np.asarray(pv).reshape(-1, 2)
    return [(g.dtype.base_dtype, TensorShape([None if d is None else d - int(a) - int(b)
                                              for d, (a, b) in zip(gs, pv)]))]


def _mirror_pad_grad_grad(op, grad):
    """MirrorPadGrad is linear; its adjoint is MirrorPad."""
    return [apply("MirrorPad", [to_tensor(grad), op._inputs[1]], {"mode": op._get_attr("mode")}),
            None]


register_op("MirrorPad", infer=_mirror_pad_infer, kernel=_mirror_pad_kernel,
            grad=_mirror_pad_grad)
register_op("MirrorPadGrad", infer=_mirror_pad_grad_infer, kernel=_mirror_pad_grad_kernel,
            grad=_mirror_pad_grad_grad)


def pad(tensor: TensorLike, paddings: IntsLike, mode: str = "CONSTANT",  # noqa: A002
        name: str | None = None, constant_values: TensorLike = 0) -> Tensor:
    """Pads `tensor` with paddings[i] = [before, after] along each dimension i.

    `mode` (any case): "CONSTANT" with `constant_values` (ops Pad, PadV2),
    "REFLECT" or "SYMMETRIC" (op MirrorPad). `paddings` is an [R, 2] int list
    or tensor.

    >>> tf.Session().run(tf.pad([[1, 2]], [[1, 0], [0, 1]]))
    array([[0, 0, 0], [1, 2, 0]], dtype=int32)
    """
    return _restore_pad_shape(_pad(tensor, paddings, mode, name, constant_values))


def _restore_pad_shape(result):
    """TF 1.14's tf.pad after its op: the dims whose paddings are known from the partial
    static value of the paddings (a packed [[0, n], [0, 0]] keeps the second dim)."""
    paddings = constant_value(result.op._inputs[1], partial=True)
    dims = result.op._inputs[0].shape.as_tuple()
    if dims is None or result.shape.is_fully_defined() or paddings is None:
        return result
    new = []
    for padding, d in zip(paddings, dims):
        if padding is None or d is None or any(v is None for v in padding):
            new.append(None)
        else:
            new.append(int(sum(padding)) + d)
    result.set_shape(new)
    return result


def _pad(tensor, paddings, mode, name, constant_values):
    mode = mode.upper()

    def _input():   # converted in the op's scope, as TF's op_def_library: Pad/input
        return op_input(tensor, "input")

    def _paddings():
        if isinstance(paddings, Tensor):
            return paddings
        if _has_tensor(paddings):
            return _as_int_input(paddings, "paddings")
        if np.size(paddings) and np.asarray(paddings).dtype.kind not in "iu" and \
                not isinstance(paddings, np.ndarray):
            return _int_tensor(paddings, "paddings", op="Pad")   # TF's error for floats
        return _int_tensor(np.asarray(paddings) if np.size(paddings) else
                           np.zeros((0, 2), np.int32), "paddings")
    if mode == "CONSTANT":
        if not isinstance(constant_values, Tensor) and np.all(np.asarray(constant_values) == 0):
            with _scope(name, "Pad", [tensor]) as scope:
                return apply("Pad", [_input(), _paddings()], None, scope)
        with _scope(name, "PadV2", [tensor]) as scope:
            x = _input()
            p = _paddings()
            c = to_tensor(constant_values, dtype=x.dtype.base_dtype, name="constant_values") \
                if not isinstance(constant_values, Tensor) else constant_values
            return apply("PadV2", [x, p, c], None, scope)
    if mode not in ("REFLECT", "SYMMETRIC"):
        raise ValueError(f"Unknown padding mode: {mode}")
    with _scope(name, "MirrorPad", [tensor]) as scope:
        return apply("MirrorPad", [_input(), _paddings()], {"mode": mode}, scope)


# -- ConcatV2 / ConcatOffset ------------------------------------------------------------------
def _concat_infer(inputs, attrs):
    values, axis_t = inputs[:-1], inputs[-1]
    if axis_t.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {axis_t.shape.ndims}")
    dt = values[0].dtype.base_dtype
    for i, v in enumerate(values[1:], 1):
        if v.dtype.base_dtype is not dt:
            raise TypeError(f"Tensors in list passed to 'values' of 'ConcatV2' Op have types "
                            f"[{', '.join(t.dtype.base_dtype.name for t in values)}] that don't "
                            "all match.")
    axis = _refined_int(axis_t)
    ranks = [v.shape.ndims for v in values]
    known = [r for r in ranks if r is not None]
    for r in known:
        if r != known[0]:
            raise ValueError(f"Shape must be rank {known[0]} but is rank {r}")
    if not known:
        return [(dt, TensorShape(None))]
    r = known[0]
    if r == 0:
        raise ValueError("Can't concatenate scalars (use tf.stack instead)")
    if axis is None:
        return [(dt, TensorShape([None] * r))]  # as TF: any dim may be the axis
    if not -r <= axis < r:
        need = axis + 1 if axis >= 0 else -axis
        raise ValueError(f"Shape must be at least rank {need} but is rank {r}")
    ax = axis % r
    out = [None] * r
    total = 0
    merged = None
    for v in values:
        vs = v.shape.as_tuple()
        if vs is None:
            total = None
            continue
        total = None if total is None or vs[ax] is None else total + vs[ax]
        rest = list(vs[:ax]) + list(vs[ax + 1:])
        if merged is not None:
            for i, (a, b) in enumerate(zip(merged, rest)):
                if a is not None and b is not None and a != b:
                    raise ValueError(f"Dimension {i} in both shapes must be equal, but are {a} "
                                     f"and {b}. Shapes are {_fmt_shape(merged)} and "
                                     f"{_fmt_shape(rest)}.")
            merged = [a if a is not None else b for a, b in zip(merged, rest)]
        else:
            merged = rest
    for i, d in enumerate(merged):
        out[i if i < ax else i + 1] = d
    out[ax] = total
    return [(dt, TensorShape(out))]


def _concat_kernel(*args, **_):
    values, axis = args[:-1], int(args[-1])
    r = np.ndim(values[0])
    if not -r <= axis < r:
        raise _invalid(f"ConcatOp : Expected concatenating dimensions in the range [{-r}, {r}), "
                       f"but got {axis}")
    ax = axis % r
    s0 = np.shape(values[0])
    for i, v in enumerate(values[1:], 1):
        sv = np.shape(v)
        if len(sv) != r:
            raise _invalid(f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                           f"{_fmt_shape(s0)} vs. shape[{i}] = {_fmt_shape(sv)}")
        if s0[:ax] + s0[ax + 1:] != sv[:ax] + sv[ax + 1:]:
            raise _invalid(f"ConcatOp : Dimensions of inputs should match: shape[0] = "
                           f"{_fmt_shape(s0)} vs. shape[{i}] = {_fmt_shape(sv)}")
    return np.concatenate(values, axis=ax)


def _concat_grad(op, grad):
    """Slices of the gradient, one per input, at the input's offset along the axis."""
    return _concat_value_grads(op._inputs[:-1], op._inputs[-1], grad) + [None]


def _concat_value_grads(values, axis_t, grad):
    """TF 1.14's _ConcatGradHelper: the gradients of the concatenated values."""
    n = len(values)
    if isinstance(grad, IndexedSlices):
        return _concat_grad_sparse(values, axis_t, grad)
    if n == 1:
        return [grad]
    # TF 1.14's _ConcatGradHelper: the axis mod the rank, each input's shape (ShapeN once
    # one is not a constant), then ConcatOffset and a Slice per input (a split above 16)
    non_neg = floormod(axis_t, rank(values[0]), name="mod")
    sizes = []
    for v in values:
        sv = shape(v)
        if sv.op.type != "Const":
            sizes = shape_n(values)
            break
        sizes.append(sv)
    if n > 16:
        sz = squeeze(slice(stack(sizes, axis=1), [non_neg, 0], [1, -1]))
        return list(split(grad, sz, non_neg))
    offsets = apply_op("ConcatOffset", [non_neg] + list(sizes), {"N": n}).outputs
    return [slice(grad, offsets[i], sizes[i]) for i in builtins.range(n)]


def _concat_grad_sparse(values, axis_t, grad):
    """TF 1.14's rule for an IndexedSlices gradient, op for op: the axis mod the rank, the
    axis read with tensor_util.constant_value; IndexedSlices per input. Along axis 0 each
    input keeps the rows in its range (re-based); along another axis every input keeps all
    rows with its columns of the values (a mask and begin made with Fill, as
    _CreateDenseMaskAndBegin)."""
    non_neg = floormod(axis_t, rank(values[0]), name="mod")
    axis = constant_value(axis_t)
    if axis is None:
        raise ValueError("Can only compute IndexedSlices gradient with statically-known "
                         "concat_dim")
    axis = int(axis)
    if axis < 0:
        r = constant_value(rank(values[0]))
        if r is None:
            raise ValueError("Can only compute IndexedSlices gradient with negative concat_dim "
                             "when first value rank is statically-known.")
        axis %= int(r)
    sizes = [shape(v) for v in values]
    out = []
    if axis > 0:
        shape_of_shape = shape(sizes[0])
        mask = concat([fill(expand_dims(non_neg, 0), 0), [1],
                       fill(shape_of_shape - non_neg - 1, 0)], 0)
        begin = fill(shape_of_shape, 0)
        for s in sizes:
            new_values = slice(grad.values, begin, concat([[-1], slice(s, [1], [-1])], 0))
            out.append(IndexedSlices(new_values, grad.indices, s))
            begin = add(begin, s * mask)
        return out
    idx_dt = grad.indices.dtype.base_dtype
    start = constant(0, dtype=idx_dt)
    for s in sizes:
        size0 = gather(s, non_neg)
        if size0.dtype.base_dtype is not idx_dt:
            size0 = cast(size0, idx_dt)
        end = start + size0
        sel = squeeze(where(logical_and(greater_equal(grad.indices, start),
                                        less(grad.indices, end))), axis=[1])
        new_indices = gather(grad.indices, sel) - start
        new_values = gather(grad.values, sel)
        out.append(IndexedSlices(new_values, new_indices, s))
        start = end
    return out


register_op("ConcatV2", infer=_concat_infer, kernel=_concat_kernel, grad=_concat_grad)

# Concat: ConcatV2 with the axis (`concat_dim`) as its first input, TF's first concat
register_op("Concat", infer=lambda inputs, attrs: _concat_infer(inputs[1:] + inputs[:1], attrs),
            kernel=lambda axis, *values, **_: _concat_kernel(*values, axis),
            grad=lambda op, grad: [None] + _concat_value_grads(op._inputs[1:], op._inputs[0], grad))


def _concat_offset_kernel(axis, *shapes, **_):
    shapes = np.stack([np.asarray(s) for s in shapes])
    ax = int(axis) % shapes.shape[1]
    sizes = shapes[:, ax]
    out = np.zeros_like(shapes)
    out[:, ax] = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    res = tuple(out)
    return res if len(res) > 1 else res[0]


register_op("ConcatOffset",
            infer=lambda ins, a: [(t.dtype.base_dtype, t.shape) for t in ins[1:]],
            kernel=_concat_offset_kernel, grad=None)


def concat(values: list, axis: int | Tensor, name: str = "concat") -> Tensor:
    """Concatenates tensors of one dtype and rank along `axis` (negative counts from the end).

    ValueError if ranks or dimensions outside `axis` differ, or axis is out of range.

    >>> tf.Session().run(tf.concat([[[1, 2]], [[3, 4]]], 0))
    array([[1, 2], [3, 4]], dtype=int32)
    """
    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        with _scope(name, "concat", [v for v in values if isinstance(v, Tensor)]) as scope:
            ax = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32,
                                                                   name="concat_dim")
            if ax.shape.ndims not in (None, 0):
                raise ValueError(f"Shapes {ax.shape} and () are incompatible")
            return identity(values[0], name=scope)
    tensors = [v for v in values if isinstance(v, Tensor)]
    with _scope(name, "concat", tensors) as scope:
        values = _convert_in_order(values)
        try:
            vals = same_type_inputs("ConcatV2", list(values),
                                    [f"values_{i}" for i in builtins.range(len(values))],
                                    list_input=True)
        except TypeError:
            if any(v is None for v in values):
                raise
            vals = [to_tensor(v) for v in values]
            if len({v.dtype.base_dtype for v in vals}) > 1:
                # TF's op wrapper checks the values before it converts the axis
                raise TypeError(
                    "Tensors in list passed to 'values' of 'ConcatV2' Op have types "
                    f"[{', '.join(v.dtype.base_dtype.name for v in vals)}] that don't all "
                    "match.") from None
        ax = axis if isinstance(axis, Tensor) else _int_tensor(axis, "axis", op="ConcatV2")
        return apply("ConcatV2", vals + [ax], {"N": len(vals)}, scope)


def _convert_in_order(values):
    """TF's op wrapper converts a list input's values one after the other (auto-packing a
    list holding tensors, values_i), each to the dtype of the first Tensor among them: the
    Packs and Consts of concat([x, [n], [1]], 0) are created in the values' order. A value
    that does not convert to that dtype is left for the type check's error."""
    first = next((v.dtype.base_dtype for v in values if isinstance(v, Tensor)), None)
    out = []
    for i, v in enumerate(values):
        if isinstance(v, (list, tuple)) and _has_tensor(v):
            v = _autopack(list(v), None, f"values_{i}")
        elif first is not None and not isinstance(v, Tensor):
            try:
                v = to_tensor(v, dtype=first, name=f"values_{i}")
            except (TypeError, ValueError):
                pass
        out.append(v)
    return out


# -- Pack / Unpack (stack / unstack) ------------------------------------------------------------
def _pack_infer(inputs, attrs):
    dt = inputs[0].dtype.base_dtype
    for v in inputs[1:]:
        if v.dtype.base_dtype is not dt:
            raise TypeError(f"Tensors in list passed to 'values' of 'Pack' Op have types "
                            f"[{', '.join(t.dtype.base_dtype.name for t in inputs)}] that don't "
                            "all match.")
    merged = inputs[0].shape
    for i, v in enumerate(inputs[1:], 1):
        if merged.ndims is not None and v.shape.ndims is not None and \
                merged.ndims != v.shape.ndims:
            raise ValueError(f"Shapes must be equal rank, but are {merged.ndims} and "
                             f"{v.shape.ndims}\n\tFrom merging shape 0 with other shapes.")
        if not merged.is_compatible_with(v.shape):
            a_, b_ = merged.as_tuple(), v.shape.as_tuple()
            i = next(j for j, (p_, q_) in enumerate(zip(a_, b_))
                     if p_ is not None and q_ is not None and p_ != q_)
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {a_[i]} and "
                             f"{b_[i]}. Shapes are {_fmt_shape(a_)} and {_fmt_shape(b_)}.\n"
                             "\tFrom merging shape 0 with other shapes.")
        merged = merged.merge_with(v.shape)
    axis = attrs["axis"]
    if merged.ndims is None:
        return [(dt, TensorShape(None))]
    r = merged.ndims + 1
    if not -r <= axis < r:
        raise ValueError(f"Invalid axis: {axis}; must be in [{-r},{r})")
    ax = axis % r
    dims = list(merged.as_tuple())
    return [(dt, TensorShape(dims[:ax] + [len(inputs)] + dims[ax:]))]


def _pack_kernel(*xs, axis=0, **_):
    s0 = np.shape(xs[0])
    r = len(s0) + 1
    if not -r <= axis < r:
        raise _invalid(f"axis = {axis} not in [{-r}, {r})")
    for i, x in enumerate(xs[1:], 1):
        if np.shape(x) != s0:
            raise _invalid(f"Shapes of all inputs must match: values[0].shape = {_fmt_shape(s0)}"
                           f" != values[{i}].shape = {_fmt_shape(np.shape(x))}")
    return np.stack(xs, axis=axis)


def _pack_grad(op, grad):
    """Unstack the gradient along the packing axis."""
    return unstack(grad, num=len(op._inputs), axis=op._get_attr("axis"))


register_op("Pack", infer=_pack_infer, kernel=_pack_kernel, grad=_pack_grad)


def stack(values: list, axis: int = 0, name: str = "stack") -> Tensor:
    """Stacks rank-R tensors of one shape into one rank-(R+1) tensor along a new `axis`.

    Python/NumPy values stacked on axis 0 give one Const, as in TF.

    >>> tf.stack([tf.zeros([2]), tf.ones([2])], axis=1).shape.as_list()
    [2, 2]
    """
    if axis == 0 and (isinstance(values, Tensor) or hasattr(values, "_as_graph_element")):
        return to_tensor(values, name=name)   # TF's convert_to_tensor(values): a variable read
    if axis == 0 and not isinstance(values, (list, tuple)) and np.ndim(values) == 0:
        return constant(values, name=name)   # a Python or NumPy scalar: TF's Const
    plain = not _has_tensor(values) and not builtins.any(
        hasattr(v, "_as_graph_element") for v in values)
    if axis == 0 and plain:
        try:
            return constant(values, name=name)
        except (TypeError, ValueError):
            pass   # TF: a list of arrays is not one dense value; Pack them (below)
    elif axis == 0 and not any(v is None for v in values):
        try:
            return _autopack(list(values), None, name)
        except (TypeError, ValueError):
            pass   # TF: then Pack's own error (below), under the next name (`stack_1`)
    tensors = [v for v in values if isinstance(v, Tensor)]
    # TF converts the first value for its shape under the name (a Const `stack`, the
    # Pack then `stack_1`)
    first = values[0] if isinstance(values[0], Tensor) else to_tensor(values[0], name=name)
    if first.shape.ndims is not None:
        r = first.shape.ndims + 1
        if axis < -r or axis >= r:
            raise ValueError(f"axis = {int(axis)} not in [{-r}, {r})")   # (TF's %d)
    with _scope(name, "stack", tensors) as scope:
        vals = same_type_inputs("Pack", list(values),
                                [f"values_{i}" for i in builtins.range(len(values))],
                                list_input=True)
        # the attr as TF's _MakeInt makes it (axis=1.0 from `n / 2` is 1)
        return apply("Pack", vals, {"axis": int(axis), "N": len(vals)}, scope)


def _unpack_infer(inputs, attrs):
    x = inputs[0]
    xs = _dims(x)
    num, axis = attrs["num"], attrs["axis"]
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape(None))] * num
    r = len(xs)
    if not -r <= axis < r:
        raise ValueError(f"Invalid axis: {axis}; must be in [{-r},{r})")
    ax = axis % r
    if xs[ax] is not None and xs[ax] != num:
        raise ValueError(f"Dimension must be {num} but is {xs[ax]}")
    out = TensorShape(list(xs[:ax]) + list(xs[ax + 1:]))
    return [(x.dtype.base_dtype, out)] * num


def _unpack_kernel(x, num=None, axis=0, **_):
    x = np.asarray(x)
    if x.shape[axis] != num:
        raise _invalid(f"Input shape axis {axis % x.ndim} must equal {num}, got shape "
                       f"{_fmt_shape(x.shape)}")
    # Copies: the runtime tracks view aliasing for output 0 only.
    moved = np.moveaxis(x, axis, 0)
    out = tuple(np.array(p) for p in moved)
    return out if num != 1 else out[0]


def _unpack_grad(op, *grads):
    """Stack the output gradients back along the axis."""
    return [stack(list(grads), axis=op._get_attr("axis"))]


register_op("Unpack", infer=_unpack_infer, kernel=_unpack_kernel, grad=_unpack_grad)


def unstack(value: TensorLike, num: int | None = None, axis: int = 0,
            name: str = "unstack") -> list:
    """Splits `value` along `axis` into `num` rank-(R-1) tensors (num: from the static shape).

    >>> a, b = tf.unstack(tf.zeros([2, 3]))
    >>> b.shape.as_list()
    [3]
    """
    x = to_tensor(value)
    if num is None:
        xs = _dims(x)
        if xs is None:
            raise ValueError(f"Cannot infer num from shape {x.shape}")
        r = len(xs)
        if not -r <= axis < r:
            raise ValueError(f"axis = {int(axis)} not in [{-r}, {r})")   # (TF's %d)
        num = x.shape[axis].value   # (a float axis: TF's list-index TypeError)
        if num is None:
            raise ValueError(f"Cannot infer num from shape {x.shape}")
    op = apply_op("Unpack", [x], {"num": num, "axis": axis}, name or "unstack")
    return list(op.outputs)


# -- Split / SplitV ---------------------------------------------------------------------------
def _split_infer(inputs, attrs):
    axis_t, x = inputs
    n = attrs["num_split"]
    xs = _dims(x)
    axis = _refined_int(axis_t)
    dt = x.dtype.base_dtype
    if xs is None:
        return [(dt, TensorShape(None))] * n
    if axis is None:
        return [(dt, TensorShape([None] * len(xs)))] * n
    r = len(xs)
    if not -r <= axis < r:
        raise ValueError(f"Dimension size, given by scalar input {axis} must be in range "
                         f"[-{r}, {r})" if r else "Split dimension must be less than input rank")
    ax = axis % r
    d = xs[ax]
    if d is not None and d % n:
        raise ValueError(f"Dimension size must be evenly divisible by {n} but is {d}\n"
                         "\tNumber of ways to split should evenly divide the split dimension")
    out = list(xs)
    out[ax] = None if d is None else d // n
    return [(dt, TensorShape(out))] * n


def _split_kernel(axis, x, num_split=1, **_):
    x = np.asarray(x)
    ax = int(axis)
    if not -x.ndim <= ax < x.ndim:
        raise _invalid(f"-input rank(-{x.ndim}) <= split_dim < input rank ({x.ndim}), but got "
                       f"{ax}")
    ax %= x.ndim
    if x.shape[ax] % num_split:
        raise _invalid(f"Number of ways to split should evenly divide the split dimension, but "
                       f"got split_dim {ax} (size = {x.shape[ax]}) and num_split {num_split}")
    out = tuple(np.array(p) for p in np.split(x, num_split, axis=ax))
    return out if num_split > 1 else out[0]


def _split_grad(op, *grads):
    """Concatenate the output gradients."""
    return [None, concat(list(grads), op._inputs[0])]


register_op("Split", infer=_split_infer, kernel=_split_kernel, grad=_split_grad)


def _splitv_infer(inputs, attrs):
    x, sizes_t, axis_t = inputs
    n = attrs["num_split"]
    xs = _dims(x)
    dt = x.dtype.base_dtype
    axis = _refined_int(axis_t)
    sizes = _refined_list(sizes_t)
    if xs is None:
        return [(dt, TensorShape(None))] * n
    if axis is None:
        return [(dt, TensorShape([None] * len(xs)))] * n
    r = len(xs)
    if not -r <= axis < r:
        raise ValueError(f"Dimension size, given by scalar input {axis} must be in range "
                         f"[-{r}, {r})")
    ax = axis % r
    if sizes is None:
        return [(dt, TensorShape([None if i == ax else d for i, d in enumerate(xs)]))] * n
    if len(sizes) != n:
        raise ValueError("Length of size_splits should be equal to num_outputs")
    d = xs[ax]
    if sizes.count(-1) > 1:
        raise ValueError("size_splits can only have one -1")
    known = builtins.sum(s for s in sizes if s != -1)
    if d is not None:
        if (-1 not in sizes and known != d) or (-1 in sizes and known > d):
            raise ValueError(f"can't split axis of size {d} into pieces of size "
                             f"{_fmt_shape(sizes)}")
        sizes = [d - known if s == -1 else s for s in sizes]
    outs = []
    for s in sizes:
        o = list(xs)
        o[ax] = None if s == -1 else s
        outs.append((dt, TensorShape(o)))
    return outs


def _splitv_kernel(x, sizes, axis, num_split=1, **_):
    x = np.asarray(x)
    ax = int(axis) % x.ndim
    sizes = [int(s) for s in sizes]
    d = x.shape[ax]
    known = builtins.sum(s for s in sizes if s != -1)
    if (-1 not in sizes and known != d) or (-1 in sizes and known > d):
        raise _invalid("Determined shape must either match input shape along split_dim exactly "
                       "if fully specified, or be less than the size of the input along "
                       f"split_dim if not fully specified.  Got: {known}")
    sizes = [d - known if s == -1 else s for s in sizes]
    cuts = np.cumsum(sizes)[:-1]
    out = tuple(np.array(p) for p in np.split(x, cuts, axis=ax))
    return out if num_split > 1 else out[0]


def _splitv_grad(op, *grads):
    """Concatenate the output gradients."""
    return [concat(list(grads), op._inputs[2]), None, None]


register_op("SplitV", infer=_splitv_infer, kernel=_splitv_kernel, grad=_splitv_grad)


def split(value: TensorLike, num_or_size_splits: IntsLike, axis: int | Tensor = 0,
          num: int | None = None, name: str = "split") -> list:
    """Splits `value` along `axis` into equal parts (an int: op Split) or parts of given sizes.

    Sizes (op SplitV) are a list or 1-D tensor, one of which may be -1; `num`
    gives the number of outputs when it cannot be read from their shape.

    >>> a, b = tf.split(tf.zeros([4, 6]), [2, -1], axis=1)
    >>> b.shape.as_list()
    [4, 4]
    """
    is_int = isinstance(num_or_size_splits, (int, np.integer)) and not isinstance(
        num_or_size_splits, bool)
    if isinstance(num_or_size_splits, (float, np.floating)):
        # (converted to a float32 scalar by TF before its rank is checked)
        raise ValueError("Rank-0 tensors are not supported as the num_or_size_splits "
                         f"argument to split. Argument provided: {num_or_size_splits}")
    if not isinstance(num_or_size_splits, Tensor):
        size_splits = _as_int_input(num_or_size_splits, "Const", op="SplitV",
                                    param="size_splits")
    else:
        size_splits = num_or_size_splits
    if is_int:
        with _scope(name, "split", [value]) as scope:
            ax = axis if isinstance(axis, Tensor) else _int_tensor(axis, "split_dim",
                                                                   op="Split", fixed=True)
            x = to_tensor(value, name="value")   # after split_dim, as TF's op helper
            n = int(num_or_size_splits)
            if n < 1:
                raise ValueError(f"Attr 'num_split' of 'Split' Op passed {n} less than minimum 1.")
            op = apply_op("Split", [ax, x], {"num_split": n}, scope)
            return list(op.outputs)
    if num is None:
        ss = size_splits.shape.as_tuple()
        if ss:
            num = ss[0]
        if num is None:
            raise ValueError(f"Cannot infer num from shape {num_or_size_splits}")
    with _scope(name, "split", [value]) as scope:
        x = to_tensor(value, name="value")   # first, as TF's op helper
        ax = axis if isinstance(axis, Tensor) else _int_tensor(axis, "split_dim")
        op = apply_op("SplitV", [x, size_splits, ax], {"num_split": num}, scope)
        return list(op.outputs)


# -- Tile ----------------------------------------------------------------------------------
def _tile_infer(inputs, attrs):
    x, m_t = inputs
    xs = _dims(x)
    if m_t.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {m_t.shape.ndims}")
    m = None if m_t.dtype.base_dtype.is_integer else _static_int(m_t)
    if m is None:      # as TF's shape refiner: multiples from small int arithmetic
        known = refined_ints(m_t)
        m = None if known is None or known.ndim != 1 else [int(k) for k in known]
    mn = m_t.shape.as_tuple()
    if xs is not None and mn is not None and mn[0] is not None and mn[0] != len(xs):
        raise ValueError(f"Shape must be rank {len(xs)} but is rank {mn[0]}")
    if m is None and xs is not None:
        # TF's MakeShapeFromShapeTensor: the multiples it knows ([tf.shape(x)[0], 1])
        m = shape_value(m_t)
        m = m if m is not None and len(m) == len(xs) else None
    if m is None:
        r = len(xs) if xs is not None else (mn[0] if mn is not None else None)
        return [(x.dtype.base_dtype, TensorShape(None if r is None else [None] * r))]
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape([None] * len(m)))]
    # TF reads the multiples as a shape: -1 is an unknown multiple
    return [(x.dtype.base_dtype, TensorShape([_multiply_dims(d, None if k is None or k < 0
                                                             else k)
                                              for d, k in zip(xs, m)]))]


def _multiply_dims(a, b):
    """TF's InferenceContext::Multiply: 0 and 1 decide before an unknown dimension does."""
    if a == 0 or b == 0:
        return 0
    if a == 1:
        return b
    if b == 1:
        return a
    return None if a is None or b is None else a * b


def _tile_kernel(x, multiples):
    x = np.asarray(x)
    m = tuple(int(k) for k in multiples)
    if len(m) != x.ndim:
        raise _invalid(f"Expected multiples argument to be a vector of length {x.ndim} but got "
                       f"length {len(m)}")
    for i, k in enumerate(m):
        if k < 0:
            raise _invalid(f"Expected multiples[{i}] >= 0, but got {k}")
    return np.tile(x, m) if x.ndim else x.copy()


def _tile_grad(op, grad):
    """Reshape to [m0, d0, m1, d1, ...] and sum over the multiples' axes (TF 1.14's ops)."""
    x, m_t = op._inputs
    x_shape = shape(x)
    split_shape = reshape(transpose(stack([m_t, x_shape])), [-1])
    axes = range(0, size(split_shape), 2)
    grad = to_tensor(grad)  # an IndexedSlices gradient is densified
    out = reduce_sum(reshape(grad, split_shape), axes)
    out.set_shape(x.shape)
    return [out, None]


register_op("Tile", infer=_tile_infer, kernel=_tile_kernel, grad=_tile_grad)


# TileGrad (Tile's gradient before version 3, from old GraphDefs): TF 1.14 registers its CPU
# kernel with a constraint on a `Tmultiples` attr the op does not have, so creating the
# kernel fails and every run holding the op does (no shape function: unknown; no gradient)
def _tile_grad_v0_bind(node, ctx):
    def fail(input, multiples):  # noqa: A002 - TF's input names
        raise errors.InvalidArgumentError(
            None, node.op, "OpKernel 'TileGrad' has constraint on attr 'Tmultiples' not in "
            f"NodeDef '[T={_dt_enum_name(node.op._inputs[0].dtype.base_dtype)}]', KernelDef: "
            "'op: \"TileGrad\" device_type: \"CPU\" constraint { name: \"Tmultiples\" "
            "allowed_values { list { type: DT_INT64 } } } host_memory_arg: \"multiples\"'")
    return fail


register_op("TileGrad", infer=lambda inputs, attrs: [(inputs[0].dtype.base_dtype,
                                                      TensorShape(None))],
            bind=_tile_grad_v0_bind, grad=no_gradient_registered)


def tile(input: TensorLike, multiples: IntsLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Repeats `input` multiples[i] times along dimension i.

    >>> tf.Session().run(tf.tile([[1, 2]], [2, 2]))
    array([[1, 2, 1, 2], [1, 2, 1, 2]], dtype=int32)
    """
    with _scope(name, "Tile", [input]) as scope:
        x = op_input(input, "input")   # TF's op_def_library: Tile/input
        m = _as_int_input(multiples, "multiples", op="Tile")
        return apply("Tile", [x, m], None, scope)
