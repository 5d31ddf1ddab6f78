"""Shape ops: identities, shape queries, reshapes, transposes and broadcasts.

Identity, Reshape, ExpandDims, Squeeze, Transpose and BroadcastTo return views
of their input (`aliases_input`); the shape-only ones (Reshape, ExpandDims,
Squeeze) share one gradient: reshape back to the input's shape. Shape, ShapeN,
Size and Rank have no gradient; their wrappers return a Const when the static
shape answers the question, as TF 1.14 does.
"""
from __future__ import annotations

import builtins
import math
import warnings

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant
from ..framework.graph import Tensor, name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import (DTypeLike, IntsLike, TensorLike, _as_int_input, _check_out_type, _dims,
                          _fmt_shape, _int_tensor, _invalid, _known_ints, _refined_value, _scope,
                          _refined_int, _unknown_dims_from,
                          shape_value)
from ._base import apply, apply_op, op_input, to_tensor, unary_same


# -- Identity / IdentityN / StopGradient -------------------------------------------------------
def _identity_kernel(x):
    return x


# Pass-through ops, one row each: (op type, gradient rule). The output is the input itself.
for _op_type, _grad in (("Identity", lambda op, grad: [grad]), ("StopGradient", None)):
    register_op(_op_type, infer=unary_same, kernel=_identity_kernel, grad=_grad,
                aliases_input=True)


# Snapshot and DeepCopy: a copy of the input (a variable's value as it is when they run);
# TF 1.14 registers no gradient for either
for _op_type in ("Snapshot", "DeepCopy"):
    register_op(_op_type, infer=unary_same, kernel=lambda x: np.array(x, copy=True),
                grad=no_gradient_registered)


