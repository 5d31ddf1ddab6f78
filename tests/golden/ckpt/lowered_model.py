"""Graphs of flowgrad ops that TF 1.14 lacks, which flowgrad writes as TF's ops
(make_flowgrad_lowered.py writes them; gen_flowgrad_lowered.py imports and runs them in
TF 1.14; tests/test_export_lowered.py). Importable under Python 3.7; takes the tf module."""
import numpy as np

X = np.array([0.5, -1.5, 2.0], np.float32)
GRAPHS = ["initialized_value"]
FETCHES = {"initialized_value": ["out:0", "out2:0"]}


def build(tf, name):
    if name == "initialized_value":
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([1.0, 2.0, 3.0], name="w")
        r = tf.get_variable("r", [3], initializer=tf.constant_initializer(5.0),
                            use_resource=True)
        tf.identity(w.initialized_value() * x, name="out")
        tf.identity(r.initialized_value() + x, name="out2")
    else:
        raise ValueError(name)
