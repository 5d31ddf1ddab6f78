"""Second-order gradients through tf.nn.avg_pool and tf.nn.avg_pool3d (TF 1.14): the
gradient of AvgPoolGrad / AvgPool3DGrad gives the shape input stop_gradient(shape) as well
as the pool of the gradient (nn_grad._AvgPoolGradGrad), so the two come back through a
tuple (StopGradient, group_deps and two control_dependency Identities); the op names and
types in order and the float32 values (TF's CPU kernels)."""
import numpy as np


def _ops(graph):
    return [[o.name, o.type] for o in graph.get_operations()]


def _grad_grad(tf, pool, shape):
    with tf.Graph().as_default() as g:
        x = tf.constant(np.arange(np.prod(shape), dtype=np.float32).reshape(shape) / np.float32(7),
                        name="x")
        y = pool(tf.square(x))
        gx = tf.gradients(tf.reduce_sum(tf.sin(y)), x)[0]
        ggx = tf.gradients(tf.reduce_sum(gx * gx), x)[0]
        with tf.Session() as sess:
            values = sess.run([gx, ggx])
    return {"ops": _ops(g), "values": values}


def cases(tf):
    return {
        "avg_pool": _grad_grad(tf, lambda t: tf.nn.avg_pool(t, [1, 2, 2, 1], [1, 2, 2, 1],
                                                            "SAME"), [1, 3, 3, 2]),
        "avg_pool3d": _grad_grad(tf, lambda t: tf.nn.avg_pool3d(t, [1, 2, 2, 2, 1],
                                                                [1, 1, 2, 2, 1], "VALID"),
                                 [1, 3, 4, 4, 1]),
    }