def identity(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
    """A tensor with the value of `input` (op Identity; reads a variable's value).

    >>> tf.Session().run(tf.identity(tf.constant([1, 2])))
    array([1, 2], dtype=int32)
    """
    if isinstance(input, Tensor):
        return apply("Identity", [input], None, name or "Identity")
    # as TF's op wrapper: a variable is read inside the op's scope ('Identity/ReadVariableOp')
    with name_scope(name or "Identity") as scope:
        x = op_input(input, "input")
        return apply("Identity", [x], None, scope)


def _identity_n_infer(inputs, attrs):
    return [(t.dtype.base_dtype, t.shape) for t in inputs]


def _identity_n_kernel(*xs, **_):
    # Outputs past the first are copied: the runtime only tracks aliasing of output 0.
    if len(xs) == 1:
        return xs[0]
    return (xs[0],) + tuple(np.array(x, copy=True) for x in xs[1:])


register_op("IdentityN", infer=_identity_n_infer, kernel=_identity_n_kernel,
            grad=lambda op, *grads: list(grads), aliases_input=True)


def identity_n(input: list, name: str | None = None) -> list:  # noqa: A002
    """The tensors of the list `input`, passed through one IdentityN op.

    >>> a, b = tf.identity_n([tf.constant(1.0), tf.constant([2, 3])])
    >>> tf.Session().run(b)
    array([2, 3], dtype=int32)
    """
    xs = [to_tensor(t) for t in input]
    op = apply_op("IdentityN", xs, {"T": [t.dtype.base_dtype for t in xs]}, name or "IdentityN")
    return list(op.outputs)


def stop_gradient(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The value of `input`, treated as a constant by `tf.gradients` (its gradient is None).

    >>> x = tf.constant(2.0)
    >>> tf.Session().run(tf.gradients(tf.stop_gradient(x) * x, x))
    [2.0]
    """
    if isinstance(input, Tensor):
        return apply("StopGradient", [input], None, name or "StopGradient")
    # as TF's op wrapper: a Python value becomes 'StopGradient/input' (a variable is read
    # inside the op's scope)
    with name_scope(name or "StopGradient") as scope:
        return apply("StopGradient", [to_tensor(input, name="input")], None, scope)


# -- CheckNumerics ---------------------------------------------------------------------------
# TF's order of dtypes in the message "not in list of allowed values"
_CHECK_NUMERICS_TYPES = (_dt.bfloat16, _dt.float16, _dt.float32, _dt.float64)


def _check_numerics_kernel(x, message="", **_):
    """The input itself, or InvalidArgumentError naming what is not finite (TF's wording)."""
    if np.isfinite(x).all():
        return x
    has_nan = bool(np.isnan(x).any())
    has_inf = bool(np.isinf(x).any())
    what = "Inf and NaN" if has_nan and has_inf else ("NaN" if has_nan else "Inf")
    raise errors.InvalidArgumentError(None, None, f"{message} : Tensor had {what} values")


def _check_numerics_grad(op, grad):
    """d/dx check_numerics(x) = 1, and the gradient is checked too (TF's message: the forward
    message as Python 3 prints TF's bytes attr)."""
    msg = op._get_attr("message")
    raw = msg.encode("utf-8") if isinstance(msg, str) else bytes(msg)
    return [check_numerics(grad, "Not a number (NaN) or infinity (Inf) values detected in "
                           f"gradient. {raw!s}")]


# Stateful so that passes never fold, merge or prune it (add_check_numerics_ops reaches it
# only through control edges); it writes no state (optimize/_util.py's _NON_MUTATING).
register_op("CheckNumerics", infer=unary_same, kernel=_check_numerics_kernel,
            grad=_check_numerics_grad, stateful=True, aliases_input=True)


def check_numerics(tensor: TensorLike, message: str, name: str | None = None) -> Tensor:
    """`tensor`, or an InvalidArgumentError "message : Tensor had NaN values" when run with
    NaN or Inf in it (op CheckNumerics).

    >>> tf.Session().run(tf.check_numerics(tf.constant([1.0, 2.0]), "x"))
    array([1., 2.], dtype=float32)
    """
    x = to_tensor(tensor)
    if x.dtype.base_dtype not in _CHECK_NUMERICS_TYPES:
        raise TypeError(f"Value passed to parameter 'tensor' has DataType "
                        f"{x.dtype.base_dtype.name} not in list of allowed values: "
                        + ", ".join(d.name for d in _CHECK_NUMERICS_TYPES))
    if isinstance(message, bytes):
        message = message.decode("utf-8")
    return apply("CheckNumerics", [x], {"message": message}, name or "CheckNumerics")


# -- Shape / Size / Rank / ShapeN ------------------------------------------------------------
def _shape_query(of_input, result_shape):
    """The infer rule and kernel of an op returning `of_input(x)` as an int32/int64 array."""
    def infer(inputs, attrs):
        return [(attrs.get("out_type", _dt.int32), result_shape(inputs[0]))]

    def kernel(x, out_type=_dt.int32, **_):
        return np.array(of_input(x), dtype=out_type.as_numpy_dtype)
    return infer, kernel


# Shape queries, one row each: (op type, NumPy function, static result shape). No gradient.
for _op_type, _of_input, _result_shape in (
        ("Shape", np.shape, lambda x: TensorShape([x.shape.ndims])),
        ("Size", np.size, lambda x: TensorShape(())),
        ("Rank", np.ndim, lambda x: TensorShape(()))):
    _infer, _kernel = _shape_query(_of_input, _result_shape)
    register_op(_op_type, infer=_infer, kernel=_kernel, grad=None)


def shape(input: TensorLike, name: str | None = None,  # noqa: A002
          out_type: DTypeLike = _dt.int32) -> Tensor:
    """The shape of `input` as a 1-D int32/int64 tensor (a Const when the shape is known).

    >>> tf.Session().run(tf.shape(tf.zeros([2, 3])))
    array([2, 3], dtype=int32)
    """
    out_type = _check_out_type(out_type)
    with _scope(name, "Shape", [input]) as scope:
        x = to_tensor(input)   # TF converts in its scope: Shape/Const
        if x.shape.is_fully_defined():
            return constant(np.array(x.shape.as_list(), dtype=out_type.as_numpy_dtype),
                            dtype=out_type, name=scope)
        return apply("Shape", [x], {"out_type": out_type}, scope)


def _shape_n_infer(inputs, attrs):
    return [(attrs["out_type"], TensorShape([t.shape.ndims])) for t in inputs]


def _shape_n_kernel(*xs, out_type=_dt.int32, **_):
    out = tuple(np.array(np.shape(x), dtype=out_type.as_numpy_dtype) for x in xs)
    return out if len(out) > 1 else out[0]


register_op("ShapeN", infer=_shape_n_infer, kernel=_shape_n_kernel, grad=None)


def shape_n(input: list, out_type: DTypeLike = _dt.int32,  # noqa: A002
            name: str | None = None) -> list:
    """The shapes of a list of tensors, from one ShapeN op.

    >>> s1, s2 = tf.shape_n([tf.zeros([2]), tf.zeros([3, 4])])
    >>> tf.Session().run(s2)
    array([3, 4], dtype=int32)
    """
    out_type = _check_out_type(out_type)
    with _scope(name, "ShapeN", list(input)) as scope:   # TF's op_def_library: ShapeN/input_0
        xs = [op_input(t, f"input_{i}") for i, t in enumerate(input)]
        op = apply_op("ShapeN", xs, {"out_type": out_type, "N": len(xs)}, scope)
    return list(op.outputs)


def size(input: TensorLike, name: str | None = None,  # noqa: A002
         out_type: DTypeLike = _dt.int32) -> Tensor:
    """The number of elements of `input` (a Const when the static shape tells it).

    >>> tf.Session().run(tf.size(tf.zeros([2, 3])))
    6
    """
    out_type = _check_out_type(out_type)
    if not isinstance(input, Tensor):     # TF converts it inside the op's scope: Size/Const
        with _scope(name, "Size", []) as sc:
            x = to_tensor(input)
            if x.shape.is_fully_defined():
                return constant(np.array(x.shape.num_elements(),
                                         dtype=out_type.as_numpy_dtype), dtype=out_type, name=sc)
            return apply("Size", [x], {"out_type": out_type}, sc)
    x = input
    dims = x.shape.as_tuple()
    if x.shape.is_fully_defined():
        return constant(np.array(x.shape.num_elements(), dtype=out_type.as_numpy_dtype),
                        dtype=out_type, name=name or "Size")
    if dims is not None and 0 in dims:
        return constant(np.array(0, dtype=out_type.as_numpy_dtype), dtype=out_type,
                        name=name or "Size")
    return apply("Size", [x], {"out_type": out_type}, name or "Size")


def rank(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The number of dimensions of `input` (a Const when the static rank is known).

    >>> tf.Session().run(tf.rank(tf.zeros([2, 3])))
    2
    """
    if not isinstance(input, Tensor) and isinstance(input, (list, tuple, np.ndarray, int,
                                                            float, np.generic)):
        with name_scope(name, "Rank", [input]) as scope:   # TF converts in its scope
            x = to_tensor(input)
            if x.shape.ndims is not None:
                return constant(np.int32(x.shape.ndims), dtype=_dt.int32, name=scope)
            # TF's gen_array_ops.rank is given the list again: a second Pack, named input
            with name_scope(scope):
                x = to_tensor(input, name="input")
            return apply("Rank", [x], None, scope)
    x = to_tensor(input)
    if x.shape.ndims is not None:
        return constant(np.int32(x.shape.ndims), dtype=_dt.int32, name=name or "Rank")
    return apply("Rank", [x], None, name or "Rank")


# -- Reshape / ExpandDims / Squeeze: views of the same elements --------------------------------
def _reshape_back(op, grad):
    """Reshape the gradient back to the input's shape (the other inputs get None)."""
    # TF's `Reshape_grad/Shape` (a Const when the shape is known), `Reshape_grad/Reshape`;
    # as TF, a sparse gradient (a gather's) densified here is not reported
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Converting sparse IndexedSlices to a dense Tensor.*")
        return [reshape(grad, shape(op._inputs[0]))] + [None] * (len(op._inputs) - 1)


def _int64_product(dims):
    return int(np.prod(np.array(dims, np.int64)))   # TF's int64 product, wrapping


def _known_elements(dims):
    """TF's reshape inference on one side: (elements, index of its unknown dim or -1, too
    many unknown dims). InferenceContext::NumElements when known (0 as soon as a dim is
    0), else the product of the known dims."""
    if any(d == 0 for d in dims):
        return 0, -1, False
    if None not in dims:
        return _int64_product(dims), -1, False
    unknown = [i for i, d in enumerate(dims) if d is None]
    return _int64_product([d for d in dims if d is not None]), unknown[0], len(unknown) > 1


def _reshape_infer(inputs, attrs):
    x, s = inputs
    if s.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {s.shape.ndims}")
    sv = shape_value(s)
    if sv is None:
        return [(x.dtype.base_dtype, _unknown_dims_from(s))]
    # TF's SetOutputShapeForReshape on the shape read as a partial shape (-1: unknown)
    out = [None if d is None or d < 0 else int(d) for d in sv]
    xs = x.shape.as_tuple()
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape(out))]
    known_out, out_unknown, many_out = _known_elements(out)
    known_in, in_unknown, many_in = _known_elements(xs)
    if many_out or many_in:   # too many unknowns: nothing inferred
        return [(x.dtype.base_dtype, TensorShape(out))]
    if in_unknown < 0 and out_unknown < 0:
        if known_in != known_out:
            raise ValueError(f"Cannot reshape a tensor with {known_in} elements to shape "
                             f"{_fmt_shape(out)} ({known_out} elements)")
    elif in_unknown < 0 and known_out > 0:
        if known_in % known_out:
            raise ValueError(f"Dimension size must be evenly divisible by {known_out} but is "
                             f"{known_in}")
        out[out_unknown] = known_in // known_out
    elif out_unknown < 0 and in_unknown >= 0 and known_in != 0:
        # the output known: TF infers the input's unknown dim (its Divide requiring the
        # known input elements to divide the output's)
        if known_out % known_in:
            raise ValueError(f"Dimension size must be evenly divisible by {known_in} but is "
                             f"{known_out}")
    elif in_unknown >= 0 and out_unknown >= 0 and known_in == known_out:
        out[out_unknown] = xs[in_unknown]
    return [(x.dtype.base_dtype, TensorShape(out))]


def _reshape_kernel(x, s):
    x = np.asarray(x)
    s = [int(d) for d in s]
    n = x.size
    known = [d for d in s if d != -1]
    prod = math.prod(known)     # Python ints: exact, and ~20x cheaper than np.prod on a list
    if s.count(-1) > 1:
        raise _invalid(f"Only one input size may be -1, not both {s.index(-1)} and "
                       f"{len(s) - 1 - s[::-1].index(-1)}")
    if -1 in s:
        if (prod == 0 and n != 0) or (prod and n % prod):
            raise _invalid(f"Input to reshape is a tensor with {n} values, but the requested "
                           f"shape requires a multiple of {prod}")
    elif n != prod:
        raise _invalid(f"Input to reshape is a tensor with {n} values, but the requested "
                       f"shape has {prod}")
    return np.reshape(x, s)


register_op("Reshape", infer=_reshape_infer, kernel=_reshape_kernel, grad=_reshape_back,
            aliases_input=True)


def reshape(tensor: TensorLike, shape: IntsLike, name: str | None = None) -> Tensor:  # noqa: A002
    """`tensor` with a new shape of as many elements (one dim may be -1: inferred).

    A static mismatch raises ValueError; one found at run time InvalidArgumentError.

    >>> tf.Session().run(tf.reshape(tf.range(6), [2, -1]))
    array([[0, 1, 2], [3, 4, 5]], dtype=int32)
    """
    with _scope(name, "Reshape", [tensor]) as scope:
        x = op_input(tensor, "tensor")  # inside the scope, as TF: Reshape/ReadVariableOp
        shape = _as_int_input(shape, "shape", op="Reshape")
        return apply("Reshape", [x, shape], None, scope)


def _expand_dims_infer(inputs, attrs):
    x, dim = inputs
    xs = _dims(x)
    dv = _refined_int(dim)
    if isinstance(dv, list):
        if len(dv) != 1:
            raise ValueError("'dim' input must be a tensor with a single value")
        dv = dv[0]
    if dv is None or xs is None:   # (TF: an unknown dim is an unknown shape)
        return [(x.dtype.base_dtype, TensorShape(None))]
    r = len(xs)
    if not -1 - r <= dv <= r:
        raise ValueError(f"dim {dv} not in the interval [{-1 - r}, {r}].")
    d = dv if dv >= 0 else dv + r + 1
    return [(x.dtype.base_dtype, TensorShape(list(xs[:d]) + [1] + list(xs[d:])))]


def _expand_dims_kernel(x, dim):
    x = np.asarray(x)
    d = int(np.asarray(dim).reshape(-1)[0])
    if not -1 - x.ndim <= d <= x.ndim:
        raise _invalid(f"Tried to expand dim index {d} for tensor with {x.ndim} dimensions.")
    return np.expand_dims(x, d)


register_op("ExpandDims", infer=_expand_dims_infer, kernel=_expand_dims_kernel,
            grad=_reshape_back, aliases_input=True)


def expand_dims(input: TensorLike, axis: int | Tensor | None = None,  # noqa: A002
                name: str | None = None, dim: int | Tensor | None = None) -> Tensor:
    """Inserts a dimension of size 1 at `axis` (`dim` is TF 1.x's deprecated spelling).

    Raises ValueError for both or neither of axis and dim, or an axis out of
    [-rank-1, rank].

    >>> tf.expand_dims(tf.zeros([2, 3]), 1).shape.as_list()
    [2, 1, 3]
    """
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'dim' and 'axis'")
    if axis is None:
        axis = dim
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    with _scope(name, "ExpandDims", [input]) as scope:
        x = op_input(input, "input")  # inside the scope, as TF: ExpandDims/ReadVariableOp
        axis = axis if isinstance(axis, Tensor) else _int_tensor(axis, "dim", op="ExpandDims")
        return apply("ExpandDims", [x, axis], None, scope)


def _squeeze_infer(inputs, attrs):
    x = inputs[0]
    xs = _dims(x)
    axes = attrs["squeeze_dims"]
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    r = len(xs)
    norm = set()
    for a in axes:
        if not -r <= a < r:
            raise ValueError(f"squeeze_dims[{axes.index(a)}] not in [{-r},{r}).")
        norm.add(a % r)
    out = []
    for i, d in enumerate(xs):
        if axes:
            if i in norm:
                if d is not None and d != 1:
                    raise ValueError(f"Can not squeeze dim[{i}], expected a dimension of 1, "
                                     f"got {d}")
                continue
        else:
            if d is None:
                return [(x.dtype.base_dtype, TensorShape(None))]
            if d == 1:
                continue
        out.append(d)
    return [(x.dtype.base_dtype, TensorShape(out))]


def _squeeze_kernel(x, squeeze_dims=(), **_):
    x = np.asarray(x)
    if not squeeze_dims:
        return np.squeeze(x)
    for a in squeeze_dims:
        if not -x.ndim <= a < x.ndim:
            raise _invalid(f"Tried to squeeze dim index {a} for tensor with {x.ndim} dimensions.")
    axes = tuple(a % x.ndim for a in squeeze_dims)
    for a in axes:
        if x.shape[a] != 1:
            raise _invalid(f"Can not squeeze dim[{a}], expected a dimension of 1, got "
                           f"{x.shape[a]}")
    return np.squeeze(x, axis=axes)


register_op("Squeeze", infer=_squeeze_infer, kernel=_squeeze_kernel, grad=_reshape_back,
            aliases_input=True)


def squeeze(input: TensorLike, axis: int | list | None = None,  # noqa: A002
            name: str | None = None, squeeze_dims: int | list | None = None) -> Tensor:
    """Removes dimensions of size 1: all of them, or those in `axis` (ValueError if not 1).

    `squeeze_dims` is TF 1.x's deprecated spelling of `axis`.

    >>> tf.squeeze(tf.zeros([1, 2, 1, 3]), [2]).shape.as_list()
    [1, 2, 3]
    """
    if axis is not None and squeeze_dims is not None:
        raise ValueError("Cannot specify both 'axis' and 'squeeze_dims'")
    if axis is None:
        axis = squeeze_dims
    if np.isscalar(axis) and axis is not None:
        axis = [axis]
    if axis is not None and not isinstance(axis, (list, tuple)):   # TF's gen_array_ops
        raise TypeError(f"Expected list for 'axis' argument to 'squeeze' Op, not {axis!r}.")
    axis = [int(a) for a in axis] if axis is not None else []
    with _scope(name, "Squeeze", [input]) as scope:
        x = op_input(input, "input")   # TF's op_def_library: Squeeze/input
        return apply("Squeeze", [x], {"squeeze_dims": axis}, scope)


# -- Transpose / ConjugateTranspose / InvertPermutation ----------------------------------------
def _transpose_infer(inputs, attrs):
    x, perm = inputs
    xs = _dims(x)
    pn = perm.shape.as_tuple()
    if pn is not None and len(pn) != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {len(pn)}")
    if xs is not None and pn is not None and pn[0] is not None and pn[0] != len(xs):
        raise ValueError(f"Dimension must be {len(xs)} but is {pn[0]}")
    pv = None
    if perm.dtype.base_dtype.is_integer:   # TF's input_tensor: the perm evaluated whole
        refined = _known_ints(_refined_value(perm, partial=False))
        pv = None if refined is None or refined.ndim != 1 else [int(i) for i in refined]
    if xs is None and (pn is not None and pn[0] is not None and pn[0] < 2 or
                       pv is not None and len(pv) < 2):
        # one perm entry is a scalar's or a vector's: TF's shape function keeps the input's
        # unknown shape (before checking the entries)
        return [(x.dtype.base_dtype, TensorShape(None))]
    if pv is None:
        r = len(xs) if xs is not None else (pn[0] if pn is not None else None)
        return [(x.dtype.base_dtype, TensorShape(None if r is None else [None] * r))]
    for p_ in pv:  # TF's shape function checks only this; the kernel checks the rest
        if p_ >= len(pv):
            raise ValueError(f"perm dim {p_} is out of range of input rank {len(pv)}")
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape([None] * len(pv)))]
    # Not a permutation (repeated or negative dims): TF reports it when the op runs; its
    # shape function takes each dim as it is (-1 the last)
    return [(x.dtype.base_dtype, TensorShape([xs[p] if -len(xs) <= p else None
                                              for p in pv]))]


