"""tf.math: the math namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.comparison_ops import (equal, greater, greater_equal, less, less_equal, logical_and,
                                 logical_not, logical_or, logical_xor, not_equal)
from .ops.math_ops import (abs, accumulate_n, acos, add, add_n, argmax, argmin, asin, atan,
                           atan2, ceil, conj, cos, cosh, cumprod, cumsum, divide, erf, exp,
                           expm1, floor, floordiv, floormod, is_finite, is_inf, is_nan, log,
                           log1p, maximum, minimum, mod, multiply, negative, pow, reciprocal,
                           reduce_all, reduce_any, reduce_logsumexp, reduce_max, reduce_mean,
                           reduce_min, reduce_prod, reduce_sum, rint, round, rsqrt, scalar_mul,
                           sigmoid, sign, sin, sinh, sqrt, square, squared_difference,
                           subtract, tan, tanh, truediv)
from .ops.check_ops import is_non_decreasing, is_strictly_increasing
from .ops.math_ops import (acosh, asinh, atanh, bincount, count_nonzero, digamma, erfc,
                           lbeta,
                           lgamma, log_sigmoid, multiply_no_nan, nextafter, polygamma, polyval,
                           reduce_euclidean_norm, reduce_std, reduce_variance, xdivy, xlogy,
                           zeta)
# Defined with their op families, listed here as TF 1.14's tf.math lists them.
from .ops.array_ops import invert_permutation
from .ops.nn_ops import (in_top_k, l2_normalize, log_softmax, softmax, softplus, softsign,
                         top_k, zero_fraction)
from .ops.sparse_ops import segment_max, segment_mean, segment_sum, unsorted_segment_sum
from .ops.array_ops_extra import (segment_min, segment_prod, unsorted_segment_max,
                                  unsorted_segment_mean, unsorted_segment_min,
                                  unsorted_segment_prod, unsorted_segment_sqrt_n)
from .ops.math_ops import div_no_nan as divide_no_nan
from .ops.confusion_matrix import confusion_matrix
from .ops.math_ops import angle, imag, real
from .ops.math_extras import (bessel_i0, bessel_i0e, bessel_i1, bessel_i1e, betainc, igamma,
                              igammac)
