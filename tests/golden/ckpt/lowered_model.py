"""Graphs of flowgrad ops that TF 1.14 lacks, which flowgrad writes as TF's ops
(make_flowgrad_lowered.py writes them; gen_flowgrad_lowered.py imports and runs them in
TF 1.14; tests/test_export_lowered.py). Importable under Python 3.7; takes the tf module."""
import numpy as np

X = np.array([0.5, -1.5, 2.0], np.float32)
GRAPHS = ["initialized_value", "while", "while_nested_cond", "while_max"]
FETCHES = {"initialized_value": ["out:0", "out2:0"], "while": ["out:0", "n:0"],
           "while_nested_cond": ["out:0"], "while_max": ["out:0"]}


def build(tf, name):
    if name == "initialized_value":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([1.0, 2.0, 3.0], name="w")
        r = tf.get_variable("r", [3], initializer=tf.constant_initializer(5.0),
                            use_resource=True)
        tf.identity(w.initialized_value() * x, name="out")
        tf.identity(r.initialized_value() + x, name="out2")
    elif name == "while":
        x = tf.placeholder(tf.float32, [3], name="x")
        i, acc = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, a * x + 1.0),
                               [tf.constant(0), tf.ones([3])])
        tf.identity(acc, name="out")
        tf.identity(i, name="n")
    elif name == "while_nested_cond":
        x = tf.placeholder(tf.float32, [3], name="x")

        def body(i, a):
            inner = tf.while_loop(lambda j, b: j < i, lambda j, b: (j + 1, b + x), [0, a])[1]
            return i + 1, tf.cond(tf.reduce_sum(inner) > 0, lambda: inner * 0.5,
                                  lambda: inner + x)
        tf.identity(tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1],
                    name="out")
    elif name == "while_max":
        x = tf.placeholder(tf.float32, [3], name="x")
        tf.identity(tf.while_loop(lambda a: tf.reduce_sum(a) < 100.0,
                                  lambda a: a * 2.0 + x, [x], maximum_iterations=5),
                    name="out")
    else:
        raise ValueError(name)
