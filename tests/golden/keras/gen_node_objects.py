"""Keras layers' Node objects under TF 1.14 (node_objects.json) and flowgrad
(tests/test_keras_node_objects.py): inbound_nodes / outbound_nodes (and _inbound_nodes /
_outbound_nodes), each node's outbound_layer, inbound_layers, node_indices,
tensor_indices, input/output tensors and shapes, arguments, iterate_inbound() and
get_config(), for an Input, Dense, a merge, a call with kwargs, a functional Model (its own
node, then a call on new inputs), a nested model and a Sequential. Valid Python 3.7."""


def _show(v):
    if v is None:
        return None
    if isinstance(v, list):
        return ["list", [_show(x) for x in v]]
    if isinstance(v, tuple):
        return ["tuple", [_show(x) for x in v]]
    if isinstance(v, dict):
        return ["dict", sorted((k, _show(x)) for k, x in v.items())]
    if hasattr(v, "op") and hasattr(v, "dtype"):
        return ["tensor", v.name]
    if hasattr(v, "_inbound_nodes") and hasattr(v, "name"):
        return ["layer", v.name]
    return v


def _node(n):
    out = {}
    for a in ("outbound_layer", "inbound_layers", "node_indices", "tensor_indices",
              "input_tensors", "output_tensors", "input_shapes", "output_shapes",
              "arguments"):
        out[a] = _show(getattr(n, a))
    out["iterate_inbound"] = _show([tuple(x) for x in n.iterate_inbound()])
    out["get_config"] = _show(n.get_config())
    return out


def _layer(layer):
    return {"inbound": [_node(n) for n in layer.inbound_nodes],
            "outbound": [n.get_config() for n in layer.outbound_nodes],
            "same lists": [layer.inbound_nodes is layer._inbound_nodes,
                           layer.outbound_nodes is layer._outbound_nodes]}


def cases(tf):
    out = {}
    K = tf.keras
    g = tf.Graph()
    with g.as_default():
        inp = K.Input((16,), name="in")
        d = K.layers.Dense(4, name="d1")
        y = d(inp)
        in_layer = d.inbound_nodes[0].inbound_layers
        a = K.layers.Dense(4, name="a")(inp)
        b = K.layers.Dense(4, name="b")(inp)
        cat = K.layers.Concatenate(name="cat")
        c = cat([a, b])
        drop = K.layers.Dropout(0.5, name="drop")
        drop(c, training=True)
        out["fresh"] = _layer(K.layers.Dense(2, name="fresh"))
        out["input"] = _layer(in_layer)
        out["dense"] = _layer(d)
        out["concatenate"] = _layer(cat)
        out["dropout kwargs"] = _layer(drop)
        m = K.Model(inp, y, name="m")
        out["model"] = _layer(m)
        again = K.Input((16,), name="again")
        m(again)
        out["model called"] = _layer(m)
        out["dense after model call"] = _layer(d)
        out["again"] = _layer(again._keras_history.layer if hasattr(again, "_keras_history")
                              else m.inbound_nodes[1].inbound_layers)
        x2 = K.Input((16,), name="x2")
        h = m(x2)
        outer = K.Model(x2, K.layers.Dense(1, name="top")(h), name="outer")
        out["nested"] = _layer(m)
        out["outer"] = _layer(outer)
        out["walk"] = [[layer.name, [n.get_config() for n in layer.inbound_nodes]]
                       for layer in outer.layers]
        s = K.Sequential([K.layers.Dense(3, input_shape=(5,), name="s1"),
                          K.layers.Dense(2, name="s2")], name="s")
        s.add(K.layers.Dense(1, name="s3"))
        out["sequential"] = _layer(s)
        out["sequential first"] = _layer(s.layers[0])
        s(K.Input((5,), name="sin"))
        out["sequential called"] = _layer(s)
        s.pop()
        out["sequential popped"] = _layer(s)
        out["sequential popped last"] = _layer(s.layers[-1])
    return out
