"""Classic TF1 tutorial programs (word2vec, VAE, GAN, char-RNN, seq2seq, policy gradient,
text CNN, matrix factorization): the ops they use, their errors and seeded results."""
import numpy as np


def _err(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return e


def _ins(t):
    """An op's output and its num_samples input: names, dtypes, static shapes."""
    n = t.op.inputs[1]
    return [t.name, str(t.shape), n.name, n.dtype.name]


# -- tf.multinomial / tf.random.categorical: num_samples as TF's op_def_library converts it --
def case_multinomial_num_samples(tf):
    lg = [[1.0, 2.0]]
    return [_err(lambda: _ins(tf.multinomial(lg, 3.0))),
            _err(lambda: _ins(tf.multinomial(lg, np.int64(3)))),
            _err(lambda: _ins(tf.multinomial(lg, [3]))),
            _err(lambda: _ins(tf.multinomial(lg, np.array(3)))),
            _err(lambda: _ins(tf.multinomial(lg, tf.constant(3, tf.int64)))),
            _err(lambda: _ins(tf.multinomial(lg, "3"))),
            _err(lambda: _ins(tf.random.categorical(lg, 2, dtype=tf.int32))),
            _err(lambda: _ins(tf.random.stateless_categorical(lg, [3], seed=[1, 2]))),
            _err(lambda: _ins(tf.random.stateless_categorical(lg, 2.5, seed=[1, 2]))),
            _err(lambda: _ins(tf.random.stateless_multinomial(lg, 2, seed=[1, 2])))]


def case_multinomial_negative(tf):
    lg = [[1.0, 2.0]]
    out = [_err(lambda: tf.multinomial(lg, -1)),
           _err(lambda: tf.random.categorical(lg, -3)),
           _err(lambda: tf.random.stateless_multinomial(lg, -1, seed=[1, 2])),
           _err(lambda: tf.random.stateless_categorical(lg, -1, seed=[1, 2])),
           _err(lambda: tf.multinomial([[[1.0, 2.0]]], -1))]
    p = tf.placeholder(tf.int32)
    m = tf.multinomial(lg, p)
    with tf.Session() as sess:
        out.append(_err(lambda: sess.run(m, {p: -2})))
    return out


# -- sparse optimizer updates on one-element rows (bias embeddings: var [n] or [n, 1]) ------
# TF's SparseApply<Op> kernels take a scalar C++ path there, with an order of operations
# (and for the proximal ops a float64 division) of its own; Momentum (Nesterov) and RMSProp
# use chip expressions that differ from their dense functors at every width.
_SPARSE_OPTS = {
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.3),
    "proximal_adagrad": lambda tf: tf.train.ProximalAdagradOptimizer(
        0.3, l1_regularization_strength=0.01, l2_regularization_strength=0.02),
    "proximal_gd": lambda tf: tf.train.ProximalGradientDescentOptimizer(
        0.3, l1_regularization_strength=0.01, l2_regularization_strength=0.02),
    "proximal_gd_l2": lambda tf: tf.train.ProximalGradientDescentOptimizer(
        0.3, l2_regularization_strength=0.05),
    "ftrl": lambda tf: tf.train.FtrlOptimizer(
        0.3, l1_regularization_strength=0.01, l2_regularization_strength=0.02),
    "ftrl_power": lambda tf: tf.train.FtrlOptimizer(
        0.3, learning_rate_power=-0.6, l1_regularization_strength=0.01),
    "ftrl_shrinkage": lambda tf: tf.train.FtrlOptimizer(
        0.3, learning_rate_power=-0.6, l2_shrinkage_regularization_strength=0.05),
    "momentum_nesterov": lambda tf: tf.train.MomentumOptimizer(0.3, 0.9, use_nesterov=True),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.3, momentum=0.5),
    "rmsprop_centered": lambda tf: tf.train.RMSPropOptimizer(0.3, momentum=0.5,
                                                             centered=True),
}


