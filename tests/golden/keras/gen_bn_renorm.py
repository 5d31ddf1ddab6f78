"""TF 1.14's tf.keras BatchNormalization with renorm (and renorm_clipping), ghost batches
(virtual_batch_size) and an adjustment, in graph mode (also through tf.layers): the ops
built (names, types), the variables, outputs and updated moving/renorm statistics over
three training steps and an inference step, and TF's errors. Output: bn_renorm.json, read
by tests/test_keras_bn_renorm.py."""
import numpy as np


def _ops(g, n0):
    # the ops outside tf.cond scopes (flowgrad's cond is one op; its counter is TF's)
    return [[o.name, o.type] for o in g.get_operations()[n0:]
            if not any(part.startswith("cond") for part in o.name.split("/"))]


def _err(fn):
    try:
        fn()
        return "no error"
    except (ValueError, TypeError) as e:
        return "%s: %s" % (type(e).__name__, e)


def _run(tf, layer, shape, training, seed, tf_layers=False):
    g = tf.get_default_graph()
    rng = np.random.RandomState(seed)
    x = tf.placeholder(tf.float32, shape)
    n0 = len(g.get_operations())
    c0 = g._last_id
    y = layer(x, training=training)
    out = {"ops": _ops(g, n0), "counter": g._last_id - c0,
           "vars": [[v.name, v.shape.as_list()] for v in tf.global_variables()]}
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS) if tf_layers else layer.updates
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        feeds = [rng.randn(*[d or 8 for d in shape]).astype("float32") * 2 + 1
                 for _ in range(3)]
        out["train"] = []
        for f in feeds:
            feed = {x: f}
            if not isinstance(training, bool):
                feed[training] = True
            out["train"].append(s.run([y] + list(updates), feed)[0].tolist())
        out["stats"] = [v.tolist() for v in s.run(tf.global_variables())]
        if not isinstance(training, bool):
            out["infer"] = s.run(y, {x: feeds[0], training: False}).tolist()
    return out


def renorm(tf):
    t = tf.placeholder(tf.bool, [])
    bn = tf.keras.layers.BatchNormalization(renorm=True, renorm_momentum=0.9, momentum=0.8)
    return _run(tf, bn, [8, 3], t, 0)


def renorm_clipping(tf):
    bn = tf.keras.layers.BatchNormalization(
        renorm=True, renorm_clipping={"rmax": 1.5, "rmin": 0.7, "dmax": 0.3}, axis=1,
        center=False)
    return _run(tf, bn, [8, 2, 3], True, 1)


def renorm_4d(tf):
    # renorm never fuses
    t = tf.placeholder(tf.bool, [])
    bn = tf.keras.layers.BatchNormalization(renorm=True, renorm_clipping={"rmax": 2.0})
    return _run(tf, bn, [4, 2, 2, 3], t, 2)


def virtual(tf):
    t = tf.placeholder(tf.bool, [])
    bn = tf.keras.layers.BatchNormalization(virtual_batch_size=2, momentum=0.5)
    return _run(tf, bn, [8, 3], t, 3)


def virtual_renorm(tf):
    bn = tf.keras.layers.BatchNormalization(virtual_batch_size=4, renorm=True)
    return _run(tf, bn, [8, 2, 3], True, 4)


def adjustment(tf):
    t = tf.placeholder(tf.bool, [])

    def adj(shape):
        return tf.fill([3], 1.5), tf.fill([3], -0.25)
    bn = tf.keras.layers.BatchNormalization(adjustment=adj)
    return _run(tf, bn, [8, 3], t, 5)


def tf_layers(tf):
    t = tf.placeholder(tf.bool, [])
    x = tf.placeholder(tf.float32, [8, 3])

    def layer(inp, training):
        return tf.layers.batch_normalization(inp, training=training, renorm=True)
    del x
    return _run(tf, layer, [8, 3], t, 6, tf_layers=True)


def errors(tf):
    x = tf.placeholder(tf.float32, [8, 3])
    return [
        _err(lambda: tf.keras.layers.BatchNormalization(renorm=True,
                                                        renorm_clipping={"rmx": 1.})),
        _err(lambda: tf.keras.layers.BatchNormalization(virtual_batch_size=0)(x)),
        _err(lambda: tf.keras.layers.BatchNormalization(virtual_batch_size=2, axis=0)(x)),
        _err(lambda: tf.keras.layers.BatchNormalization(
            virtual_batch_size=2, adjustment=lambda s: (1., 0.))(x))]


def cases(tf):
    out = {}
    for name, fn in [("renorm", renorm), ("renorm_clipping", renorm_clipping),
                     ("renorm_4d", renorm_4d), ("virtual", virtual),
                     ("virtual_renorm", virtual_renorm), ("adjustment", adjustment),
                     ("tf_layers", tf_layers), ("errors", errors)]:
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
