"""tf.contrib.distributions.WishartCholesky and WishartFull (TF 1.14): the Wishart distribution
on positive definite matrices (or their Cholesky factors), sampled by the Bartlett
decomposition from TF's random_normal and random_gamma streams."""
from __future__ import annotations

import math

import numpy as np

from ...distributions import distribution
from ...distributions.beta_student import gen_new_seed
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.ops.linalg import matmul, matrix_transpose
from ...engine.ops.linalg_decomp import cholesky
from ...engine.framework.tensor_shape import TensorShape
from ...linear_operator import LinearOperatorLowerTriangular
from ...ops import array_ops, check_ops, control_flow_ops, math_ops, matrix_ops, random_ops
from ...ops.slicing import strided_slice
from ...ops.tensor_util import constant_value

__all__ = ["WishartCholesky", "WishartFull"]


class _WishartLinearOperator(distribution.Distribution):
    """Wishart(df, scale = S S^T) for S a LinearOperator (TF's _WishartLinearOperator)."""

    def __init__(self, df, scale_operator, cholesky_input_output_matrices=False,
                 validate_args=False, allow_nan_stats=True, name=None):
        parameters = dict(locals())
        self._cholesky_input_output_matrices = cholesky_input_output_matrices
        with name_scope(name) as name:
            with name_scope("init", values=[x for x in (df,) if hasattr(x, "graph")]
                            + scale_operator.graph_parents):
                if not scale_operator.dtype.is_floating:
                    raise TypeError("scale_operator.dtype=%s is not a floating-point type"
                                    % scale_operator.dtype)
                self._scale_operator = scale_operator
                self._df = convert_to_tensor(df, dtype=scale_operator.dtype, name="df")
                check_ops.assert_same_float_dtype((self._df, self._scale_operator))
                if scale_operator.shape.ndims is None or \
                        scale_operator.shape.dims[-1].value is None:
                    self._dimension = math_ops.cast(scale_operator.domain_dimension_tensor(),
                                                    dtype=scale_operator.dtype,
                                                    name="dimension")
                else:
                    self._dimension = convert_to_tensor(scale_operator.shape.dims[-1].value,
                                                        dtype=scale_operator.dtype,
                                                        name="dimension")
                df_val = constant_value(self._df)
                dim_val = constant_value(self._dimension)
                if df_val is not None and dim_val is not None:
                    df_val = np.asarray(df_val)
                    if not df_val.shape:
                        df_val = [df_val]
                    if any(df_val < dim_val):
                        raise ValueError("Degrees of freedom (df = %s) cannot be less than "
                                         "dimension of scale matrix (scale.dimension = %s)"
                                         % (df_val, dim_val))
                elif validate_args:
                    # TF's message formats the two tensors the other way round
                    assertion = check_ops.assert_less_equal(
                        self._dimension, self._df,
                        message=("Degrees of freedom (df = %s) cannot be less than "
                                 "dimension of scale matrix (scale.dimension = %s)"
                                 % (self._dimension, self._df)))
                    self._df = control_flow_ops.with_dependencies([assertion], self._df)
        super().__init__(dtype=scale_operator.dtype, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         parameters=parameters,
                         graph_parents=[self._df, self._dimension]
                         + scale_operator.graph_parents, name=name)

    @property
    def df(self):
        return self._df

    def _square_scale_operator(self):
        return self.scale_operator.matmul(self.scale_operator.to_dense(), adjoint_arg=True)

    def scale(self):
        """The scale matrix (its Cholesky factor under cholesky_input_output_matrices); a
        method, not a property, in TF 1.14."""
        if self._cholesky_input_output_matrices:
            return self.scale_operator.to_dense()
        return self._square_scale_operator()

    @property
    def scale_operator(self):
        return self._scale_operator

    @property
    def cholesky_input_output_matrices(self):
        return self._cholesky_input_output_matrices

    @property
    def dimension(self):
        return self._dimension

    def _event_shape_tensor(self):
        dimension = self.scale_operator.domain_dimension_tensor()
        return array_ops.stack([dimension, dimension])

    def _event_shape(self):
        dimension = self.scale_operator.domain_dimension
        return TensorShape([dimension, dimension])

    def _batch_shape_tensor(self):
        return self.scale_operator.batch_shape_tensor()

    def _batch_shape(self):
        return self.scale_operator.batch_shape

    def _sample_n(self, n, seed):
        """Bartlett: A lower triangular, N(0, 1) below the diagonal and sqrt(chi2(df - i))
        on it; the sample is (S A)(S A)^T."""
        batch_shape = self.batch_shape_tensor()
        event_shape = self.event_shape_tensor()
        batch_ndims = array_ops.shape(batch_shape)[0]
        ndims = batch_ndims + 3
        shape = array_ops.concat([[n], batch_shape, event_shape], 0)
        x = random_ops.random_normal(shape=shape, mean=0., stddev=1., dtype=self.dtype,
                                     seed=seed)
        expanded_df = self.df * array_ops.ones(self.scale_operator.batch_shape_tensor(),
                                               dtype=self.df.dtype.base_dtype)
        g = random_ops.random_gamma(
            shape=[n], alpha=self._multi_gamma_sequence(0.5 * expanded_df, self.dimension),
            beta=0.5, dtype=self.dtype, seed=gen_new_seed(seed, "wishart"))
        x = matrix_ops.matrix_band_part(x, -1, 0)
        x = matrix_ops.matrix_set_diag(x, math_ops.sqrt(g))
        perm = array_ops.concat([array_ops.range(1, ndims), [0]], 0)
        x = array_ops.transpose(x, perm)
        shape = array_ops.concat([batch_shape, [event_shape[0]], [-1]], 0)
        x = array_ops.reshape(x, shape)
        x = self.scale_operator.matmul(x)
        shape = array_ops.concat([batch_shape, event_shape, [n]], 0)
        x = array_ops.reshape(x, shape)
        perm = array_ops.concat([[ndims - 1], array_ops.range(0, ndims - 1)], 0)
        x = array_ops.transpose(x, perm)
        if not self.cholesky_input_output_matrices:
            x = matmul(x, x, adjoint_b=True)
        return x

    def _log_prob(self, x):
        x_sqrt = x if self.cholesky_input_output_matrices else cholesky(x)
        batch_shape = self.batch_shape_tensor()
        event_shape = self.event_shape_tensor()
        ndims = array_ops.rank(x_sqrt)
        sample_ndims = ndims - array_ops.shape(batch_shape)[0] - 2
        sample_shape = strided_slice(array_ops.shape(x_sqrt), [0], [sample_ndims])
        # batch dimensions first, samples folded into the columns, for one batched solve
        perm = array_ops.concat([array_ops.range(sample_ndims, ndims),
                                 array_ops.range(0, sample_ndims)], 0)
        y = array_ops.transpose(x_sqrt, perm)
        shape = array_ops.concat(
            (batch_shape, (math_ops.cast(self.dimension, dtype=_dt.int32), -1)), 0)
        y = self.scale_operator.solve(array_ops.reshape(y, shape))
        shape = array_ops.concat([batch_shape, event_shape, sample_shape], 0)
        y = array_ops.reshape(y, shape)
        perm = array_ops.concat([array_ops.range(ndims - sample_ndims, ndims),
                                 array_ops.range(0, ndims - sample_ndims)], 0)
        y = array_ops.transpose(y, perm)
        # tr[inv(S S') L L'] = sum((inv(S) L)**2)
        trace_scale_inv_x = math_ops.reduce_sum(math_ops.square(y), axis=[-2, -1])
        half_log_det_x = math_ops.reduce_sum(
            math_ops.log(matrix_ops.matrix_diag_part(x_sqrt)), axis=[-1])
        log_prob = ((self.df - self.dimension - 1.) * half_log_det_x
                    - 0.5 * trace_scale_inv_x - self.log_normalization())
        if x.get_shape().ndims is not None:
            log_prob.set_shape(x.get_shape()[:-2])
        if log_prob.get_shape().ndims is not None and self.batch_shape.ndims is not None \
                and self.batch_shape.ndims > 0:
            log_prob.get_shape()[-self.batch_shape.ndims:].merge_with(self.batch_shape)
        return log_prob

    def _prob(self, x):
        return math_ops.exp(self._log_prob(x))

    def _entropy(self):
        half_dp1 = 0.5 * self.dimension + 0.5
        half_df = 0.5 * self.df
        return (self.dimension * (half_df + half_dp1 * math.log(2.))
                + 2 * half_dp1 * self.scale_operator.log_abs_determinant()
                + self._multi_lgamma(half_df, self.dimension)
                + (half_dp1 - half_df) * self._multi_digamma(half_df, self.dimension))

    def _mean(self):
        if self.cholesky_input_output_matrices:
            return math_ops.sqrt(self.df) * self.scale_operator.to_dense()
        return self.df * self._square_scale_operator()

    def _variance(self):
        x = math_ops.sqrt(self.df) * self._square_scale_operator()
        d = array_ops.expand_dims(matrix_ops.matrix_diag_part(x), -1)
        v = math_ops.square(x) + matmul(d, d, adjoint_b=True)
        if self.cholesky_input_output_matrices:
            return cholesky(v)
        return v

    def _stddev(self):
        if self.cholesky_input_output_matrices:
            raise ValueError("Computing std. dev. when is cholesky_input_output_matrices=True "
                             "does not make sense.")
        return cholesky(self.variance())

    def _mode(self):
        s = self.df - self.dimension - 1.
        s = array_ops.where(math_ops.less(s, 0.),
                            constant(float("NaN"), dtype=self.dtype, name="nan"), s)
        if self.cholesky_input_output_matrices:
            return math_ops.sqrt(s) * self.scale_operator.to_dense()
        return s * self._square_scale_operator()

    def mean_log_det(self, name="mean_log_det"):
        """E[log(det(X))]."""
        with self._name_scope(name):
            return (self._multi_digamma(0.5 * self.df, self.dimension)
                    + self.dimension * math.log(2.)
                    + 2 * self.scale_operator.log_abs_determinant())

    def log_normalization(self, name="log_normalization"):
        """log Z = df log|det S| + df p/2 log 2 + log Gamma_p(df / 2)."""
        with self._name_scope(name):
            return (self.df * self.scale_operator.log_abs_determinant()
                    + 0.5 * self.df * self.dimension * math.log(2.)
                    + self._multi_lgamma(0.5 * self.df, self.dimension))

    def _multi_gamma_sequence(self, a, p, name="multi_gamma_sequence"):
        """a[..., None] + [0, -1/2, ..., (1 - p) / 2]: shape(a) + [p]."""
        with self._name_scope(name, values=[a, p]):
            seq = array_ops.linspace(constant(0., dtype=self.dtype), 0.5 - 0.5 * p,
                                     math_ops.cast(p, _dt.int32))
            return seq + array_ops.expand_dims(a, [-1])

    def _multi_lgamma(self, a, p, name="multi_lgamma"):
        """log Gamma_p(a)."""
        with self._name_scope(name, values=[a, p]):
            seq = self._multi_gamma_sequence(a, p)
            return (0.25 * p * (p - 1.) * math.log(math.pi)
                    + math_ops.reduce_sum(math_ops.lgamma(seq), axis=[-1]))

    def _multi_digamma(self, a, p, name="multi_digamma"):
        """Psi_p(a)."""
        with self._name_scope(name, values=[a, p]):
            seq = self._multi_gamma_sequence(a, p)
            return math_ops.reduce_sum(math_ops.digamma(seq), axis=[-1])


