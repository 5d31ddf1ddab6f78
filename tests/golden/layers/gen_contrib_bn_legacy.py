"""tf.contrib.layers.batch_norm's legacy path (TF 1.14: batch_weights, a custom
updates_collections or zero_debias_moving_mean where the fused kernel does not apply):
outputs, moving statistics after updates, variable and update-op names, op counts."""
import numpy as np


def _run(tf, rank, data_format="NHWC", **kw):
    with tf.Graph().as_default() as g:
        tf.set_random_seed(1)
        rng = np.random.RandomState(3)
        shape = {3: [4, 5, 3], 4: [2, 3, 3, 4], 5: [2, 2, 2, 2, 3]}[rank]
        x = tf.constant(rng.randn(*shape).astype(np.float32))
        if kw.pop("weights", False):
            kw["batch_weights"] = tf.constant(rng.rand(shape[0]).astype(np.float32))
        tr = tf.placeholder(tf.bool, [], name="tr") if kw.pop("tr_placeholder", False) \
            else kw.pop("is_training", True)
        y = tf.contrib.layers.batch_norm(x, is_training=tr, data_format=data_format,
                                         decay=0.9, **kw)
        ups = tf.get_collection(tf.GraphKeys.UPDATE_OPS) + tf.get_collection("my_updates")
        out = {"name": y.name, "shape": y.shape.as_list(), "ops": g._last_id,
               "vars": [v.name for v in tf.global_variables()],
               "updates": [u.name for u in ups]}
        feed = {tr: True} if isinstance(tr, tf.Tensor) else None
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(2):
                out["y"] = s.run(y, feed)
                if ups:
                    s.run(ups, feed)
            out["moving"] = s.run([v for v in tf.global_variables() if "moving" in v.name])
            if feed is not None:
                out["y_eval"] = s.run(y, {tr: False})
        return out


def cases(tf):
    return {
        "rank4_zero_debias_unfused": _run(tf, 4, fused=False, zero_debias_moving_mean=True,
                                          scale=True),
        "rank3_updates_none": _run(tf, 3, updates_collections=None),
        "rank5_custom_collection": _run(tf, 5, updates_collections=["my_updates"],
                                        tr_placeholder=True),
        "rank4_batch_weights": _run(tf, 4, weights=True, center=False, scale=True),
        "rank4_nchw_weights_none": _run(tf, 4, data_format="NCHW", weights=True,
                                        updates_collections=None, fused=False),
        "rank3_inference": _run(tf, 3, zero_debias_moving_mean=True, is_training=False),
        "renorm_error": _err(tf),
    }


def _err(tf):
    with tf.Graph().as_default():
        try:
            tf.contrib.layers.batch_norm(tf.zeros([2, 3, 4]), renorm=True,
                                         updates_collections=None)
        except ValueError as e:
            return e
        return "no error"
