"""LinearOperatorCirculant, Circulant2D, Circulant3D and LinearOperatorToeplitz (TF 1.14):
[nested block] circulant operators given by their spectrum, applied through FFTs, and the
Toeplitz operator through its circulant embedding."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.construction import range as _range
from ..ops import array_ops, check_ops, comparison_ops, linalg_ops, math_ops, spectral_ops
from ..ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape
from ..ops.tensor_util import constant_value
from . import _util
from .base import LinearOperator

__all__ = ["LinearOperatorCirculant", "LinearOperatorCirculant2D", "LinearOperatorCirculant3D",
           "LinearOperatorToeplitz"]

_FFT_OP = {1: spectral_ops.fft, 2: spectral_ops.fft2d, 3: spectral_ops.fft3d}
_IFFT_OP = {1: spectral_ops.ifft, 2: spectral_ops.ifft2d, 3: spectral_ops.ifft3d}


def _to_complex(x):
    if x.dtype.is_complex:
        return x
    return math_ops.cast(x, _dt.complex128 if x.dtype == _dt.float64 else _dt.complex64)


def rotate_transpose(x, shift, name="rotate_transpose"):
    """TF's distribution_util.rotate_transpose: x's dims rolled right by shift."""
    with name_scope(name, values=[x, shift]):
        x = convert_to_tensor(x, name="x")
        shift = convert_to_tensor(shift, name="shift")
        check_ops.assert_integer(shift)
        shift_static = constant_value(shift)
        ndims = x.get_shape().ndims
        if ndims is not None and shift_static is not None:
            if ndims < 2:
                return x
            shift_static = np.sign(shift_static) * (abs(shift_static) % ndims)
            if shift_static == 0:
                return x
            perm = np.roll(np.arange(ndims), shift_static)
            return array_ops.transpose(x, perm=perm)
        ndims = array_ops.rank(x)
        shift = array_ops.where(comparison_ops.less(shift, 0), math_ops.mod(-shift, ndims),
                                ndims - math_ops.mod(shift, ndims))
        first = _range(0, shift)   # (TF builds this Range first)
        perm = array_ops.concat([_range(shift, ndims), first], 0)
        return array_ops.transpose(x, perm=perm)


class _BaseLinearOperatorCirculant(LinearOperator):
    """A [[nested] block] circulant operator of a spectrum of block_depth trailing dims."""

    def __init__(self, spectrum, block_depth, input_output_dtype=_dt.complex64,
                 is_non_singular=None, is_self_adjoint=None, is_positive_definite=None,
                 is_square=True, name="LinearOperatorCirculant"):
        self._name = name
        if block_depth not in [1, 2, 3]:
            raise ValueError("Expected block_depth to be in %s.  Found: %s."
                             % ([1, 2, 3], block_depth))
        self._block_depth = block_depth
        with name_scope(name, values=[spectrum]):
            self._spectrum = self._check_spectrum_and_return_tensor(spectrum)
            if not self.spectrum.dtype.is_complex:
                if is_self_adjoint is False:
                    raise ValueError("A real spectrum always corresponds to a self-adjoint "
                                     "operator.")
                is_self_adjoint = True
            if is_square is False:
                raise ValueError("A [[nested] block] circulant operator is always square.")
            s_shape = array_ops.shape(self.spectrum)
            self._block_shape_tensor = s_shape[-self.block_depth:]
            self._spectrum_complex = _to_complex(self.spectrum)
            self._abs_spectrum = math_ops.abs(self.spectrum)
            self._conj_spectrum = math_ops.conj(self._spectrum_complex)
            super().__init__(dtype=_dt.as_dtype(input_output_dtype),
                             graph_parents=[self.spectrum], is_non_singular=is_non_singular,
                             is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    def _check_spectrum_and_return_tensor(self, spectrum):
        spectrum = convert_to_tensor(spectrum, name="spectrum")
        ndims = spectrum.get_shape().ndims
        if ndims is not None and ndims < self.block_depth:
            raise ValueError("Argument spectrum must have at least %d dimensions.  Found: %s"
                             % (self.block_depth, spectrum))
        return spectrum

    @property
    def block_depth(self):
        return self._block_depth

    def block_shape_tensor(self):
        return self._block_shape_tensor

    @property
    def block_shape(self):
        return self.spectrum.get_shape()[-self.block_depth:]

    @property
    def spectrum(self):
        return self._spectrum

    def _vectorize_then_blockify(self, matrix):
        vec = rotate_transpose(matrix, shift=1)
        if vec.get_shape().is_fully_defined() and self.block_shape.is_fully_defined():
            final_shape = vec.get_shape()[:-1].concatenate(self.block_shape).as_list()
        else:
            final_shape = array_ops.concat(
                (array_ops.shape(vec)[:-1], self.block_shape_tensor()), 0)
        return array_ops.reshape(vec, final_shape)

    def _unblockify_then_matricize(self, vec):
        if vec.get_shape().is_fully_defined():
            vec_shape = vec.get_shape().as_list()
            flat_shape = (vec_shape[:-self.block_depth]
                          + [int(np.prod(vec_shape[-self.block_depth:]))])
        else:
            vec_shape = array_ops.shape(vec)
            flat_shape = array_ops.concat(
                (vec_shape[:-self.block_depth],
                 [math_ops.reduce_prod(vec_shape[-self.block_depth:])]), 0)
        return rotate_transpose(array_ops.reshape(vec, flat_shape), shift=-1)

    def _fft(self, x):
        return _FFT_OP[self.block_depth](_to_complex(x))

    def _ifft(self, x):
        return _IFFT_OP[self.block_depth](_to_complex(x))

    def convolution_kernel(self, name="convolution_kernel"):
        with self._name_scope(name):
            return math_ops.cast(self._ifft(self._spectrum_complex), self.dtype)

    def _shape(self):
        s_shape = self._spectrum.get_shape()
        trailing = s_shape[-self.block_depth:]
        n = int(np.prod(trailing.as_list())) if trailing.is_fully_defined() else None
        return s_shape[:-self.block_depth].concatenate(TensorShape([n, n]))

    def _shape_tensor(self):
        s_shape = array_ops.shape(self._spectrum)
        n = math_ops.reduce_prod(s_shape[-self.block_depth:])
        return array_ops.concat((s_shape[:-self.block_depth], [n, n]), 0)

    def assert_hermitian_spectrum(self, name="assert_hermitian_spectrum"):
        eps = np.finfo(self.dtype.real_dtype.as_numpy_dtype).eps
        with self._name_scope(name):
            max_err = eps * self.domain_dimension_tensor()
            imag_kernel = math_ops.imag(self.convolution_kernel())
            return check_ops.assert_less(math_ops.abs(imag_kernel), max_err,
                                         message="Spectrum was not Hermitian")

    def _assert_non_singular(self):
        return _util.assert_no_entries_with_modulus_zero(
            self.spectrum, message="Singular operator:  Spectrum contained zero values.")

    def _assert_positive_definite(self):
        return check_ops.assert_positive(
            math_ops.real(self.spectrum),
            message="Not positive definite:  Real part of spectrum was not all positive.")

    def _assert_self_adjoint(self):
        return _util.assert_zero_imag_part(
            self.spectrum,
            message="Not self-adjoint:  The spectrum contained non-zero imaginary part.")

    def _broadcast_batch_dims(self, x, spectrum):
        spec_mat = array_ops.reshape(
            spectrum, array_ops.concat((self.batch_shape_tensor(), [-1, 1]), axis=0))
        x, spec_mat = _util.broadcast_matrix_batch_dims((x, spec_mat))
        batch_shape = array_ops.shape(x)[:-2]
        spectrum = array_ops.reshape(
            spec_mat, array_ops.concat((batch_shape, self.block_shape_tensor()), axis=0))
        return x, spectrum

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = linalg_ops.adjoint(x) if adjoint_arg else x
        spectrum = self._conj_spectrum if adjoint else self._spectrum_complex
        x = math_ops.cast(x, spectrum.dtype)
        x, spectrum = self._broadcast_batch_dims(x, spectrum)
        fft_x_vb = self._fft(self._vectorize_then_blockify(x))
        y = self._unblockify_then_matricize(self._ifft(spectrum * fft_x_vb))
        return math_ops.cast(y, self.dtype)

    def _determinant(self):
        axis = [-(i + 1) for i in range(self.block_depth)]
        return math_ops.cast(math_ops.reduce_prod(self.spectrum, axis=axis), self.dtype)

    def _log_abs_determinant(self):
        axis = [-(i + 1) for i in range(self.block_depth)]
        lad = math_ops.reduce_sum(math_ops.log(self._abs_spectrum), axis=axis)
        return math_ops.cast(lad, self.dtype)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        rhs = linalg_ops.adjoint(rhs) if adjoint_arg else rhs
        spectrum = self._conj_spectrum if adjoint else self._spectrum_complex
        rhs, spectrum = self._broadcast_batch_dims(rhs, spectrum)
        fft_rhs_vb = self._fft(self._vectorize_then_blockify(rhs))
        x = self._unblockify_then_matricize(self._ifft(fft_rhs_vb / spectrum))
        return math_ops.cast(x, self.dtype)

    def _diag_part(self):
        if self.shape.is_fully_defined():
            diag_shape = self.shape[:-1]
            diag_size = self.domain_dimension.value
        else:
            diag_shape = self.shape_tensor()[:-1]
            diag_size = self.domain_dimension_tensor()
        ones_diag = array_ops.ones(diag_shape, dtype=self.dtype)
        diag_value = self.trace() / math_ops.cast(diag_size, self.dtype)
        return diag_value[..., None] * ones_diag

    def _trace(self):
        if self.spectrum.get_shape().is_fully_defined():
            spec_rank = self.spectrum.get_shape().ndims
            axis = np.arange(spec_rank - self.block_depth, spec_rank, dtype=np.int32)
        else:
            spec_rank = array_ops.rank(self.spectrum)
            axis = _range(spec_rank - self.block_depth, spec_rank)
        re_d_value = math_ops.reduce_sum(math_ops.real(self.spectrum), axis=axis)
        if not self.dtype.is_complex:
            return math_ops.cast(re_d_value, self.dtype)
        if self.is_self_adjoint:
            im_d_value = array_ops.zeros_like(re_d_value)
        else:
            im_d_value = math_ops.reduce_sum(math_ops.imag(self.spectrum), axis=axis)
        return math_ops.cast(math_ops.complex(re_d_value, im_d_value), self.dtype)


class LinearOperatorCirculant(_BaseLinearOperatorCirculant):
    """The circulant operator of a spectrum (the DFT of its convolution kernel)."""

    def __init__(self, spectrum, input_output_dtype=_dt.complex64, is_non_singular=None,
                 is_self_adjoint=None, is_positive_definite=None, is_square=True,
                 name="LinearOperatorCirculant"):
        super().__init__(spectrum, block_depth=1, input_output_dtype=input_output_dtype,
                         is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                         is_positive_definite=is_positive_definite, is_square=is_square,
                         name=name)


class LinearOperatorCirculant2D(_BaseLinearOperatorCirculant):
    """The block circulant operator (circulant blocks) of a 2-D spectrum."""

    def __init__(self, spectrum, input_output_dtype=_dt.complex64, is_non_singular=None,
                 is_self_adjoint=None, is_positive_definite=None, is_square=True,
                 name="LinearOperatorCirculant2D"):
        super().__init__(spectrum, block_depth=2, input_output_dtype=input_output_dtype,
                         is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                         is_positive_definite=is_positive_definite, is_square=is_square,
                         name=name)


class LinearOperatorCirculant3D(_BaseLinearOperatorCirculant):
    """The nested block circulant operator of a 3-D spectrum."""

    def __init__(self, spectrum, input_output_dtype=_dt.complex64, is_non_singular=None,
                 is_self_adjoint=None, is_positive_definite=None, is_square=True,
                 name="LinearOperatorCirculant3D"):
        super().__init__(spectrum, block_depth=3, input_output_dtype=input_output_dtype,
                         is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                         is_positive_definite=is_positive_definite, is_square=is_square,
                         name=name)


def _toeplitz_complex(x):
    dtype = _dt.complex128 if x.dtype in [_dt.float64, _dt.complex128] else _dt.complex64
    return math_ops.cast(x, dtype)


class LinearOperatorToeplitz(LinearOperator):
    """The square Toeplitz operator of a first column col and first row row."""

    def __init__(self, col, row, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorToeplitz"):
        with name_scope(name, values=[row, col]):
            self._row = convert_to_tensor(row, name="row")
            self._col = convert_to_tensor(col, name="col")
            self._check_row_col(self._row, self._col)
            circulant_col = array_ops.concat(
                [self._col, array_ops.zeros_like(self._col[..., 0:1]),
                 array_ops.reverse(self._row[..., 1:], axis=[-1])], axis=-1)
            self._circulant = LinearOperatorCirculant(
                spectral_ops.fft(_toeplitz_complex(circulant_col)),
                input_output_dtype=self._row.dtype)
            if is_square is False:
                raise ValueError("Only square Toeplitz operators currently supported.")
            super().__init__(dtype=self._row.dtype, graph_parents=[self._row, self._col],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    def _check_row_col(self, row, col):
        for name, tensor in [["row", row], ["col", col]]:
            if tensor.get_shape().ndims is not None and tensor.get_shape().ndims < 1:
                raise ValueError("Argument {} must have at least 1 dimension.  "
                                 "Found: {}".format(name, tensor))
        if row.get_shape()[-1] is not None and col.get_shape()[-1] is not None:
            if row.get_shape()[-1] != col.get_shape()[-1]:
                raise ValueError("Expected square matrix, got row and col with mismatched "
                                 "dimensions.")

    @property
    def col(self):
        return self._col

    @property
    def row(self):
        return self._row

    def _shape(self):
        v_shape = broadcast_static_shape(self.row.shape, self.col.shape)
        return v_shape.concatenate(v_shape[-1:])

    def _shape_tensor(self):
        v_shape = broadcast_dynamic_shape(array_ops.shape(self.row), array_ops.shape(self.col))
        return array_ops.concat((v_shape, [v_shape[-1]]), 0)

    def _assert_self_adjoint(self):
        return check_ops.assert_equal(
            self.row, self.col,
            message="row and col are not the same, and so this operator is not self-adjoint.")

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = linalg_ops.adjoint(x) if adjoint_arg else x
        expanded_x = array_ops.concat([x, array_ops.zeros_like(x)], axis=-2)
        result = self._circulant.matmul(expanded_x, adjoint=adjoint, adjoint_arg=False)
        return math_ops.cast(result[..., :self.domain_dimension_tensor(), :], self.dtype)

    def _trace(self):
        return (math_ops.cast(self.domain_dimension_tensor(), dtype=self.dtype)
                * self.col[..., 0])

    def _diag_part(self):
        diag_entry = self.col[..., 0:1]
        return diag_entry * array_ops.ones([self.domain_dimension_tensor()], self.dtype)
