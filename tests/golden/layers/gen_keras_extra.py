"""TF 1.14's keras LayerNormalization and ActivityRegularization in graph mode: ops,
variables, values, gradients, the activity loss, configs, errors.
Test: tests/test_layers_keras_extra.py."""
from gen_tf_layers import _fresh, _rand, _run


def _layer_norm(tf):
    K = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 3, 4])
    outs = [K.LayerNormalization()(x),
            K.LayerNormalization(axis=[1, 2], epsilon=0.1,
                                 gamma_initializer=tf.constant_initializer(2.0),
                                 beta_initializer="ones")(x),
            K.LayerNormalization(axis=1, epsilon=0.01)(x),
            K.LayerNormalization(scale=False, beta_regularizer="l2")(x)]
    return x, outs


def _activity(tf):
    K = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 3])
    layer = K.ActivityRegularization(l1=0.1, l2=0.2)
    y = layer(x * 2.0)
    return x, [y * 1.0] + list(layer.losses)


def _misc(tf):
    K = tf.keras.layers
    out = {}
    x = tf.placeholder(tf.float32, [None, 3])
    layer = K.ActivityRegularization(0.5)
    y = layer(x)
    out["activity"] = {"same_tensor": y is x, "losses": len(layer.losses),
                       "collection": len(tf.get_collection(
                           tf.GraphKeys.REGULARIZATION_LOSSES)),
                       "config": dict((k, v) for k, v in layer.get_config().items()
                                      if k in ("l1", "l2"))}
    ln = K.LayerNormalization(axis=[-1])
    ln(x)
    out["ln_axis"] = list(ln.axis)
    ln = K.LayerNormalization(axis=(1,))
    ln(x)
    out["ln_tuple_axis"] = [type(ln.axis).__name__, list(ln.axis)]
    for name, fn in (("bad_axis", lambda: K.LayerNormalization(axis=2)(x)),
                     ("dup_axis", lambda: K.LayerNormalization(axis=[1, -1])(x)),
                     ("axis_type", lambda: K.LayerNormalization(axis="a")),
                     ("tuple_negative_axis", lambda: K.LayerNormalization(axis=(-1,))(x))):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def cases(tf):
    return {"layer_norm": _run(tf, _layer_norm, _rand(2, 3, 4)),
            "activity": _run(tf, _activity, _rand(2, 3)),
            "misc": _fresh(tf, _misc)}
