"""Keras layers' node accessors under TF 1.14 (layer_nodes.json) and flowgrad
(tests/test_keras_layer_nodes.py): input_shape / output_shape, input_mask / output_mask,
get_{input,output}{,_shape,_mask}_at, their errors, Model.run_eagerly, for layers, a
functional Model, a Sequential and a model called on new inputs. Valid Python 3.7."""


def _show(v):
    if v is None:
        return None
    if isinstance(v, list):
        return ["list", [_show(x) for x in v]]
    if isinstance(v, tuple):
        return ["tuple", [_show(x) for x in v]]
    if hasattr(v, "op") and hasattr(v, "dtype"):
        return ["tensor", v.name]
    return v


def _try(fn):
    try:
        return _show(fn())
    except Exception as e:  # noqa: BLE001 - the error is the answer
        return ["error", type(e).__name__, str(e)]


def _props(layer, index=0):
    out = {}
    for a in ("input_shape", "output_shape", "input_mask", "output_mask"):
        out[a] = _try(lambda: getattr(layer, a))
    for a in ("get_input_at", "get_output_at", "get_input_shape_at", "get_output_shape_at",
              "get_input_mask_at", "get_output_mask_at"):
        out[a] = _try(lambda: getattr(layer, a)(index))
    return out


def cases(tf):
    out = {}
    K = tf.keras
    g = tf.Graph()
    with g.as_default():
        inp = K.Input((16,), name="in")
        d = K.layers.Dense(4, name="d1")
        y = d(inp)
        out["dense"] = _props(d)
        out["dense bad index"] = _props(d, 3)
        fresh = K.layers.Dense(2)
        out["never called"] = _props(fresh)
        a = K.layers.Dense(4, name="a")(inp)
        b = K.layers.Dense(4, name="b")(inp)
        cat = K.layers.Concatenate(name="cat")
        cat([a, b])
        out["concatenate"] = _props(cat)
        shared = K.layers.Activation("relu", name="shared")
        shared(inp)
        shared(K.Input((8,), name="in8"))
        out["shared, two shapes"] = _props(shared, 1)
        ids = K.Input((5,), name="ids")
        emb = K.layers.Embedding(50, 6, mask_zero=True, name="emb")
        e = emb(ids)
        lstm = K.layers.LSTM(3, name="lstm")
        lstm(e)
        out["embedding mask"] = _props(emb)
        out["lstm mask"] = _props(lstm)
        m = K.Model(inp, y, name="m")
        out["model"] = _props(m)
        m(K.Input((16,), name="again"))
        out["model node 1"] = _props(m, 1)
        s = K.Sequential([K.layers.Dense(3, input_shape=(5,))], name="s")
        out["sequential"] = _props(s)
        out["run_eagerly"] = _try(lambda: m.run_eagerly)
        m2 = K.Sequential([K.layers.Dense(1, input_shape=(2,))])
        out["compile run_eagerly"] = _try(lambda: m2.compile("sgd", "mse", run_eagerly=True))
        m2.run_eagerly = False
        out["run_eagerly set"] = _try(lambda: m2.run_eagerly)
    return out
