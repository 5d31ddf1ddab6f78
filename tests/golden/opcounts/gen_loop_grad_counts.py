"""TF 1.14's op counter before and after the gradient of a tf.while_loop (TF's gradient
frame: counters, stacks, Enter/Merge/Switch/NextIteration/Exit per gradient loop
variable, accumulators) and the numbers of a graph-seeded random_uniform made after it
(tests/test_loop_grad_counts.py: flowgrad's counter and numbers equal TF's)."""
import numpy as np


def _x(tf):
    return tf.placeholder(tf.float32, [2], name="x")


def _simple(tf):
    x = _x(tf)
    out = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * 2.0),
                        [tf.constant(0), x])[1]
    return out, [x]


def _capture(tf):
    x = _x(tf)
    w = tf.placeholder(tf.float32, [2], name="w")
    out = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w + x),
                        [tf.constant(0), x])[1]
    return out, [x, w]


def _max_iter(tf):
    x = _x(tf)
    out = tf.while_loop(lambda a: tf.reduce_sum(a) < 100.0, lambda a: a * 2.0 + x, [x],
                        maximum_iterations=5)
    return out, [x]


def _nested(tf):
    x = _x(tf)

    def body(i, a):
        inner = tf.while_loop(lambda j, b: j < 2, lambda j, b: (j + 1, b * x), [0, a])[1]
        return i + 1, inner
    out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
    return out, [x]


def _cond_body(tf):
    x = _x(tf)

    def body(i, a):
        return i + 1, tf.cond(tf.reduce_sum(a) > 1.0, lambda: a * 0.5, lambda: a + x)
    out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
    return out, [x]


def _map_fn(tf):
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    return tf.map_fn(lambda r: tf.sin(r) * r, x), [x]


def _scan(tf):
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    return tf.scan(lambda a, r: a * r + 1.0, x), [x]


def _rnn(tf, cell, seq_len):
    x = tf.placeholder(tf.float32, [3, 4, 2], name="xs")
    lens = tf.constant([4, 2, 3]) if seq_len else None
    c = tf.nn.rnn_cell.LSTMCell(3) if cell == "lstm" else tf.nn.rnn_cell.GRUCell(3)
    out, _ = tf.nn.dynamic_rnn(c, x, sequence_length=lens, dtype=tf.float32)
    return out, [x] + tf.trainable_variables()


def _lstm(tf):
    return _rnn(tf, "lstm", False)


def _lstm_len(tf):
    return _rnn(tf, "lstm", True)


def _gru(tf):
    return _rnn(tf, "gru", False)


def _gru_len(tf):
    return _rnn(tf, "gru", True)


def _train(tf, opt):
    x = tf.placeholder(tf.float32, [3, 4, 2], name="xs")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(3), x,
                               sequence_length=tf.constant([4, 2, 3]), dtype=tf.float32)
    loss = tf.reduce_mean(tf.square(out))
    return loss, opt


def _adam(tf):
    return _train(tf, tf.train.AdamOptimizer(0.01))


def _sgd(tf):
    return _train(tf, tf.train.GradientDescentOptimizer(0.1))


CALLS = [("simple", _simple), ("capture", _capture), ("max_iter", _max_iter),
         ("nested", _nested), ("cond_body", _cond_body), ("map_fn", _map_fn),
         ("scan", _scan), ("lstm", _lstm), ("lstm_len", _lstm_len), ("gru", _gru),
         ("gru_len", _gru_len), ("adam", _adam), ("sgd", _sgd)]


def _unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None], name="xu")
    w = tf.placeholder(tf.float32, [None], name="wu")
    out = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w + tf.sin(x)),
                        [tf.constant(0), x])[1]
    return out, [x, w]


def _unused_output(tf):
    x = _x(tf)
    out = tf.while_loop(lambda i, a, b: i < 3,
                        lambda i, a, b: (i + 1, a * b, b + 1.0), [tf.constant(0), x, x * 2.0])
    return out[1], [x]


