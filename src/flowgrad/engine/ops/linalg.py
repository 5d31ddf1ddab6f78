"""Matrix products: MatMul, SparseMatMul, BatchMatMulV2, Einsum; matmul, einsum,
matrix_transpose, adjoint.

`matmul` builds `MatMul` for two matrices and `BatchMatMulV2` (batch dims
broadcast) when either input has rank > 2 or unknown rank, as TF 1.14 does.
`einsum` (and ops/linalg_ops.tensordot) build one `Einsum` op whose equation has
no ellipsis (resolved statically, as TF 1.14's einsum resolves it); its gradient
is again an einsum, so gradients of gradients work.
"""
from __future__ import annotations

__all__ = ["adjoint", "einsum", "matmul", "matrix_transpose"]

import re
from typing import Any
import string

import numpy as np

from ..framework.grad_state import wants_grad
from ..framework import threads
from ..framework import dtypes as _dt
from ..framework.graph import name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import COMPLEX, FLOATS, apply, broadcast_dims, check_dtype, same_type_inputs, to_tensor
from ._grad_util import sum_to
from .cast import cast
from .construction import ones_like
from .construction import range as _range
from .elementwise import conj, subtract
from .joining import concat, stack
from .shape import broadcast_to, rank, reshape, transpose

_MATMUL_TYPES = FLOATS + (_dt.int32, _dt.int64) + COMPLEX


def _dims(t):
    return t.shape.as_tuple()


def _check_inner(k1, k2):
    if k1 is not None and k2 is not None and k1 != k2:
        raise ValueError(f"Dimensions must be equal, but are {k1} and {k2}")


# -- MatMul ------------------------------------------------------------------------------------
def _matmul_infer(inputs, attrs):
    a, b = inputs
    sa, sb = _dims(a), _dims(b)
    for s in (sa, sb):
        if s is not None and len(s) != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {len(s)}")
    sa = sa if sa is not None else (None, None)
    sb = sb if sb is not None else (None, None)
    m, ka = (sa[1], sa[0]) if attrs.get("transpose_a") else sa
    kb, n = (sb[1], sb[0]) if attrs.get("transpose_b") else sb
    _check_inner(ka, kb)
    return [(a.dtype.base_dtype, TensorShape([m, n]))]


def _matmul_kernel(a, b, transpose_a=False, transpose_b=False, **_):
    # threads.matmul is np.matmul, split over the intra-op pool on a loaded machine
    return threads.matmul(a.T if transpose_a else a, b.T if transpose_b else b)


def _matmul_grad(op, grad):
    """dA = G B^T, dB = A^T G, with the transposes TF uses for each flag combination."""
    a, b = conj(op.inputs[0]), conj(op.inputs[1])
    t_a = op.get_attr("transpose_a")
    t_b = op.get_attr("transpose_b")
    if not t_a and not t_b:
        ga = wants_grad(0) and _mm(grad, b, transpose_b=True)
        gb = wants_grad(1) and _mm(a, grad, transpose_a=True)
    elif not t_a and t_b:
        ga = wants_grad(0) and _mm(grad, b)
        gb = wants_grad(1) and _mm(grad, a, transpose_a=True)
    elif t_a and not t_b:
        ga = wants_grad(0) and _mm(b, grad, transpose_b=True)
        gb = wants_grad(1) and _mm(a, grad)
    else:
        ga = wants_grad(0) and _mm(b, grad, transpose_a=True, transpose_b=True)
        gb = wants_grad(1) and _mm(grad, a, transpose_a=True, transpose_b=True)
    return [ga if ga is not False else None, gb if gb is not False else None]


def _mm(a, b, transpose_a=False, transpose_b=False):
    return apply("MatMul", [a, b], {"transpose_a": transpose_a, "transpose_b": transpose_b})


register_op("MatMul", infer=_matmul_infer, kernel=_matmul_kernel, grad=_matmul_grad)


# -- SparseMatMul (matmul with a_is_sparse/b_is_sparse on float32/bfloat16) --------------------
def _sparse_matmul_infer(inputs, attrs):
    (_, shape), = _matmul_infer(inputs, attrs)
    return [(_dt.float32, shape)]


def _sparse_matmul_kernel(a, b, transpose_a=False, transpose_b=False, **_):
    out = np.matmul(a.T if transpose_a else a, b.T if transpose_b else b)
    return out.astype(np.float32, copy=False)


def _sparse_matmul_grad(op, grad):
    """As MatMul's (the sparsity flags are hints only); each gradient in its input's dtype."""
    grads = _matmul_grad(op, grad)
    return [None if g is None else cast(g, t.dtype.base_dtype) for g, t in zip(grads, op.inputs)]