def _transpose_kernel(x, perm):
    x = np.asarray(x)
    if len(perm) != x.ndim:
        raise _invalid(f"transpose expects a vector of size {x.ndim}. But input(1) is a vector "
                       f"of size {len(perm)}")
    seen = set(int(p_) for p_ in perm)
    for i in builtins.range(x.ndim):
        if i not in seen:
            raise _invalid(f"{i} is missing from {{{','.join(str(int(p_)) for p_ in perm)}}}.")
    return np.transpose(x, perm)


def _transpose_grad(op, grad):
    """Transpose back with the inverse permutation (TF's InvertPermutation op)."""
    out = transpose(grad, invert_permutation(op._inputs[1]))
    out.set_shape(op._inputs[0].shape)
    return [out, None]


def _conj_transpose_grad(op, grad):
    """Conjugate-transpose back with the inverse permutation."""
    out = transpose(grad, invert_permutation(op._inputs[1]), conjugate=True)
    out.set_shape(op._inputs[0].shape)
    return [out, None]


register_op("Transpose", infer=_transpose_infer, kernel=_transpose_kernel, grad=_transpose_grad,
            aliases_input=True)
register_op("ConjugateTranspose", infer=_transpose_infer,
            kernel=lambda x, perm: np.conj(_transpose_kernel(x, perm)),
            grad=_conj_transpose_grad)


