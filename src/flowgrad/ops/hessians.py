"""tf.hessians as TF 1.14 builds it: the first-order gradient flattened, then a
tf.while_loop over its elements writing each one's gradient into a TensorArray, stacked and
reshaped to shape(x) + shape(x). The same ops and names as TF (so graph-seeded random ops
made later print TF's numbers), and x's shape may be unknown when building."""
from __future__ import annotations

from ..engine.autodiff.gradients import _as_list, gradients
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.ops.joining import concat
from ..engine.ops.shape import reshape, shape, size
from .control_flow_ops import while_loop
from .tensor_array_ops import TensorArray


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    """The Hessian of sum(ys) with respect to each x of xs (`name` is unused, as in TF).

    >>> x = tf.constant([1.0, 2.0])
    >>> (h,) = tf.hessians(tf.reduce_sum(x ** 3), x)
    >>> tf.Session().run(h)
    array([[ 6.,  0.],
           [ 0., 12.]], dtype=float32)
    """
    xs = _as_list(xs)
    kwargs = {"colocate_gradients_with_ops": colocate_gradients_with_ops,
              "gate_gradients": gate_gradients, "aggregation_method": aggregation_method}
    out = []
    for gradient, x in zip(gradients(ys, xs, **kwargs), xs):
        gradient = reshape(gradient, [-1])   # (a None gradient raises as in TF)
        n = size(x)
        loop_vars = [constant(0, dtype=_dt.int32), TensorArray(x.dtype, n)]

        def body(j, result, gradient=gradient, x=x):
            return j + 1, result.write(j, gradients(gradient[j], x)[0])

        _, hessian = while_loop(lambda j, _, n=n: j < n, body, loop_vars)
        x_shape = shape(x)
        out.append(reshape(hessian.stack(), concat((x_shape, x_shape), 0)))
    return out