register_op("SparseMatMul", infer=_sparse_matmul_infer, kernel=_sparse_matmul_kernel,
            grad=_sparse_matmul_grad)


# -- BatchMatMulV2 ---------------------------------------------------------------------------
def _bmm_infer(inputs, attrs):
    a, b = inputs
    sa, sb = _dims(a), _dims(b)
    for s in (sa, sb):
        if s is not None and len(s) < 2:
            raise ValueError(f"Shape must be at least rank 2 but is rank {len(s)}")
    if sa is None or sb is None:
        return [(a.dtype.base_dtype, TensorShape(None))]
    m, ka = (sa[-1], sa[-2]) if attrs.get("adj_x") else sa[-2:]
    kb, n = (sb[-1], sb[-2]) if attrs.get("adj_y") else sb[-2:]
    _check_inner(ka, kb)
    batch = broadcast_dims(sa[:-2], sb[:-2])
    return [(a.dtype.base_dtype, TensorShape(list(batch) + [m, n]))]


def _adjoint(x):
    x = np.swapaxes(x, -1, -2)
    return np.conj(x) if x.dtype.kind == "c" else x


def _bmm_kernel(a, b, adj_x=False, adj_y=False, **_):
    return np.matmul(_adjoint(a) if adj_x else a, _adjoint(b) if adj_y else b)


def _bmm_grad(op, grad):
    """As MatMul's with adjoints; batch dims that were broadcast are summed back."""
    x, y = op.inputs
    adj_x = op.get_attr("adj_x")
    adj_y = op.get_attr("adj_y")
    if not adj_x:
        if not adj_y:
            gx = wants_grad(0) and _bmm(grad, y, False, True)
            gy = wants_grad(1) and _bmm(x, grad, True, False)
        else:
            gx = wants_grad(0) and _bmm(grad, y, False, False)
            gy = wants_grad(1) and _bmm(grad, x, True, False)
    else:
        if not adj_y:
            gx = wants_grad(0) and _bmm(y, grad, False, True)
            gy = wants_grad(1) and _bmm(x, grad, False, False)
        else:
            gx = wants_grad(0) and _bmm(y, grad, True, True)
            gy = wants_grad(1) and _bmm(grad, x, True, True)
    return [sum_to(gx, x) if gx is not False else None,
            sum_to(gy, y) if gy is not False else None]


def _bmm(a, b, adj_a, adj_b):
    return apply("BatchMatMulV2", [a, b], {"adj_x": adj_a, "adj_y": adj_b})


register_op("BatchMatMulV2", infer=_bmm_infer, kernel=_bmm_kernel, grad=_bmm_grad)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
    """Matrix product a @ b, optionally transposing or adjoining either input.

    Two matrices give a `MatMul` op; inputs of rank > 2 (or unknown rank) give
    `BatchMatMulV2`, whose batch dimensions broadcast, as TF 1.14.
    `a_is_sparse`/`b_is_sparse` are hints: on float32/bfloat16 matrices they give a
    `SparseMatMul` op (float32 result), as TF 1.14; the values are the same.

    Args:
      a, b: Tensors of one dtype among float16/32/64, bfloat16, int32, int64, complex.
      transpose_a, transpose_b: transpose the last two dims first.
      adjoint_a, adjoint_b: conjugate-transpose the last two dims first.
      name: optional op name.
    Returns:
      A Tensor of the inputs' dtype.
    Raises:
      ValueError: both transpose_x and adjoint_x are set, ranks are wrong, or the
        inner dimensions differ.
      TypeError: the dtypes differ or are not allowed.

    >>> tf.matmul(tf.ones([2, 3]), tf.ones([3, 4])).shape
    TensorShape([Dimension(2), Dimension(4)])
    """
    with name_scope(name, "MatMul", [a, b]) as scope:
        if transpose_a and adjoint_a:
            raise ValueError("Only one of transpose_a and adjoint_a can be True.")
        if transpose_b and adjoint_b:
            raise ValueError("Only one of transpose_b and adjoint_b can be True.")
        a, b = same_type_inputs("MatMul", [a, b], ["a", "b"], allowed=_MATMUL_TYPES)
        ra, rb = a.shape.ndims, b.shape.ndims
        batch = ra is None or ra > 2 or rb is None or rb > 2
        if batch and not a_is_sparse and not b_is_sparse:
            if transpose_a:
                a, adjoint_a = conj(a), True
            if transpose_b:
                b, adjoint_b = conj(b), True
            return apply("BatchMatMulV2", [a, b], {"adj_x": bool(adjoint_a),
                                                   "adj_y": bool(adjoint_b)}, scope)
        if adjoint_a:
            a, transpose_a = conj(a), True
        if adjoint_b:
            b, transpose_b = conj(b), True
        if (a_is_sparse or b_is_sparse) and a.dtype.base_dtype in (_dt.float32, _dt.bfloat16):
            # TF 1.14 routes sparse hints on float32/bfloat16 to SparseMatMul (float32 out).
            return apply("SparseMatMul", [a, b], {
                "transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b),
                "a_is_sparse": bool(a_is_sparse), "b_is_sparse": bool(b_is_sparse)}, scope)
        return apply("MatMul", [a, b], {"transpose_a": bool(transpose_a),
                                        "transpose_b": bool(transpose_b)}, scope)