def _sparse_run(tf, make_opt, steps=4):
    rng = np.random.RandomState(0)
    e1 = tf.Variable(rng.randn(40).astype(np.float32), name="e1")
    e2 = tf.Variable(rng.randn(20, 1).astype(np.float32), name="e2")
    e3 = tf.Variable(rng.randn(20, 3).astype(np.float32), name="e3")
    ids = tf.constant([1, 3, 5, 7, 11, 13, 17, 19, 2, 4, 6, 3, 1])
    w = tf.constant(np.linspace(-2, 3, 13).astype(np.float32))
    loss = (tf.reduce_sum(tf.nn.embedding_lookup(e1, ids) * w)
            + tf.reduce_sum(tf.squeeze(tf.nn.embedding_lookup(e2, ids), 1) * w * w)
            + tf.reduce_sum(tf.nn.embedding_lookup(e3, ids) * w[:, None]))
    step = make_opt(tf).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(step)
        return sess.run([e1, e2, e3])


def case_sparse_updates_one_per_row(tf):
    out = {}
    for name in sorted(_SPARSE_OPTS):
        tf.reset_default_graph()
        out[name] = _sparse_run(tf, _SPARSE_OPTS[name])
    return out


# -- segment sums: TF adds the rows one at a time in input order (float32) ----------------
def case_segment_sum_order(tf):
    rng = np.random.RandomState(3)
    r1 = rng.randn(1000).astype(np.float32) * np.float32(1e3)
    r3 = rng.randn(1000, 3).astype(np.float32) * np.float32(1e3)
    ids = rng.randint(0, 4, 1000).astype(np.int32)
    one = np.zeros(1000, np.int32)
    with tf.Session() as sess:
        return sess.run([
            tf.math.unsorted_segment_sum(r1, ids, 4),
            tf.math.unsorted_segment_sum(r3, ids, 4),
            tf.math.unsorted_segment_sum(r1[:40], ids[:40], 4),
            tf.math.segment_sum(r1, one), tf.math.segment_sum(r3, one),
            tf.math.segment_sum(r1, np.sort(ids)), tf.math.segment_mean(r1, np.sort(ids)),
            tf.math.segment_sum([-0.0, 1.0], [0, 1]),
            tf.math.unsorted_segment_sum([-0.0, 1.0], [0, 1], 2),
            tf.math.unsorted_segment_sum([[-0.0, 2.0], [1.0, 1.0]], [0, 1], 2)])


# -- a matrix-factorization recommender (TF-recomm's SVD): biases and factors by
# embedding_lookup, l2 regularizer, Adagrad: losses and predictions -------------------------
def case_mf_recommender(tf):
    rng = np.random.RandomState(0)
    tf.set_random_seed(5)
    n_users, n_items, dim, n = 20, 15, 4, 120
    users = rng.randint(0, n_users, n)
    items = rng.randint(0, n_items, n)
    ratings = rng.randint(1, 6, n).astype(np.float32)
    ub = tf.placeholder(tf.int32, [None], name="id_user")
    ib = tf.placeholder(tf.int32, [None], name="id_item")
    rb = tf.placeholder(tf.float32, [None])
    bias_global = tf.get_variable("bias_global", shape=[])
    w_bias_user = tf.get_variable("embd_bias_user", shape=[n_users])
    w_bias_item = tf.get_variable("embd_bias_item", shape=[n_items])
    init = tf.truncated_normal_initializer(stddev=0.02)
    w_user = tf.get_variable("embd_user", shape=[n_users, dim], initializer=init)
    w_item = tf.get_variable("embd_item", shape=[n_items, dim], initializer=init)
    eu = tf.nn.embedding_lookup(w_user, ub, name="embedding_user")
    ei = tf.nn.embedding_lookup(w_item, ib, name="embedding_item")
    infer = tf.reduce_sum(tf.multiply(eu, ei), 1)
    infer = tf.add(infer, bias_global)
    infer = tf.add(infer, tf.nn.embedding_lookup(w_bias_user, ub, name="bias_user"))
    infer = tf.add(infer, tf.nn.embedding_lookup(w_bias_item, ib, name="bias_item"),
                   name="svd_inference")
    reg = tf.add(tf.nn.l2_loss(eu), tf.nn.l2_loss(ei), name="svd_regularizer")
    global_step = tf.train.get_or_create_global_step()
    cost = tf.add(tf.nn.l2_loss(tf.subtract(infer, rb)),
                  tf.multiply(reg, tf.constant(0.05, shape=[], name="l2")))
    train = tf.train.AdagradOptimizer(0.1).minimize(cost, global_step=global_step)
    costs = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(8):
            idx = rng.permutation(n)
            for i in range(0, n, 30):
                b = idx[i:i + 30]
                _, c = sess.run([train, cost], {ub: users[b], ib: items[b], rb: ratings[b]})
                costs.append(c)
        pred = sess.run(infer, {ub: [0, 1, 2], ib: [3, 4, 5]})
        names = [v.name for v in tf.global_variables()]
        return [np.array(costs), pred, names, infer.name, reg.name, train.name]


