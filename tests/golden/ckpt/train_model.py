"""Training graphs flowgrad writes (make_flowgrad_train.py) and TF 1.14 imports with
import_meta_graph and keeps training (gen_train_graphs.py): an MLP with Adam, a conv net
with Momentum, a conv net with batch normalization and dropout under a `training`
placeholder (tf.cond, written as TF's Switch/Merge), nested conds and centered RMSProp, and
a dynamic_rnn LSTM with Adam (its loop gradient written as TF's frames, TensorArrayGradV3
and stacks), loops in loops (nested gradient frames), a TF-written loop .meta flowgrad
differentiated (`regrad`: its V1FramesGrad written as TF's gradient frame);
each with a global step, the initialization reports of report_uninitialized_variables /
assert_variables_initialized, and collections train_op, loss, ready, assert.
Importable under Python 3.7; takes the tf module."""
import numpy as np

RS = np.random.RandomState(5)
XM = RS.randn(6, 4).astype(np.float32)
YM = RS.randn(6, 3).astype(np.float32)
XC = RS.randn(2, 6, 6, 2).astype(np.float32)
YC = np.array([1, 0], np.int32)
XR = RS.randn(2, 5, 3).astype(np.float32)
YR = RS.randn(2, 2).astype(np.float32)
FEEDS = {"mlp": {"x:0": XM, "y:0": YM}, "conv": {"x:0": XC, "y:0": YC},
         "bn": {"x:0": XC, "y:0": YC}, "rnn": {"x:0": XR, "y:0": YR},
         "nested": {"x:0": XR, "y:0": YR},
         "regrad": {"x:0": np.array([0.5, -1.5, 2.0], np.float32)}}


def _collect(tf, train, loss):
    tf.add_to_collection("train_op", train)
    tf.add_to_collection("loss", loss)
    tf.add_to_collection("ready", tf.report_uninitialized_variables())
    tf.add_to_collection("assert", tf.assert_variables_initialized())


def build_mlp(tf):
    rs = np.random.RandomState(1)
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.float32, [None, 3], name="y")
    w1 = tf.Variable(rs.randn(4, 5).astype(np.float32) * 0.5, name="w1")
    b1 = tf.Variable(np.zeros(5, np.float32), name="b1")
    w2 = tf.Variable(rs.randn(5, 3).astype(np.float32) * 0.5, name="w2")
    h = tf.nn.tanh(tf.matmul(x, w1) + b1)
    h2 = tf.nn.relu(tf.matmul(h, w2))
    loss = tf.reduce_mean(tf.reduce_sum(tf.square(h2 - y), axis=1)) + 0.01 * tf.nn.l2_loss(w1)
    gs = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs, name="train")
    _collect(tf, train, loss)


def build_conv(tf):
    rs = np.random.RandomState(2)
    x = tf.placeholder(tf.float32, [None, 6, 6, 2], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    k = tf.Variable(rs.randn(3, 3, 2, 4).astype(np.float32) * 0.3, name="k")
    kb = tf.Variable(np.zeros(4, np.float32), name="kb")
    c = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"), kb))
    p = tf.nn.max_pool(c, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    a = tf.nn.avg_pool(p, [1, 3, 3, 1], [1, 1, 1, 1], "SAME")
    f = tf.reshape(a, [-1, 3 * 3 * 4])
    w = tf.Variable(rs.randn(36, 3).astype(np.float32) * 0.2, name="w")
    logits = tf.matmul(f, w)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y,
                                                                         logits=logits))
    loss = loss + tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=tf.one_hot(y, 3), logits=logits))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, global_step=gs, name="train")
    _collect(tf, train, loss)


def build_bn(tf):
    """A conv net with batch normalization and dropout switched by a `training`
    placeholder (tf.cond), a nested cond and a cond returning an op, centered RMSProp."""
    rs = np.random.RandomState(3)
    x = tf.placeholder(tf.float32, [None, 6, 6, 2], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    training = tf.placeholder_with_default(True, [], name="training")
    h = tf.layers.conv2d(x, 3, 3, padding="same", activation=tf.nn.relu,
                         kernel_initializer=tf.constant_initializer(
                             rs.randn(3, 3, 2, 3).astype(np.float32) * 0.3))
    h = tf.layers.batch_normalization(h, training=training)
    h = tf.layers.dropout(tf.layers.flatten(h), 0.0, training=training)
    logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(
        rs.randn(108, 3).astype(np.float32) * 0.1))
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
    scaled = tf.cond(training, lambda: tf.cond(tf.reduce_sum(x) > 0, lambda: loss * 1.5,
                                               lambda: loss * 0.5), lambda: loss)
    counter = tf.Variable(0, name="counter")
    tick = tf.cond(training, lambda: tf.assign_add(counter, 1).op, lambda: tf.no_op())
    gs = tf.train.get_or_create_global_step()
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS) + [tick]):
        train = tf.train.RMSPropOptimizer(0.01, centered=True).minimize(
            scaled, global_step=gs, name="train")
    _collect(tf, train, scaled)


