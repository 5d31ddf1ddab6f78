"""The ops (name, type) TF 1.14 creates for contrib.losses, depthwise/separable
convolutions and report_uninitialized_variables, one fresh graph per call (as
tests/golden/opcounts/gen_opcounts.py: a different op count shifts the seed2 of every
later op seeded only by the graph-level seed). Test: tests/test_layers_ops.py."""
import numpy as np


def _p(tf, shape, name):
    return tf.placeholder(tf.float32, shape, name=name)


def _contrib_loss(fname, kind, **kw):
    def fn(tf):
        cl = tf.contrib.losses
        if kind == "pl":      # (predictions, labels)
            getattr(cl, fname)(_p(tf, (4, 3), "p"), _p(tf, (4, 3), "l"), **kw)
        elif kind == "ohl":   # (logits, onehot labels)
            getattr(cl, fname)(_p(tf, (4, 3), "p"), _p(tf, (4, 3), "l"), **kw)
        elif kind == "sparse":
            getattr(cl, fname)(_p(tf, (4, 3), "p"),
                               tf.placeholder(tf.int32, (4,), name="l"), **kw)
        elif kind == "weighted":
            cl.compute_weighted_loss(_p(tf, (4, 3), "p"), **kw)
    return fn


CONTRIB_LOSSES = [
    ("absolute_difference", "pl", {}),
    ("absolute_difference_w", "pl", {"weights": 2.0}),
    ("mean_squared_error", "pl", {}),
    ("log_loss", "pl", {}),
    ("hinge_loss", "pl", {}),
    ("mean_pairwise_squared_error", "pl", {}),
    ("cosine_distance", "pl", {"axis": 1}),
    ("sigmoid_cross_entropy", "ohl", {}),
    ("sigmoid_cross_entropy_ls", "ohl", {"label_smoothing": 0.1}),
    ("softmax_cross_entropy", "ohl", {}),
    ("softmax_cross_entropy_ls", "ohl", {"label_smoothing": 0.1}),
    ("sparse_softmax_cross_entropy", "sparse", {}),
    ("compute_weighted_loss", "weighted", {}),
]


def _contrib_calls():
    out = []
    for name, kind, kw in CONTRIB_LOSSES:
        fname = name
        for suffix in ("_w", "_ls"):
            if fname.endswith(suffix):
                fname = fname[:-len(suffix)]
        out.append(("contrib.losses/" + name, _contrib_loss(fname, kind, **kw)))
    return out


def _x(tf):
    return _p(tf, (2, 5, 5, 3), "x")


def _nn_depthwise(tf):
    w = tf.constant(np.ones((3, 3, 3, 2), np.float32), name="w")
    tf.nn.depthwise_conv2d(_x(tf), w, [1, 1, 1, 1], "SAME")


def _nn_depthwise_rate(tf):
    w = tf.constant(np.ones((3, 3, 3, 2), np.float32), name="w")
    tf.nn.depthwise_conv2d(_x(tf), w, [1, 1, 1, 1], "SAME", rate=[2, 2])


def _nn_separable(tf):
    dw = tf.constant(np.ones((3, 3, 3, 2), np.float32), name="dw")
    pw = tf.constant(np.ones((1, 1, 6, 4), np.float32), name="pw")
    tf.nn.separable_conv2d(_x(tf), dw, pw, [1, 1, 1, 1], "VALID")


def _nn_separable_rate(tf):
    dw = tf.constant(np.ones((3, 3, 3, 2), np.float32), name="dw")
    pw = tf.constant(np.ones((1, 1, 6, 4), np.float32), name="pw")
    tf.nn.separable_conv2d(_x(tf), dw, pw, [1, 1, 1, 1], "SAME", rate=[2, 2])


def _layers_separable(tf):
    tf.layers.separable_conv2d(_x(tf), 4, 3)


def _layers_separable_cls(tf):
    tf.layers.SeparableConv2D(4, 3, depth_multiplier=2, padding="same")(_x(tf))


def _layers_separable1d(tf):
    tf.layers.separable_conv1d(_p(tf, (2, 7, 3), "x"), 4, 3)


def _keras_separable(tf):
    tf.keras.layers.SeparableConv2D(4, 3)(_x(tf))


def _keras_separable1d(tf):
    tf.keras.layers.SeparableConv1D(4, 3)(_p(tf, (2, 7, 3), "x"))


