"""TF 1.14's contrib.layers separable_conv2d (separable and depthwise-only), instance_norm,
group_norm, and the tf.contrib.losses namespace: ops, variables, collections, values,
gradients, errors."""
import numpy as np

from gen_tf_layers import _fresh, _rand, _run


def _separable(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 6, 6, 3])
    a = L.separable_conv2d(x, 4, 3, depth_multiplier=2)
    b = L.separable_convolution2d(x, None, [3, 2], stride=2, padding="VALID",
                                  variables_collections=["sep_vars"], scope="dw",
                                  weights_initializer=tf.glorot_uniform_initializer(seed=4))
    c = L.separable_conv2d(x, 2, 2, rate=2, activation_fn=None,
                           normalizer_fn=L.layer_norm, scope="sepn",
                           pointwise_initializer=tf.ones_initializer(),
                           weights_initializer=tf.glorot_normal_initializer(seed=5),
                           outputs_collections="sep_out")
    d = L.separable_conv2d(x, None, 3, depth_multiplier=2, normalizer_fn=L.layer_norm,
                           weights_regularizer=L.l2_regularizer(0.1), scope="dwn",
                           weights_initializer=tf.truncated_normal_initializer(seed=6))
    e = tf.contrib.slim.separable_conv2d(x, 4, 3, depth_multiplier=2, reuse=True,
                                         scope="SeparableConv2d")
    return x, [a, b, c, d, e]


def _instance(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 4, 3, 3])
    a = L.instance_norm(x)
    b = L.instance_norm(x, data_format="NCHW", activation_fn=tf.nn.relu, scope="nchw",
                        param_initializers={"gamma": tf.constant_initializer(2.0)})
    c = L.instance_norm(tf.reshape(x, [2, 12, 3]), center=False, epsilon=0.1,
                        variables_collections={"gamma": ["gammas"]})
    return x, [a, b, c]


def _group(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [None, 3, 2, 4])
    a = L.group_norm(x, groups=2)
    b = L.group_norm(x, groups=3, channels_axis=1, reduction_axes=(2, 3), scope="g1",
                     param_initializers={"beta": tf.constant_initializer(0.5)})
    c = L.group_norm(x, groups=4, center=False, mean_close_to_zero=True,
                     activation_fn=tf.nn.relu, epsilon=0.01)
    return x, [a, b, c]


def _collections(tf):
    _separable(tf)
    _instance(tf)
    g = tf.get_default_graph()
    return {"collections": {k: [getattr(v, "name", str(v)) for v in g.get_collection(k)]
                            for k in sorted(g.get_all_collection_keys())}}


def _errors(tf):
    L = tf.contrib.layers
    out = {}
    x4 = tf.placeholder(tf.float32, [2, 4, 4, 3])
    for name, fn in (
            ("sep_format", lambda: L.separable_conv2d(x4, 2, 3, data_format="NDHWC")),
            ("sep_rank", lambda: L.separable_conv2d(tf.zeros([2, 4, 3]), None, 3)),
            ("sep_channels", lambda: L.separable_conv2d(
                tf.placeholder(tf.float32, [2, 4, 4, None]), None, 3)),
            ("in_rank", lambda: L.instance_norm(tf.placeholder(tf.float32))),
            ("in_format", lambda: L.instance_norm(x4, data_format="NCDHW")),
            ("in_channels", lambda: L.instance_norm(
                tf.placeholder(tf.float32, [2, 4, None]))),
            ("gn_axis", lambda: L.group_norm(x4, channels_axis=4)),
            ("gn_groups", lambda: L.group_norm(x4, groups=4)),
            ("gn_commensurate", lambda: L.group_norm(tf.zeros([2, 4, 4, 6]), groups=4)),
            ("gn_exclusive", lambda: L.group_norm(x4, groups=3, reduction_axes=(1, 3))),
            ("gn_undefined", lambda: L.group_norm(
                tf.placeholder(tf.float32, [2, None, 4, 3]), groups=3)),
    ):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def _contrib_losses(tf):
    L = tf.contrib.losses
    rs = np.random.RandomState(5)
    pred = tf.constant(rs.rand(3, 2).astype(np.float32))
    lab = tf.constant((rs.rand(3, 2) > 0.5).astype(np.float32))
    losses = [L.mean_squared_error(pred, lab), L.absolute_difference(pred, lab, weights=2.),
              L.log_loss(pred, lab), L.hinge_loss(pred, lab),
              L.mean_pairwise_squared_error(pred, lab, weights=[[1.], [0.], [2.]])]
    total = L.get_total_loss(add_regularization_losses=False)
    with tf.Session() as sess:
        vals = sess.run(losses + [total])
    return {"values": vals, "same": tf.contrib.slim.losses is L,
            "collection": [t.name for t in L.get_losses()]}


def _embed_unique(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    ids = tf.constant([[0, 2, 2], [3, 0, 0]])
    e = tf.contrib.layers.embed_sequence(ids, vocab_size=4, embed_dim=3, unique=True)
    e2 = tf.contrib.layers.embed_sequence(tf.placeholder_with_default(ids, [None, 3]),
                                          scope="EmbedSequence", reuse=True, unique=True)
    return x, [e * tf.expand_dims(x, -1), e2]


def cases(tf):
    return {
        "separable": _run(tf, _separable, _rand(2, 6, 6, 3)),
        "instance_norm": _run(tf, _instance, _rand(2, 4, 3, 3)),
        "group_norm": _run(tf, _group, _rand(2, 3, 2, 4)),
        "embed_unique": _run(tf, _embed_unique, _rand(2, 3)),
        "errors": _fresh(tf, _errors),
        "collections": _fresh(tf, _collections),
        "contrib_losses": _fresh(tf, _contrib_losses),
    }
