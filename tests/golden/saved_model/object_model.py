"""The objects of the object-based checkpoint goldens (built by TF 1.14 and flowgrad)."""


def build(tf):
    """(Checkpoint, [variables]): v (float32 [2]) and inner.w (int32 scalar)."""
    v = tf.Variable([1.5, -2.0], name="vv")
    w = tf.Variable(3, name="ww")
    return tf.train.Checkpoint(v=v, inner=tf.train.Checkpoint(w=w)), [v, w]
