"""TF 1.14's XLA marks: `_XlaCompile` and `_XlaScope` of every op built under jit_scope
(nested scopes, compile_ops=False, separate_compiled_gradients) and of their gradients,
in two tf.gradients calls. tests/test_xla.py compares flowgrad's marks and scopes."""
from __future__ import absolute_import


def build(tf):
    x = tf.placeholder(tf.float32, [4])
    with tf.xla.experimental.jit_scope():
        a = tf.tanh(x) * 2.0
        with tf.xla.experimental.jit_scope(compile_ops=False):
            b = a + 1.0
    with tf.xla.experimental.jit_scope(separate_compiled_gradients=True):
        c = tf.sin(b) * 3.0
    g = tf.gradients(tf.reduce_sum(c) + tf.reduce_sum(a), x)
    g2 = tf.gradients(tf.reduce_sum(c), x)
    return x, g + g2


def cases(tf):
    build(tf)
    out = {}
    for op in tf.get_default_graph().get_operations():
        try:
            out[op.name] = [bool(op.get_attr("_XlaCompile")),
                            op.get_attr("_XlaScope").decode()]
        except ValueError:
            out[op.name] = None
    return {"marks": out}