def sparse_matmul(a: Any, b: Any, transpose_a: bool = False,
                  transpose_b: bool = False, a_is_sparse: bool = False,
                  b_is_sparse: bool = False, name: str | None = None) -> Any:
    """a @ b as one SparseMatMul op (float32/bfloat16 inputs, float32 result; the sparsity
    flags are hints), TF 1.14's `tf.sparse_matmul`."""
    a = to_tensor(a, name="a")
    b = to_tensor(b, name="b")
    for arg, t in (("a", a), ("b", b)):
        check_dtype("SparseMatMul", t, (_dt.float32, _dt.bfloat16), arg)
    return apply("SparseMatMul", [a, b], {
        "transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b),
        "a_is_sparse": bool(a_is_sparse), "b_is_sparse": bool(b_is_sparse)},
        name or "SparseMatMul")


# -- Einsum ------------------------------------------------------------------------------------
def _split_equation(equation):
    ins, out = equation.split("->")
    return ins.split(","), out


def _einsum_infer(inputs, attrs):
    labels, out = _split_equation(attrs["equation"])
    if len(labels) != len(inputs):
        raise ValueError(f"Got {len(inputs)} arguments for equation \"{attrs['equation']}\", "
                         f"expecting {len(labels)}")
    dt = inputs[0].dtype.base_dtype
    sizes = {}
    for i, (lab, t) in enumerate(zip(labels, inputs)):
        if t.dtype.base_dtype is not dt:
            raise TypeError(f"Input {i} of 'Einsum' has type {t.dtype.base_dtype.name} that "
                            f"does not match type {dt.name} of input 0.")
        shp = _dims(t)
        if shp is None:
            raise ValueError(f"Einsum input {i} has unknown rank")
        if len(shp) != len(lab):
            raise ValueError(f"Input {i} has rank {len(shp)} but its subscripts '{lab}' name "
                             f"{len(lab)} axes")
        for c, d in zip(lab, shp):
            known = sizes.get(c)
            if known is not None and d is not None and known != d:
                raise ValueError(f"Dimensions must be equal, but are {known} and {d} for "
                                 f"subscript '{c}'")
            if known is None:
                sizes[c] = d
    return [(dt, TensorShape([sizes[c] for c in out]))]


def _einsum_kernel(*xs, equation, **_):
    return np.einsum(equation, *xs, optimize=len(xs) > 1)


def _einsum_grad(op, grad):
    """d einsum wrt input i = einsum(grad and the other inputs -> input i's subscripts).

    Subscripts only input i has were summed away: their gradient is broadcast back.
    """
    labels, out = _split_equation(op.get_attr("equation"))
    grads = []
    for i, x in enumerate(op.inputs):
        if not wants_grad(i):
            grads.append(None)
            continue
        others = [lab for j, lab in enumerate(labels) if j != i]
        present = set(out).union(*others) if others else set(out)
        kept = "".join(c for c in labels[i] if c in present)
        eq = ",".join([out] + others) + "->" + kept
        operands = [grad] + [t for j, t in enumerate(op.inputs) if j != i]
        g = apply("Einsum", operands, {"equation": eq})
        if kept != labels[i]:
            xs = _dims(x)
            if xs is not None and None not in xs:
                kshape = [d if c in present else 1 for c, d in zip(labels[i], xs)]
                g = broadcast_to(reshape(g, kshape), list(xs))
            else:
                # Unknown dims: a ones operand with input i's subscripts broadcasts g.
                g = apply("Einsum", [g, ones_like(x)],
                          {"equation": f"{kept},{labels[i]}->{labels[i]}"})
        grads.append(g)
    return grads


register_op("Einsum", infer=_einsum_infer, kernel=_einsum_kernel, grad=_einsum_grad)