def transpose(a: TensorLike, perm: IntsLike | None = None, name: str = "transpose",
              conjugate: bool = False) -> Tensor:
    """Permutes the dimensions of `a` (default: reverses them).

    With `conjugate` a complex `a` is also conjugated (op ConjugateTranspose).

    >>> tf.transpose(tf.zeros([2, 3])).shape.as_list()
    [3, 2]
    """
    with _scope(name, "transpose", [a]) as scope:
        a = to_tensor(a, name="a")
        op_type = "ConjugateTranspose" if conjugate and a.dtype.is_complex else "Transpose"
        if perm is None:
            r = a.shape.ndims
            if r is None:
                rk = rank(a)
                last = rk - 1
                with _scope(None, "Range", [rk]) as rs:
                    steps = apply("Range", [constant(0, name="start"), rk,
                                            constant(1, name="delta")], {"Tidx": _dt.int32}, rs)
                perm = last - steps
            else:
                perm = constant(np.arange(r - 1, -1, -1, dtype=np.int32), name="perm")
        elif not isinstance(perm, Tensor):
            perm = _as_int_input(perm, "perm", op="Transpose")
        return apply(op_type, [a, perm], None, scope)


def _invert_permutation_infer(inputs, attrs):
    # TF's shape function: WithRank(x, 1), the output of x's (vector) shape
    x = inputs[0]
    if x.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, x.shape if x.shape.ndims == 1 else TensorShape([None]))]


