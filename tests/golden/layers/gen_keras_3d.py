"""TF 1.14's keras 3-D and cropping layers: MaxPooling3D/AveragePooling3D,
GlobalMax/AveragePooling3D, ZeroPadding3D, UpSampling3D, Cropping1D/3D: ops, output
shapes, values, gradients, configs, errors."""
from gen_tf_layers import _fresh, _rand, _run


def _volumes(tf):
    K = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 4, 4, 6, 3])
    outs = [K.MaxPooling3D()(x), K.AveragePooling3D(pool_size=(2, 1, 3), strides=1,
                                                    padding="same")(x),
            K.GlobalAveragePooling3D()(x), K.GlobalMaxPooling3D()(x),
            K.GlobalAvgPool3D(data_format="channels_first")(x),
            K.GlobalMaxPool3D(data_format="channels_first")(x),
            K.ZeroPadding3D()(x), K.ZeroPadding3D(padding=(1, 0, 2))(x),
            K.ZeroPadding3D(padding=((0, 1), (2, 0), (1, 1)),
                            data_format="channels_first")(x),
            K.UpSampling3D()(x), K.UpSampling3D(size=(1, 2, 3),
                                                data_format="channels_first")(x),
            K.Cropping3D()(x), K.Cropping3D(cropping=((0, 1), (2, 0), (1, 2)))(x),
            K.Cropping3D(cropping=(1, 0, 2), data_format="channels_first")(x)]
    return x, outs


def _steps(tf):
    K = tf.keras.layers
    x = tf.placeholder(tf.float32, [2, 6, 3])
    return x, [K.Cropping1D()(x), K.Cropping1D(cropping=(2, 0))(x),
               K.Cropping1D(cropping=3)(x)]


def _shapes(tf):
    K = tf.keras.layers
    layers = [K.MaxPooling3D(), K.GlobalAveragePooling3D(), K.ZeroPadding3D(2),
              K.UpSampling3D(3), K.Cropping3D(1), K.Cropping1D((1, 2)),
              K.GlobalMaxPooling3D(data_format="channels_first")]
    out = {}
    for layer in layers:
        shape = [None, 8, 6, 6, 4] if not isinstance(layer, K.Cropping1D) else [None, 8, 4]
        x = tf.placeholder(tf.float32, shape)
        y = layer(x)
        cfg = layer.get_config()
        cfg.pop("name")
        out[type(layer).__name__] = {
            "shape": y.shape.as_list(),
            "computed": layer.compute_output_shape(tf.TensorShape(shape)).as_list(),
            "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in cfg.items()},
            "ops": [[op.name, op.type] for op in tf.get_default_graph().get_operations()
                    if op.name.startswith(layer.name + "/")]}
    return out


def _errors(tf):
    K = tf.keras.layers
    out = {}
    for name, fn in (
            ("pad_len", lambda: K.ZeroPadding3D(padding=(1, 2))),
            ("crop_len", lambda: K.Cropping3D(cropping=(1, 2))),
            ("crop1_len", lambda: K.Cropping1D(cropping=(1, 2, 3))),
            ("up_len", lambda: K.UpSampling3D(size=(1, 2))),
            ("ndim", lambda: K.GlobalMaxPooling3D()(tf.zeros([2, 3, 4, 5]))),
    ):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def cases(tf):
    return {
        "volumes": _run(tf, _volumes, _rand(2, 4, 4, 6, 3)),
        "steps": _run(tf, _steps, _rand(2, 6, 3)),
        "shapes": _fresh(tf, _shapes),
        "errors": _fresh(tf, _errors),
    }


