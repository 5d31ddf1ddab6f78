"""TF 1.14's contrib.layers layer_norm, embed_sequence, optimize_loss, summarize_*, and
slim.losses: ops, variables, collections, values, gradients, training steps."""
import numpy as np

from gen_tf_layers import _fresh, _rand, _run


def _layer_norm(tf):
    x = tf.placeholder(tf.float32, [4, 3, 5])
    y = tf.contrib.layers.layer_norm(x)
    y2 = tf.contrib.layers.layer_norm(x, begin_norm_axis=-1, begin_params_axis=1,
                                      activation_fn=tf.nn.relu, scope="ln2",
                                      variables_collections=["ln_vars"])
    y3 = tf.contrib.layers.layer_norm(x, center=False, begin_norm_axis=2)
    y4 = tf.contrib.layers.layer_norm(x, scope="ln2", reuse=True, begin_norm_axis=-1,
                                      begin_params_axis=1)
    return x, [y, y2, y3, y4]


def _embed(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    ids = tf.constant([[0, 2, 1], [3, 3, 0]])
    e = tf.contrib.layers.embed_sequence(ids, vocab_size=4, embed_dim=3)
    e2 = tf.contrib.layers.embed_sequence(
        ids, vocab_size=4, embed_dim=3, scope="emb",
        initializer=tf.constant_initializer(np.arange(12).reshape(4, 3) / 10.0))
    e3 = tf.contrib.layers.embed_sequence(ids, scope="emb", reuse=True)
    return x, [e * tf.expand_dims(x, -1), e2 + tf.expand_dims(x, -1), e3]


def _train_graph(tf, build_train, steps=3):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        x = tf.constant(np.random.RandomState(0).randn(6, 3).astype(np.float32))
        y = tf.constant(np.random.RandomState(1).randn(6, 2).astype(np.float32))
        h = tf.contrib.layers.fully_connected(x, 4)
        h = tf.contrib.layers.batch_norm(h, updates_collections=tf.GraphKeys.UPDATE_OPS,
                                         fused=False)
        p = tf.contrib.layers.fully_connected(h, 2, activation_fn=None)
        loss = tf.reduce_mean(tf.square(p - y))
        gs = tf.train.get_or_create_global_step()
        n_before = len(g.get_operations())
        train = build_train(tf, loss, gs)
        # the gradient graph is flowgrad's own (pruned): compare the other ops
        out = {"ops": [[op.name, op.type] for op in g.get_operations()[n_before:]
                       if "/gradients/" not in op.name],
               "train": train.name,
               "variables": [v.name for v in tf.global_variables()],
               "trainable": [v.name for v in tf.trainable_variables()],
               "summaries": [s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["losses"] = [sess.run(train) for _ in range(steps)]
            out["final"] = sess.run(tf.global_variables())
    return out


def _opt_sgd(tf, loss, gs):
    return tf.contrib.layers.optimize_loss(loss, gs, 0.1, "SGD")


def _opt_adam_decay(tf, loss, gs):
    return tf.contrib.layers.optimize_loss(
        loss, gs, 0.05, "Adam", clip_gradients=1.0,
        learning_rate_decay_fn=lambda lr, step: tf.train.exponential_decay(lr, step, 1, 0.5),
        summaries=["learning_rate", "loss", "gradients", "gradient_norm",
                   "global_gradient_norm"], name="opt")


def _opt_momentum_tensor_lr(tf, loss, gs):
    v = tf.trainable_variables()[0]
    return tf.contrib.layers.optimize_loss(
        loss, None, tf.constant(0.1), "Momentum", gradient_multipliers={v: 0.5},
        increment_global_step=False, summaries=[])


def _opt_instance(tf, loss, gs):
    return tf.contrib.layers.optimize_loss(
        loss, gs, None, tf.train.GradientDescentOptimizer(0.2), update_ops=[],
        variables=tf.trainable_variables()[:2])


def _opt_errors(tf):
    out = {}
    x = tf.Variable(1.0)
    loss = x * x
    gs = tf.train.get_or_create_global_step()
    for name, fn in (
            ("not_scalar", lambda: tf.contrib.layers.optimize_loss(
                tf.stack([loss, loss]), gs, 0.1, "SGD")),
            ("bad_name", lambda: tf.contrib.layers.optimize_loss(loss, gs, 0.1, "Nope")),
            ("no_lr", lambda: tf.contrib.layers.optimize_loss(loss, gs, None, "SGD")),
            ("bad_lr", lambda: tf.contrib.layers.optimize_loss(loss, gs, 1, "SGD")),
            ("bad_summary", lambda: tf.contrib.layers.optimize_loss(
                loss, gs, 0.1, "SGD", summaries=["nope"])),
            ("bad_clip", lambda: tf.contrib.layers.optimize_loss(
                loss, gs, 0.1, "SGD", clip_gradients=1)),
            ("bad_optimizer", lambda: tf.contrib.layers.optimize_loss(loss, gs, 0.1, 3)),
            ("ln_rank", lambda: tf.contrib.layers.layer_norm(tf.constant([1., 2.]),
                                                           begin_norm_axis=1)),
            ("embed", lambda: tf.contrib.layers.embed_sequence(tf.constant([1]))),
    ):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def _slim_losses(tf):
    L = tf.contrib.slim.losses
    rs = np.random.RandomState(3)
    pred = tf.constant(rs.rand(4, 3).astype(np.float32))
    lab = tf.constant((rs.rand(4, 3) > 0.5).astype(np.float32))
    w = tf.constant([[1.], [0.], [2.], [1.]])
    logits = tf.constant(rs.randn(4, 3).astype(np.float32))
    unit = tf.nn.l2_normalize(pred, 1)
    unit2 = tf.nn.l2_normalize(lab + 0.1, 1)
    losses = [
        L.absolute_difference(pred, lab), L.absolute_difference(pred, lab, weights=w),
        L.mean_squared_error(pred, lab, weights=2.0), L.log_loss(pred, lab, weights=w),
        L.mean_pairwise_squared_error(pred, lab),
        L.sigmoid_cross_entropy(logits, lab, label_smoothing=0.1),
        L.softmax_cross_entropy(logits, lab, weights=tf.constant([1., 2., 0., 1.])),
        L.sparse_softmax_cross_entropy(logits, tf.constant([0, 2, 1, 1])),
        L.hinge_loss(logits, lab), L.cosine_distance(unit, unit2, axis=1),
        L.compute_weighted_loss(pred, w)]
    L.add_loss(tf.constant(0.5))
    total = L.get_total_loss()
    with tf.Session() as sess:
        vals = sess.run(losses + [total])
    return {"values": vals, "shapes": [t.shape.as_list() for t in losses],
            "collection": [t.name for t in L.get_losses()], "total": total.name}


def _summaries(tf):
    S = tf.contrib.layers
    x = tf.placeholder(tf.float32, [None, 3])
    h = tf.nn.relu(x, name="act")
    h6 = tf.nn.relu6(x)
    tf.add_to_collection(tf.GraphKeys.ACTIVATIONS, h)
    tf.add_to_collection(tf.GraphKeys.ACTIVATIONS, h6)
    v = tf.Variable(tf.zeros([2]), name="v")
    s = tf.Variable(1.0, name="s")
    out = [S.summarize_tensor(x), S.summarize_tensor(tf.reduce_sum(x), tag="total"),
           S.summarize_tensor(tf.constant(True))]
    out += S.summarize_activations()
    out += tf.contrib.slim.summarize_variables()
    out += S.summarize_collection(tf.GraphKeys.GLOBAL_VARIABLES, name_filter="s")
    out += S.summarize_tensors([v, s])
    return {"summaries": [None if t is None else t.op.name for t in out],
            "ops": [[op.name, op.type] for op in tf.get_default_graph().get_operations()]}


def cases(tf):
    return {
        "layer_norm": _run(tf, _layer_norm, _rand(4, 3, 5)),
        "embed_sequence": _run(tf, _embed, _rand(2, 3)),
        "optimize_sgd": _train_graph(tf, _opt_sgd),
        "optimize_adam_decay": _train_graph(tf, _opt_adam_decay),
        "optimize_momentum": _train_graph(tf, _opt_momentum_tensor_lr),
        "optimize_instance": _train_graph(tf, _opt_instance),
        "optimize_errors": _fresh(tf, _opt_errors),
        "slim_losses": _fresh(tf, _slim_losses),
        "summaries": _fresh(tf, _summaries),
        "regularizers": _fresh(tf, _regularizers),
        "conv_1d_3d": _run(tf, _conv_1d_3d, _rand(2, 6, 3)),
    }


def _regularizers(tf):
    L = tf.contrib.layers
    with tf.variable_scope("r", regularizer=tf.contrib.slim.l2_regularizer(0.1)):
        w = tf.get_variable("w", initializer=tf.constant([[1., -2.], [3., 0.5]]))
    v = tf.get_variable("v", initializer=tf.constant([1., -4.]))
    penalty = L.apply_regularization(L.l1_regularizer(0.5), [w, v])
    both = L.sum_regularizer([L.l1_regularizer(0.1), L.l2_regularizer(0.2)])(v)
    l1l2 = L.l1_l2_regularizer(0.3, 0.4)(w)
    fc = L.fully_connected(tf.constant([[1., 2.]]), 2,
                           weights_regularizer=L.l2_regularizer(0.01),
                           weights_initializer=tf.ones_initializer())
    total = tf.losses.get_regularization_loss()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run([penalty, both, l1l2, fc, total])
    return {"values": vals,
            "collection": [t.name for t in tf.get_collection(
                tf.GraphKeys.REGULARIZATION_LOSSES)]}


def _conv_1d_3d(tf):
    L = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 6, 3])
    c1 = L.conv1d(x, 4, 3)
    c1b = L.convolution1d(x, 2, 2, stride=2, padding="VALID", activation_fn=None,
                          scope="c1b")
    x3 = tf.reshape(x, [1, 2, 3, 2, 3])
    c3 = L.conv3d(x3, 2, [2, 2, 1])
    f = L.relu(tf.reshape(c1, [2, 24]), 3)
    g = L.linear(f, 2)
    h = L.relu6(g, 2, scope="r6")
    e = L.elu(h, 2)
    with tf.name_scope("outer"):
        name_scope = tf.contrib.framework.get_name_scope()
    assert name_scope == "outer"
    return x, [c1, c1b, c3, f, g, h, e]
