"""TF 1.14's channels_first tf.layers: the ops, shapes and variables they build (TF 1.14
runs NCHW convolutions and pools on GPUs only, so values are checked in the test against
the channels_last layers, transposed)."""


def _facts(tf, build):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        outs = build(tf)
        return {"ops": [[op.name, op.type] for op in g.get_operations()],
                "attrs": [[op.name, op.get_attr("data_format").decode()
                           if isinstance(op.get_attr("data_format"), bytes)
                           else op.get_attr("data_format")]
                          for op in g.get_operations() if op.type in _FORMATTED],
                "shapes": [o.shape.as_list() for o in outs],
                "variables": [[v.name, v.shape.as_list()] for v in tf.global_variables()]}


_FORMATTED = ("Conv2D", "MaxPool", "AvgPool", "BiasAdd", "Conv2DBackpropInput",
              "DepthwiseConv2dNative", "Conv3D", "MaxPool3D", "AvgPool3D")


def _conv_pool(tf):
    x = tf.placeholder(tf.float32, [2, 3, 8, 8])
    h = tf.layers.conv2d(x, 4, 3, data_format="channels_first", activation=tf.nn.relu)
    p = tf.layers.max_pooling2d(h, 2, 2, data_format="channels_first")
    a = tf.layers.average_pooling2d(h, 3, 1, padding="same", data_format="channels_first")
    s = tf.layers.conv2d(x, 2, [3, 2], strides=2, padding="same",
                         data_format="channels_first")
    return [h, p, a, s]


def _conv_1d_3d(tf):
    x = tf.placeholder(tf.float32, [2, 3, 7])
    c1 = tf.layers.conv1d(x, 2, 3, data_format="channels_first")
    m1 = tf.layers.max_pooling1d(c1, 2, 1, data_format="channels_first")
    x3 = tf.placeholder(tf.float32, [1, 2, 4, 4, 4])
    c3 = tf.layers.conv3d(x3, 2, 2, data_format="channels_first")
    a3 = tf.layers.average_pooling3d(c3, 2, 1, data_format="channels_first")
    return [c1, m1, c3, a3]


def _transpose_separable(tf):
    x = tf.placeholder(tf.float32, [2, 3, 5, 5])
    t = tf.layers.conv2d_transpose(x, 2, 3, strides=2, padding="same",
                                   data_format="channels_first")
    s = tf.layers.separable_conv2d(x, 4, 3, depth_multiplier=2,
                                   data_format="channels_first")
    return [t, s]


def cases(tf):
    return {"conv_pool": _facts(tf, _conv_pool), "conv_1d_3d": _facts(tf, _conv_1d_3d),
            "transpose_separable": _facts(tf, _transpose_separable)}
