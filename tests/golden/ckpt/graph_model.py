"""A forward graph (variables, matmul, concat, reshape, reductions, add_n, stack, a Saver)
that flowgrad writes as a GraphDef (make_flowgrad_graphs.py) and TF 1.14 imports and runs
(gen_graph_def.py). Importable under Python 3.7; takes the tf module."""
import numpy as np
X = np.array([[1, 2, 3], [-1, 0, 0.5]], np.float32)


def build(tf):
    """(out, s) in the default graph."""
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable(np.arange(6, dtype=np.float32).reshape(3, 2) / 5, name="w")
    b = tf.Variable(np.array([0.5, -1], np.float32), name="b")
    h = tf.nn.relu(tf.matmul(x, w) + b)
    c = tf.concat([h, h * 2.0], axis=1)
    r = tf.reshape(tf.transpose(c), [-1])
    m = tf.reduce_mean(c, axis=1, keepdims=True, name="mean")
    out = tf.identity(tf.nn.softmax(c) + tf.cast(tf.shape(x)[0], tf.float32) + m, name="out")
    s = tf.add_n([r[:2], tf.constant([1.0, 2.0]), tf.stack([m[0, 0], 3.0])], name="s")
    tf.train.Saver()
    return out, s
