"""TF 1.14's GraphDefs holding function libraries (tests/test_import_functions.py): its
graph-mode tf.function (PartitionedCall, StatefulPartitionedCall over a resource variable,
a function calling functions) and tf.switch_case (Case), their bytes and the values TF
runs them to; and graphs whose functions hold ops flowgrad lacks (cond_v2's If in a
tf.function, the Optional ops of a Case's gradient)."""
import numpy as np

FEED = {"x:0": np.array([0.5, -1.5, 2.0], np.float32),
        "y:0": np.array([1.0, -0.75, 0.25], np.float32), "i:0": 1}
FETCHES = ["f0:0", "f1:0", "f2:0", "c:0", "d:0", "s:0"]


def build(tf, name):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.placeholder(tf.float32, [3], name="y")
    i = tf.placeholder(tf.int32, [], name="i")
    if name == "calls":
        f0, f1 = tf.function(lambda a, b: (a * b, tf.sin(a) + b))(x, y)
        inner = tf.function(lambda a: tf.exp(a) * 0.5)
        f2 = inner(x) + tf.function(lambda a: inner(a) * 2.0)(y)
        c = tf.switch_case(i, [lambda: x * 2.0, lambda: tf.cos(y) - x])
        d = tf.switch_case(i + 1, [lambda: x, lambda: x - 1.0], default=lambda: tf.square(y))
        v = tf.Variable(np.array([1.0, 2.0, 3.0], np.float32), use_resource=True, name="v")
        s = tf.function(lambda a, w: tf.tanh(a) * w)(x, v)
        for k, t in dict(f0=f0, f1=f1, f2=f2, c=c, d=d, s=s).items():
            tf.identity(t, name=k)
        tf.variables_initializer([v], name="init")
    elif name == "cond_in_function":
        tf.identity(tf.function(lambda a: tf.cond(tf.reduce_sum(a) > 0.0, lambda: a + 1.0,
                                                   lambda: a - 1.0))(x), name="out")
    elif name == "case_gradient":
        c = tf.switch_case(i, [lambda: x * 2.0, lambda: tf.sin(x) * y])
        tf.identity(tf.gradients(c, x)[0], name="gx")


def cases(tf):
    out = {}
    for name in ("calls", "cond_in_function", "case_gradient"):
        with tf.Graph().as_default() as g:
            build(tf, name)
            out[name + "/pb"] = g.as_graph_def().SerializeToString()
            if name == "calls":
                with tf.Session() as s:
                    s.run("init")
                    out["calls/values"] = s.run(FETCHES, FEED)
    return out