def _invert_permutation_kernel(x):
    x = np.asarray(x)
    if x.ndim != 1:     # a feed of unknown rank (TF's kernel: IsVector)
        raise _invalid("invert_permutation expects a 1D vector.")
    n = x.size
    if np.any((x < 0) | (x >= n)) or np.unique(x).size != n:
        seen = np.zeros(n, bool)  # TF's message for the first bad entry
        for d in x.tolist():
            if not 0 <= d < n:
                raise _invalid(f"{d} is not between 0 and {n}")
            if seen[d]:
                raise _invalid(f"{d} is duplicated in the input.")
            seen[d] = True
    out = np.empty_like(x)
    out[x] = np.arange(n, dtype=x.dtype)
    return out


register_op("InvertPermutation", infer=_invert_permutation_infer,
            kernel=_invert_permutation_kernel,
            grad=None)


def invert_permutation(x: IntsLike, name: str | None = None) -> Tensor:
    """The inverse of the permutation `x` (1-D int32/int64): y[x[i]] = i.

    >>> tf.Session().run(tf.invert_permutation([3, 4, 0, 2, 1]))
    array([2, 4, 3, 0, 1], dtype=int32)
    """
    with _scope(name, "InvertPermutation", [x] if isinstance(x, Tensor) else []) as scope:
        x = x if isinstance(x, Tensor) else to_tensor(x, name="x")
        if x.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'x' has DataType {x.dtype.name} not in "
                            "list of allowed values: int32, int64")
        return apply("InvertPermutation", [x], None, scope)


