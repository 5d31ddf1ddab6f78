"""TF 1.14's tf.layers and contrib layers with a tensor `training` / `is_training`: the
values with it fed True and False, the moving statistics after the updates, the variables
and UPDATE_OPS. (flowgrad's cond is one op where TF builds Switch/Merge: no op lists.)"""
import numpy as np


def _build(tf):
    x = tf.constant(np.random.RandomState(0).randn(4, 3, 3, 2).astype(np.float32))
    t = tf.placeholder_with_default(True, [], name="training")
    outs = [tf.layers.dropout(x, 0.5, training=t, seed=3),
            tf.layers.batch_normalization(x, training=t, momentum=0.9),
            tf.layers.batch_normalization(x, training=t, fused=False, name="unfused"),
            tf.layers.batch_normalization(tf.reshape(x, [4, 18]), training=t,
                                          renorm=False, center=False),
            tf.contrib.layers.batch_norm(x, is_training=t, decay=0.8, scale=True),
            tf.contrib.layers.batch_norm(x, is_training=t, updates_collections=None),
            tf.contrib.layers.dropout(x, 0.7, is_training=t, seed=5)]
    return t, outs


def _run(tf):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        t, outs = _build(tf)
        updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        out = {"variables": [v.name for v in tf.global_variables()],
               # (the last part of a cond output is Merge in TF, Cond in flowgrad)
               "update_ops": [u.name.rsplit("/", 1)[0] for u in updates],
               "shapes": [o.shape.as_list() for o in outs]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["train"] = sess.run(outs)
            sess.run(updates)
            out["eval"] = sess.run(outs, {t: False})
            sess.run(updates, {t: False})
            out["eval_after"] = sess.run(outs[1:6], {t: False})
            out["final"] = sess.run(tf.global_variables())
    return out


def cases(tf):
    return {"training_tensor": _run(tf)}
