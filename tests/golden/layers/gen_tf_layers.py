"""TF 1.14's tf.layers: the ops each call builds, the variables and collections it makes,
and forward values and gradients with graph-seeded initial weights."""
import numpy as np


def _graph_facts(tf, g):
    out = {"ops": [[op.name, op.type] for op in g.get_operations()]}
    for key in ("variables", "trainable_variables", "update_ops", "regularization_losses",
                "model_variables"):
        out[key] = [getattr(x, "name", str(x)) for x in g.get_collection(key)]
    out["shapes"] = [[v.name, v.shape.as_list()] for v in g.get_collection("variables")]
    return out


def _run(tf, build, feeds_fn, n_runs=1):
    """Builds under graph seed 1, then runs outputs, gradients and updates."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        x, outs = build(tf)
        facts = _graph_facts(tf, g)
        loss = tf.add_n([tf.reduce_sum(o * o) for o in outs])
        tv = tf.trainable_variables()
        grads = tf.gradients(loss, [x] + tv)
        updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {x: feeds_fn()}
            vals = []
            for _ in range(n_runs):
                vals.append(sess.run(outs + [g_ for g_ in grads if g_ is not None], feed))
                if updates:
                    sess.run(updates, feed)
            facts["values"] = vals
            facts["final_vars"] = sess.run(tf.global_variables())
    return facts


def _rand(*shape):
    return lambda: np.random.RandomState(0).randn(*shape).astype(np.float32)


def _dense(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    h = tf.layers.dense(x, 4, activation=tf.nn.relu, kernel_regularizer=tf.nn.l2_loss)
    y = tf.layers.dense(h, 2, name="out")
    z = tf.layers.dense(h, 2, name="out", reuse=True)
    return x, [y, z]


def _dense_class(tf):
    x = tf.placeholder(tf.float32, [2, 5, 3])
    layer = tf.layers.Dense(2, use_bias=False, kernel_initializer=tf.ones_initializer())
    y = layer(x)
    y2 = layer(x * 2.0)
    return x, [y, y2]


def _conv(tf):
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    h = tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h2 = tf.layers.conv2d(x, 2, [3, 2], strides=2, padding="same")
    h2 = tf.layers.average_pooling2d(h2, 2, 1, padding="same")
    f = tf.layers.flatten(h)
    d = tf.layers.dropout(f, 0.5, training=True, seed=3)
    d2 = tf.layers.dropout(f, 0.5)
    return x, [d, d2, h2]


def _conv_nchw(tf):
    # TF 1.14 runs channels_first convolutions and pools on GPUs only; flatten transposes
    x = tf.placeholder(tf.float32, [2, 3, 6, 6])
    f = tf.layers.flatten(x, data_format="channels_first")
    return x, [tf.layers.dense(f, 2)]


def _conv1d3d(tf):
    x = tf.placeholder(tf.float32, [2, 7, 3])
    h = tf.layers.conv1d(x, 2, 3, padding="same")
    h = tf.layers.max_pooling1d(h, 2, 2)
    h1 = tf.layers.average_pooling1d(h, 2, 1)
    return x, [h1]


def _conv3d(tf):
    x = tf.placeholder(tf.float32, [1, 4, 4, 4, 2])
    h = tf.layers.conv3d(x, 2, 2)
    h = tf.layers.max_pooling3d(h, 2, 1)
    h2 = tf.layers.average_pooling3d(x, 2, 2)
    return x, [h, h2]


def _transpose_separable(tf):
    x = tf.placeholder(tf.float32, [2, 5, 5, 3])
    h = tf.layers.conv2d_transpose(x, 2, 3, strides=2, padding="same")
    s = tf.layers.separable_conv2d(x, 4, 3, depth_multiplier=2)
    return x, [h, s]


def _bn_train(tf):
    x = tf.placeholder(tf.float32, [4, 3, 3, 2])
    y = tf.layers.batch_normalization(x, training=True, momentum=0.9)
    x2 = tf.reshape(x, [4, 18])
    y2 = tf.layers.batch_normalization(x2, training=True, center=False)
    return x, [y, y2]


def _bn_infer(tf):
    x = tf.placeholder(tf.float32, [4, 3, 3, 2])
    y = tf.layers.batch_normalization(x)
    y2 = tf.layers.batch_normalization(tf.reshape(x, [4, 18]), axis=1, training=False)
    return x, [y, y2]


def _errors(tf):
    out = {}
    x = tf.placeholder(tf.float32, [None, 3])
    tf.layers.dense(x, 2, name="d")
    for name, fn in (
            ("exists", lambda: tf.layers.dense(x, 2, name="d")),
            ("rank", lambda: tf.layers.conv2d(x, 2, 3)),
            ("last_dim", lambda: tf.layers.dense(tf.placeholder(tf.float32, [2, None]), 2)),
            ("unknown_kwarg", lambda: tf.layers.Dense(2, foo=1)),
            ("reuse_missing", lambda: tf.layers.dense(x, 2, name="nope", reuse=True))):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            msg = str(e).split("Originally defined at")[0]
            out[name] = [type(e).__name__, msg]
    return out


def _names(tf):
    out = {}
    l1 = tf.layers.Dense(3)
    l2 = tf.layers.Dense(3)
    out["names"] = [l1.name, l2.name]
    x = tf.placeholder(tf.float32, [None, 2])
    y = l1(x)
    y2 = l2(x)
    y3 = l1(x)
    out["after"] = [l1.name, l1.scope_name, l2.scope_name, y.name, y2.name, y3.name]
    with tf.variable_scope("outer"):
        y4 = tf.layers.dense(x, 3)
    out["outer"] = [y4.name] + [v.name for v in tf.global_variables()]
    out["weights"] = [[v.name for v in l1.weights], [v.name for v in l1.trainable_weights],
                      l1.built, len(l1.losses)]
    return out


def _fresh(tf, fn):
    with tf.Graph().as_default():
        return fn(tf)


def cases(tf):
    return {
        "dense": _run(tf, _dense, _rand(5, 3)),
        "dense_class": _run(tf, _dense_class, _rand(2, 5, 3)),
        "conv": _run(tf, _conv, _rand(2, 8, 8, 3)),
        "conv_nchw": _run(tf, _conv_nchw, _rand(2, 3, 6, 6)),
        "conv1d": _run(tf, _conv1d3d, _rand(2, 7, 3)),
        "conv3d": _run(tf, _conv3d, _rand(1, 4, 4, 4, 2)),
        "transpose_separable": _run(tf, _transpose_separable, _rand(2, 5, 5, 3)),
        "bn_train": _run(tf, _bn_train, _rand(4, 3, 3, 2), n_runs=2),
        "bn_infer": _run(tf, _bn_infer, _rand(4, 3, 3, 2)),
        "errors": _fresh(tf, _errors),
        "names": _fresh(tf, _names),
    }