class WishartCholesky(_WishartLinearOperator):
    """Wishart(df, scale @ scale^T) for `scale` a lower-triangular Cholesky factor."""

    def __init__(self, df, scale, cholesky_input_output_matrices=False, validate_args=False,
                 allow_nan_stats=True, name="WishartCholesky"):
        parameters = dict(locals())
        with name_scope(name, values=[x for x in (scale,) if hasattr(x, "graph")]) as name:
            with name_scope("init", values=[x for x in (scale,) if hasattr(x, "graph")]):
                scale = convert_to_tensor(scale)
                if validate_args:
                    scale = control_flow_ops.with_dependencies([
                        check_ops.assert_positive(matrix_ops.matrix_diag_part(scale),
                                                  message="scale must be positive definite"),
                        check_ops.assert_equal(array_ops.shape(scale)[-1],
                                               array_ops.shape(scale)[-2],
                                               message="scale must be square")], scale)
            super().__init__(
                df=df, scale_operator=LinearOperatorLowerTriangular(
                    tril=scale, is_non_singular=True, is_positive_definite=True,
                    is_square=True),
                cholesky_input_output_matrices=cholesky_input_output_matrices,
                validate_args=validate_args, allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class WishartFull(_WishartLinearOperator):
    """Wishart(df, scale) for `scale` a symmetric positive definite matrix (factored by
    Cholesky when built)."""

    def __init__(self, df, scale, cholesky_input_output_matrices=False, validate_args=False,
                 allow_nan_stats=True, name="WishartFull"):
        parameters = dict(locals())
        with name_scope(name) as name:
            with name_scope("init", values=[x for x in (scale,) if hasattr(x, "graph")]):
                scale = convert_to_tensor(scale)
                if validate_args:   # distribution_util.assert_symmetric
                    scale = control_flow_ops.with_dependencies(
                        [check_ops.assert_equal(scale, matrix_transpose(scale))], scale)
                chol = cholesky(scale)
                # (an Identity of the factor with or without the check, as TF)
                chol = control_flow_ops.with_dependencies(
                    [check_ops.assert_positive(matrix_ops.matrix_diag_part(chol))]
                    if validate_args else [], chol)
        super().__init__(
            df=df, scale_operator=LinearOperatorLowerTriangular(
                tril=chol, is_non_singular=True, is_positive_definite=True, is_square=True),
            cholesky_input_output_matrices=cholesky_input_output_matrices,
            validate_args=validate_args, allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters
