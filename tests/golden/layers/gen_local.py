"""TF 1.14's keras LocallyConnected1D/2D (implementations 1 and 2, both data formats,
valid and same padding): variables (names, shapes, collections), ops, output values and
gradients with graph-seeded initial weights, output shapes, configs, errors.
Test: tests/test_layers_local.py."""
from gen_tf_layers import _fresh, _rand, _run


def _lc1d(tf):
    K = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 7, 3])
    init = tf.glorot_uniform_initializer(seed=3)
    outs = [K.LocallyConnected1D(4, 3)(x),
            K.LocallyConnected1D(2, 2, strides=2, activation="relu",
                                 bias_initializer=tf.constant_initializer(0.5))(x),
            K.LocallyConnected1D(3, 3, implementation=2, kernel_initializer=init)(x),
            K.LocallyConnected1D(2, 3, strides=2, padding="same", implementation=2)(x),
            K.LocallyConnected1D(2, 2, data_format="channels_first", use_bias=True,
                                 bias_initializer="ones")(x),
            K.LocallyConnected1D(2, 2, data_format="channels_first", implementation=2,
                                 bias_initializer="ones")(x)]
    return x, outs


def _lc2d(tf):
    K = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 5, 4, 3])
    outs = [K.LocallyConnected2D(2, 3)(x),
            K.LocallyConnected2D(3, (2, 3), strides=(2, 1), use_bias=False,
                                 kernel_regularizer=tf.keras.regularizers.l2(0.1))(x),
            K.LocallyConnected2D(2, 2, implementation=2, padding="same",
                                 bias_initializer="ones")(x),
            K.LocallyConnected2D(2, (3, 2), data_format="channels_first",
                                 bias_initializer="ones")(x),
            K.LocallyConnected2D(2, (3, 2), strides=2, data_format="channels_first",
                                 implementation=2, bias_initializer="ones")(x)]
    return x, outs


def _shapes(tf):
    K = tf.keras.layers
    out = {}
    for key, layer, shape in (
            ("1d", K.LocallyConnected1D(4, 3, strides=2), [None, 9, 2]),
            ("1d_impl2_same", K.LocallyConnected1D(4, 3, padding="same", implementation=2),
             [None, 9, 2]),
            ("2d", K.LocallyConnected2D(4, (3, 2)), [None, 6, 5, 2]),
            ("2d_cf", K.LocallyConnected2D(4, 2, strides=2, data_format="channels_first",
                                           implementation=2), [None, 2, 6, 5])):
        x = tf.placeholder(tf.float32, shape)
        y = layer(x)
        cfg = layer.get_config()
        cfg.pop("name")
        keep = ("filters", "kernel_size", "strides", "padding", "data_format", "activation",
                "use_bias", "implementation")
        out[key] = {
            "shape": y.shape.as_list(),
            "computed": tf.TensorShape(layer.compute_output_shape(
                tf.TensorShape(shape))).as_list(),
            "weights": [[w.name, w.shape.as_list()] for w in layer.weights],
            "config": dict((k, list(cfg[k]) if isinstance(cfg[k], tuple) else cfg[k])
                           for k in keep)}
    return out


def _errors(tf):
    K = tf.keras.layers
    out = {}
    for name, fn in (
            ("same_impl1", lambda: K.LocallyConnected1D(2, 3, padding="same")),
            ("same_impl1_2d", lambda: K.LocallyConnected2D(2, 3, padding="same")),
            ("impl3", lambda: K.LocallyConnected1D(2, 3, implementation=3)(
                tf.zeros([2, 5, 3]))),
            ("impl0_2d", lambda: K.LocallyConnected2D(2, 3, implementation=0)(
                tf.zeros([2, 5, 5, 3]))),
            ("ndim", lambda: K.LocallyConnected1D(2, 3)(tf.zeros([2, 5, 5, 3]))),
            ("unknown_2d", lambda: K.LocallyConnected2D(2, 2)(
                tf.placeholder(tf.float32, [None, None, 4, 3]))),
    ):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def cases(tf):
    return {
        "lc1d": _run(tf, _lc1d, _rand(2, 7, 3)),
        "lc2d": _run(tf, _lc2d, _rand(2, 5, 4, 3)),
        "shapes": _fresh(tf, _shapes),
        "errors": _fresh(tf, _errors),
    }
