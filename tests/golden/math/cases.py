# ruff: noqa: E501 - case code is data; long strings keep each case readable
"""Edge cases whose TF 1.14 answers are recorded in golden.json.

Each case is Python code run with `tf` bound to TensorFlow 1.14 (by
make_golden.py) or to flowgrad (by tests/test_ops_math.py): `setup` builds
tensors in a fresh graph, `expr` gives the fetches (a list; entries may be
None for unconnected gradients). Error cases give `error` instead: the
exception class expected and substrings its message must contain. Cases with
`static=True` record each fetch's name, op type, dtype and static shape instead
of running it.
"""

F32 = "np.float32"

CASES = [
    # -- maximum / minimum: a tie's gradient goes to x ----------------------------------------
    dict(name="maximum_ties_grad",
         setup="x = tf.constant([1., 2., 2., 3.]); y = tf.constant([2., 2., 1., 3.])",
         expr="[tf.maximum(x, y)] + tf.gradients(tf.maximum(x, y), [x, y])"),
    dict(name="minimum_ties_grad",
         setup="x = tf.constant([1., 2., 2., 3.]); y = tf.constant([2., 2., 1., 3.])",
         expr="[tf.minimum(x, y)] + tf.gradients(tf.minimum(x, y), [x, y])"),
    dict(name="maximum_broadcast_grad_f64",
         setup="x = tf.constant([[1., 2.], [3., 0.]], tf.float64); y = tf.constant(2., tf.float64)",
         expr="tf.gradients(tf.maximum(x, y), [x, y])"),
    # -- gradients at singular points ---------------------------------------------------------
    dict(name="sqrt_grad_at_zero", setup="x = tf.constant([0., 1., 4.])",
         expr="tf.gradients(tf.sqrt(x), x)"),
    dict(name="sqrt_second_grad", setup="x = tf.constant([0.25, 1., 4.], tf.float64)",
         expr="tf.gradients(tf.gradients(tf.sqrt(x), x)[0], x)"),
    dict(name="rsqrt_grad_at_zero", setup="x = tf.constant([0., 1., 4.])",
         expr="tf.gradients(tf.rsqrt(x), x)"),
    dict(name="abs_sign_grad_at_zero", setup="x = tf.constant([-1., 0., 2.])",
         expr="tf.gradients(tf.abs(x), x) + tf.gradients(tf.sign(x), x)"),
    dict(name="floor_ceil_round_no_grad", setup="x = tf.constant([-1.5, 0.5])",
         expr="tf.gradients(tf.floor(x), x) + tf.gradients(tf.ceil(x), x) + "
              "tf.gradients(tf.round(x), x) + tf.gradients(tf.rint(x), x)"),
    dict(name="pow_grads_nonpositive_base",
         setup="x = tf.constant([0., -1., 2., 0.]); y = tf.constant([2., 2., 0.5, 0.5])",
         expr="[tf.pow(x, y)] + tf.gradients(tf.pow(x, y), [x, y])"),
    dict(name="pow_scalar_base_grad", setup="x = tf.constant([0., -1., 2.])",
         expr="tf.gradients(tf.pow(2.0, x), x) + tf.gradients(tf.pow(x, 3.0), x)"),
    dict(name="log_reciprocal_grad_at_zero", setup="x = tf.constant([0., 2.])",
         expr="tf.gradients(tf.log(x), x) + tf.gradients(tf.reciprocal(x), x)"),
    dict(name="clip_by_value_grad_at_bounds", setup="x = tf.constant([-2., -1., 0., 1., 2.])",
         expr="[tf.clip_by_value(x, -1., 1.)] + tf.gradients(tf.clip_by_value(x, -1., 1.), x)"),
    dict(name="clip_by_value_tensor_bounds",
         setup="x = tf.constant([[-2., 0.5], [3., 1.]]); lo = tf.constant([0., 1.]); "
               "hi = tf.constant(1.5)",
         expr="[tf.clip_by_value(x, lo, hi)] + tf.gradients(tf.clip_by_value(x, lo, hi), [x, lo, hi])"),
    # -- reductions ---------------------------------------------------------------------------
    dict(name="reduce_max_ties_grad", setup="m = tf.constant([[1., 3., 3.], [2., 2., 2.]])",
         expr="tf.gradients(tf.reduce_max(m, axis=1), m) + tf.gradients(tf.reduce_max(m), m)"
              " + tf.gradients(tf.reduce_min(m, axis=0, keepdims=True), m)"),
    dict(name="reduce_prod_zeros_grad",
         setup="p = tf.constant([[0., 3., 2.], [0., 0., 2.], [1., 2., 3.]])",
         expr="tf.gradients(tf.reduce_prod(p, axis=1), p) + tf.gradients(tf.reduce_prod(p), p)"
              " + tf.gradients(tf.reduce_prod(p, axis=0), p)"),
    dict(name="reduce_prod_3d_axes_grad",
         setup="p = tf.constant(np.arange(-5., 7.).reshape(2, 3, 2))",
         expr="[tf.reduce_prod(p, [0, 2])] + tf.gradients(tf.reduce_prod(p, [0, 2]), p) + "
              "tf.gradients(tf.reduce_prod(p, [-1, 0], keepdims=True), p)"),
    dict(name="reduce_mean_int_truncates", setup="a = tf.constant([[1, 2], [-1, -2]])",
         expr="[tf.reduce_mean(a), tf.reduce_mean(a, 1), tf.reduce_mean(tf.constant([7, 8, 8]))]"),
    dict(name="reduce_mean_grad", setup="x = tf.constant(np.arange(6.).reshape(2, 3))",
         expr="tf.gradients(tf.reduce_mean(x, axis=1), x) + tf.gradients(tf.reduce_mean(x), x)"),
    dict(name="reduce_empty",
         setup="e = tf.zeros([0]); ei = tf.zeros([0], tf.int32); e2 = tf.zeros([0, 3])",
         expr="[tf.reduce_max(e), tf.reduce_min(e), tf.reduce_max(ei), tf.reduce_min(ei), "
              "tf.reduce_prod(e), tf.reduce_sum(e), tf.reduce_mean(e), tf.reduce_max(e2, 0), "
              "tf.reduce_sum(e2, 1), tf.reduce_any(tf.zeros([0], tf.bool)), "
              "tf.reduce_all(tf.zeros([0], tf.bool))]"),
    dict(name="reduce_spellings", setup="x = tf.constant(np.arange(6.).reshape(2, 3))",
         expr="[tf.reduce_sum(x, reduction_indices=[1], keep_dims=True), "
              "tf.reduce_sum(x, axis=-1), tf.reduce_max(x, [0, 1], keepdims=True), "
              "tf.reduce_sum(x, [])]"),
    dict(name="reduce_logsumexp_edges",
         setup="x = tf.constant([[-np.inf, -np.inf], [np.inf, 1.], [1000., 1000.], [-1000., 0.]])",
         expr="[tf.reduce_logsumexp(x, axis=1), tf.reduce_logsumexp(x, 1, keepdims=True)]"),
    dict(name="reduce_logsumexp_grad", setup="x = tf.constant([[1., 2., 3.], [1000., 1000., 0.]])",
         expr="[tf.reduce_logsumexp(x)] + tf.gradients(tf.reduce_logsumexp(x, axis=1), x)"),
    dict(name="argmax_ties", setup="a = tf.constant([[1, 3, 3], [2, 2, 1]])",
         expr="[tf.argmax(a, axis=1), tf.argmin(a, axis=1), tf.argmax(a), "
              "tf.argmax(a, dimension=1, output_type=tf.int32), tf.argmin(a, -1)]"),
    dict(name="argmax_skips_nan",
         setup="x = tf.constant([[1., np.nan, 3.], [np.nan, np.nan, np.nan], [np.nan, 2., -1.]])",
         expr="[tf.argmax(x, 1), tf.argmin(x, 1), tf.argmax(x, 0)]"),
    dict(name="cumsum_cumprod_flags", setup="a = tf.constant([[1., 2., 3.], [4., 5., 6.]])",
         expr="[tf.cumsum(a, 1), tf.cumsum(a, 1, exclusive=True), tf.cumsum(a, 1, reverse=True),"
              " tf.cumsum(a, 0, exclusive=True, reverse=True), tf.cumprod(a, 1, exclusive=True),"
              " tf.cumprod(a, -1, exclusive=True, reverse=True), tf.cumprod(a, 0)]"),
    dict(name="cumsum_cumprod_grads", setup="a = tf.constant([[1., 2., 3.], [4., 5., 6.]])",
         expr="tf.gradients(tf.cumsum(a, 1, exclusive=True), a) + "
              "tf.gradients(tf.cumprod(a, 1, reverse=True), a)"),
    # -- division family ----------------------------------------------------------------------
    dict(name="floordiv_floormod_ints",
         setup="a = tf.constant([7, -7, 7, -7, 0, 6]); b = tf.constant([2, 2, -2, -2, 3, -3])",
         expr="[tf.floordiv(a, b), tf.floormod(a, b), a // b, a % b, tf.truncatediv(a, b), "
              "tf.truncatemod(a, b), tf.div(a, b)]"),
    dict(name="float_floordiv_is_floor_of_quotient",
         setup="a = tf.constant([1., -1., 7.], tf.float64); b = tf.constant([0.1, 0.1, 0.7], tf.float64)",
         expr="[tf.floordiv(a, b), tf.floormod(a, b), a // b, tf.floordiv(tf.cast(a, tf.float32), "
              "tf.cast(b, tf.float32))]"),
    dict(name="reduce_max_min_skip_nan",
         setup="x = tf.constant([[np.nan, 1., 2., 3., 4., 5., 6., 7., 8., 9.], [np.nan] * 10])",
         expr="[tf.reduce_max(x, 1), tf.reduce_min(x, 1), tf.reduce_max(x)]"),
    dict(name="floordiv_floormod_floats",
         setup="a = tf.constant([7., -7., 7., -7., 7.5, -0.5]); "
               "b = tf.constant([2., 2., -2., -2., 2., 3.])",
         expr="[tf.floordiv(a, b), tf.floormod(a, b), tf.truncatediv(a, b), "
              "tf.truncatemod(a, b), tf.div(a, b)]"),
    dict(name="floormod_grad",
         setup="a = tf.constant([7., -7., 7.5]); b = tf.constant([2., 2., -2.])",
         expr="tf.gradients(tf.floormod(a, b), [a, b]) + tf.gradients(tf.floordiv(a, b), [a, b])"),
    dict(name="truediv_int_dtypes",
         setup="a = tf.constant([7, -7]); b = tf.constant([2, 2]); "
               "c = tf.constant([7, -7], tf.int16); d = tf.constant([2, 2], tf.int16)",
         expr="[tf.truediv(a, b), a / b, tf.truediv(c, d), tf.divide(a, b), "
              "tf.truediv(tf.constant(1.), 4.)]"),
    dict(name="int_floordiv_by_zero", setup="a = tf.constant([1, 2]); b = tf.constant([1, 0])",
         expr="[tf.floordiv(a, b)]", error="InvalidArgumentError",
         match=["Integer division by zero"]),
    dict(name="int_floormod_by_zero", setup="a = tf.constant([1, 2]); b = tf.constant([1, 0])",
         expr="[tf.floormod(a, b)]", error="InvalidArgumentError",
         match=["Integer division by zero"]),
    dict(name="float_division_by_zero",
         setup="a = tf.constant([1., -1., 0.]); b = tf.constant(0.)",
         expr="[a / b, tf.floordiv(a, b), tf.div_no_nan(a, b), tf.floormod(a, b)]"),
    dict(name="div_no_nan_grads",
         setup="x = tf.constant([1., 2., 3.]); y = tf.constant([0., 1., 2.])",
         expr="[tf.div_no_nan(x, y)] + tf.gradients(tf.div_no_nan(x, y), [x, y])"),
    # -- rounding and other unary values ----------------------------------------------------------
    dict(name="round_half_to_even",
         setup="x = tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 3.5])",
         expr="[tf.round(x), tf.rint(x), tf.floor(x), tf.ceil(x), tf.round(tf.constant([3, -3]))]"),
    dict(name="sign_values", setup="x = tf.constant([-2., 0., 3., np.nan]); i = tf.constant([-4, 0, 5])",
         expr="[tf.sign(x), tf.sign(i), tf.abs(i)]"),
    dict(name="erf_values",
         setup="x = tf.constant([-7., -3., -1., -0.3, -1e-8, 0., 1e-8, 0.1, 0.5, 0.9, 1.3, 2., "
               "2.7, 3.3, 4.5, 5.8, 6.2, 30.], tf.float64)",
         expr="[tf.erf(x), tf.erf(tf.cast(x, tf.float32))] + tf.gradients(tf.erf(x), x)"),
    dict(name="erfc_values",
         setup="x = tf.constant([-7., -2., -0.5, 0., 1e-8, 0.5, 1., 3., 5.9, 6.1, 10., 25.], tf.float64)",
         expr="[tf.erfc(x), tf.erfc(tf.cast(x, tf.float32))] + tf.gradients(tf.erfc(x), x)"),
    dict(name="sigmoid_extremes",
         setup="x = tf.constant([-1000., -100., -20., 0., 20., 100., 1000.])",
         expr="[tf.sigmoid(x)] + tf.gradients(tf.sigmoid(x), x)"),
    dict(name="small_value_unaries", setup="x = tf.constant([1e-10, -1e-10, 1e-5], tf.float64)",
         expr="[tf.expm1(x), tf.log1p(x)]"),
    dict(name="squared_difference_int", setup="a = tf.constant([1, -2]); b = tf.constant([4, 3])",
         expr="[tf.squared_difference(a, b)]"),
    dict(name="atan2_quadrants_and_grad",
         setup="y = tf.constant([1., 1., -1., -1., 0.]); x = tf.constant([1., -1., 1., -1., -1.])",
         expr="[tf.atan2(y, x)] + tf.gradients(tf.atan2(y, x), [y, x])"),
    dict(name="xlogy_xdivy_mul_no_nan_at_zero",
         setup="x = tf.constant([0., 0., 2., 1.]); y = tf.constant([0., 2., 0., np.inf])",
         expr="[tf.math.xlogy(x, y), tf.math.xdivy(x, y), tf.math.multiply_no_nan(y, x), "
              "tf.math.multiply_no_nan(x, y)] + tf.gradients(tf.math.xlogy(x, y), [x, y]) + "
              "tf.gradients(tf.math.xdivy(x, y), [x, y]) + "
              "tf.gradients(tf.math.multiply_no_nan(x, y), [x, y])"),
    dict(name="variance_std_count_polyval",
         setup="x = tf.constant([[1., 2., 4.], [0., 0., 3.]])",
         expr="[tf.math.reduce_variance(x), tf.math.reduce_std(x, 1), "
              "tf.math.reduce_variance(x, 0, keepdims=True), tf.count_nonzero(x), "
              "tf.count_nonzero(x, 1, keepdims=True, dtype=tf.int32), "
              "tf.math.polyval([1., 2., 3.], x)] + tf.gradients(tf.math.reduce_std(x), x)"),
    dict(name="inverse_hyperbolic",
         setup="x = tf.constant([-0.5, 0., 0.5]); z = tf.constant([1., 1.5, 3.])",
         expr="[tf.asinh(x), tf.atanh(x), tf.acosh(z)] + tf.gradients(tf.asinh(x), x) + "
              "tf.gradients(tf.atanh(x), x) + tf.gradients(tf.acosh(z), z)"),
    dict(name="gamma_family",
         setup="x = tf.constant([0.1, 0.5, 1., 1.5, 2., 3.7, 10., 55.5, -0.5, -2.5, -7.3], tf.float64); "
               "p = tf.constant([0.3, 1., 4.2, 20.], tf.float64)",
         expr="[tf.lgamma(x), tf.digamma(x), tf.lgamma(tf.cast(x, tf.float32)), "
              "tf.polygamma(tf.constant(1., tf.float64), p), tf.polygamma(tf.constant(2., tf.float64), p), "
              "tf.polygamma(tf.constant([0., 1., 3., 5.], tf.float64), p), "
              "tf.zeta(tf.constant([2., 3.5, 1.5, 6.], tf.float64), p)] + tf.gradients(tf.lgamma(p), p) + "
              "tf.gradients(tf.digamma(p), p) + tf.gradients(tf.zeta(tf.constant(2.5, tf.float64), p), p)"),
    dict(name="lbeta_euclidean_nextafter",
         setup="x = tf.constant([[1., 2., 3.], [0.5, 0.5, 4.]]); i = tf.constant([[3, 4], [1, 1]])",
         expr="[tf.math.lbeta(x), tf.math.reduce_euclidean_norm(x, 1), "
              "tf.math.reduce_euclidean_norm(x), tf.math.reduce_euclidean_norm(i, 1, keepdims=True), "
              "tf.math.nextafter(x, 0.), tf.math.nextafter(tf.constant([1.], tf.float64), 2.)] + "
              "tf.gradients(tf.math.lbeta(x), x) + tf.gradients(tf.math.reduce_euclidean_norm(x), x)"),
    dict(name="bincount",
         setup="a = tf.constant([1, 1, 3, 0, 5]); w = tf.constant([0.5, 1., 2., 3., 4.]); e = tf.zeros([0], tf.int32)",
         expr="[tf.bincount(a), tf.bincount(a, minlength=8), tf.bincount(a, maxlength=3), "
              "tf.bincount(a, weights=w), tf.bincount(a, dtype=tf.float32), tf.bincount(e), "
              "tf.bincount(e, minlength=2), tf.bincount(tf.constant([[2, 2], [0, 1]]))]"),
    dict(name="bincount_negative", setup="", expr="[tf.bincount(tf.constant([1, -1]))]",
         error="InvalidArgumentError", match=["must be non-negative"]),
    dict(name="monotonic",
         setup="a = tf.constant([[1, 1], [2, 5]]); b = tf.constant([1., 2., 3.]); c = tf.constant([3.])",
         expr="[tf.is_non_decreasing(a), tf.is_strictly_increasing(a), tf.is_non_decreasing(b), "
              "tf.is_strictly_increasing(b), tf.math.is_strictly_increasing(c), "
              "tf.is_non_decreasing(tf.zeros([0])), tf.is_non_decreasing([3, 2])]"),
    dict(name="gamma_poles",
         setup="x = tf.constant([0., -1., -2., np.inf])",
         expr="[tf.lgamma(x)]"),
    dict(name="complex_gradients_conjugate",
         setup="x = tf.constant([1 + 2j, -0.5 + 1j]); y = tf.constant([3 - 1j, 2 + 2j]); "
               "g = tf.constant([1 + 0j, 0.5 - 1j]); m = tf.constant([[1 + 1j, 2j], [1 - 1j, 3 + 0j]])",
         expr="tf.gradients(x * y, [x, y], grad_ys=g) + tf.gradients(x / y, [x, y], grad_ys=g) + "
              "tf.gradients(tf.square(x), x, grad_ys=g) + tf.gradients(tf.exp(x), x, grad_ys=g) + "
              "tf.gradients(tf.log(x), x, grad_ys=g) + tf.gradients(tf.sin(x), x, grad_ys=g) + "
              "tf.gradients(tf.pow(x, y), [x, y], grad_ys=g) + "
              "tf.gradients(tf.matmul(m, m), m, grad_ys=tf.ones([2, 2], tf.complex128))"),
    # -- norms and clipping -------------------------------------------------------------------------
    dict(name="norms", setup="m = tf.constant([[3., -4.], [1., 1.]])",
         expr="[tf.norm(m), tf.norm(m, ord=1, axis=[0, 1]), tf.norm(m, ord=np.inf, axis=1), "
              "tf.norm(m, ord=np.inf, axis=(0, 1)), tf.norm(m, axis=0, keepdims=True), "
              "tf.norm(m, ord=3, axis=1), tf.norm(m, ord='fro', axis=[0, 1]), "
              "tf.norm(m, ord=1), tf.norm(m, ord=np.inf, axis=[1, 0])]"),
    dict(name="norm_grads", setup="m = tf.constant([[3., -4.], [1., 0.]])",
         expr="tf.gradients(tf.norm(m), m) + tf.gradients(tf.norm(m, ord=1, axis=1), m) + "
              "tf.gradients(tf.norm(m, ord=np.inf, axis=1), m) + "
              "tf.gradients(tf.norm(m, ord=3, axis=1), m)"),
    dict(name="norm_grad_at_zero", setup="z = tf.zeros([2])",
         expr="tf.gradients(tf.norm(z), z)"),
    dict(name="clip_by_norm_values",
         setup="t = tf.constant([[3., 4.], [0., 0.]]); z = tf.zeros([3])",
         expr="[tf.clip_by_norm(t, 1.), tf.clip_by_norm(t, 1., axes=[1]), tf.clip_by_norm(t, 10.),"
              " tf.clip_by_norm(z, 1.)] + tf.gradients(tf.clip_by_norm(z, 1.), z) + "
              "tf.gradients(tf.clip_by_norm(t, 1., axes=[1]), t)"),
    dict(name="global_norm_clip",
         setup="a = tf.constant([3., 4.]); b = tf.constant([[12.]])",
         expr="[tf.global_norm([a, b])] + tf.clip_by_global_norm([a, None, b], 6.5)[0][::2] + "
              "[tf.clip_by_global_norm([a, b], 6.5)[1], "
              "tf.clip_by_global_norm([a], 100.)[0][0]]"),
    dict(name="clip_by_global_norm_inf",
         setup="a = tf.constant([np.inf, 1.])",
         expr="tf.clip_by_global_norm([a], 1.)[0]"),
    # -- matrix products ---------------------------------------------------------------------------
    dict(name="matmul_flags",
         setup="a = tf.constant(np.arange(6.).reshape(2, 3)); b = tf.constant(np.arange(-3., 3.).reshape(3, 2))",
         expr="[tf.matmul(a, b), tf.matmul(a, a, transpose_b=True), tf.matmul(a, a, transpose_a=True),"
              " tf.matmul(b, a, transpose_a=True, transpose_b=True), tf.matmul(a, b, adjoint_a=False),"
              " tf.matmul(a, a, adjoint_b=True), a @ b]"),
    dict(name="matmul_grads",
         setup="a = tf.constant(np.arange(6.).reshape(2, 3)); b = tf.constant(np.arange(-3., 3.).reshape(2, 3)); "
               "c = tf.constant(np.arange(-2., 4.).reshape(3, 2))",
         expr="tf.gradients(tf.matmul(a, b, transpose_b=True), [a, b]) + "
              "tf.gradients(tf.matmul(a, b, transpose_a=True), [a, b]) + "
              "tf.gradients(tf.matmul(c, a, transpose_a=True, transpose_b=True), [a, c])"),
    dict(name="batch_matmul_broadcast",
         setup="a = tf.constant(np.arange(12.).reshape(2, 2, 3)); "
               "b = tf.constant(np.arange(-3., 3.).reshape(3, 2)); "
               "c = tf.constant(np.arange(18.).reshape(3, 1, 3, 2))",
         expr="[tf.matmul(a, b), tf.matmul(a, c), tf.matmul(a, a, transpose_b=True), "
              "tf.matmul(a, a, adjoint_a=True)] + tf.gradients(tf.matmul(a, c), [a, c]) + "
              "tf.gradients(tf.matmul(a, b), [a, b])"),
    dict(name="matmul_int", setup="a = tf.constant([[1, 2], [3, 4]])",
         expr="[tf.matmul(a, a), tf.matmul(a, a, transpose_a=True)]"),
    dict(name="einsum_cases",
         setup="a = tf.constant(np.arange(6.).reshape(2, 3)); b = tf.constant(np.arange(12.).reshape(3, 4)); "
               "v = tf.constant([1., 2., 3.]); c = tf.constant(np.arange(24.).reshape(2, 3, 4)); "
               "d = tf.constant(np.arange(8.).reshape(4, 2)); e = tf.constant(np.arange(12.).reshape(2, 2, 3))",
         expr="[tf.einsum('ij,jk->ik', a, b), tf.einsum('ij->', a), tf.einsum('ij->ji', a), "
              "tf.einsum('i,i->', v, v), tf.einsum('i,j->ij', v, v), tf.einsum('ij,jk', a, b), "
              "tf.einsum('bij,jk->bik', e, b), tf.einsum('...j,jk->...k', c, d), tf.einsum('...ij->...ji', c), "
              "tf.einsum('ijk->ki', c), tf.einsum('ij,ij->i', a, a)]"),
    dict(name="einsum_grads",
         setup="a = tf.constant(np.arange(6.).reshape(2, 3)); b = tf.constant(np.arange(12.).reshape(3, 4)); "
               "v = tf.constant([1., 2., 3.], tf.float64)",
         expr="tf.gradients(tf.einsum('ij,jk->ik', a, b), [a, b]) + tf.gradients(tf.einsum('ij->', a), a)"
              " + tf.gradients(tf.einsum('ij,j->i', a, v), [a, v]) + "
              "tf.gradients(tf.einsum('ij,jk->i', a, b), [a, b])"),
    dict(name="tensordot_cases",
         setup="a = tf.constant(np.arange(24.).reshape(2, 3, 4)); b = tf.constant(np.arange(12.).reshape(4, 3))",
         expr="[tf.tensordot(a, b, 1), tf.tensordot(a, b, [[1, 2], [1, 0]]), "
              "tf.tensordot(b, b, 0), tf.tensordot(a, b, [[2], [0]])] + "
              "tf.gradients(tf.tensordot(a, b, [[1, 2], [1, 0]]), [a, b])"),
    dict(name="matvec_adjoint_transpose",
         setup="a = tf.constant(np.arange(24.).reshape(2, 3, 4)); v = tf.constant([1., 0., -1., 2.], tf.float64); "
               "c = tf.constant([[1 + 2j, 3j], [-1j, 2 + 0j]])",
         expr="[tf.linalg.matvec(a, v), tf.linalg.matrix_transpose(a), tf.linalg.adjoint(c)] + "
              "tf.gradients(tf.linalg.matvec(a, v), [a, v])"),
    dict(name="casts",
         setup="f = tf.constant([1.7, -1.7, 0.5, -0.0, 2.5]); i = tf.constant([3000000000, -1], tf.int64); "
               "b = tf.constant([True, False])",
         expr="[tf.cast(f, tf.int32), tf.cast(f, tf.bool), tf.cast(b, tf.float32), "
              "tf.cast(i, tf.int32), tf.cast(f, tf.uint8), tf.to_float(i), tf.cast(f, tf.float16), "
              "tf.cast(tf.cast(f, tf.float64), tf.float32)] + "
              "tf.gradients(tf.cast(tf.cast(f, tf.float64), tf.float32), f) + "
              "tf.gradients(tf.cast(tf.cast(f, tf.int32), tf.float32), f)"),
    dict(name="string_add_and_equal",
         setup="a = tf.constant(['ab', 'c']); b = tf.constant('x')",
         expr="[tf.add(a, b), a + b, tf.equal(a, 'c'), tf.not_equal(a, b)]"),
    dict(name="logsumexp_grad_with_infinities",
         setup="x = tf.constant([[-np.inf, 0.], [-np.inf, -np.inf], [1., 1.]])",
         expr="[tf.reduce_logsumexp(x, 1)] + tf.gradients(tf.reduce_logsumexp(x, 1), x)"),
    dict(name="int_overflow_wraps",
         setup="a = tf.constant([2147483647, 100000], tf.int32)",
         expr="[a + 1, tf.reduce_sum(a), tf.reduce_prod(a), a * a, tf.square(a), -tf.constant(-2147483648)]"),
    dict(name="clip_int_and_negative_zero",
         setup="a = tf.constant([-5, 0, 5]); z = tf.constant([-0.0, 0.0])",
         expr="[tf.clip_by_value(a, -1, 3), tf.abs(z), tf.negative(z), tf.sign(z), tf.round(z)]"),
    # -- dtype and shape errors -------------------------------------------------------------------
    dict(name="add_f32_i32", setup="", expr="[tf.add(tf.constant(1.0), tf.constant(1))]",
         error="TypeError", match=["Add", "int32", "float32"]),
    dict(name="operator_f32_i32", setup="", expr="[tf.constant(1.0) * tf.constant(1)]",
         error="TypeError", match=["Mul", "int32", "float32"]),
    dict(name="sqrt_int", setup="", expr="[tf.sqrt(tf.constant(4))]",
         error="TypeError", match=["int32", "not in list of allowed values"]),
    dict(name="maximum_bool", setup="",
         expr="[tf.maximum(tf.constant(True), tf.constant(False))]",
         error="TypeError", match=["bool", "not in list of allowed values"]),
    dict(name="add_bad_shapes", setup="", expr="[tf.add(tf.zeros([2, 3]), tf.zeros([4]))]",
         error="ValueError", match=["Dimensions must be equal, but are 3 and 4", "[2,3], [4]"]),
    dict(name="matmul_bad_inner", setup="", expr="[tf.matmul(tf.zeros([2, 3]), tf.zeros([4, 5]))]",
         error="ValueError", match=["Dimensions must be equal, but are 3 and 4", "MatMul",
                                    "[2,3], [4,5]"]),
    dict(name="matmul_rank1", setup="", expr="[tf.matmul(tf.zeros([2, 3]), tf.zeros([3]))]",
         error="ValueError", match=["Shape must be rank 2 but is rank 1", "MatMul"]),
    dict(name="batch_matmul_bad_batch", setup="",
         expr="[tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([3, 3, 5]))]",
         error="ValueError", match=["Dimensions must be equal, but are 2 and 3", "BatchMatMulV2"]),
    dict(name="matmul_transpose_and_adjoint", setup="",
         expr="[tf.matmul(tf.zeros([2, 2]), tf.zeros([2, 2]), transpose_a=True, adjoint_a=True)]",
         error="ValueError", match=["Only one of transpose_a and adjoint_a can be True."]),
    dict(name="reduce_bad_axis", setup="", expr="[tf.reduce_sum(tf.zeros([2, 3]), axis=2)]",
         error="ValueError", match=["Invalid reduction dimension 2 for input with 2 dimensions."]),
    dict(name="truediv_mixed", setup="", expr="[tf.truediv(tf.constant(1.0), tf.constant(2))]",
         error="TypeError", match=["x and y must have the same dtype"]),
    dict(name="reduce_any_float", setup="", expr="[tf.reduce_any(tf.constant([1.0]))]",
         error="TypeError", match=["'Any'", "float32", "does not match expected type of bool"]),
    dict(name="einsum_repeated", setup="", expr="[tf.einsum('ii->i', tf.zeros([2, 2]))]",
         error="ValueError", match=["Subscript not supported: an axis appears more than once"]),
    dict(name="norm_bad_ord", setup="", expr="[tf.norm(tf.zeros([2]), ord=-1)]",
         error="ValueError", match=["'ord' must be a supported vector norm"]),
    dict(name="clip_global_not_list", setup="", expr="[tf.clip_by_global_norm(tf.zeros([2]), 1.)]",
         error="TypeError", match=["t_list should be a sequence"]),
    dict(name="logical_and_float", setup="",
         expr="[tf.logical_and(tf.constant(1.0), tf.constant(0.0))]",
         error="TypeError", match=["Input 'x' of 'LogicalAnd' Op has type float32 that does not "
                                   "match expected type of bool."]),
    dict(name="less_bool", setup="", expr="[tf.less(tf.constant(True), tf.constant(False))]",
         error="TypeError", match=["bool", "not in list of allowed values"]),
    dict(name="equal_mixed", setup="", expr="[tf.equal(tf.constant(1.0), tf.constant(1))]",
         error="TypeError", match=["Input 'y' of 'Equal' Op has type int32 that does not match "
                                   "type float32 of argument 'x'."]),
    # -- comparisons and logic ------------------------------------------------------------------
    dict(name="comparisons",
         setup="a = tf.constant([1., 2., 3.]); b = tf.constant(2.); "
               "p = tf.constant([True, True, False, False]); q = tf.constant([True, False, True, False])",
         expr="[tf.equal(a, b), tf.not_equal(a, b), tf.less(a, b), tf.less_equal(a, b), "
              "tf.greater(a, b), tf.greater_equal(a, b), tf.logical_and(p, q), tf.logical_or(p, q),"
              " tf.logical_xor(p, q), tf.logical_not(p), a < b, a >= b, p & q, p | q, p ^ q, ~p, "
              "tf.is_nan(tf.constant([np.nan, 1., np.inf])), tf.is_inf(tf.constant([np.nan, 1., -np.inf])),"
              " tf.is_finite(tf.constant([np.nan, 1., np.inf])), tf.equal(tf.constant(['a', 'b']), 'a')]"),
    # -- graph structure: names, op types, dtypes and static shapes -------------------------
    dict(name="static_elementwise", static=True,
         setup="x = tf.placeholder(tf.float32, [None, 3]); y = tf.constant([1., 2., 3.]); "
               "i = tf.placeholder(tf.int32, [2, None])",
         expr="[tf.add(x, y), x + y, x - 1.0, x * y, x / y, tf.divide(x, y), tf.div(x, y), "
              "tf.truediv(i, i), i / i, i // i, i % i, tf.floordiv(x, y), tf.floormod(x, y), "
              "tf.mod(i, 2), tf.pow(x, 2.0), x ** 2.0, tf.maximum(x, y), tf.minimum(x, 0.0), "
              "tf.squared_difference(x, y), tf.div_no_nan(x, y), tf.atan2(x, y), -x, abs(x), "
              "tf.sqrt(x), tf.rsqrt(x), tf.exp(x), tf.log(x), tf.sigmoid(x), tf.tanh(x), "
              "tf.erf(x), tf.round(x), tf.round(i), tf.sign(i), tf.cast(x, tf.int32), "
              "tf.is_nan(x), tf.equal(x, y), x < y, tf.logical_xor(x > 0., y > 0.), "
              "tf.logical_not(x > y), tf.add_n([x, x, x]), tf.accumulate_n([y, y, y]), "
              "tf.clip_by_value(x, 0., 1.), tf.clip_by_norm(x, 1.), tf.scalar_mul(2., x), "
              "tf.math.xlogy(x, y), tf.math.multiply_no_nan(x, y)]"),
    dict(name="static_reductions", static=True,
         setup="x = tf.placeholder(tf.float32, [None, 3, 4]); u = tf.placeholder(tf.float32); "
               "b = tf.placeholder(tf.bool, [2, 3])",
         expr="[tf.reduce_sum(x), tf.reduce_sum(x, 1), tf.reduce_sum(x, [0, 2], keepdims=True), "
              "tf.reduce_mean(x, -1), tf.reduce_max(x, 0), tf.reduce_min(x, [1]), "
              "tf.reduce_prod(x, keep_dims=True), tf.reduce_any(b, 1), tf.reduce_all(b), "
              "tf.reduce_logsumexp(x, 1), tf.reduce_logsumexp(x), tf.reduce_sum(u), "
              "tf.reduce_sum(u, 0), tf.reduce_sum(u, 0, keepdims=True), tf.reduce_mean(u), "
              "tf.argmax(x, 1), tf.argmin(x, -1, output_type=tf.int32), tf.cumsum(x, 1), "
              "tf.cumprod(x, exclusive=True), tf.count_nonzero(x, 1), tf.norm(x), "
              "tf.norm(x, axis=1), tf.norm(x, ord=1, axis=[1, 2], keepdims=True), "
              "tf.global_norm([x, x]), tf.math.reduce_variance(x, 1), tf.math.reduce_std(x)]"),
    dict(name="static_clipping", static=True,
         setup="a = tf.placeholder(tf.float32, [None, 3]); b = tf.constant([1., 2.]); "
               "e = tf.Variable(tf.ones([5, 2])); "
               "g = tf.gradients(tf.reduce_sum(tf.gather(e, [0, 2, 2])), e)[0]",
         expr="tf.clip_by_global_norm([a, b], 1.0)[0] + [tf.clip_by_global_norm([a, b], 1.0)[1], "
              "tf.global_norm([a, b]), tf.clip_by_global_norm([g], 2.0)[0][0].values, "
              "tf.clip_by_global_norm([a], 1.0, name='clipper')[0][0], "
              "tf.clip_by_norm(a, 1., name='cn'), tf.reduce_logsumexp(a, 1, name='lse')]"),
    dict(name="clip_indexed_slices_values",
         setup="e = tf.Variable(tf.ones([5, 2])); "
               "g = tf.gradients(tf.reduce_sum(tf.gather(e, [0, 2, 2]) * 3.0), e)[0]; "
               "init = tf.global_variables_initializer()",
         expr="[tf.clip_by_global_norm([g, tf.constant([4.])], 2.0)[0][0].values, "
              "tf.clip_by_global_norm([g], 2.0)[0][0].indices, tf.global_norm([g])]"),
    dict(name="static_products", static=True,
         setup="a = tf.placeholder(tf.float32, [None, 3]); b = tf.placeholder(tf.float32, [3, 4]);"
               " c = tf.placeholder(tf.float32, [5, None, 2, 3]); u = tf.placeholder(tf.float32)",
         expr="[tf.matmul(a, b), a @ b, tf.matmul(b, b, transpose_a=True), "
              "tf.matmul(c, b), tf.matmul(c, c, adjoint_b=True), tf.matmul(u, b), "
              "tf.matmul(a, b, a_is_sparse=True), tf.tensordot(b, b, [[0], [0]]), "
              "tf.tensordot(tf.zeros([2, 3, 4]), b, [[1], [0]])]"),
]
