"""The linear model of the SavedModel goldens (built by TF 1.14 and by flowgrad)."""
import numpy as np

X = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]], np.float32)


def build(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable([[1.0], [2.0], [3.0]], name="w")
    b = tf.Variable([0.5], name="b")
    y = tf.add(tf.matmul(x, w), b, name="y")
    return x, y