def _resolve_equation(equation, input_shapes):
    """Splits an einsum equation and resolves '...' and a missing output, as TF 1.14."""
    equation = equation.replace(" ", "")
    match = re.match(r"^([a-zA-Z,.]+)(->[a-zA-Z.]*)?$", equation)
    if not match:
        raise ValueError(f"Indices have incorrect format: {equation}")
    labels = match.group(1).split(",")
    out = match.group(2)[2:] if match.group(2) else None
    if len(input_shapes) != len(labels):
        raise ValueError(f"Got {len(input_shapes)} arguments for equation \"{equation}\", "
                         f"expecting {len(labels)}")
    ellipsis_axes = ""
    if "..." in equation:
        unused = "".join(c for c in string.ascii_letters if c not in "".join(labels))
        for i, ax in enumerate(labels):
            if "..." in ax:
                parts = ax.split("...")
                if len(parts) != 2:
                    raise ValueError("Unable to resolve ellipsis. Excess number found.")
                if input_shapes[i].ndims is None:
                    raise ValueError("Unable to statically infer ellipsis axes.")
                n = input_shapes[i].ndims - len("".join(parts))
                if n < 0:
                    raise ValueError("Ellipses lengths do not match.")
                if len(unused) < n:
                    raise ValueError("Unable to resolve ellipsis, too many distinct labels.")
                replace = unused[-n:] if n > 0 else ""
                labels[i] = ax.replace("...", replace)
                if len(replace) > len(ellipsis_axes):
                    ellipsis_axes = replace
        if any("." in ax for ax in labels):
            raise ValueError('period "." found outside of ellipsis')
        if out is not None:
            out = out.replace("...", ellipsis_axes)
            if "." in out:
                raise ValueError('period "." found outside of ellipsis')
    if out is None:
        axis_labels = set("".join(labels)) - set(ellipsis_axes)
        counts = {c: 0 for c in axis_labels}
        for ax in labels:
            for c in ax:
                if c not in ellipsis_axes:
                    counts[c] += 1
        out = ellipsis_axes + "".join(sorted(c for c in axis_labels if counts[c] == 1))
    for ax in labels + [out]:
        if len(set(ax)) != len(ax):
            raise ValueError(f"Subscript not supported: an axis appears more than once: {ax}")
    missing = set(out) - set("".join(labels))
    if missing:
        raise ValueError(f"Invalid equation: {equation}")
    return labels, out


def einsum(equation, *inputs, **kwargs):
    """Tensor contraction over subscripts, e.g. 'ij,jk->ik' (TF 1.14's rules).

    '...' is resolved from the inputs' static ranks; a missing '->' output lists
    the subscripts used once, alphabetically. A subscript may not repeat within
    one input (as TF 1.14).

    Args:
      equation: the subscripts, e.g. 'bij,bjk->bik'.
      *inputs: the Tensors.
      name: optional name (keyword only).
    Returns:
      A Tensor.
    Raises:
      ValueError: the equation is malformed or does not match the inputs.
      TypeError: unknown keyword arguments, or the dtypes differ.

    >>> tf.einsum('ij,jk->ik', tf.ones([2, 3]), tf.ones([3, 4])).shape
    TensorShape([Dimension(2), Dimension(4)])
    """
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError("invalid keyword arguments for this function: " +
                        ", ".join(sorted(kwargs)))
    with name_scope(name, "einsum", [equation, inputs]) as scope:
        inputs = list(inputs)
        if inputs:
            inputs = same_type_inputs("Einsum", inputs, [f"inputs_{i}" for i in
                                                         range(len(inputs))])
        labels, out = _resolve_equation(equation, [t.shape for t in inputs])
        return apply("Einsum", inputs, {"equation": ",".join(labels) + "->" + out}, scope)


# -- tf.linalg helpers composed from matmul and array ops (exported under tf.linalg only) -------
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """Transposes the last two dimensions of `a` (conjugating if asked).

    Raises:
      ValueError: `a` has known rank below 2.

    >>> tf.linalg.matrix_transpose(tf.zeros([5, 2, 3])).shape
    TensorShape([Dimension(5), Dimension(3), Dimension(2)])
    """
    with name_scope(name, "matrix_transpose", [a]):
        a = to_tensor(a, name="a")
        ndims = a.shape.ndims
        if ndims is not None:
            if ndims < 2:
                raise ValueError("Argument 'a' should be a (batch) matrix, with rank >= 2.  "
                                 f"Found: {a.shape}")
            perm = list(range(ndims - 2)) + [ndims - 1, ndims - 2]
        else:
            r = rank(a)
            perm = concat([_range(0, subtract(r, 2)),
                           stack([subtract(r, 1), subtract(r, 2)])], 0)
        return transpose(a, perm=perm, conjugate=conjugate)


def adjoint(matrix, name=None):
    """Conjugate transpose of the last two dimensions.

    >>> tf.linalg.adjoint(tf.constant([[1 + 1j, 2]])).shape
    TensorShape([Dimension(2), Dimension(1)])
    """
    with name_scope(name, "adjoint", [matrix]):
        matrix = to_tensor(matrix, name="matrix")
        return matrix_transpose(matrix, conjugate=True)