def _birnn(tf):
    x = tf.placeholder(tf.float32, [3, 4, 2], name="xs")
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.LSTMCell(3), tf.nn.rnn_cell.GRUCell(3), x,
        sequence_length=tf.constant([4, 2, 3]), dtype=tf.float32)
    return tf.reduce_sum(fw) + tf.reduce_sum(bw), tf.train.AdamOptimizer(0.01)


def _seq2seq(tf):
    batch, vocab, hidden = 3, 7, 4
    src = tf.placeholder(tf.int32, [batch, 5], name="src")
    src_len = tf.constant([5, 3, 4])
    tgt_in = tf.placeholder(tf.int32, [batch, 6], name="tgt_in")
    tgt_len = tf.constant([6, 4, 5])
    emb = tf.get_variable("emb", [vocab, 3])
    memory, enc_state = tf.nn.dynamic_rnn(
        tf.nn.rnn_cell.LSTMCell(hidden), tf.nn.embedding_lookup(emb, src),
        sequence_length=src_len, dtype=tf.float32, scope="encoder")
    mech = tf.contrib.seq2seq.BahdanauAttention(hidden, memory, memory_sequence_length=src_len)
    cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(hidden), mech,
                                               attention_layer_size=hidden)
    init = cell.zero_state(batch, tf.float32).clone(cell_state=enc_state)
    helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt_in), tgt_len)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, init,
                                          output_layer=tf.layers.Dense(vocab, name="proj"))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True)
    return tf.reduce_mean(tf.square(out.rnn_output)), tf.train.AdamOptimizer(0.01)


def _random_body(tf):
    x = _x(tf)
    out = tf.while_loop(lambda i, a: i < 3,
                        lambda i, a: (i + 1, a * tf.random_uniform([2], seed=None)),
                        [tf.constant(0), x])[1]
    return out, [x]


def _nested_capture(tf):
    x = _x(tf)
    w = tf.placeholder(tf.float32, [2], name="w")

    def body(i, a):
        s = tf.sin(a) * w   # an outer body value read by the inner loop
        inner = tf.while_loop(lambda j, b: j < 2, lambda j, b: (j + 1, b * s + a * x),
                              [0, a])[1]
        return i + 1, inner
    out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
    return out, [x, w]


def _nested_cond(tf):
    x = _x(tf)

    def inner_body(j, b):
        return j + 1, tf.cond(tf.reduce_sum(b) > 1.0, lambda: b * x, lambda: b - x)

    def body(i, a):
        return i + 1, tf.while_loop(lambda j, b: j < 2, inner_body, [0, a])[1]
    out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
    return out, [x]


def _rnn_in_map_fn(tf):
    x = tf.placeholder(tf.float32, [2, 3, 4, 2], name="xs")
    cell = tf.nn.rnn_cell.GRUCell(3)

    def fn(seq):
        out, _ = tf.nn.dynamic_rnn(cell, seq, dtype=tf.float32)
        return out
    out = tf.map_fn(fn, x)
    return tf.reduce_sum(out), [x] + tf.trainable_variables()


def _cond_body_adam(tf):
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())

    def body(i, a):
        return i + 1, tf.cond(tf.reduce_sum(a) > 1.0, lambda: a * w, lambda: a + w)
    out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.ones([2])])[1]
    return tf.reduce_sum(out), tf.train.AdamOptimizer(0.01)


def _cond_unknown_body(tf):
    x = tf.placeholder(tf.float32, [None], name="xu")

    def body(i, a):
        return i + 1, tf.cond(tf.reduce_sum(a) > 1.0, lambda: tf.sin(a), lambda: a * x)
    out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1]
    return out, [x]