# -- DCGAN generators: conv2d_transpose / conv3d_transpose with output_shape a list that
# holds a tensor ([tf.shape(z)[0], h, w, c]): TF's op wrapper packs it as input_sizes ----
def _transpose_info(t):
    s = t.op.inputs[0]
    return [t.name, str(t.shape), s.name, s.op.type, [i.name for i in s.op.inputs]]


def case_conv_transpose_output_shape(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 3])
    w = tf.ones([3, 3, 2, 3])
    x3 = tf.ones([1, 2, 2, 2, 3])
    w3 = tf.ones([2, 2, 2, 2, 3])
    p = tf.placeholder(tf.int32, [None])
    b = tf.placeholder(tf.int32, [])
    out = [_err(lambda: _transpose_info(tf.nn.conv2d_transpose(x, w, *a)))
           for a in ([[2, 8, 8, 2], [1, 2, 2, 1]],
                     [[tf.shape(x)[0], 8, 8, 2], [1, 2, 2, 1]],
                     [tf.stack([tf.shape(x)[0], 8, 8, 2]), [1, 2, 2, 1]],
                     [(2, 8, 8, 2), 2, "SAME", "NHWC", "dc"],
                     [np.array([2, 8, 8, 2], np.int64), [1, 2, 2, 1]],
                     [[2.0, 8, 8, 2], [1, 2, 2, 1]],
                     [tf.constant([2, 8, 8, 2], tf.int64), [1, 2, 2, 1]],
                     [[2, 8, 8], [1, 2, 2, 1]],
                     [[-1, 8, 8, 2], [1, 2, 2, 1]])]
    out += [_err(lambda: _transpose_info(tf.nn.conv3d_transpose(x3, w3, s, [1, 2, 2, 2, 1])))
            for s in ([1, 4, 4, 2], [tf.constant(1), 4, 4, 4, 2],
                      tf.constant([1, 4, 4, 4, 2], tf.int64), p, [1.5, 4, 4, 4, 2],
                      [-1, 4, 4, 4, 2])]
    y = tf.nn.conv2d_transpose(x, w, [b, 8, 8, 2], [1, 2, 2, 1])
    with tf.Session() as sess:
        out.append(sess.run(y, {x: np.arange(96, dtype=np.float32).reshape(2, 4, 4, 3),
                                b: 2}))
    return out


def _op_info(t):
    return [t.name, str(t.shape), [[i.name, i.op.type] for i in t.op.inputs]]