def _keras_depthwise(tf):
    tf.keras.layers.DepthwiseConv2D(3, depth_multiplier=2)(_x(tf))


def _keras_depthwise_same(tf):
    tf.keras.layers.DepthwiseConv2D(3, padding="same", use_bias=False)(_x(tf))


def _contrib_separable(tf):
    tf.contrib.layers.separable_conv2d(_x(tf), 4, 3, 1)


def _contrib_separable_dw(tf):
    tf.contrib.layers.separable_conv2d(_x(tf), None, 3, 2)


def _report_uninit(tf):
    tf.Variable(1.0, name="a")
    tf.get_variable("b", (2,))
    tf.report_uninitialized_variables()


def _report_uninit_empty(tf):
    tf.report_uninitialized_variables([])


def _report_uninit_resource(tf):
    tf.get_variable("r", (2,), use_resource=True)
    tf.Variable(1.0, name="a")
    tf.report_uninitialized_variables()





def _img(tf):
    return _p(tf, (2, 6, 6, 3), "x")


def _vec(tf):
    return _p(tf, (4, 5), "x")


AUDIT = [
    ("audit/layers.dense", lambda tf: tf.layers.dense(_vec(tf), 3)),
    ("audit/layers.conv2d", lambda tf: tf.layers.conv2d(_img(tf), 4, 3, padding="same",
                                                        dilation_rate=2)),
    ("audit/layers.conv1d_dilated", lambda tf: tf.layers.conv1d(
        _p(tf, (2, 9, 3), "x"), 2, 3, dilation_rate=2, padding="same")),
    ("audit/keras.Conv1D_causal", lambda tf: tf.keras.layers.Conv1D(
        2, 3, dilation_rate=2, padding="causal")(_p(tf, (2, 9, 3), "x"))),
    ("audit/keras.Conv2D_nchw_dilated", lambda tf: tf.keras.layers.Conv2D(
        2, 3, dilation_rate=(2, 1), data_format="channels_first")(_p(tf, (2, 3, 8, 8), "x"))),
    ("audit/layers.conv2d_transpose", lambda tf: tf.layers.conv2d_transpose(_img(tf), 2, 3,
                                                                            strides=2)),
    ("audit/layers.batch_normalization", lambda tf: tf.layers.batch_normalization(
        _img(tf), training=True)),
    ("audit/layers.dropout", lambda tf: tf.layers.dropout(_vec(tf), 0.3, training=True)),
    ("audit/layers.max_pooling2d", lambda tf: tf.layers.max_pooling2d(_img(tf), 2, 2)),
    ("audit/layers.average_pooling1d", lambda tf: tf.layers.average_pooling1d(
        _p(tf, (2, 6, 3), "x"), 2, 2)),
    ("audit/layers.flatten", lambda tf: tf.layers.flatten(_img(tf))),
    ("audit/keras.BatchNormalization", lambda tf: tf.keras.layers.BatchNormalization()(
        _img(tf), training=True)),
    ("audit/keras.Embedding", lambda tf: tf.keras.layers.Embedding(10, 3)(
        tf.placeholder(tf.int32, (2, 4), name="x"))),
    ("audit/keras.PReLU", lambda tf: tf.keras.layers.PReLU()(_vec(tf))),
    ("audit/keras.Concatenate", lambda tf: tf.keras.layers.Concatenate()(
        [_vec(tf), _vec(tf)])),
    ("audit/keras.UpSampling2D", lambda tf: tf.keras.layers.UpSampling2D()(_img(tf))),
    ("audit/keras.Conv2DTranspose", lambda tf: tf.keras.layers.Conv2DTranspose(2, 3)(
        _img(tf))),
    ("audit/contrib.fully_connected", lambda tf: tf.contrib.layers.fully_connected(
        _vec(tf), 3, normalizer_fn=tf.contrib.layers.batch_norm)),
    ("audit/contrib.conv2d_transpose", lambda tf: tf.contrib.layers.conv2d_transpose(
        _img(tf), 2, 3, stride=2)),
    ("audit/contrib.batch_norm", lambda tf: tf.contrib.layers.batch_norm(
        _img(tf), is_training=True, scale=True)),
    ("audit/contrib.layer_norm", lambda tf: tf.contrib.layers.layer_norm(_img(tf))),
    ("audit/contrib.dropout", lambda tf: tf.contrib.layers.dropout(_vec(tf), 0.7)),
    ("audit/contrib.embed_sequence", lambda tf: tf.contrib.layers.embed_sequence(
        tf.placeholder(tf.int32, (2, 4), name="x"), 10, 3)),
    ("audit/contrib.apply_regularization", lambda tf: tf.contrib.layers.apply_regularization(
        tf.contrib.layers.l1_regularizer(0.1), [tf.get_variable("w", (3, 2))])),
    ("audit/contrib.optimize_loss", lambda tf: tf.contrib.layers.optimize_loss(
        tf.reduce_sum(tf.square(tf.get_variable("w", (3, 2)))),
        tf.train.get_or_create_global_step(), 0.1, "SGD")),
    ("audit/slim.one_hot_encoding", lambda tf: tf.contrib.slim.one_hot_encoding(
        tf.placeholder(tf.int32, (4,), name="x"), 3)),
    ("audit/slim.repeat", lambda tf: tf.contrib.slim.repeat(
        _img(tf), 2, tf.contrib.slim.conv2d, 3, [3, 3], scope="conv")),
    ("audit/slim.avg_pool2d", lambda tf: tf.contrib.slim.avg_pool2d(_img(tf), 2)),
    ("audit/xavier", lambda tf: tf.get_variable(
        "w", (3, 4), initializer=tf.contrib.layers.xavier_initializer())),
    ("audit/variance_scaling", lambda tf: tf.get_variable(
        "w", (3, 4), initializer=tf.contrib.layers.variance_scaling_initializer())),
    ("audit/keras.he_normal", lambda tf: tf.get_variable(
        "w", (3, 4), initializer=tf.keras.initializers.he_normal())),
    ("audit/orthogonal", lambda tf: tf.get_variable(
        "w", (3, 4), initializer=tf.initializers.orthogonal())),
    ("audit/identity", lambda tf: tf.get_variable(
        "w", (3, 4), initializer=tf.initializers.identity())),
    ("audit/keras.regularizers.l1_l2", lambda tf: tf.keras.regularizers.l1_l2(0.1, 0.2)(
        tf.get_variable("w", (3, 2)))),
    ("audit/metrics.auc", lambda tf: tf.metrics.auc(
        tf.placeholder(tf.bool, (4,), name="l"), _p(tf, (4,), "p"), num_thresholds=5)),
    ("audit/metrics.precision_at_k", lambda tf: tf.metrics.precision_at_k(
        tf.placeholder(tf.int64, (4, 1), name="l"), _p(tf, (4, 5), "p"), 2)),
    ("audit/losses.huber_loss", lambda tf: tf.losses.huber_loss(
        _p(tf, (4, 3), "l"), _p(tf, (4, 3), "p"))),
    ("audit/losses.get_total_loss", lambda tf: (tf.losses.mean_squared_error(
        _p(tf, (4, 3), "l"), _p(tf, (4, 3), "p")), tf.losses.get_total_loss())),
]


