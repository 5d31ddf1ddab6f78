"""Attributes of Keras models and layers that scripts read, under TF 1.14
(model_attrs.json) and flowgrad (tests/test_keras_model_attrs.py): Sequential.input_spec
(its first layer's) and the error of a call it rejects, a functional Model's input_spec,
an unbuilt Sequential's weights / input / output errors, _build_input_shape, _is_compiled,
an LSTM's input_spec. Valid Python 3.7."""


def _spec(v):
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return [_spec(x) for x in v]
    return {"dtype": v.dtype, "shape": v.shape, "ndim": v.ndim, "max_ndim": v.max_ndim,
            "min_ndim": v.min_ndim, "axes": sorted(v.axes.items())}


def _try(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the error is the answer
        return ["error", type(e).__name__, str(e)]


def _names(ts):
    if isinstance(ts, list):
        return [t.name for t in ts]
    return ts.name


def cases(tf):
    out = {}
    K = tf.keras
    g = tf.Graph()
    with g.as_default():
        s = K.Sequential([K.layers.Dense(3, input_shape=(4,), name="sd"),
                          K.layers.Dense(1, name="sd2")], name="s")
        out["sequential input_spec"] = _spec(s.input_spec)
        out["sequential wrong input"] = _try(
            lambda: s(K.Input((5,), name="bad")) and None)
        out["sequential _build_input_shape"] = s._build_input_shape
        deferred = K.Sequential([K.layers.Dense(3, name="ud")], name="s2")
        out["deferred input_spec"] = _spec(deferred.input_spec)
        for a in ("weights", "trainable_weights", "non_trainable_weights", "input",
                  "output", "input_mask", "output_mask"):
            out["deferred " + a] = _try(lambda: getattr(deferred, a) and None)
        out["deferred get_weights"] = _try(lambda: deferred.get_weights() and None)
        deferred.build((None, 6))
        out["deferred built input_spec"] = _spec(deferred.input_spec)
        out["deferred built weights"] = [w.name for w in deferred.weights]
        out["deferred _build_input_shape"] = deferred._build_input_shape
        conv = K.Sequential([K.layers.Conv2D(3, 3, input_shape=(8, 8, 1), name="sc")],
                            name="s3")
        out["conv input_spec"] = _spec(conv.input_spec)
        empty = K.Sequential(name="s4")
        out["empty input_spec"] = _spec(empty.input_spec)
        out["empty weights"] = _try(lambda: empty.weights and None)
        out["empty input"] = _try(lambda: empty.input and None)
        inp = K.Input((4,), name="i")
        m = K.Model(inp, K.layers.Dense(2, name="d")(inp), name="m")
        out["model input_spec"] = _spec(m.input_spec)
        out["model _is_compiled"] = m._is_compiled
        m.compile("sgd", "mse")
        out["model compiled _is_compiled"] = m._is_compiled
        lstm = K.layers.LSTM(2, name="l")
        out["lstm fresh input_spec"] = _spec(lstm.input_spec)
        lstm(K.Input((5, 3), name="li"))
        out["lstm input_spec"] = _spec(lstm.input_spec)
        out["lstm wrong input"] = _try(
            lambda: lstm(K.Input((5, 4), name="li4")) and None)
    return out