def _cond_const_nested(tf):
    # found by the differential method: a cond's constant in a nested loop is cloned by TF
    x = tf.placeholder(tf.float32, [None, 5], name="xn")

    def inner(j, c):
        return j + 1, tf.cond(tf.reduce_sum(c) > 0, lambda: c * 1.5, lambda: c - 1.0)

    def body(i, a):
        return i + 1, tf.while_loop(lambda j, c: j < 2, inner, [0, a])[1]
    z = tf.while_loop(lambda i, a: i < 3, body, [0, tf.reduce_sum(x, 0)])[1]
    return tf.reduce_sum(z), [x]


def _attention_rnn(tf):
    # found by the differential method: the alignments a Luong attention state carries are
    # read by no later step, so TF makes their gradient Enter (b_exit) only
    memory = tf.placeholder(tf.float32, [3, 5, 4], name="memory")
    x = tf.placeholder(tf.float32, [3, 6, 3], name="xs")
    mech = tf.contrib.seq2seq.LuongAttention(4, memory)
    cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(4), mech)
    out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return tf.reduce_mean(tf.square(out)), [memory, x] + tf.trainable_variables()


def _nested_outer_array(tf):
    # found by the differential method: an array made outside both loops and read in the
    # inner one has its handle entered frame by frame (not stacked)
    x = tf.placeholder(tf.float32, [4, 3], name="x4")
    ta = tf.TensorArray(tf.float32, size=4).unstack(x)

    def outer(i, acc):
        def inner(j, a):
            return j + 1, a + ta.read(i) * tf.cast(j, tf.float32)
        return i + 1, tf.while_loop(lambda j, a: j < 2, inner, [0, acc])[1]
    return tf.while_loop(lambda i, a: i < 4, outer, [0, tf.zeros([3])])[1], [x]


def _serial(tf):
    # found by the differential method: with parallel_iterations=1 TF's gradient frame has
    # no b_sync
    x = tf.placeholder(tf.float32, [3], name="x3")
    y = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.sin(a) * x), [0, x],
                      parallel_iterations=1)[1]
    z = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.cond(
        tf.reduce_sum(a) > 0, lambda: tf.sin(a), lambda: a * x)), [0, y],
        parallel_iterations=1)[1]
    return z, [x]


def _rnn_len_unknown_batch(tf):
    # found by the differential method: Select's gradient takes zeros like its x, a
    # loop-invariant zero output (unknown batch) that TF enters into the gradient frame
    ids = tf.placeholder(tf.int32, [None, 6], name="ids")
    emb = tf.contrib.layers.embed_sequence(ids, 10, 4)
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(3) for _ in range(2)])
    out, _ = tf.nn.dynamic_rnn(cell, emb, dtype=tf.float32,
                               sequence_length=tf.fill([tf.shape(ids)[0]], 5))
    return tf.reduce_sum(out), tf.train.GradientDescentOptimizer(0.5)


def _capture_read_twice(tf):
    # found by the differential method: a capture on no path to the xs read by two body ops
    # (attention's memory): TF does not sum its gradients
    m = tf.placeholder(tf.float32, [3, 5, 4], name="memory")
    x = tf.placeholder(tf.float32, [3, 4], name="x34")

    def body(i, q):
        s = tf.squeeze(tf.matmul(tf.expand_dims(q, 1), m, transpose_b=True), [1])
        return i + 1, q + tf.squeeze(tf.matmul(tf.expand_dims(s, 1), m), [1])
    return tf.while_loop(lambda i, q: i < 3, body, [0, x])[1], [x]


def _dead_var_read(tf):
    # found by the differential method: a loop variable whose value reaches no gradient
    # (attention's alignments): TF starts no gradient from its body result, so a body value
    # it takes is summed with nothing
    x = tf.placeholder(tf.float32, [3, 4], name="x34")

    def body(i, q, al):
        a = tf.nn.softmax(q)
        return i + 1, q + a * 2.0, a
    return tf.while_loop(lambda i, q, al: i < 3, body, [0, x, tf.zeros([3, 4])])[1], [x]


