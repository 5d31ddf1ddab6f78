"""GAN-style TF1 programs (WGAN-GP's gradient penalty, DCGAN layers): the ops that second
order gradients build through activations, and seeded values."""
import numpy as np


def _ops(graph, start, stop=None):
    return [(op.name, op.type) for op in graph.get_operations()[start:stop]]


def grad_grad_ops(tf):
    """d/dx of |d critic / d x|^2 through Relu, Relu6 and LeakyRelu: the *Grad op's own
    gradient is TF's zeros(shape=shape(features)) (a Shape and a Fill) for the features."""
    out = {}
    x0 = np.random.RandomState(3).randn(4, 3).astype(np.float32)
    acts = [("relu", tf.nn.relu), ("relu6", tf.nn.relu6),
            ("leaky", lambda t: tf.nn.leaky_relu(t, alpha=0.3))]
    for shape in ([4, 3], [None, 3]):
        for name, act in acts:
            g = tf.Graph()
            with g.as_default(), tf.Session() as sess:
                x = tf.placeholder(tf.float32, shape, name="x")
                w = tf.constant(np.random.RandomState(4).randn(3, 2).astype(np.float32))
                y = tf.reduce_sum(act(tf.matmul(x, w) * 3.0))
                n0 = len(g.get_operations())
                dx = tf.gradients(y, x)[0]
                pen = tf.reduce_sum(tf.square(dx))
                n1 = len(g.get_operations())
                ddx = tf.gradients(pen, [x, w])
                key = "%s_%s" % (name, "known" if shape[0] else "batch")
                out[key] = {"ops1": _ops(g, n0, n1), "ops2": _ops(g, n1),
                            "values": sess.run([dx, pen] + ddx, {x: x0 * 2})}
    return out


def stop_gradient_ops(tf):
    """combine_adversarial_loss's stop_gradient(weight_factor) of a Python float: the
    constant is the op wrapper's 'StopGradient/input' (a variable read in its scope)."""
    g = tf.Graph()
    with g.as_default():
        tf.stop_gradient(0.5)
        tf.stop_gradient([1., 2.], name="sg")
        tf.stop_gradient(tf.Variable(1.0))
        tf.stop_gradient(tf.get_variable("r", [], use_resource=True))
        tf.stop_gradient(tf.constant(3))
    return _ops(g, 0)


def shape_messages(tf):
    """TensorShape.assert_is_compatible_with prints `other` as it was given."""
    out = []
    for other in ([], (6,), [None, 2], tf.TensorShape([3])):
        try:
            tf.TensorShape([6, 1]).assert_is_compatible_with(other)
        except ValueError as e:
            out.append(str(e))
    return out


def cases(tf):
    return {"grad_grad_ops": grad_grad_ops(tf), "stop_gradient_ops": stop_gradient_ops(tf),
            "shape_messages": shape_messages(tf)}
