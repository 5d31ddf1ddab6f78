"""The non-gradient ops (name, type) that minimize() adds in TF 1.14, per optimizer."""
import numpy as np


def cases(tf):
    out = {}
    for cls, kw in [("AdamOptimizer", {}), ("MomentumOptimizer", {"momentum": 0.9}),
                    ("RMSPropOptimizer", {"centered": True}), ("FtrlOptimizer", {}),
                    ("AdagradOptimizer", {}), ("AdadeltaOptimizer", {}),
                    ("GradientDescentOptimizer", {})]:
        tf.reset_default_graph()
        w = tf.Variable(np.ones((3, 2), np.float32), name="w")
        b = tf.Variable(np.zeros(2, np.float32), name="b")
        loss = tf.reduce_sum(tf.square(w * 2.0 + b))
        gs = tf.train.get_or_create_global_step()
        with tf.name_scope("train"):
            getattr(tf.train, cls)(0.1, **kw).minimize(loss, global_step=gs)
        out[cls] = [[o.name, o.type] for o in tf.get_default_graph().get_operations()
                    if "gradients" not in o.name]
    return out
