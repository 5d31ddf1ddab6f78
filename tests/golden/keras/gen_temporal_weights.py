"""TF 1.14's tf.keras compile(sample_weight_mode='temporal') in graph mode: a [batch,
time] PlaceholderWithDefault per output from compile on, fit / evaluate / train_on_batch
with [batch, time] weights (and without: the default ones), per-output modes (list,
dict), the op counter of compile and fit, and TF's errors. Output: temporal_weights.json,
read by tests/test_keras_temporal_weights.py."""
import numpy as np


def _data(seed):
    rng = np.random.RandomState(seed)
    x = rng.rand(6, 4, 3).astype("float32")
    y = rng.rand(6, 4, 2).astype("float32")
    w = (rng.rand(6, 4) > 0.3).astype("float32") * rng.rand(6, 4).astype("float32")
    return x, y, w


def _model(tf, seed, outputs=1):
    init = tf.keras.initializers.glorot_uniform
    inp = tf.keras.layers.Input((4, 3))
    h = tf.keras.layers.SimpleRNN(5, return_sequences=True,
                                  kernel_initializer=init(seed=seed),
                                  recurrent_initializer=init(seed=seed + 1))(inp)
    outs = [tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(
        2, kernel_initializer=init(seed=seed + 2 + i)))(h) for i in range(outputs)]
    return tf.keras.Model(inp, outs if outputs > 1 else outs[0])


def _err(fn):
    try:
        fn()
        return "no error"
    except (ValueError, TypeError) as e:
        return "%s: %s" % (type(e).__name__, e)


def _hist(h):
    return {k: [float(v) for v in vals] for k, vals in sorted(h.history.items())}


def single(tf):
    g = tf.get_default_graph()
    x, y, w = _data(0)
    m = _model(tf, 1)
    n0 = g._last_id
    m.compile(tf.keras.optimizers.SGD(0.3), "mse", metrics=["mae"], weighted_metrics=["mae"],
              sample_weight_mode="temporal")
    out = {"compile_count": g._last_id - n0,
           "placeholders": [[o.name, o.type] for o in g.get_operations()
                            if "sample_weights" in o.name]}
    np.random.seed(2)
    n0 = g._last_id
    out["fit"] = _hist(m.fit(x, y, sample_weight=w, batch_size=4, epochs=2, verbose=0))
    out["fit_count"] = g._last_id - n0
    out["evaluate"] = m.evaluate(x, y, sample_weight=w, verbose=0)
    out["evaluate_default"] = m.evaluate(x, y, verbose=0)
    out["train_on_batch"] = m.train_on_batch(x[:3], y[:3], sample_weight=w[:3])
    out["errors"] = [
        _err(lambda: m.fit(x, y, sample_weight=w[:, 0], epochs=1, verbose=0)),
        _err(lambda: m.fit(x, y, sample_weight=w[:, :3], epochs=1, verbose=0)),
        _err(lambda: m.fit(x, y, class_weight={0: 1., 1: 2.}, epochs=1, verbose=0))]
    m2 = _model(tf, 5)
    m2.compile("sgd", "mse")
    out["not_temporal_2d"] = _err(lambda: m2.fit(x, y, sample_weight=w, epochs=1, verbose=0))
    m3 = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
    m3.compile("sgd", "mse", sample_weight_mode="temporal")
    out["2d_output"] = _err(lambda: m3.fit(x[:, 0], y[:, 0], sample_weight=w, epochs=1,
                                           verbose=0))
    out["weights"] = [v.tolist() for v in m.get_weights()]
    return out


def multi(tf):
    x, y, w = _data(3)
    out = {}
    m = _model(tf, 7, outputs=2)
    m.compile(tf.keras.optimizers.SGD(0.2), "mse", sample_weight_mode=["temporal", None])
    np.random.seed(4)
    out["list"] = _hist(m.fit(x, [y, y * 2.], sample_weight=[w, None], epochs=2, batch_size=3,
                              verbose=0))
    m2 = _model(tf, 9, outputs=2)
    names = m2.output_names
    m2.compile(tf.keras.optimizers.SGD(0.2), "mse",
               sample_weight_mode={names[0]: None, names[1]: "temporal"})
    np.random.seed(5)
    out["dict"] = _hist(m2.fit(x, [y, y], sample_weight={names[1]: w}, epochs=1, batch_size=6,
                               verbose=0))
    m3 = _model(tf, 11, outputs=2)
    out["bad_list"] = _err(lambda: m3.compile("sgd", "mse", sample_weight_mode=["temporal"]))
    m4 = _model(tf, 13, outputs=2)
    out["missing_key"] = _err(lambda: m4.compile(
        "sgd", "mse", sample_weight_mode={m4.output_names[0]: None}))
    return out


def partial(tf):
    # sample weights for some outputs only: a placeholder for those outputs; TF 1.14's
    # K.function pairs the placeholders with every output's weights in order (so weights
    # for the second output only reach no placeholder)
    rng = np.random.RandomState(6)
    x, y, w = rng.rand(6, 3).astype("float32"), rng.rand(6, 2).astype("float32"), rng.rand(6)
    out = {}
    for kind in ("first", "second", "dict"):
        with tf.Graph().as_default():
            with tf.Session():
                init = tf.keras.initializers.glorot_uniform
                inp = tf.keras.layers.Input((3,))
                outs = [tf.keras.layers.Dense(2, kernel_initializer=init(seed=i))(inp)
                        for i in (1, 2)]
                m = tf.keras.Model(inp, outs)
                m.compile(tf.keras.optimizers.SGD(0.1), "mse")
                sw = {"first": [w, None], "second": [None, w],
                      "dict": {m.output_names[1]: w}}[kind]
                g = tf.get_default_graph()
                n0 = g._last_id
                ev = m.evaluate(x, [y, y], sample_weight=sw, verbose=0)
                count = g._last_id - n0
                np.random.seed(7)
                h = _hist(m.fit(x, [y, y], sample_weight=sw, batch_size=4, epochs=2,
                                verbose=0))
                out[kind] = {"evaluate": ev, "evaluate_count": count, "fit": h,
                             "placeholders": sorted(o.name for o in g.get_operations()
                                                    if "sample_weights" in o.name)}
    return out


def cases(tf):
    out = {}
    for name, fn in [("single", single), ("multi", multi)]:
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = fn(tf)
    out["partial"] = partial(tf)
    return out