def case_conv_backprop_wrappers(tf):
    dy = tf.ones([1, 4, 4, 2])
    w = tf.ones([3, 3, 3, 2])
    x = tf.ones([1, 4, 4, 3])
    p = tf.placeholder(tf.int32, [])
    one = [1, 1, 1, 1]
    calls = [
        lambda: tf.nn.conv2d_backprop_input([1, 4, 4, 3], w, dy, one, "SAME"),
        lambda: tf.nn.conv2d_backprop_input([p, 4, 4, 3], w, dy, one, "SAME", name="bi"),
        lambda: tf.nn.conv2d_backprop_filter(x, [3, 3, 3, 2], dy, one, "SAME"),
        lambda: tf.nn.conv2d_backprop_filter(x, [3, p, 3, 2], dy, one, "SAME"),
        lambda: tf.nn.conv2d_backprop_input([1, 4, 4, 3], np.ones([3, 3, 3, 2], np.float32),
                                            dy, one, "SAME"),
        lambda: tf.nn.conv2d_backprop_input([1.0, 4, 4, 3], w, dy, one, "SAME"),
        lambda: tf.nn.depthwise_conv2d_native_backprop_input(
            [1, 4, 4, 3], tf.ones([3, 3, 3, 1]), tf.ones([1, 4, 4, 3]), one, "SAME"),
        lambda: tf.nn.depthwise_conv2d_native_backprop_filter(
            x, [3, 3, p, 1], tf.ones([1, 4, 4, 3]), one, "SAME")]
    return [_err(lambda: _op_info(c())) for c in calls]


# -- text CNN / word2vec evaluation: in_top_k with targets outside the classes -------------
def case_in_top_k_targets(tf):
    p = np.array([[0.1, 0.5, 0.5, 0.2], [0.3, np.nan, 0.1, 0.2], [0.9, 0.8, 0.7, np.inf],
                  [0.4, 0.1, 0.3, 0.2]], dtype=np.float32)
    with tf.Session() as sess:
        return sess.run([tf.nn.in_top_k(p, np.array([0, -1, 0, 4], np.int32), 1),
                         tf.nn.in_top_k(p, np.array([1, -1, 3, 0], np.int32), 2),
                         tf.nn.in_top_k(p, tf.constant([9, 1, 2, 3], tf.int64), 4),
                         tf.math.in_top_k(p, [2, 0, 1, 0], 3),
                         tf.nn.in_top_k(np.zeros((2, 0), np.float32), [0, -1], 2)])


# -- the TF translate tutorial: legacy_seq2seq.embedding_attention_seq2seq op names (its
# _Linear re-enters the variable scope, so the cell's ops go under attention_decoder_1) -----
def case_legacy_attention_seq2seq_names(tf):
    tf.set_random_seed(2)
    enc = [tf.placeholder(tf.int32, [None], name="encoder%d" % i) for i in range(3)]
    dec = [tf.placeholder(tf.int32, [None], name="decoder%d" % i) for i in range(3)]
    outputs, state = tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(
        enc, dec, tf.contrib.rnn.GRUCell(6), num_encoder_symbols=8, num_decoder_symbols=8,
        embedding_size=5, feed_previous=False)
    names = sorted(o.name for o in tf.get_default_graph().get_operations())
    return [len(names), names, [o.name for o in outputs], state.name,
            [v.name for v in tf.trainable_variables()]]


# -- char-RNN mistakes: a cell given inputs of rank != 2 (TF's InputSpec(ndim=2)) -----------
def case_rnn_cell_input_rank(tf):
    out = []
    for cell in (tf.nn.rnn_cell.GRUCell, tf.nn.rnn_cell.BasicLSTMCell,
                 tf.nn.rnn_cell.LSTMCell, tf.nn.rnn_cell.BasicRNNCell):
        for x in (tf.zeros([3]), tf.zeros([3, 2, 5]), tf.placeholder(tf.float32, [3, None])):
            c = cell(4)
            out.append(_err(lambda: c(x, c.zero_state(3, tf.float32))[0].name))
            out.append(c.name)
    out.append(_err(lambda: tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), tf.zeros([2, 3, 4, 5]),
                                              dtype=tf.float32)))
    out.append(_err(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(3), [tf.zeros([2])],
                                             dtype=tf.float32)))
    return out


# -- x / 255.0, logits / temperature, loss / batch: Grappler's constant folding makes a
# floating division by a constant a multiplication by its reciprocal (graphs of >= 4 ops) --
def _div_runs(tf, build, feeds):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(build(), feeds)