def _scan_unread(tf):
    # found by the differential method: TF builds no gradient array for a scan output
    # nothing reads (its array's flow reaches no gradient)
    x = tf.placeholder(tf.float32, [3], name="x3")
    xs = tf.reshape(tf.tile(x, [4]), [4, 3]) * tf.reshape(tf.range(1.0, 5.0), [4, 1])
    out = tf.scan(lambda a, r: (a[0] * r + r, a[1] + 1.0), xs,
                  initializer=(tf.ones([3]), tf.zeros([])))
    return tf.reduce_sum(out[0] * out[0]), [x]


def _helper_loop(tf, const_branch):
    # found by the differential method (TrainingHelper's next inputs): a cond in the body
    # returning a capture on no path to the xs (TF switches it, no gradient reaches it);
    # with w a constant, the input variable's value depends on no x (TF's Switch of it is
    # not between: its gradient Enter only)
    x = tf.placeholder(tf.float32, [6, 3, 2], name="x632")
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    v = tf.get_variable("v", [2], initializer=tf.ones_initializer())
    ta = tf.TensorArray(tf.float32, size=6).unstack(x * (tf.ones([2]) if const_branch else w))
    zero = tf.zeros_like(x[0])

    def body(t, inp, h):
        nxt = tf.cond(t + 1 >= 5, lambda: zero, lambda: ta.read(t + 1))
        return t + 1, nxt, tf.tanh(inp + h * v)
    out = tf.while_loop(lambda t, i, h: t < 5, body, [0, ta.read(0), tf.zeros([3, 2])])
    return tf.reduce_sum(out[2]), tf.train.GradientDescentOptimizer(0.1)


def _helper_capture(tf):
    return _helper_loop(tf, False)


def _helper_unreached(tf):
    return _helper_loop(tf, True)


def _cond_const_capture(tf):
    # found by the differential method: a branch op of a cond in the body that reads only
    # a capture on no path to the xs is not differentiated by TF
    x = _x(tf)
    c = tf.constant([1.0, 2.0])

    def body(i, h):
        return i + 1, tf.cond(tf.reduce_sum(h) > 1.0, lambda: c * 2.0 + tf.sin(c) + h,
                              lambda: h * 2.0)
    return tf.while_loop(lambda i, h: i < 3, body, [0, x])[1], [x]


def _gather_in_body(tf, known):
    # found by the differential method: a gathered capture's gradient is IndexedSlices,
    # which TF accumulates part by part (indices, values, dense shape)
    emb = tf.get_variable("emb", [7, 3])
    ids = tf.placeholder(tf.int32, [5, 2 if known else None], name="ids")

    def body(i, h):
        return i + 1, h * 0.5 + tf.reduce_sum(tf.gather(emb, ids[i]), 0)
    out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.zeros([3])])[1]
    return tf.reduce_sum(out), [emb]


def _gather_known(tf):
    return _gather_in_body(tf, True)


def _gather_unknown(tf):
    return _gather_in_body(tf, False)


def _gather_opt(tf, opt):
    # the gathered capture's gradient is IndexedSlices: the optimizer's sparse apply
    ys, _ = _gather_in_body(tf, True)
    return ys, opt


def _gather_sgd(tf):
    return _gather_opt(tf, tf.train.GradientDescentOptimizer(0.1))


def _gather_momentum(tf):
    return _gather_opt(tf, tf.train.MomentumOptimizer(0.1, 0.9))


def _gather_adam(tf):
    return _gather_opt(tf, tf.train.AdamOptimizer(0.1))


def _gather_in_cond(tf):
    # a gather in a cond of the body: TF merges the IndexedSlices part by part
    emb = tf.get_variable("emb", [7, 3])
    ids = tf.placeholder(tf.int32, [5, 2], name="ids")

    def body(i, h):
        e = tf.cond(i > 2, lambda: tf.reduce_sum(tf.gather(emb, ids[i]), 0),
                    lambda: tf.zeros([3]))
        return i + 1, h * 0.5 + e
    out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.zeros([3])])[1]
    return tf.reduce_sum(out), [emb]