def build_rnn(tf):
    """An LSTM run by dynamic_rnn with sequence lengths (a loop of TensorArrays, whose
    gradient holds TF's TensorArrayGradV3 and stacks) and a dense head, Adam."""
    rs = np.random.RandomState(4)
    x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 2], name="y")
    n = tf.placeholder_with_default(np.array([5, 3], np.int32), [None], name="n")
    cell = tf.nn.rnn_cell.LSTMCell(4, initializer=tf.constant_initializer(
        rs.randn(7, 16).astype(np.float32) * 0.4))
    out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=n, dtype=tf.float32)
    w = tf.Variable(rs.randn(4, 2).astype(np.float32) * 0.5, name="w")
    loss = tf.reduce_mean(tf.square(tf.matmul(state.h, w) - y)) + \
        0.1 * tf.reduce_mean(tf.square(out))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs, name="train")
    _collect(tf, train, loss)


def build_nested(tf):
    """Loops in a loop: a 2-layer LSTM dynamic_rnn per sequence inside map_fn (its arrays
    made in map_fn's body), then a tf.while_loop holding a while_loop and a cond in a
    cond; its gradient as TF's nested gradient frames; Adam."""
    rs = np.random.RandomState(6)
    x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 2], name="y")
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(
        3, initializer=tf.constant_initializer(rs.randn(6, 12).astype(np.float32) * 0.4))
        for _ in range(2)])

    def per_sequence(seq):
        out, _ = tf.nn.dynamic_rnn(cell, seq[None], dtype=tf.float32)
        return out[0, -1]
    h = tf.map_fn(per_sequence, x)
    w = tf.Variable(rs.randn(3, 2).astype(np.float32) * 0.5, name="w")
    v = tf.Variable(rs.randn(2).astype(np.float32) * 0.5, name="v")

    def body(i, a):
        inner = tf.while_loop(lambda j, b: j < i + 1,
                              lambda j, b: (j + 1, tf.tanh(b * v + a)), [0, a])[1]
        nxt = tf.cond(tf.equal(i % 2, 0),
                      lambda: tf.cond(tf.reduce_sum(inner) > 0.0, lambda: inner * v,
                                      lambda: tf.sin(inner)),
                      lambda: inner + 0.1 * a)
        return i + 1, nxt
    _, z = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.matmul(h, w)])
    loss = tf.reduce_mean(tf.square(z - y))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs, name="train")
    _collect(tf, train, loss)


def build_regrad(tf):
    """flowgrad only: TF 1.14's forward .meta of a loop (gen_tf_loop_regrad.py) imported,
    flowgrad's gradient of TF's frame (written as TF's gradient frame) and an SGD step."""
    import lowered_model
    lowered_model.import_tf_loop_meta(tf)
    g = tf.get_default_graph()
    loss = g.get_tensor_by_name("loss:0")
    gs = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs, name="train")
    _collect(tf, train, loss)


BUILDERS = {"mlp": build_mlp, "conv": build_conv, "bn": build_bn, "rnn": build_rnn,
            "nested": build_nested, "regrad": build_regrad}


def continue_training(tf, prefix, feed, steps=2, model=None):
    """Imports prefix.meta (or, with `model`, builds that model from this code), restores
    prefix, trains `steps` steps: {name: value}."""
    out = {}
    with tf.Graph().as_default():
        if model is None:
            saver = tf.train.import_meta_graph(prefix + ".meta")
        else:
            BUILDERS[model](tf)
            saver = tf.train.Saver()
        with tf.Session() as sess:
            out["uninitialized"] = sorted(sess.run(tf.get_collection("ready")[0]).tolist())
            saver.restore(sess, prefix)
            out["ready_after_restore"] = sess.run(tf.get_collection("ready")[0]).tolist()
            out["assert"] = sess.run(tf.get_collection("assert")[0])
            train = tf.get_collection("train_op")[0]
            for _ in range(steps):
                sess.run(train, feed)
            out["loss"] = sess.run(tf.get_collection("loss")[0], feed)
            for v in tf.global_variables():
                out["var/" + v.op.name] = sess.run(v)
    return out