# -- BroadcastTo / BroadcastGradientArgs ----------------------------------------------------
def _broadcast_to_infer(inputs, attrs):
    x, s = inputs
    sv = shape_value(s)
    if sv is None:
        return [(x.dtype.base_dtype, _unknown_dims_from(s))]
    xs = x.shape.as_tuple()
    if xs is not None:
        if len(xs) > len(sv):
            raise ValueError(f"Shape must be at most rank {len(sv)} but is rank {len(xs)}")
        sv = [None if d is None or d < 0 else d for d in sv]
        for i in builtins.range(1, len(xs) + 1):   # TF merges each input dim above 1
            a, b = xs[-i], sv[-i]
            if a is not None and a > 1:
                if b is not None and b != a:
                    raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
                sv[-i] = a
    return [(x.dtype.base_dtype, TensorShape(sv))]


def _broadcast_to_kernel(x, s):
    dims = tuple(int(d) for d in s)
    for d in dims:   # TF's kernel makes the shape first (MakeShape)
        if d < 0:
            raise _invalid(f"Dimension {d} must be >= 0")
    try:
        return np.broadcast_to(x, dims)
    except ValueError:
        raise _invalid(f"Incompatible shapes: {_fmt_shape(np.shape(x))} vs. "
                       f"{_fmt_shape([int(d) for d in s])}") from None