def _greedy_decoder(tf):
    emb = tf.get_variable("emb", [7, 3])
    cell = tf.nn.rnn_cell.GRUCell(4)
    helper = tf.contrib.seq2seq.GreedyEmbeddingHelper(emb, tf.fill([2], 1), 2)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(7))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=5)
    return tf.reduce_sum(out.rnn_output), tf.trainable_variables()


def _scheduled_embedding(tf):
    # the sampler's shapes are what TF's shape refiner evaluates (a padded sample shape,
    # the random_uniform's shape from a reshaped size): its forward graph is TF's
    emb = tf.get_variable("emb", [7, 3])
    inputs = tf.placeholder(tf.float32, [2, 4, 3], name="inp")
    helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(inputs, [4, 3], emb, 0.5)
    cell = tf.nn.rnn_cell.GRUCell(4)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(7))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=5)
    return tf.reduce_sum(out.rnn_output), tf.trainable_variables()


def _gather_cond_unknown(tf):
    # found by the differential method: the gathered ids' count is known at run time only;
    # TF moves the gradient's Size of them to the cond's forward context and stacks it
    emb = tf.get_variable("emb", [7, 3])
    sid = tf.placeholder(tf.int32, [5, 2], name="sid")

    def body(i, h):
        s = sid[i]
        keep = tf.cast(tf.where(s > -1), tf.int32)
        nxt = tf.cond(tf.reduce_all(s > 100), lambda: h,
                      lambda: tf.scatter_nd(keep, tf.gather(emb, tf.gather_nd(s, keep)),
                                            tf.shape(h)) + h)
        return i + 1, h + nxt
    out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.ones([2, 3])])[1]
    return tf.reduce_sum(out), [emb]


def _gather_cond_both(tf):
    # both branches read the gathered capture: TF's two Switches' gradients (slices, and a
    # tensor made slices) concatenated in the body, then summed by the accumulator
    emb = tf.get_variable("emb", [7, 3])
    ids = tf.placeholder(tf.int32, [5, 2], name="ids")

    def body(i, h):
        e = tf.cond(i > 2, lambda: tf.reduce_sum(tf.gather(emb, ids[i]), 0),
                    lambda: tf.reduce_sum(tf.tanh(emb[:2]), 0))
        return i + 1, h * 0.5 + e
    out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.zeros([3])])[1]
    return tf.reduce_sum(out), tf.train.GradientDescentOptimizer(0.1)


def _gather_resource(tf, opt):
    # found by the differential method: in the body TF reads a resource variable's handle
    # through its Enter (no handle data): the gather gradient's VariableShape is an op
    emb = tf.get_variable("emb", [7, 3], use_resource=True)
    ids = tf.placeholder(tf.int32, [5, 2], name="ids")

    def body(i, h):
        return i + 1, h * 0.5 + tf.reduce_sum(tf.nn.embedding_lookup(emb, ids[i]), 0)
    out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.zeros([3])])[1]
    return tf.reduce_sum(out * out), (tf.train.AdamOptimizer(0.1) if opt else [emb])


def _gather_resource_grad(tf):
    return _gather_resource(tf, False)


def _gather_resource_adam(tf):
    return _gather_resource(tf, True)


def _gather_nd_cond(tf):
    # found by the differential method (scheduled sampling's where/gather_nd/scatter_nd):
    # a gather_nd by [N, 1] indices has an IndexedSlices gradient, merged by the cond
    sid = tf.placeholder(tf.int32, [5, 2], name="sid")
    base = tf.placeholder(tf.float32, [5, 2, 3], name="base")

    def body(i, h):
        s = sid[i]
        b = base[i] * h
        rows = tf.cast(tf.where(s <= -1), tf.int32)
        nxt = tf.cond(tf.reduce_all(s > 100), lambda: b,
                      lambda: tf.scatter_nd(rows, tf.gather_nd(b, rows), tf.shape(b)))
        return i + 1, h + nxt
    out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.ones([2, 3])])[1]
    return tf.reduce_sum(out), [base]


