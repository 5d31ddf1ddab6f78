"""TF 1.14's keras Conv3DTranspose and tf.layers conv3d_transpose / Conv3DTranspose:
ops, variables, values, gradients, output shapes, config, errors.
Test: tests/test_layers_conv3d_transpose.py."""
from gen_tf_layers import _fresh, _rand, _run


def _deconv3d(tf):
    x = tf.placeholder(tf.float32, [2, 3, 4, 2, 3])
    outs = [tf.keras.layers.Conv3DTranspose(2, 2, strides=2)(x),
            tf.keras.layers.Conv3DTranspose(3, (3, 2, 1), padding="same",
                                            output_padding=(0, 1, 0), strides=(1, 2, 1),
                                            activation="relu")(x),
            tf.layers.conv3d_transpose(x, 2, 3, strides=(2, 1, 2), padding="same",
                                       use_bias=False),
            tf.layers.Conv3DTranspose(1, 2, name="dc",
                                      kernel_regularizer=tf.nn.l2_loss)(x)]
    return x, outs


def _misc(tf):
    K = tf.keras.layers
    out = {}
    layer = K.Conv3DTranspose(4, 3, strides=2, output_padding=1)
    y = layer(tf.placeholder(tf.float32, [None, 5, 4, 3, 2]))
    cfg = layer.get_config()
    out["shape"] = y.shape.as_list()
    out["computed"] = layer.compute_output_shape(tf.TensorShape([None, 5, 4, 3, 2])).as_list()
    out["config"] = dict((k, list(v) if isinstance(v, tuple) else v)
                         for k, v in cfg.items() if k in (
                             "filters", "kernel_size", "strides", "padding",
                             "output_padding", "data_format"))
    out["has_dilation"] = "dilation_rate" in cfg
    for name, fn in (("out_pad", lambda: K.Conv3DTranspose(2, 2, strides=1, output_padding=1)),
                     ("rank", lambda: K.Conv3DTranspose(2, 2)(tf.zeros([2, 3, 3, 3])))):
        try:
            fn()
            out[name] = "no error"
        except ValueError as e:
            out[name] = str(e)
    return out


def cases(tf):
    return {"deconv3d": _run(tf, _deconv3d, _rand(2, 3, 4, 2, 3)),
            "misc": _fresh(tf, _misc)}
