# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""Edge cases of math ops whose TF 1.14 answers are recorded in math.json.

Each case is a function of `tf` (TensorFlow 1.14 under the oracle, flowgrad in
tests/test_ops_math.py) that builds tensors in a fresh graph and returns the fetches
(a list; entries may be None for unconnected gradients). CASES describes each: `error`
(the exception class expected) and `match` (substrings of its message) for error cases;
`static=True` records each fetch's name, op type, dtype and static shape instead of
running it; `init=True` runs tf.global_variables_initializer() first.
"""
import numpy as np


# -- maximum / minimum: a tie's gradient goes to x -----------------------------------------
def maximum_ties_grad(tf):
    x = tf.constant([1., 2., 2., 3.])
    y = tf.constant([2., 2., 1., 3.])
    return [tf.maximum(x, y)] + tf.gradients(tf.maximum(x, y), [x, y])


def minimum_ties_grad(tf):
    x = tf.constant([1., 2., 2., 3.])
    y = tf.constant([2., 2., 1., 3.])
    return [tf.minimum(x, y)] + tf.gradients(tf.minimum(x, y), [x, y])


def maximum_broadcast_grad_f64(tf):
    x = tf.constant([[1., 2.], [3., 0.]], tf.float64)
    y = tf.constant(2., tf.float64)
    return tf.gradients(tf.maximum(x, y), [x, y])


# -- gradients at singular points ----------------------------------------------------------
def sqrt_grad_at_zero(tf):
    x = tf.constant([0., 1., 4.])
    return tf.gradients(tf.sqrt(x), x)


def sqrt_second_grad(tf):
    x = tf.constant([0.25, 1., 4.], tf.float64)
    return tf.gradients(tf.gradients(tf.sqrt(x), x)[0], x)


def rsqrt_grad_at_zero(tf):
    x = tf.constant([0., 1., 4.])
    return tf.gradients(tf.rsqrt(x), x)


def abs_sign_grad_at_zero(tf):
    x = tf.constant([-1., 0., 2.])
    return tf.gradients(tf.abs(x), x) + tf.gradients(tf.sign(x), x)


def floor_ceil_round_no_grad(tf):
    x = tf.constant([-1.5, 0.5])
    return tf.gradients(tf.floor(x), x) + tf.gradients(tf.ceil(x), x) + tf.gradients(tf.round(x), x) + tf.gradients(tf.rint(x), x)


def pow_grads_nonpositive_base(tf):
    x = tf.constant([0., -1., 2., 0.])
    y = tf.constant([2., 2., 0.5, 0.5])
    return [tf.pow(x, y)] + tf.gradients(tf.pow(x, y), [x, y])


def pow_scalar_base_grad(tf):
    x = tf.constant([0., -1., 2.])
    return tf.gradients(tf.pow(2.0, x), x) + tf.gradients(tf.pow(x, 3.0), x)


def log_reciprocal_grad_at_zero(tf):
    x = tf.constant([0., 2.])
    return tf.gradients(tf.log(x), x) + tf.gradients(tf.reciprocal(x), x)


def clip_by_value_grad_at_bounds(tf):
    x = tf.constant([-2., -1., 0., 1., 2.])
    return [tf.clip_by_value(x, -1., 1.)] + tf.gradients(tf.clip_by_value(x, -1., 1.), x)


def clip_by_value_tensor_bounds(tf):
    x = tf.constant([[-2., 0.5], [3., 1.]])
    lo = tf.constant([0., 1.])
    hi = tf.constant(1.5)
    return [tf.clip_by_value(x, lo, hi)] + tf.gradients(tf.clip_by_value(x, lo, hi), [x, lo, hi])


# -- reductions ----------------------------------------------------------------------------
def reduce_max_ties_grad(tf):
    m = tf.constant([[1., 3., 3.], [2., 2., 2.]])
    return tf.gradients(tf.reduce_max(m, axis=1), m) + tf.gradients(tf.reduce_max(m), m) + tf.gradients(tf.reduce_min(m, axis=0, keepdims=True), m)


def reduce_prod_zeros_grad(tf):
    p = tf.constant([[0., 3., 2.], [0., 0., 2.], [1., 2., 3.]])
    return tf.gradients(tf.reduce_prod(p, axis=1), p) + tf.gradients(tf.reduce_prod(p), p) + tf.gradients(tf.reduce_prod(p, axis=0), p)


def reduce_prod_3d_axes_grad(tf):
    p = tf.constant(np.arange(-5., 7.).reshape(2, 3, 2))
    return [tf.reduce_prod(p, [0, 2])] + tf.gradients(tf.reduce_prod(p, [0, 2]), p) + tf.gradients(tf.reduce_prod(p, [-1, 0], keepdims=True), p)


def reduce_mean_int_truncates(tf):
    a = tf.constant([[1, 2], [-1, -2]])
    return [tf.reduce_mean(a), tf.reduce_mean(a, 1), tf.reduce_mean(tf.constant([7, 8, 8]))]


def reduce_mean_grad(tf):
    x = tf.constant(np.arange(6.).reshape(2, 3))
    return tf.gradients(tf.reduce_mean(x, axis=1), x) + tf.gradients(tf.reduce_mean(x), x)


def reduce_empty(tf):
    e = tf.zeros([0])
    ei = tf.zeros([0], tf.int32)
    e2 = tf.zeros([0, 3])
    return [tf.reduce_max(e), tf.reduce_min(e), tf.reduce_max(ei), tf.reduce_min(ei), tf.reduce_prod(e), tf.reduce_sum(e), tf.reduce_mean(e), tf.reduce_max(e2, 0), tf.reduce_sum(e2, 1), tf.reduce_any(tf.zeros([0], tf.bool)), tf.reduce_all(tf.zeros([0], tf.bool))]


def reduce_spellings(tf):
    x = tf.constant(np.arange(6.).reshape(2, 3))
    return [tf.reduce_sum(x, reduction_indices=[1], keep_dims=True), tf.reduce_sum(x, axis=-1), tf.reduce_max(x, [0, 1], keepdims=True), tf.reduce_sum(x, [])]


def reduce_logsumexp_edges(tf):
    x = tf.constant([[-np.inf, -np.inf], [np.inf, 1.], [1000., 1000.], [-1000., 0.]])
    return [tf.reduce_logsumexp(x, axis=1), tf.reduce_logsumexp(x, 1, keepdims=True)]


def reduce_logsumexp_grad(tf):
    x = tf.constant([[1., 2., 3.], [1000., 1000., 0.]])
    return [tf.reduce_logsumexp(x)] + tf.gradients(tf.reduce_logsumexp(x, axis=1), x)


def argmax_ties(tf):
    a = tf.constant([[1, 3, 3], [2, 2, 1]])
    return [tf.argmax(a, axis=1), tf.argmin(a, axis=1), tf.argmax(a), tf.argmax(a, dimension=1, output_type=tf.int32), tf.argmin(a, -1)]


def argmax_skips_nan(tf):
    x = tf.constant([[1., np.nan, 3.], [np.nan, np.nan, np.nan], [np.nan, 2., -1.]])
    return [tf.argmax(x, 1), tf.argmin(x, 1), tf.argmax(x, 0)]


def cumsum_cumprod_flags(tf):
    a = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    return [tf.cumsum(a, 1), tf.cumsum(a, 1, exclusive=True), tf.cumsum(a, 1, reverse=True), tf.cumsum(a, 0, exclusive=True, reverse=True), tf.cumprod(a, 1, exclusive=True), tf.cumprod(a, -1, exclusive=True, reverse=True), tf.cumprod(a, 0)]


def cumsum_cumprod_grads(tf):
    a = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    return tf.gradients(tf.cumsum(a, 1, exclusive=True), a) + tf.gradients(tf.cumprod(a, 1, reverse=True), a)


# -- division family -----------------------------------------------------------------------
def floordiv_floormod_ints(tf):
    a = tf.constant([7, -7, 7, -7, 0, 6])
    b = tf.constant([2, 2, -2, -2, 3, -3])
    return [tf.floordiv(a, b), tf.floormod(a, b), a // b, a % b, tf.truncatediv(a, b), tf.truncatemod(a, b), tf.div(a, b)]


def float_floordiv_is_floor_of_quotient(tf):
    a = tf.constant([1., -1., 7.], tf.float64)
    b = tf.constant([0.1, 0.1, 0.7], tf.float64)
    return [tf.floordiv(a, b), tf.floormod(a, b), a // b, tf.floordiv(tf.cast(a, tf.float32), tf.cast(b, tf.float32))]


def reduce_max_min_skip_nan(tf):
    x = tf.constant([[np.nan, 1., 2., 3., 4., 5., 6., 7., 8., 9.], [np.nan] * 10])
    return [tf.reduce_max(x, 1), tf.reduce_min(x, 1), tf.reduce_max(x)]


def floordiv_floormod_floats(tf):
    a = tf.constant([7., -7., 7., -7., 7.5, -0.5])
    b = tf.constant([2., 2., -2., -2., 2., 3.])
    return [tf.floordiv(a, b), tf.floormod(a, b), tf.truncatediv(a, b), tf.truncatemod(a, b), tf.div(a, b)]


def floormod_grad(tf):
    a = tf.constant([7., -7., 7.5])
    b = tf.constant([2., 2., -2.])
    return tf.gradients(tf.floormod(a, b), [a, b]) + tf.gradients(tf.floordiv(a, b), [a, b])


def truediv_int_dtypes(tf):
    a = tf.constant([7, -7])
    b = tf.constant([2, 2])
    c = tf.constant([7, -7], tf.int16)
    d = tf.constant([2, 2], tf.int16)
    return [tf.truediv(a, b), a / b, tf.truediv(c, d), tf.divide(a, b), tf.truediv(tf.constant(1.), 4.)]


def int_floordiv_by_zero(tf):
    a = tf.constant([1, 2])
    b = tf.constant([1, 0])
    return [tf.floordiv(a, b)]


def int_floormod_by_zero(tf):
    a = tf.constant([1, 2])
    b = tf.constant([1, 0])
    return [tf.floormod(a, b)]


def float_division_by_zero(tf):
    a = tf.constant([1., -1., 0.])
    b = tf.constant(0.)
    return [a / b, tf.floordiv(a, b), tf.div_no_nan(a, b), tf.floormod(a, b)]


def div_no_nan_grads(tf):
    x = tf.constant([1., 2., 3.])
    y = tf.constant([0., 1., 2.])
    return [tf.div_no_nan(x, y)] + tf.gradients(tf.div_no_nan(x, y), [x, y])


# -- rounding and other unary values -------------------------------------------------------
def round_half_to_even(tf):
    x = tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 3.5])
    return [tf.round(x), tf.rint(x), tf.floor(x), tf.ceil(x), tf.round(tf.constant([3, -3]))]


def sign_values(tf):
    x = tf.constant([-2., 0., 3., np.nan])
    i = tf.constant([-4, 0, 5])
    return [tf.sign(x), tf.sign(i), tf.abs(i)]


def erf_values(tf):
    x = tf.constant([-7., -3., -1., -0.3, -1e-8, 0., 1e-8, 0.1, 0.5, 0.9, 1.3, 2., 2.7, 3.3, 4.5, 5.8, 6.2, 30.], tf.float64)
    return [tf.erf(x), tf.erf(tf.cast(x, tf.float32))] + tf.gradients(tf.erf(x), x)


def erfc_values(tf):
    x = tf.constant([-7., -2., -0.5, 0., 1e-8, 0.5, 1., 3., 5.9, 6.1, 10., 25.], tf.float64)
    return [tf.erfc(x), tf.erfc(tf.cast(x, tf.float32))] + tf.gradients(tf.erfc(x), x)


def sigmoid_extremes(tf):
    x = tf.constant([-1000., -100., -20., 0., 20., 100., 1000.])
    return [tf.sigmoid(x)] + tf.gradients(tf.sigmoid(x), x)


def small_value_unaries(tf):
    x = tf.constant([1e-10, -1e-10, 1e-5], tf.float64)
    return [tf.expm1(x), tf.log1p(x)]


def squared_difference_int(tf):
    a = tf.constant([1, -2])
    b = tf.constant([4, 3])
    return [tf.squared_difference(a, b)]


def atan2_quadrants_and_grad(tf):
    y = tf.constant([1., 1., -1., -1., 0.])
    x = tf.constant([1., -1., 1., -1., -1.])
    return [tf.atan2(y, x)] + tf.gradients(tf.atan2(y, x), [y, x])


def xlogy_xdivy_mul_no_nan_at_zero(tf):
    x = tf.constant([0., 0., 2., 1.])
    y = tf.constant([0., 2., 0., np.inf])
    return [tf.math.xlogy(x, y), tf.math.xdivy(x, y), tf.math.multiply_no_nan(y, x), tf.math.multiply_no_nan(x, y)] + tf.gradients(tf.math.xlogy(x, y), [x, y]) + tf.gradients(tf.math.xdivy(x, y), [x, y]) + tf.gradients(tf.math.multiply_no_nan(x, y), [x, y])


def variance_std_count_polyval(tf):
    x = tf.constant([[1., 2., 4.], [0., 0., 3.]])
    return [tf.math.reduce_variance(x), tf.math.reduce_std(x, 1), tf.math.reduce_variance(x, 0, keepdims=True), tf.count_nonzero(x), tf.count_nonzero(x, 1, keepdims=True, dtype=tf.int32), tf.math.polyval([1., 2., 3.], x)] + tf.gradients(tf.math.reduce_std(x), x)


def inverse_hyperbolic(tf):
    x = tf.constant([-0.5, 0., 0.5])
    z = tf.constant([1., 1.5, 3.])
    return [tf.asinh(x), tf.atanh(x), tf.acosh(z)] + tf.gradients(tf.asinh(x), x) + tf.gradients(tf.atanh(x), x) + tf.gradients(tf.acosh(z), z)


def gamma_family(tf):
    x = tf.constant([0.1, 0.5, 1., 1.5, 2., 3.7, 10., 55.5, -0.5, -2.5, -7.3], tf.float64)
    p = tf.constant([0.3, 1., 4.2, 20.], tf.float64)
    return [tf.lgamma(x), tf.digamma(x), tf.lgamma(tf.cast(x, tf.float32)), tf.polygamma(tf.constant(1., tf.float64), p), tf.polygamma(tf.constant(2., tf.float64), p), tf.polygamma(tf.constant([0., 1., 3., 5.], tf.float64), p), tf.zeta(tf.constant([2., 3.5, 1.5, 6.], tf.float64), p)] + tf.gradients(tf.lgamma(p), p) + tf.gradients(tf.digamma(p), p) + tf.gradients(tf.zeta(tf.constant(2.5, tf.float64), p), p)


def lbeta_euclidean_nextafter(tf):
    x = tf.constant([[1., 2., 3.], [0.5, 0.5, 4.]])
    i = tf.constant([[3, 4], [1, 1]])
    return [tf.math.lbeta(x), tf.math.reduce_euclidean_norm(x, 1), tf.math.reduce_euclidean_norm(x), tf.math.reduce_euclidean_norm(i, 1, keepdims=True), tf.math.nextafter(x, 0.), tf.math.nextafter(tf.constant([1.], tf.float64), 2.)] + tf.gradients(tf.math.lbeta(x), x) + tf.gradients(tf.math.reduce_euclidean_norm(x), x)


def bincount(tf):
    a = tf.constant([1, 1, 3, 0, 5])
    w = tf.constant([0.5, 1., 2., 3., 4.])
    e = tf.zeros([0], tf.int32)
    return [tf.bincount(a), tf.bincount(a, minlength=8), tf.bincount(a, maxlength=3), tf.bincount(a, weights=w), tf.bincount(a, dtype=tf.float32), tf.bincount(e), tf.bincount(e, minlength=2), tf.bincount(tf.constant([[2, 2], [0, 1]]))]


def bincount_negative(tf):
    return [tf.bincount(tf.constant([1, -1]))]


def monotonic(tf):
    a = tf.constant([[1, 1], [2, 5]])
    b = tf.constant([1., 2., 3.])
    c = tf.constant([3.])
    return [tf.is_non_decreasing(a), tf.is_strictly_increasing(a), tf.is_non_decreasing(b), tf.is_strictly_increasing(b), tf.math.is_strictly_increasing(c), tf.is_non_decreasing(tf.zeros([0])), tf.is_non_decreasing([3, 2])]


def gamma_poles(tf):
    x = tf.constant([0., -1., -2., np.inf])
    return [tf.lgamma(x)]


def complex_gradients_conjugate(tf):
    x = tf.constant([1 + 2j, -0.5 + 1j])
    y = tf.constant([3 - 1j, 2 + 2j])
    g = tf.constant([1 + 0j, 0.5 - 1j])
    m = tf.constant([[1 + 1j, 2j], [1 - 1j, 3 + 0j]])
    return tf.gradients(x * y, [x, y], grad_ys=g) + tf.gradients(x / y, [x, y], grad_ys=g) + tf.gradients(tf.square(x), x, grad_ys=g) + tf.gradients(tf.exp(x), x, grad_ys=g) + tf.gradients(tf.log(x), x, grad_ys=g) + tf.gradients(tf.sin(x), x, grad_ys=g) + tf.gradients(tf.pow(x, y), [x, y], grad_ys=g) + tf.gradients(tf.matmul(m, m), m, grad_ys=tf.ones([2, 2], tf.complex128))


# -- norms and clipping --------------------------------------------------------------------
def norms(tf):
    m = tf.constant([[3., -4.], [1., 1.]])
    return [tf.norm(m), tf.norm(m, ord=1, axis=[0, 1]), tf.norm(m, ord=np.inf, axis=1), tf.norm(m, ord=np.inf, axis=(0, 1)), tf.norm(m, axis=0, keepdims=True), tf.norm(m, ord=3, axis=1), tf.norm(m, ord='fro', axis=[0, 1]), tf.norm(m, ord=1), tf.norm(m, ord=np.inf, axis=[1, 0])]


def norm_grads(tf):
    m = tf.constant([[3., -4.], [1., 0.]])
    return tf.gradients(tf.norm(m), m) + tf.gradients(tf.norm(m, ord=1, axis=1), m) + tf.gradients(tf.norm(m, ord=np.inf, axis=1), m) + tf.gradients(tf.norm(m, ord=3, axis=1), m)


def norm_grad_at_zero(tf):
    z = tf.zeros([2])
    return tf.gradients(tf.norm(z), z)


def clip_by_norm_values(tf):
    t = tf.constant([[3., 4.], [0., 0.]])
    z = tf.zeros([3])
    return [tf.clip_by_norm(t, 1.), tf.clip_by_norm(t, 1., axes=[1]), tf.clip_by_norm(t, 10.), tf.clip_by_norm(z, 1.)] + tf.gradients(tf.clip_by_norm(z, 1.), z) + tf.gradients(tf.clip_by_norm(t, 1., axes=[1]), t)


def global_norm_clip(tf):
    a = tf.constant([3., 4.])
    b = tf.constant([[12.]])
    return [tf.global_norm([a, b])] + tf.clip_by_global_norm([a, None, b], 6.5)[0][::2] + [tf.clip_by_global_norm([a, b], 6.5)[1], tf.clip_by_global_norm([a], 100.)[0][0]]


def clip_by_global_norm_inf(tf):
    a = tf.constant([np.inf, 1.])
    return tf.clip_by_global_norm([a], 1.)[0]


# -- matrix products -----------------------------------------------------------------------
def matmul_flags(tf):
    a = tf.constant(np.arange(6.).reshape(2, 3))
    b = tf.constant(np.arange(-3., 3.).reshape(3, 2))
    return [tf.matmul(a, b), tf.matmul(a, a, transpose_b=True), tf.matmul(a, a, transpose_a=True), tf.matmul(b, a, transpose_a=True, transpose_b=True), tf.matmul(a, b, adjoint_a=False), tf.matmul(a, a, adjoint_b=True), a @ b]


def matmul_grads(tf):
    a = tf.constant(np.arange(6.).reshape(2, 3))
    b = tf.constant(np.arange(-3., 3.).reshape(2, 3))
    c = tf.constant(np.arange(-2., 4.).reshape(3, 2))
    return tf.gradients(tf.matmul(a, b, transpose_b=True), [a, b]) + tf.gradients(tf.matmul(a, b, transpose_a=True), [a, b]) + tf.gradients(tf.matmul(c, a, transpose_a=True, transpose_b=True), [a, c])


def batch_matmul_broadcast(tf):
    a = tf.constant(np.arange(12.).reshape(2, 2, 3))
    b = tf.constant(np.arange(-3., 3.).reshape(3, 2))
    c = tf.constant(np.arange(18.).reshape(3, 1, 3, 2))
    return [tf.matmul(a, b), tf.matmul(a, c), tf.matmul(a, a, transpose_b=True), tf.matmul(a, a, adjoint_a=True)] + tf.gradients(tf.matmul(a, c), [a, c]) + tf.gradients(tf.matmul(a, b), [a, b])


def matmul_int(tf):
    a = tf.constant([[1, 2], [3, 4]])
    return [tf.matmul(a, a), tf.matmul(a, a, transpose_a=True)]


def einsum_cases(tf):
    a = tf.constant(np.arange(6.).reshape(2, 3))
    b = tf.constant(np.arange(12.).reshape(3, 4))
    v = tf.constant([1., 2., 3.])
    c = tf.constant(np.arange(24.).reshape(2, 3, 4))
    d = tf.constant(np.arange(8.).reshape(4, 2))
    e = tf.constant(np.arange(12.).reshape(2, 2, 3))
    return [tf.einsum('ij,jk->ik', a, b), tf.einsum('ij->', a), tf.einsum('ij->ji', a), tf.einsum('i,i->', v, v), tf.einsum('i,j->ij', v, v), tf.einsum('ij,jk', a, b), tf.einsum('bij,jk->bik', e, b), tf.einsum('...j,jk->...k', c, d), tf.einsum('...ij->...ji', c), tf.einsum('ijk->ki', c), tf.einsum('ij,ij->i', a, a)]


def einsum_grads(tf):
    a = tf.constant(np.arange(6.).reshape(2, 3))
    b = tf.constant(np.arange(12.).reshape(3, 4))
    v = tf.constant([1., 2., 3.], tf.float64)
    return tf.gradients(tf.einsum('ij,jk->ik', a, b), [a, b]) + tf.gradients(tf.einsum('ij->', a), a) + tf.gradients(tf.einsum('ij,j->i', a, v), [a, v]) + tf.gradients(tf.einsum('ij,jk->i', a, b), [a, b])


def tensordot_cases(tf):
    a = tf.constant(np.arange(24.).reshape(2, 3, 4))
    b = tf.constant(np.arange(12.).reshape(4, 3))
    return [tf.tensordot(a, b, 1), tf.tensordot(a, b, [[1, 2], [1, 0]]), tf.tensordot(b, b, 0), tf.tensordot(a, b, [[2], [0]])] + tf.gradients(tf.tensordot(a, b, [[1, 2], [1, 0]]), [a, b])


def matvec_adjoint_transpose(tf):
    a = tf.constant(np.arange(24.).reshape(2, 3, 4))
    v = tf.constant([1., 0., -1., 2.], tf.float64)
    c = tf.constant([[1 + 2j, 3j], [-1j, 2 + 0j]])
    return [tf.linalg.matvec(a, v), tf.linalg.matrix_transpose(a), tf.linalg.adjoint(c)] + tf.gradients(tf.linalg.matvec(a, v), [a, v])


def casts(tf):
    f = tf.constant([1.7, -1.7, 0.5, -0.0, 2.5])
    i = tf.constant([3000000000, -1], tf.int64)
    b = tf.constant([True, False])
    return [tf.cast(f, tf.int32), tf.cast(f, tf.bool), tf.cast(b, tf.float32), tf.cast(i, tf.int32), tf.cast(f, tf.uint8), tf.to_float(i), tf.cast(f, tf.float16), tf.cast(tf.cast(f, tf.float64), tf.float32)] + tf.gradients(tf.cast(tf.cast(f, tf.float64), tf.float32), f) + tf.gradients(tf.cast(tf.cast(f, tf.int32), tf.float32), f)


def string_add_and_equal(tf):
    a = tf.constant(['ab', 'c'])
    b = tf.constant('x')
    return [tf.add(a, b), a + b, tf.equal(a, 'c'), tf.not_equal(a, b)]


def logsumexp_grad_with_infinities(tf):
    x = tf.constant([[-np.inf, 0.], [-np.inf, -np.inf], [1., 1.]])
    return [tf.reduce_logsumexp(x, 1)] + tf.gradients(tf.reduce_logsumexp(x, 1), x)


def int_overflow_wraps(tf):
    a = tf.constant([2147483647, 100000], tf.int32)
    return [a + 1, tf.reduce_sum(a), tf.reduce_prod(a), a * a, tf.square(a), -tf.constant(-2147483648)]


def clip_int_and_negative_zero(tf):
    a = tf.constant([-5, 0, 5])
    z = tf.constant([-0.0, 0.0])
    return [tf.clip_by_value(a, -1, 3), tf.abs(z), tf.negative(z), tf.sign(z), tf.round(z)]


# -- dtype and shape errors ----------------------------------------------------------------
def add_f32_i32(tf):
    return [tf.add(tf.constant(1.0), tf.constant(1))]


def operator_f32_i32(tf):
    return [tf.constant(1.0) * tf.constant(1)]


def sqrt_int(tf):
    return [tf.sqrt(tf.constant(4))]


def maximum_bool(tf):
    return [tf.maximum(tf.constant(True), tf.constant(False))]


def add_bad_shapes(tf):
    return [tf.add(tf.zeros([2, 3]), tf.zeros([4]))]


def matmul_bad_inner(tf):
    return [tf.matmul(tf.zeros([2, 3]), tf.zeros([4, 5]))]


def matmul_rank1(tf):
    return [tf.matmul(tf.zeros([2, 3]), tf.zeros([3]))]


def batch_matmul_bad_batch(tf):
    return [tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([3, 3, 5]))]


def matmul_transpose_and_adjoint(tf):
    return [tf.matmul(tf.zeros([2, 2]), tf.zeros([2, 2]), transpose_a=True, adjoint_a=True)]


def reduce_bad_axis(tf):
    return [tf.reduce_sum(tf.zeros([2, 3]), axis=2)]


def truediv_mixed(tf):
    return [tf.truediv(tf.constant(1.0), tf.constant(2))]


def reduce_any_float(tf):
    return [tf.reduce_any(tf.constant([1.0]))]


def einsum_repeated(tf):
    return [tf.einsum('ii->i', tf.zeros([2, 2]))]


def norm_bad_ord(tf):
    return [tf.norm(tf.zeros([2]), ord=-1)]


def clip_global_not_list(tf):
    return [tf.clip_by_global_norm(tf.zeros([2]), 1.)]


def logical_and_float(tf):
    return [tf.logical_and(tf.constant(1.0), tf.constant(0.0))]


def less_bool(tf):
    return [tf.less(tf.constant(True), tf.constant(False))]


def equal_mixed(tf):
    return [tf.equal(tf.constant(1.0), tf.constant(1))]


# -- comparisons and logic -----------------------------------------------------------------
def comparisons(tf):
    a = tf.constant([1., 2., 3.])
    b = tf.constant(2.)
    p = tf.constant([True, True, False, False])
    q = tf.constant([True, False, True, False])
    return [tf.equal(a, b), tf.not_equal(a, b), tf.less(a, b), tf.less_equal(a, b), tf.greater(a, b), tf.greater_equal(a, b), tf.logical_and(p, q), tf.logical_or(p, q), tf.logical_xor(p, q), tf.logical_not(p), a < b, a >= b, p & q, p | q, p ^ q, ~p, tf.is_nan(tf.constant([np.nan, 1., np.inf])), tf.is_inf(tf.constant([np.nan, 1., -np.inf])), tf.is_finite(tf.constant([np.nan, 1., np.inf])), tf.equal(tf.constant(['a', 'b']), 'a')]


# -- graph structure: names, op types, dtypes and static shapes ----------------------------
def static_elementwise(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.constant([1., 2., 3.])
    i = tf.placeholder(tf.int32, [2, None])
    return [tf.add(x, y), x + y, x - 1.0, x * y, x / y, tf.divide(x, y), tf.div(x, y), tf.truediv(i, i), i / i, i // i, i % i, tf.floordiv(x, y), tf.floormod(x, y), tf.mod(i, 2), tf.pow(x, 2.0), x ** 2.0, tf.maximum(x, y), tf.minimum(x, 0.0), tf.squared_difference(x, y), tf.div_no_nan(x, y), tf.atan2(x, y), -x, abs(x), tf.sqrt(x), tf.rsqrt(x), tf.exp(x), tf.log(x), tf.sigmoid(x), tf.tanh(x), tf.erf(x), tf.round(x), tf.round(i), tf.sign(i), tf.cast(x, tf.int32), tf.is_nan(x), tf.equal(x, y), x < y, tf.logical_xor(x > 0., y > 0.), tf.logical_not(x > y), tf.add_n([x, x, x]), tf.accumulate_n([y, y, y]), tf.clip_by_value(x, 0., 1.), tf.clip_by_norm(x, 1.), tf.scalar_mul(2., x), tf.math.xlogy(x, y), tf.math.multiply_no_nan(x, y)]


def static_reductions(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    u = tf.placeholder(tf.float32)
    b = tf.placeholder(tf.bool, [2, 3])
    return [tf.reduce_sum(x), tf.reduce_sum(x, 1), tf.reduce_sum(x, [0, 2], keepdims=True), tf.reduce_mean(x, -1), tf.reduce_max(x, 0), tf.reduce_min(x, [1]), tf.reduce_prod(x, keep_dims=True), tf.reduce_any(b, 1), tf.reduce_all(b), tf.reduce_logsumexp(x, 1), tf.reduce_logsumexp(x), tf.reduce_sum(u), tf.reduce_sum(u, 0), tf.reduce_sum(u, 0, keepdims=True), tf.reduce_mean(u), tf.argmax(x, 1), tf.argmin(x, -1, output_type=tf.int32), tf.cumsum(x, 1), tf.cumprod(x, exclusive=True), tf.count_nonzero(x, 1), tf.norm(x), tf.norm(x, axis=1), tf.norm(x, ord=1, axis=[1, 2], keepdims=True), tf.global_norm([x, x]), tf.math.reduce_variance(x, 1), tf.math.reduce_std(x)]


def static_clipping(tf):
    a = tf.placeholder(tf.float32, [None, 3])
    b = tf.constant([1., 2.])
    e = tf.Variable(tf.ones([5, 2]))
    g = tf.gradients(tf.reduce_sum(tf.gather(e, [0, 2, 2])), e)[0]
    return tf.clip_by_global_norm([a, b], 1.0)[0] + [tf.clip_by_global_norm([a, b], 1.0)[1], tf.global_norm([a, b]), tf.clip_by_global_norm([g], 2.0)[0][0].values, tf.clip_by_global_norm([a], 1.0, name='clipper')[0][0], tf.clip_by_norm(a, 1., name='cn'), tf.reduce_logsumexp(a, 1, name='lse')]


def clip_indexed_slices_values(tf):
    e = tf.Variable(tf.ones([5, 2]))
    g = tf.gradients(tf.reduce_sum(tf.gather(e, [0, 2, 2]) * 3.0), e)[0]
    return [tf.clip_by_global_norm([g, tf.constant([4.])], 2.0)[0][0].values, tf.clip_by_global_norm([g], 2.0)[0][0].indices, tf.global_norm([g])]


def clip_by_norm_indexed_slices(tf):
    """clip_by_norm of a sparse gradient: the norm of its values (index 2 counted twice),
    an IndexedSlices back; clip_by_value clips each slice before any sum."""
    e = tf.Variable(tf.ones([5, 2]))
    g = tf.gradients(tf.reduce_sum(tf.gather(e, [0, 2, 2]) * tf.constant([[3.0], [1.0], [2.0]])),
                     e)[0]
    c = tf.clip_by_norm(g, 2.0)
    v = tf.clip_by_value(g, 0.0, 2.5)
    return [c.values, c.indices, tf.convert_to_tensor(c), tf.clip_by_norm(g, 100.0).values,
            v.values, v.indices, tf.convert_to_tensor(v)]


def static_products(tf):
    a = tf.placeholder(tf.float32, [None, 3])
    b = tf.placeholder(tf.float32, [3, 4])
    c = tf.placeholder(tf.float32, [5, None, 2, 3])
    u = tf.placeholder(tf.float32)
    return [tf.matmul(a, b), a @ b, tf.matmul(b, b, transpose_a=True), tf.matmul(c, b), tf.matmul(c, c, adjoint_b=True), tf.matmul(u, b), tf.matmul(a, b, a_is_sparse=True), tf.tensordot(b, b, [[0], [0]]), tf.tensordot(tf.zeros([2, 3, 4]), b, [[1], [0]])]


CASES = [
    dict(name="maximum_ties_grad", fn=maximum_ties_grad),
    dict(name="minimum_ties_grad", fn=minimum_ties_grad),
    dict(name="maximum_broadcast_grad_f64", fn=maximum_broadcast_grad_f64),
    dict(name="sqrt_grad_at_zero", fn=sqrt_grad_at_zero),
    dict(name="sqrt_second_grad", fn=sqrt_second_grad),
    dict(name="rsqrt_grad_at_zero", fn=rsqrt_grad_at_zero),
    dict(name="abs_sign_grad_at_zero", fn=abs_sign_grad_at_zero),
    dict(name="floor_ceil_round_no_grad", fn=floor_ceil_round_no_grad),
    dict(name="pow_grads_nonpositive_base", fn=pow_grads_nonpositive_base),
    dict(name="pow_scalar_base_grad", fn=pow_scalar_base_grad),
    dict(name="log_reciprocal_grad_at_zero", fn=log_reciprocal_grad_at_zero),
    dict(name="clip_by_value_grad_at_bounds", fn=clip_by_value_grad_at_bounds),
    dict(name="clip_by_value_tensor_bounds", fn=clip_by_value_tensor_bounds),
    dict(name="reduce_max_ties_grad", fn=reduce_max_ties_grad),
    dict(name="reduce_prod_zeros_grad", fn=reduce_prod_zeros_grad),
    dict(name="reduce_prod_3d_axes_grad", fn=reduce_prod_3d_axes_grad),
    dict(name="reduce_mean_int_truncates", fn=reduce_mean_int_truncates),
    dict(name="reduce_mean_grad", fn=reduce_mean_grad),
    dict(name="reduce_empty", fn=reduce_empty),
    dict(name="reduce_spellings", fn=reduce_spellings),
    dict(name="reduce_logsumexp_edges", fn=reduce_logsumexp_edges),
    dict(name="reduce_logsumexp_grad", fn=reduce_logsumexp_grad),
    dict(name="argmax_ties", fn=argmax_ties),
    dict(name="argmax_skips_nan", fn=argmax_skips_nan),
    dict(name="cumsum_cumprod_flags", fn=cumsum_cumprod_flags),
    dict(name="cumsum_cumprod_grads", fn=cumsum_cumprod_grads),
    dict(name="floordiv_floormod_ints", fn=floordiv_floormod_ints),
    dict(name="float_floordiv_is_floor_of_quotient", fn=float_floordiv_is_floor_of_quotient),
    dict(name="reduce_max_min_skip_nan", fn=reduce_max_min_skip_nan),
    dict(name="floordiv_floormod_floats", fn=floordiv_floormod_floats),
    dict(name="floormod_grad", fn=floormod_grad),
    dict(name="truediv_int_dtypes", fn=truediv_int_dtypes),
    dict(name="int_floordiv_by_zero", fn=int_floordiv_by_zero, error='InvalidArgumentError', match=['Integer division by zero']),
    dict(name="int_floormod_by_zero", fn=int_floormod_by_zero, error='InvalidArgumentError', match=['Integer division by zero']),
    dict(name="float_division_by_zero", fn=float_division_by_zero),
    dict(name="div_no_nan_grads", fn=div_no_nan_grads),
    dict(name="round_half_to_even", fn=round_half_to_even),
    dict(name="sign_values", fn=sign_values),
    dict(name="erf_values", fn=erf_values),
    dict(name="erfc_values", fn=erfc_values),
    dict(name="sigmoid_extremes", fn=sigmoid_extremes),
    dict(name="small_value_unaries", fn=small_value_unaries),
    dict(name="squared_difference_int", fn=squared_difference_int),
    dict(name="atan2_quadrants_and_grad", fn=atan2_quadrants_and_grad),
    dict(name="xlogy_xdivy_mul_no_nan_at_zero", fn=xlogy_xdivy_mul_no_nan_at_zero),
    dict(name="variance_std_count_polyval", fn=variance_std_count_polyval),
    dict(name="inverse_hyperbolic", fn=inverse_hyperbolic),
    dict(name="gamma_family", fn=gamma_family),
    dict(name="lbeta_euclidean_nextafter", fn=lbeta_euclidean_nextafter),
    dict(name="bincount", fn=bincount),
    dict(name="bincount_negative", fn=bincount_negative, error='InvalidArgumentError', match=['must be non-negative']),
    dict(name="monotonic", fn=monotonic),
    dict(name="gamma_poles", fn=gamma_poles),
    dict(name="complex_gradients_conjugate", fn=complex_gradients_conjugate),
    dict(name="norms", fn=norms),
    dict(name="norm_grads", fn=norm_grads),
    dict(name="norm_grad_at_zero", fn=norm_grad_at_zero),
    dict(name="clip_by_norm_values", fn=clip_by_norm_values),
    dict(name="global_norm_clip", fn=global_norm_clip),
    dict(name="clip_by_global_norm_inf", fn=clip_by_global_norm_inf),
    dict(name="matmul_flags", fn=matmul_flags),
    dict(name="matmul_grads", fn=matmul_grads),
    dict(name="batch_matmul_broadcast", fn=batch_matmul_broadcast),
    dict(name="matmul_int", fn=matmul_int),
    dict(name="einsum_cases", fn=einsum_cases),
    dict(name="einsum_grads", fn=einsum_grads),
    dict(name="tensordot_cases", fn=tensordot_cases),
    dict(name="matvec_adjoint_transpose", fn=matvec_adjoint_transpose),
    dict(name="casts", fn=casts),
    dict(name="string_add_and_equal", fn=string_add_and_equal),
    dict(name="logsumexp_grad_with_infinities", fn=logsumexp_grad_with_infinities),
    dict(name="int_overflow_wraps", fn=int_overflow_wraps),
    dict(name="clip_int_and_negative_zero", fn=clip_int_and_negative_zero),
    dict(name="add_f32_i32", fn=add_f32_i32, error='TypeError', match=['Add', 'int32', 'float32']),
    dict(name="operator_f32_i32", fn=operator_f32_i32, error='TypeError', match=['Mul', 'int32', 'float32']),
    dict(name="sqrt_int", fn=sqrt_int, error='TypeError', match=['int32', 'not in list of allowed values']),
    dict(name="maximum_bool", fn=maximum_bool, error='TypeError', match=['bool', 'not in list of allowed values']),
    dict(name="add_bad_shapes", fn=add_bad_shapes, error='ValueError', match=['Dimensions must be equal, but are 3 and 4', '[2,3], [4]']),
    dict(name="matmul_bad_inner", fn=matmul_bad_inner, error='ValueError', match=['Dimensions must be equal, but are 3 and 4', 'MatMul', '[2,3], [4,5]']),
    dict(name="matmul_rank1", fn=matmul_rank1, error='ValueError', match=['Shape must be rank 2 but is rank 1', 'MatMul']),
    dict(name="batch_matmul_bad_batch", fn=batch_matmul_bad_batch, error='ValueError', match=['Dimensions must be equal, but are 2 and 3', 'BatchMatMulV2']),
    dict(name="matmul_transpose_and_adjoint", fn=matmul_transpose_and_adjoint, error='ValueError', match=['Only one of transpose_a and adjoint_a can be True.']),
    dict(name="reduce_bad_axis", fn=reduce_bad_axis, error='ValueError', match=['Invalid reduction dimension 2 for input with 2 dimensions.']),
    dict(name="truediv_mixed", fn=truediv_mixed, error='TypeError', match=['x and y must have the same dtype']),
    dict(name="reduce_any_float", fn=reduce_any_float, error='TypeError', match=["'Any'", 'float32', 'does not match expected type of bool']),
    dict(name="einsum_repeated", fn=einsum_repeated, error='ValueError', match=['Subscript not supported: an axis appears more than once']),
    dict(name="norm_bad_ord", fn=norm_bad_ord, error='ValueError', match=["'ord' must be a supported vector norm"]),
    dict(name="clip_global_not_list", fn=clip_global_not_list, error='TypeError', match=['t_list should be a sequence']),
    dict(name="logical_and_float", fn=logical_and_float, error='TypeError', match=["Input 'x' of 'LogicalAnd' Op has type float32 that does not match expected type of bool."]),
    dict(name="less_bool", fn=less_bool, error='TypeError', match=['bool', 'not in list of allowed values']),
    dict(name="equal_mixed", fn=equal_mixed, error='TypeError', match=["Input 'y' of 'Equal' Op has type int32 that does not match type float32 of argument 'x'."]),
    dict(name="comparisons", fn=comparisons),
    dict(name="static_elementwise", fn=static_elementwise, static=True),
    dict(name="static_reductions", fn=static_reductions, static=True),
    dict(name="static_clipping", fn=static_clipping, static=True),
    dict(name="clip_indexed_slices_values", fn=clip_indexed_slices_values, init=True),
    dict(name="clip_by_norm_indexed_slices", fn=clip_by_norm_indexed_slices, init=True),
    dict(name="static_products", fn=static_products, static=True),
]


def encode(v):
    return None if v is None else np.asarray(v)


def run_case(tf, case):
    """TF 1.14's result for `case`: {"outputs": [...]}, {"static": [...]} or an error."""
    from goldenio import GoldenError
    with tf.Graph().as_default():
        try:
            fetches = case["fn"](tf)
            if case.get("static"):
                return {"static": [[t.name, t.op.type, t.dtype.base_dtype.name,
                                    None if t.shape.ndims is None else t.shape.as_list()]
                                   for t in fetches]}
            with tf.Session() as sess:
                if case.get("init"):
                    sess.run(tf.global_variables_initializer())
                real = [f for f in fetches if f is not None]
                vals = iter(sess.run(real))
                out = [None if f is None else next(vals) for f in fetches]
        except Exception as e:  # noqa: BLE001 - recorded, then checked in cases()
            return GoldenError.of(e, str(e).split("\n")[0])
    return {"outputs": [encode(v) for v in out]}


def cases(tf):
    result = {}
    for case in CASES:
        r = run_case(tf, case)
        if "error" in case:
            assert getattr(r, "cls", None) == case["error"], (case["name"], r)
            for m in case["match"]:
                assert m in r.message, (case["name"], m, r.message)
        else:
            assert isinstance(r, dict), (case["name"], r)
        result[case["name"]] = r
    return result