def _nested_const_capture(tf):
    # found by the differential method (nested map_fn): the inner loop's capture (from
    # outside both loops) is on no path to the xs: TF sums no gradient of it
    x = _x(tf)
    w = tf.placeholder(tf.float32, [2], name="w")

    def body(i, a):
        return i + 1, tf.while_loop(lambda j, b: j < 2, lambda j, b: (j + 1, b * w), [0, a])[1]
    return tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])[1], [x]


def _raw_rnn(tf):
    # found by the differential method: the next input (a cond on the inputs, which are no
    # x) is a loop variable TF does not differentiate: its gradients are not summed
    inputs = tf.placeholder(tf.float32, [5, 2, 3], name="inputs")
    ta = tf.TensorArray(tf.float32, size=5).unstack(inputs)
    cell = tf.nn.rnn_cell.GRUCell(3)

    def loop_fn(time, cell_output, cell_state, loop_state):
        st = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
        fin = time >= 5
        nxt = tf.cond(fin, lambda: tf.zeros([2, 3]), lambda: ta.read(time))
        return fin, nxt, st, cell_output, None
    out_ta, _, _ = tf.nn.raw_rnn(cell, loop_fn)
    return tf.reduce_sum(out_ta.stack()), tf.train.GradientDescentOptimizer(0.1)


CALLS.extend([("nested_const_capture", _nested_const_capture), ("raw_rnn", _raw_rnn)])
CALLS.extend([("scheduled_embedding", _scheduled_embedding),
              ("gather_cond_unknown", _gather_cond_unknown),
              ("gather_nd_cond", _gather_nd_cond), ("gather_cond_both", _gather_cond_both),
              ("gather_resource_grad", _gather_resource_grad),
              ("gather_resource_adam", _gather_resource_adam)])
CALLS.extend([("gather_sgd", _gather_sgd), ("gather_momentum", _gather_momentum),
              ("gather_adam", _gather_adam)])
CALLS.extend([("gather_known", _gather_known), ("gather_unknown", _gather_unknown),
              ("gather_in_cond", _gather_in_cond), ("greedy_decoder", _greedy_decoder)])
CALLS.extend([("scan_unread", _scan_unread), ("helper_capture", _helper_capture),
              ("helper_unreached", _helper_unreached),
              ("cond_const_capture", _cond_const_capture)])
CALLS.extend([("serial", _serial), ("rnn_len_unknown_batch", _rnn_len_unknown_batch),
              ("capture_read_twice", _capture_read_twice), ("dead_var_read", _dead_var_read)])
CALLS.extend([("cond_const_nested", _cond_const_nested), ("attention_rnn", _attention_rnn),
              ("nested_outer_array", _nested_outer_array)])
CALLS.extend([("nested_capture", _nested_capture), ("nested_cond", _nested_cond),
              ("rnn_in_map_fn", _rnn_in_map_fn), ("cond_body_adam", _cond_body_adam),
              ("cond_unknown_body", _cond_unknown_body)])
CALLS.extend([("random_body", _random_body), ("unknown_shape", _unknown_shape), ("unused_output", _unused_output),
              ("birnn", _birnn), ("seq2seq", _seq2seq)])


def run_case(tf, fn):
    """(counter before the gradient, after it, numbers of a random_uniform made after it),
    graph seed 7: tf.gradients(ys, xs), or opt.minimize(ys) for an optimizer."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        ys, xs = fn(tf)
        before = g._last_id
        if isinstance(xs, list):
            tf.gradients(ys, xs)
        else:
            xs.minimize(ys)
        after = g._last_id
        r = tf.random_uniform([3])
        with tf.Session(graph=g) as s:
            vals = s.run(r)
    return before, after, np.asarray(vals)


def cases(tf):
    out = {}
    for name, fn in CALLS:
        before, after, vals = run_case(tf, fn)
        out[name] = {"before": before, "after": after, "random": vals}
    return out