def case_division_by_constant(tf):
    x = (np.random.RandomState(0).rand(200) * 100).astype(np.float32)
    out = {}
    tf.reset_default_graph()
    p = tf.placeholder(tf.float32, [None])
    out["tiny_graph"] = _div_runs(tf, lambda: p / 7.0, {p: x})   # 3 ops: no Grappler
    tf.reset_default_graph()
    p = tf.placeholder(tf.float32, [None])
    c = tf.constant(7.0)
    f = tf.placeholder_with_default(tf.constant(7.0), [])
    v = tf.Variable(7.0)
    h = tf.placeholder(tf.float16, [None])
    d = tf.placeholder(tf.float64, [None])
    out["runs"] = _div_runs(tf, lambda: {
        "scalar": p / 7.0, "x255": p / 255.0, "tenth": tf.div(p, 0.1),
        "realdiv": tf.realdiv(p, 3.0), "expr": p / (tf.constant(7.0) * 1.0),
        "vector": tf.reshape(p, [-1, 4]) / tf.constant([7.0, 3.0, 0.3, 11.0]),
        "default": p / f, "variable": p / v, "const_num": tf.constant(x) / 7.0,
        "half": h / 3.0, "double": d / 3.0, "int": tf.cast(p, tf.int32) // 7,
        "temperature": tf.reshape(p, [-1, 5]) / 0.7},
        {p: x, h: x.astype(np.float16), d: x.astype(np.float64)})
    out["fed_const"] = _div_runs(tf, lambda: p / c, {p: x, c: 3.0})
    _, looped = tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, a + p / 7.0),
                              [0, tf.zeros_like(p)])
    branch = tf.cond(tf.reduce_sum(p) > 0, lambda: p / 7.0, lambda: p)
    out["control_flow"] = _div_runs(tf, lambda: [looped, branch], {p: x})
    return out


# -- text models' bag-of-words: sparse segment sums/means (embedding_lookup_sparse), which
# TF's kernel adds in chunks of 8 rows, and their gradients (products by float64 1/n) -----
def case_sparse_segment_reductions(tf):
    rng = np.random.RandomState(0)
    d = (rng.randn(60, 3) * 1000).astype(np.float32)
    counts = list(range(1, 31)) + [0, 0, 40, 57, 64, 65, 0]
    seg = np.concatenate([np.full(c, i) for i, c in enumerate(counts)]).astype(np.int32)
    idx = rng.randint(0, 60, seg.size).astype(np.int32)
    dv = tf.Variable(d)
    outs = [f(dv, idx, seg) for f in (tf.sparse.segment_sum, tf.sparse.segment_mean,
                                      tf.sparse.segment_sqrt_n)]
    outs += [f(dv, idx, seg, num_segments=40) for f in (
        tf.sparse.segment_sum, tf.sparse.segment_mean, tf.sparse.segment_sqrt_n)]
    grads = [tf.gradients(tf.reduce_sum(o * (1.0 + tf.cast(tf.range(tf.shape(o)[0]),
                                                            tf.float32)[:, None] / 7.0)), dv)[0]
             for o in outs]
    sp = tf.SparseTensor([[0, 0], [0, 1], [0, 2], [1, 0], [2, 0], [2, 3]] +
                         [[3, i] for i in range(11)], list(range(6)) + list(range(11)), [4, 11])
    spw = tf.SparseTensor(sp.indices, tf.range(1.0, 18.0) / 3.0, sp.dense_shape)
    emb = [tf.nn.embedding_lookup_sparse(dv, sp, w, combiner=c)
           for w in (None, spw) for c in ("sum", "mean", "sqrtn")]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, [tf.convert_to_tensor(g) for g in grads], emb])


def case_division_graph_growth(tf):
    """A plan made while the graph had < 4 ops keeps the exact quotient; a later division
    or session on the grown graph gets the reciprocal."""
    x = (np.random.RandomState(1).rand(100) * 100).astype(np.float32)
    p = tf.placeholder(tf.float32, [None])
    y = p / 7.0
    sess = tf.Session()
    out = [sess.run(y, {p: x})]
    tf.constant(1.0)
    out += [sess.run(y, {p: x}), sess.run(p / 7.0, {p: x}), tf.Session().run(y, {p: x})]
    return out


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