CALLS = (_contrib_calls() + [
    ("nn.depthwise_conv2d", _nn_depthwise),
    ("nn.depthwise_conv2d_rate", _nn_depthwise_rate),
    ("nn.separable_conv2d", _nn_separable),
    ("nn.separable_conv2d_rate", _nn_separable_rate),
    ("layers.separable_conv2d", _layers_separable),
    ("layers.SeparableConv2D", _layers_separable_cls),
    ("layers.separable_conv1d", _layers_separable1d),
    ("keras.SeparableConv2D", _keras_separable),
    ("keras.SeparableConv1D", _keras_separable1d),
    ("keras.DepthwiseConv2D", _keras_depthwise),
    ("keras.DepthwiseConv2D_same", _keras_depthwise_same),
    ("contrib.separable_conv2d", _contrib_separable),
    ("contrib.separable_conv2d_depthwise_only", _contrib_separable_dw),
    ("report_uninitialized_variables", _report_uninit),
    ("report_uninitialized_variables_empty", _report_uninit_empty),
    ("report_uninitialized_variables_resource", _report_uninit_resource),
] + AUDIT)


def ops_of(tf, fn):
    """[[name, type], ...] of a fresh default graph after fn(tf), or the error's repr."""
    tf.reset_default_graph()
    try:
        fn(tf)
    except Exception as e:  # a missing call shows as a difference, not a crash
        return "error: %s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()]


def cases(tf):
    return dict((name, ops_of(tf, fn)) for name, fn in CALLS)
