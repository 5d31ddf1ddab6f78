"""Second-order gradients through dense layers as TRPO's Fisher-vector products and
WGAN-GP's gradient penalty build them (TF 1.14): the gradient graphs of BiasAddGrad
(reshape and tile, NHWC and NCHW) and of ReluGrad / Relu6Grad / LeakyReluGrad (zeros of
the input's shape), their op names and types in order, and the seeded values."""
import numpy as np


def _ops(graph):
    return [[o.name, o.type] for o in graph.get_operations()]


def fisher_vector(tf):
    """A policy's KL with its first argument fixed, differentiated twice along a tangent."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(3)
        obs = tf.placeholder(tf.float32, [None, 3], "obs")
        h = tf.layers.dense(obs, 6, tf.nn.relu, name="h")
        h6 = tf.layers.dense(h, 5, tf.nn.relu6, name="h6")
        hl = tf.layers.dense(h6, 4, tf.nn.leaky_relu, name="hl")
        logits = tf.layers.dense(hl, 2, name="pi")
        p = tf.nn.softmax(logits)
        kl = tf.reduce_sum(tf.stop_gradient(p) * tf.log(tf.stop_gradient(p) / p)) / 4.0
        vs = tf.trainable_variables()
        grads = tf.gradients(kl, vs)
        tangents = [tf.ones_like(v) * 0.1 for v in vs]
        gvp = tf.add_n([tf.reduce_sum(a * b) for a, b in zip(grads, tangents)])
        fvp = tf.gradients(gvp, vs)
        x = np.random.RandomState(0).randn(4, 3).astype(np.float32) * 3
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run(fvp, {obs: x})
    return {"ops": _ops(g), "values": values}


def gradient_penalty(tf):
    """WGAN-GP: the norm of the critic's input gradient, differentiated again (NHWC conv
    with a bias, then dense)."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [None, 6, 6, 2], "x")
        c = tf.layers.conv2d(x, 3, 3, activation=tf.nn.leaky_relu, name="c")
        d = tf.layers.dense(tf.layers.flatten(c), 1, name="d")
        gx = tf.gradients(d, x)[0]
        penalty = tf.reduce_mean(tf.square(tf.sqrt(tf.reduce_sum(tf.square(gx), [1, 2, 3])) - 1))
        second = tf.gradients(penalty, tf.trainable_variables())
        xv = np.random.RandomState(1).randn(2, 6, 6, 2).astype(np.float32)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run([penalty] + [t for t in second if t is not None], {x: xv})
    return {"ops": _ops(g), "values": values, "none": [t is None for t in second]}


def nchw_graph(tf):
    """BiasAddGrad's gradient for NCHW (rank 4 and 3): only the graph (ops and shapes)."""
    with tf.Graph().as_default() as g:
        for shape in ([None, 3, 4, 5], [2, 3, 7]):
            v = tf.placeholder(tf.float32, shape)
            b = tf.placeholder(tf.float32, [3])
            y = tf.nn.bias_add(v, b, data_format="NCHW")
            gb = tf.gradients(tf.reduce_sum(y * y), b)[0]
            gg = tf.gradients(tf.reduce_sum(gb * gb), v)[0]
            g.add_to_collection("shapes", gg)
        shapes = [str(t.shape) for t in g.get_collection("shapes")]
    return {"ops": _ops(g), "shapes": shapes}


def cases(tf):
    return {"fisher_vector": fisher_vector(tf), "gradient_penalty": gradient_penalty(tf),
            "nchw_graph": nchw_graph(tf)}
