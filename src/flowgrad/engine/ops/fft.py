"""Fast Fourier transforms: FFT, IFFT, FFT2D, IFFT2D, FFT3D, IFFT3D (complex64/complex128)
and RFFT, IRFFT, RFFT2D, IRFFT2D, RFFT3D, IRFFT3D (float32 <-> complex64 with an
`fft_length` input), op types as TF 1.14 (gen_spectral_ops).

The kernels are Eigen's TensorFFT as TF 1.14's CPU kernels run it (eigen_fft: radix-2
butterflies for power-of-two lengths, Bluestein otherwise, in the op's precision; RFFT the
full complex FFT sliced, IRFFT the spectrum completed by its reversed conjugate), so the
values are TF's bit for bit. The gradients are TF 1.14's (signal/fft_ops.py), built from
these ops; as in TF 1.14, RFFT3D and IRFFT3D have none. TF takes the real part with
tf.real in the RFFT gradients: `real_part` builds it where the Real op is registered,
else a Cast to float32 (same values, and the same gradient: Cast's own gradient casts
back to complex64).
"""
from __future__ import annotations

__all__ = ["fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d", "rfft_op", "real_part",
           "complex_abs", "const_vector", "make_complex", "maybe_pad_for_rfft", "rfft_wrapped"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.constant_op import const_value
from ..framework.graph import Tensor, name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.static_value import constant_value_as_shape
from ..framework.tensor_shape import TensorShape
from ._array_util import TensorLike, _invalid, refined_ints
from ._base import apply, apply_generated, check_dtype, to_tensor
from . import complex_ops as _complex_ops
from . import eigen_fft as _eigen_fft
from .cast import cast
from .construction import ones, range as _range, zeros, zeros_like
from .elementwise import (add, conj, exp, floormod, maximum, multiply, rbinary, realdiv,
                          reciprocal, subtract)
from .joining import concat, pad, stack, tile
from .linalg import matmul
from .reductions import reduce_prod
from .shape import expand_dims, rank, reshape, shape, transpose

_CTYPES = (_dt.complex64, _dt.complex128)


def _at_least(op_type, t, k):
    r = t.shape.ndims
    if r is not None and r < k:
        raise ValueError(f"Shape must be at least rank {k} but is rank {r}")


# -- FFT / IFFT (1-3D) ---------------------------------------------------------------------------
def _fft_infer(op_type, k):
    def infer(inputs, attrs):
        x = inputs[0]
        check_dtype(op_type, x, _CTYPES, "input")
        _at_least(op_type, x, k)
        return [(x.dtype.base_dtype, x.shape)]
    return infer


def _fft_kernel(k, inverse):
    def kernel(x):
        x = np.asarray(x)
        if x.ndim < k:
            raise _invalid(f"Input must have rank of at least {k} but got: {x.ndim}")
        if x.size == 0:
            return np.zeros(x.shape, x.dtype)
        return _eigen_fft.fft_axes(x, k, not inverse)
    return kernel


def _fft_size(t, k):
    return reduce_prod(shape(t)[-k:])


def _fft_grad(k, inverse_fn):
    def grad_fn(op, grad):
        size = cast(_fft_size(grad, k), grad.dtype)
        return [multiply(inverse_fn(grad), size, name="mul")]
    return grad_fn


def _ifft_grad(k, forward_fn):
    def grad_fn(op, grad):
        real = grad.dtype.real_dtype
        rsize = cast(rbinary(realdiv, 1.0, cast(_fft_size(grad, k), real), "truediv"),
                     grad.dtype)
        return [multiply(forward_fn(grad), rsize, name="mul")]
    return grad_fn


def _make_fft(op_type, k, inverse, grad):
    register_op(op_type, infer=_fft_infer(op_type, k), kernel=_fft_kernel(k, inverse),
                grad=grad)

    def f(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
        return apply_generated(op_type, [("input", input)], None, name)
    f.__name__ = op_type.lower()
    f.__qualname__ = f.__name__
    f.__doc__ = (f"The {'inverse ' if inverse else ''}{k}-D discrete Fourier transform over the "
                 f"innermost {k} dimension{'s' if k > 1 else ''} of a complex tensor "
                 f"(op {op_type}).")
    return f


# each gradient calls the other direction's wrapper (looked up when the rule runs)
fft = _make_fft("FFT", 1, False, _fft_grad(1, lambda g: ifft(g)))
ifft = _make_fft("IFFT", 1, True, _ifft_grad(1, lambda g: fft(g)))
fft2d = _make_fft("FFT2D", 2, False, _fft_grad(2, lambda g: ifft2d(g)))
ifft2d = _make_fft("IFFT2D", 2, True, _ifft_grad(2, lambda g: fft2d(g)))
fft3d = _make_fft("FFT3D", 3, False, _fft_grad(3, lambda g: ifft3d(g)))
ifft3d = _make_fft("IFFT3D", 3, True, _ifft_grad(3, lambda g: fft3d(g)))


# -- RFFT / IRFFT (1-3D) -------------------------------------------------------------------------
def const_vector(t: Tensor):
    """TF's constant_value for a Const, or a Pack of Consts (a list holding a constant
    Tensor, as stft's [fft_length]); None when not known at build time."""
    v = const_value(t)
    if v is not None:
        return v
    if t.op.type == "Pack":
        parts = [const_value(x) for x in t.op._inputs]
        if all(p is not None for p in parts):
            return np.stack(parts)
    return None


def maybe_pad_for_rfft(x, k, fft_length, inverse=False):
    """TF's _maybe_pad_for_rfft: `x` zero-padded to fft_length on its inner k dims
    (the innermost to fft_length // 2 + 1 for an inverse transform)."""
    fft_shape = constant_value_as_shape(fft_length)   # as TF: read first
    dims = x.shape.as_tuple()
    if dims is not None and 0 in dims:
        return x
    nv = fft_shape.as_list() if fft_shape.is_fully_defined() else None
    if nv is not None and dims is not None:
        want = [int(v) for v in np.asarray(nv).reshape(-1)]
        have = list(dims[-len(want):]) if want else []
        if None not in have:
            if inverse:
                want = want[:-1] + [want[-1] // 2 + 1]
            paddings = [[0, max(w - h, 0)] for w, h in zip(want, have)]
            if any(p > 0 for _, p in paddings):
                outer = [[0, 0]] * max(len(dims) - len(want), 0)
                return pad(x, outer + paddings)
            return x
    in_rank = rank(x)
    in_fft_shape = shape(x)[-k:]
    outer_dims = maximum(0, in_rank - k)
    outer_paddings = zeros([outer_dims], fft_length.dtype)
    if inverse:
        fft_length = concat([fft_length[:-1], fft_length[-1:] // 2 + 1], 0)
    fft_paddings = maximum(0, fft_length - in_fft_shape)
    paddings = concat([outer_paddings, fft_paddings], 0)
    paddings = stack([zeros_like(paddings), paddings], axis=1)
    return pad(x, paddings)


def _rfft_infer(op_type, k, inverse):
    def infer(inputs, attrs):
        x, n = inputs
        check_dtype(op_type, x, (_dt.complex64,) if inverse else (_dt.float32,), "input")
        check_dtype(op_type, n, (_dt.int32,), "fft_length")
        _at_least(op_type, x, k)
        if n.shape.ndims is not None and n.shape.ndims != 1:
            raise ValueError(f"Shape must be rank 1 but is rank {n.shape.ndims}")
        if n.shape.ndims == 1 and n.shape.as_tuple()[0] not in (None, k):
            raise ValueError(f"Dimension must be {k} but is {n.shape.as_tuple()[0]}")
        out_dt = _dt.float32 if inverse else _dt.complex64
        dims = x.shape.as_tuple()
        if dims is None:
            return [(out_dt, TensorShape(None))]
        nv = const_vector(n)
        if nv is None:   # TF's input_tensor: evaluated whole
            nv = refined_ints(n, partial=False)
        if nv is None:
            tail = [None] * k
        else:
            tail = [int(v) for v in np.asarray(nv).reshape(-1)]
            if not inverse:
                tail[-1] = tail[-1] // 2 + 1
        return [(out_dt, TensorShape(list(dims[:-k]) + tail))]
    return infer


def _rfft_kernel(k, inverse):
    def kernel(x, n):
        x = np.asarray(x)
        n = [int(v) for v in np.asarray(n).reshape(-1)]
        if x.ndim < k:
            raise _invalid(f"Input must have rank of at least {k} but got: {x.ndim}")
        if len(n) != k:
            raise _invalid(f"fft_length must be length {k} vector, got: {len(n)}")
        for v in n:
            if v < 0:
                raise _invalid(f"fft_length must be non-negative, got: {v}")
        out_dt = np.float32 if inverse else np.complex64
        if inverse:
            out_shape = x.shape[:-k] + tuple(n)
            if x.size == 0 or 0 in n:
                return np.zeros(out_shape, out_dt)
            # the input's innermost dims cropped or padded to [n..., n[-1] // 2 + 1]
            want = tuple(n[:-1]) + (n[-1] // 2 + 1,)
            x = _crop_pad(x.astype(np.complex64, copy=False), want)
            return _eigen_fft.irfft_nd(x, n)
        out_shape = x.shape[:-k] + tuple(n[:-1]) + (n[-1] // 2 + 1 if n[-1] else 0,)
        if x.size == 0 or 0 in n:
            return np.zeros(out_shape, out_dt)
        x = _crop_pad(x.astype(np.float32, copy=False), tuple(n))
        return _eigen_fft.rfft_nd(x, k)
    return kernel


def _crop_pad(x, want):
    k = len(want)
    sl = tuple(slice(0, w) for w in want)
    x = x[(Ellipsis,) + sl]
    pads = [(0, 0)] * (x.ndim - k) + [(0, max(w - d, 0)) for w, d in zip(want, x.shape[-k:])]
    if any(p[1] for p in pads):
        x = np.pad(x, pads)
    return x


def real_part(z: Tensor) -> Tensor:
    """tf.real (op Real; a real tensor unchanged)."""
    return _complex_ops.real(z)


def complex_abs(z: Tensor) -> Tensor:
    """tf.abs of a complex tensor (op ComplexAbs, named as TF's tf.abs names it)."""
    return _complex_ops.abs(z)


def make_complex(re: TensorLike, im: TensorLike) -> Tensor:
    """tf.complex(re, im) (op Complex)."""
    return _complex_ops.complex(re, im)


def _rfft_grad(k, irfft_fn):
    """TF 1.14's _rfft_grad_helper (k = 1 or 2), its ops named as TF's operators name
    them (mod, sub, mul, add, truediv)."""
    def grad_fn(op, grad):
        grad = to_tensor(grad)  # an IndexedSlices upstream is sliced below: densify it
        fft_length = op._inputs[1]
        input_shape = shape(op._inputs[0])
        is_even = cast(subtract(1, floormod(fft_length[-1], 2, name="mod"), name="sub"),
                       _dt.complex64)

        def tile_for_broadcasting(matrix, t):
            expanded = reshape(matrix, concat([ones([subtract(rank(t), 2, name="sub")],
                                                    _dt.int32), shape(matrix)], 0))
            return tile(expanded, concat([shape(t)[:-2], [1, 1]], 0))

        def mask_matrix(length):
            a = tile(expand_dims(_range(length), 0), (length, 1))
            b = transpose(a, [1, 0])
            return exp(realdiv(rbinary(multiply, -2j * np.pi,
                                       cast(multiply(a, b, name="mul"), _dt.complex64), "mul"),
                               cast(length, _dt.complex64), name="truediv"))

        def ymask(length):
            return cast(subtract(1, multiply(2, floormod(_range(length), 2, name="mod"),
                                             name="mul"), name="sub"), _dt.complex64)

        y0 = grad[..., 0:1]
        if k == 1:
            ym = grad[..., -1:]
            extra_terms = add(y0, multiply(multiply(is_even, ym, name="mul"),
                                           ymask(input_shape[-1]), name="mul"), name="add")
        else:
            base_mask = mask_matrix(input_shape[-2])
            tiled_mask = tile_for_broadcasting(base_mask, y0)
            extra_terms = matmul(tiled_mask, conj(y0))
            ym = grad[..., -1:]
            ym_term = matmul(tiled_mask, conj(ym))
            inner_dim = input_shape[-1]
            ym_term = multiply(tile(ym_term, concat([ones([subtract(rank(grad), 1, name="sub")],
                                                          _dt.int32), [inner_dim]], 0)),
                               ymask(inner_dim), name="mul")
            extra_terms = add(extra_terms, multiply(is_even, ym_term, name="mul"), name="add")
        input_size = cast(_fft_size(op._inputs[0], k), _dt.float32)
        the_irfft = irfft_fn(grad, fft_length)
        return [multiply(0.5, add(multiply(the_irfft, input_size, name="mul"),
                                  real_part(extra_terms), name="add"), name="mul"), None]
    return grad_fn


def _irfft_grad(k, rfft_fn):
    """TF 1.14's _irfft_grad_helper (k = 1 or 2), ops named as TF's."""
    def grad_fn(op, grad):
        fft_length = op._inputs[1]
        is_odd = floormod(fft_length[-1], 2)
        last = shape(op._inputs[0])[-1]
        mask = concat([[1.0], multiply(2.0, ones([add(subtract(last, 2, name="sub"), is_odd,
                                                      name="add")]), name="mul"),
                       ones([subtract(1, is_odd, name="sub")])], 0)
        rsize = reciprocal(cast(_fft_size(grad, k), _dt.float32))
        the_rfft = rfft_fn(grad, fft_length)
        return [multiply(the_rfft, cast(multiply(rsize, mask, name="mul"), _dt.complex64),
                         name="mul"), None]
    return grad_fn


def rfft_wrapped(op_type: str, k: int, x: Tensor, fft_length: Tensor,
                 name: str | None = None) -> Tensor:
    """TF's tf.signal.rfft* / irfft* wrapper with fft_length given: a name scope (the
    op's lower-case name), the input padded to fft_length, then the op."""
    inverse = op_type.startswith("I")
    with name_scope(name, op_type.lower(), [x, fft_length]) as scope:
        x = to_tensor(x)
        x = maybe_pad_for_rfft(x, k, fft_length, inverse)
        return rfft_op(op_type, x, fft_length, scope)


def rfft_op(op_type: str, x: Tensor, fft_length: Tensor, name: str | None = None) -> Tensor:
    """The op `op_type` (RFFT, IRFFT, RFFT2D, IRFFT2D, RFFT3D or IRFFT3D) on x and
    fft_length (an int32 vector)."""
    return apply(op_type, [x, fft_length], None, name or op_type)


def _by_name(op_type, k):
    return lambda x, n: rfft_wrapped(op_type, k, x, n)


# RFFT3D and IRFFT3D have no gradient in TF 1.14
for _op, _k, _inv, _grad in (
        ("RFFT", 1, False, _rfft_grad(1, _by_name("IRFFT", 1))),
        ("IRFFT", 1, True, _irfft_grad(1, _by_name("RFFT", 1))),
        ("RFFT2D", 2, False, _rfft_grad(2, _by_name("IRFFT2D", 2))),
        ("IRFFT2D", 2, True, _irfft_grad(2, _by_name("RFFT2D", 2))),
        ("RFFT3D", 3, False, None), ("IRFFT3D", 3, True, None)):
    register_op(_op, infer=_rfft_infer(_op, _k, _inv), kernel=_rfft_kernel(_k, _inv),
                grad=_grad or no_gradient_registered)
