"""TF 1.14's contrib.layers / slim max_pool3d, avg_pool3d, softmax, unit_norm, maxout:
ops, output values and gradients, errors. Test: tests/test_layers_contrib_extra.py."""
from gen_tf_layers import _fresh, _rand, _run


def _pools3d(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 4, 5, 6, 3])
    outs = [L.max_pool3d(x, 2), L.avg_pool3d(x, [2, 3, 2], stride=1, padding="SAME"),
            tf.contrib.slim.max_pool3d(x, [1, 2, 3], stride=[1, 2, 3],
                                       data_format="NCDHW", scope="p3",
                                       outputs_collections="pools"),
            L.avg_pool3d(x, 3, data_format="NCDHW")]
    return x, outs


def _misc(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 3, 6])
    outs = [L.softmax(x), L.softmax(tf.reshape(x, [6, 6]), scope="sm"),
            L.unit_norm(x, 1), L.unit_norm(x, 2, epsilon=0.1), L.unit_norm(x, 0),
            L.maxout(x, 3), L.maxout(x, 1, axis=1), tf.contrib.slim.maxout(x, 2, scope="mo")]
    return x, outs


def _deconv3d(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 3, 2, 4, 2])
    outs = [L.conv3d_transpose(x, 2, 2, stride=2),
            tf.contrib.slim.convolution3d_transpose(
                x, 3, [3, 1, 2], padding="VALID", activation_fn=None, scope="dc",
                normalizer_fn=L.layer_norm, variables_collections=["dcv"],
                weights_regularizer=L.l2_regularizer(0.1))]
    return x, outs


def _sequences(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 3, 4, 5])
    seq = L.images_to_sequence(x)
    outs = [seq, L.images_to_sequence(x, data_format="NCHW", outputs_collections="seq"),
            L.sequence_to_images(seq, 3), tf.contrib.slim.sequence_to_images(
                seq, 3, output_data_format="channels_first", scope="s2i")]
    return x, outs


def _sparse(tf):
    x = tf.constant([[1, 0, 3], [0, 0, 5]])
    sp = tf.contrib.layers.dense_to_sparse(x)
    sp2 = tf.contrib.slim.dense_to_sparse(tf.constant([[1.5, 2.0], [2.0, 0.0]]), eos_token=2.0,
                                          outputs_collections="sp", scope="d2s")
    with tf.Session() as sess:
        a, b = sess.run([sp, sp2])
    return {"values": [[a.indices, a.values, a.dense_shape], [b.indices, b.values,
                                                              b.dense_shape]],
            "ops": [[op.name, op.type] for op in tf.get_default_graph().get_operations()],
            "collection": [t.indices.name for t in tf.get_collection("sp")]}


def _errors(tf):
    L = tf.contrib.layers
    out = {}
    for name, fn in (
            ("pool_format", lambda: L.max_pool3d(tf.zeros([1, 2, 2, 2, 1]), 2,
                                                 data_format="NHWC")),
            ("softmax_rank", lambda: L.softmax(tf.zeros([3]))),
            ("unit_norm_dim", lambda: L.unit_norm(tf.zeros([2, 3]), 2)),
            ("maxout_units", lambda: L.maxout(tf.zeros([2, 5]), 2)),
    ):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def cases(tf):
    return {
        "pools3d": _run(tf, _pools3d, _rand(2, 4, 5, 6, 3)),
        "misc": _run(tf, _misc, _rand(2, 3, 6)),
        "deconv3d": _run(tf, _deconv3d, _rand(2, 3, 2, 4, 2)),
        "sequences": _run(tf, _sequences, _rand(2, 3, 4, 5)),
        "sparse": _fresh(tf, _sparse),
        "errors": _fresh(tf, _errors),
    }