def _broadcast_to_grad(op, grad):
    """TF 1.14's rule: the gradient summed (keepdims) over the axes BroadcastGradientArgs
    gives for (the broadcast shape, Shape(input)), reshaped to the input's shape."""
    x, broadcast_shape = op._inputs
    x_shape = shape(x)
    _, axes = apply("BroadcastGradientArgs", [broadcast_shape, x_shape])
    summed = apply("Sum", [grad, axes], {"keep_dims": True, "Tidx": axes.dtype.base_dtype})
    return [apply("Reshape", [summed, x_shape]), None]


register_op("BroadcastTo", infer=_broadcast_to_infer, kernel=_broadcast_to_kernel,
            grad=_broadcast_to_grad, aliases_input=True)


def broadcast_to(input: TensorLike, shape: IntsLike,  # noqa: A002
                 name: str | None = None) -> Tensor:
    """Broadcasts `input` to `shape` with NumPy's rules (ValueError if incompatible).

    >>> tf.Session().run(tf.broadcast_to([1, 2], [2, 2]))
    array([[1, 2], [1, 2]], dtype=int32)
    """
    with _scope(name, "BroadcastTo", [input]) as scope:
        x = op_input(input, "input")   # TF's op_def_library: BroadcastTo/input
        shape = _as_int_input(shape, "shape")
        return apply("BroadcastTo", [x, shape], None, scope)


def _bga_infer(inputs, attrs):
    return [(inputs[0].dtype.base_dtype, TensorShape([None])),
            (inputs[0].dtype.base_dtype, TensorShape([None]))]


def _bga_kernel(s0, s1):
    s0 = np.asarray(s0)
    s1 = np.asarray(s1)
    n = builtins.max(len(s0), len(s1))
    a = np.concatenate([np.ones(n - len(s0), s0.dtype), s0])
    b = np.concatenate([np.ones(n - len(s1), s1.dtype), s1])
    bad = (a != b) & (a != 1) & (b != 1)
    if bad.any():
        raise _invalid(f"Incompatible shapes: {_fmt_shape(list(s0))} vs. {_fmt_shape(list(s1))}")
    r0 = np.nonzero((a == 1) & ((b != 1) | (a == b)))[0]
    r1 = np.nonzero((b == 1) & ((a != 1) | (a == b)))[0]
    return r0.astype(s0.dtype), r1.astype(s0.dtype)


register_op("BroadcastGradientArgs", infer=_bga_infer, kernel=_bga_kernel, grad=None)
