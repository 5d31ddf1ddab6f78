"""TF 1.14's get_operations() and GraphDef of graphs differentiating a tf.cond in a
tf.while_loop's body (TF builds _SwitchGrad / _MergeGrad in the gradient while context,
the cond's predicate and the branches' forward values pushed on stacks in the cond's
context), and of cond gradients built under control_dependencies (the block's control
inputs on the cond gradient's nodes): every op's name and type, the details
gen_tf_nodes.describe gives of the control-flow nodes, and every node's inputs (control
inputs as "^name") of the GraphDef (tests/test_pcondgd2.py)."""
import gen_pcondgd


def _x(tf):
    return tf.placeholder(tf.float32, [], name="x")


def _body_cond(tf):
    x = _x(tf)
    y = tf.while_loop(lambda i, y: i < 3,
                      lambda i, y: (i + 1, tf.cond(y > 1.0, lambda: y * x,
                                                   lambda: y + 2.0)),
                      [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _nested_cond(tf):
    x = _x(tf)
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: tf.cond(q, lambda: y * x, lambda: y),
                              lambda: y - 1.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _nested_cond_both(tf):
    # a cond in each branch of a cond in a loop body
    x = _x(tf)
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: tf.cond(q, lambda: y * x, lambda: y),
                              lambda: tf.cond(q, lambda: y - 1.0, lambda: y * y))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _nested_cond_false(tf):
    # the inner cond in the false branch only
    x = _x(tf)
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: y - 1.0,
                              lambda: tf.cond(q, lambda: y * x, lambda: y + 1.0))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _nested_cond_loop_pred(tf):
    # the inner cond's predicate reads a loop variable, its branch a loop variable and a
    # captured tensor
    x = _x(tf)
    w = tf.placeholder(tf.float32, [], name="w")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0,
                              lambda: tf.cond(i > 0, lambda: y * w + x, lambda: y * y),
                              lambda: y - 1.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, [x, w])


def _nested_cond_inner_value(tf):
    # a value made in the inner cond's branch that its gradient reads (Exp's output)
    x = _x(tf)
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: tf.cond(q, lambda: tf.exp(y) * x,
                                                       lambda: tf.sin(y)),
                              lambda: y - 1.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _nested_cond_deep(tf):
    # conds three deep in a loop body
    x = _x(tf)
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: tf.cond(
            q, lambda: tf.cond(i > 0, lambda: y * x, lambda: y), lambda: y + x),
            lambda: y - 1.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _nested_cond_unknown(tf):
    # a nested cond whose captures' shapes are not fully known (TF pushes their shapes)
    x = tf.placeholder(tf.float32, [None], name="xn")
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0,
                              lambda: tf.cond(q, lambda: y * x, lambda: tf.sin(y)),
                              lambda: y - 1.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _branch_value_shape(tf):
    # a Shape of a value made in the cond's branch (unknown shape): TF moves the Shape
    # into the branch and pushes its value
    x = tf.placeholder(tf.float32, [None], name="xn")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0, lambda: y + 0.1 * y,
                              lambda: tf.sin(y))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_cond_branch_value_shape(tf):
    x = tf.placeholder(tf.float32, [None], name="xn")
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0,
                              lambda: tf.cond(q, lambda: y * x, lambda: y + 0.1 * y),
                              lambda: tf.sin(y))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _outside_tensor(tf):
    # a branch reads a tensor from outside the loop (Entered, switched into the cond)
    x = _x(tf)
    w = tf.placeholder(tf.float32, [], name="w")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: y * w, lambda: y + x)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y * y, [x, w])


def _outside_pred(tf):
    x = _x(tf)
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.while_loop(lambda i, y: i < 3,
                      lambda i, y: (i + 1, tf.cond(p, lambda: tf.sin(y) * x,
                                                   lambda: y * y)),
                      [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _tensor_array(tf):
    # a TensorArray write in a branch
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y, ta):
        y2, ta2 = tf.cond(i > 0, lambda: (y * x, ta.write(i, y * x)),
                          lambda: (y + 1.0, ta.write(i, y)))
        return i + 1, y2, ta2
    _, y, ta = tf.while_loop(lambda i, y, ta: i < 3, body,
                             [tf.constant(0), x, tf.TensorArray(tf.float32, size=3)])
    return tf.gradients(tf.reduce_sum(ta.stack()) + tf.reduce_sum(y), x)


def _tensor_array_read(tf):
    # raw_rnn's loop_fn: a branch reads a TensorArray made outside the loop
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    ta = tf.TensorArray(tf.float32, size=4).unstack(x)

    def body(i, y):
        nxt = tf.cond(i >= 3, lambda: tf.zeros([2]), lambda: ta.read(i + 1))
        return i + 1, y * nxt
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), ta.read(0)])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _raw_rnn(tf):
    x = tf.placeholder(tf.float32, (5, 2, 3), name="x")
    inputs_ta = tf.TensorArray(tf.float32, size=5).unstack(x)
    cell = tf.nn.rnn_cell.BasicRNNCell(4)

    def loop_fn(time, cell_output, cell_state, loop_state):
        state = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
        finished = time >= 5
        inp = tf.cond(finished, lambda: tf.zeros((2, 3)), lambda: inputs_ta.read(time))
        return finished, inp, state, cell_output, None
    _, state, _ = tf.nn.raw_rnn(cell, loop_fn)
    return tf.gradients(tf.reduce_sum(state), x)


def _raw_rnn_state_cond(tf):
    # raw_rnn whose next state goes through a cond on the cell's output (its gradient flows
    # through the cond)
    x = tf.placeholder(tf.float32, (4, 2, 3), name="x")
    inputs_ta = tf.TensorArray(tf.float32, size=4).unstack(x)
    cell = tf.nn.rnn_cell.BasicRNNCell(3)

    def loop_fn(time, cell_output, cell_state, loop_state):
        finished = time >= 4
        if cell_output is None:
            return finished, inputs_ta.read(0), cell.zero_state(2, tf.float32), None, None
        state = tf.cond(tf.reduce_sum(cell_output) > 0.0, lambda: cell_state * 0.5,
                        lambda: tf.tanh(cell_state))
        inp = tf.cond(finished, lambda: tf.zeros((2, 3)),
                      lambda: inputs_ta.read(tf.minimum(time, 3)))
        return finished, inp, state, cell_output, None
    _, state, _ = tf.nn.raw_rnn(cell, loop_fn)
    return tf.gradients(tf.reduce_sum(state), x)


def _minimize(tf):
    x = tf.placeholder(tf.float32, [2, 2], name="x22")
    w = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0, lambda: tf.matmul(y, w),
                              lambda: y * 0.5)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _minimize_adam(tf):
    x = tf.placeholder(tf.float32, [2, 2], name="x22")
    w = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())
    p = tf.placeholder(tf.bool, [], name="p")

    def body(i, y):
        return i + 1, tf.cond(p, lambda: tf.tanh(tf.matmul(y, w)), lambda: y - w)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.train.AdamOptimizer(0.01).minimize(tf.reduce_mean(y * y))


def _dropout_block(tf):
    # item 2: dropout's cond gradient under control_dependencies on UPDATE_OPS
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    h = tf.layers.dense(x, 2, kernel_initializer=tf.ones_initializer())
    h = tf.layers.batch_normalization(h, training=training)
    h = tf.layers.dropout(h, rate=0.5, training=training, seed=1)
    loss = tf.reduce_sum(h * h)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.GradientDescentOptimizer(0.1).minimize(loss)


def _dropout_block_gradients(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    w = tf.get_variable("w", [3, 2], initializer=tf.ones_initializer())
    h = tf.layers.dropout(tf.matmul(x, w), rate=0.5, training=training, seed=1)
    dep = tf.assign_add(tf.get_variable("n", [], initializer=tf.zeros_initializer()), 1.0)
    with tf.control_dependencies([dep]):
        return tf.gradients(tf.reduce_sum(h), [x, w])


def _adam_block(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    h = tf.layers.dense(x, 2, kernel_initializer=tf.ones_initializer())
    h = tf.layers.batch_normalization(h, training=training)
    h = tf.layers.dropout(h, rate=0.25, training=training, seed=2)
    loss = tf.reduce_mean(h * h)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.AdamOptimizer(0.01).minimize(loss)


def _contrib_bn_block(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    w = tf.get_variable("w", [3, 2], initializer=tf.ones_initializer())
    h = tf.contrib.layers.batch_norm(tf.matmul(x, w), is_training=training)
    h = tf.layers.dropout(h, rate=0.5, training=training, seed=1)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(h))


def _cond_block(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    d = tf.placeholder(tf.float32, [], name="d")
    y = tf.cond(x > 0, lambda: x * x, lambda: tf.sin(x))
    with tf.control_dependencies([tf.identity(d, name="dep")]):
        return tf.gradients(y, x)


def _unknown_shape_capture(tf):
    # (TF's zeros of the dead side of a Switch of a capture of a shape not fully known:
    # its Shape pushed in the forward cond's outer context, popped in the gradient frame;
    # the Mul gradient's Shape of the capture moved into the forward cond's branch)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")
    v = tf.placeholder(tf.float32, [2], name="v2")
    xv = x * v

    def body(i, h):
        y = tf.cond(i < 2, lambda: xv, lambda: xv * h)
        return i + 1, h + tf.reduce_sum(tf.tanh(tf.matmul(y, w)))
    h = tf.while_loop(lambda i, h: i < 3, body, [tf.constant(0), tf.constant(0.5)])[1]
    return tf.gradients(h, [w, v])


def _unknown_shape_both(tf):
    # (both sides read the capture: a stack of the shape for each side's dead output)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def body(i, h):
        y = tf.cond(i < 2, lambda: x * 2.0, lambda: tf.tanh(x))
        return i + 1, h + tf.reduce_sum(tf.matmul(y, w))
    h = tf.while_loop(lambda i, h: i < 3, body, [tf.constant(0), tf.constant(0.5)])[1]
    return tf.gradients(h, [w, x])


def _training_helper_unknown_batch(tf):
    # (TrainingHelper's next_inputs cond reads zero inputs of shape [None, E])
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [None, 3], name="idn3")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    cell = tf.nn.rnn_cell.GRUCell(4)
    helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, ids), lens)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper,
                                          cell.zero_state(tf.shape(ids)[0], tf.float32))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec)
    return tf.gradients(tf.reduce_sum(out.rnn_output), tf.trainable_variables())


def _seq_len_rnn(tf):
    # (dynamic_rnn's Select of the sequence mask: its zeros_like in the gradient frame
    # reads only an entered value, so it waits for the frame's pivot)
    x = tf.placeholder(tf.float32, [None, 4, 3], name="xn43")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, sequence_length=lens,
                               dtype=tf.float32, parallel_iterations=10)
    return tf.gradients(tf.reduce_sum(out), tf.trainable_variables())


def _name_scoped_call(tf):
    # (tf.gradients called in a name scope: nmt/gradients/...)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")
    with tf.name_scope("nmt"):
        h = tf.while_loop(lambda i, h: i < 3,
                          lambda i, h: (i + 1, tf.tanh(tf.matmul(h, w)) * h),
                          [tf.constant(0), x])[1]
        return tf.gradients(tf.reduce_sum(h), w)


def _unread_loop_var(tf):
    # (a float loop variable the next iteration does not read and no gradient reaches, as
    # an AttentionWrapper's alignments: TF's frame has its exit's zeros Enter only)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def body(i, h, a):
        h2 = tf.tanh(tf.matmul(h, w))
        return i + 1, h2, h2 * 2.0
    h = tf.while_loop(lambda i, h, a: i < 3, body, [tf.constant(0), x, tf.zeros_like(x)])[1]
    return tf.gradients(tf.reduce_sum(h), w)


def _par1_pops(tf):
    # (parallel_iterations=1: TF's pops wait for no b_sync)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def body(i, h):
        return i + 1, tf.cond(i > 0, lambda: tf.tanh(tf.matmul(h, w)), lambda: tf.sin(h))
    h = tf.while_loop(lambda i, h: i < 3, body, [tf.constant(0), x],
                      parallel_iterations=1)[1]
    return tf.gradients(tf.reduce_sum(h), w)


def _nested_unknown_cond(tf):
    # (an unknown-shape capture read by a cond in a nested loop: the Switch's zeros of a
    # stack of its shape entered frame by frame, and the inner loop's accumulator of it
    # starting from zeros of a shape the outer loop pushes)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def inner(j, h):
        y = tf.cond(j < 1, lambda: x, lambda: tf.tanh(x))
        return j + 1, h + tf.reduce_sum(tf.matmul(y, w))

    def body(i, h):
        return i + 1, tf.while_loop(lambda j, h: j < 2, inner, [tf.constant(0), h])[1]
    h = tf.while_loop(lambda i, h: i < 2, body, [tf.constant(0), tf.constant(0.5)])[1]
    return tf.gradients(h, [w, x])


def _nested_unknown_acc(tf):
    # (a nested loop's accumulator of an unknown-shape capture from outside both loops;
    # TF names an inner loop's Enters of it right after the outer loop's)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def inner(j, h):
        return j + 1, h + tf.reduce_sum(tf.matmul(x, w))

    def body(i, h):
        return i + 1, tf.while_loop(lambda j, h: j < 2, inner, [tf.constant(0), h])[1]
    h = tf.while_loop(lambda i, h: i < 2, body, [tf.constant(0), tf.constant(0.5)])[1]
    return tf.gradients(h, [w, x])


def _nested_body_acc(tf):
    # (the accumulator of an outer body value of unknown shape; the outer frame's gradient
    # of the Cast no result needs is built in the frame, its forward value pushed)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def body(i, h):
        y = tf.tanh(x) * tf.cast(i + 1, tf.float32)

        def inner(j, h):
            return j + 1, h + tf.reduce_sum(tf.matmul(y, w))
        return i + 1, tf.while_loop(lambda j, h: j < 2, inner, [tf.constant(0), h])[1]
    h = tf.while_loop(lambda i, h: i < 2, body, [tf.constant(0), tf.constant(0.5)])[1]
    return tf.gradients(h, [w, x])


def _nested_loop_var_acc(tf):
    # (the accumulator of an outer loop variable of unknown shape)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def body(i, h, y):
        def inner(j, h):
            return j + 1, h + tf.reduce_sum(tf.matmul(y, w))
        return i + 1, tf.while_loop(lambda j, h: j < 2, inner, [tf.constant(0), h])[1], \
            tf.tanh(y)
    h = tf.while_loop(lambda i, h, y: i < 2, body, [tf.constant(0), tf.constant(0.5), x])[1]
    return tf.gradients(h, [w, x])


def _unknown_shape_dead_only(tf):
    # (the only pushes in the loop's conds are the unknown-shape zeros' shape stack: the
    # frame's f_sync is made with it, in the gradients scope)
    x = tf.placeholder(tf.float32, [None, 2], name="xn2")
    w = tf.placeholder(tf.float32, [2, 2], name="w22")

    def body(i, h):
        return i + 1, tf.matmul(tf.cond(i < 1, lambda: x, lambda: h), w)
    h = tf.while_loop(lambda i, h: i < 3, body, [tf.constant(0), tf.zeros([3, 2])],
                      shape_invariants=[tf.TensorShape([]), tf.TensorShape([None, 2])])[1]
    return tf.gradients(tf.reduce_sum(h), [w, x])


def _gate_add(tf):
    # gate_gradients on a branch's Add of equal shapes in a loop body: TF's tuple of the
    # gradient twice, each input's Merge reading its own
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0, lambda: y + w, lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), [x, w], gate_gradients=True)


def _monotonic_attention(tf):
    # (psched) an AttentionWrapper's recursive monotonic attention: a scan loop in the rnn
    # loop's body (its arrays' handles on one stack per TensorArrayGradV3 and frame, its
    # unused exit's zeros a Const of the outer gradient frame, the body's unread Consts
    # waiting for its pivot)
    mem = tf.placeholder(tf.float32, [3, 5, 4], name="mem")
    x = tf.placeholder(tf.float32, [3, 4, 3], name="x343")
    m = tf.contrib.seq2seq.LuongMonotonicAttention(
        6, mem, memory_sequence_length=tf.constant([5, 3, 4]), scale=True, mode="recursive")
    cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(6), m,
                                               output_attention=True, alignment_history=True)
    out, _ = tf.nn.dynamic_rnn(cell, x, initial_state=cell.zero_state(3, tf.float32),
                               dtype=tf.float32, parallel_iterations=1)
    return tf.gradients(tf.reduce_sum(out ** 2), tf.trainable_variables())


def _nested_dead_const(tf):
    # (psched) a body holding a loop and a constant nothing reads: TF's ^while/Identity
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        tf.constant(3.0, name="unused")
        z = tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, z * 1.5),
                          [tf.constant(0), y])[1]
        return i + 1, z + 1.0
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_unused_exit(tf):
    # (psched) an inner loop's exit nothing reads: TF's ZerosLikeForExit in the outer
    # gradient frame, gradients/zeros_<k> of its known shape
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        _, z, _w = tf.while_loop(lambda j, z, w: j < 2,
                                 lambda j, z, w: (j + 1, z * 1.5, w + z),
                                 [tf.constant(0), y, tf.zeros([2])])
        return i + 1, z
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_array_read(tf):
    # (psched) an array unstacked in the outer body and read in the inner loop: TF's
    # TensorArrayGradV3 of the read pushes the scatter's flow, and the scatter's gradient
    # array its own stack of the handle
    x = tf.placeholder(tf.float32, [2, 3], name="x23")

    def body(i, y):
        ta = tf.TensorArray(tf.float32, size=2).unstack(y)
        z = tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, z + ta.read(j)),
                          [tf.constant(0), tf.zeros([3])])[1]
        return i + 1, y * tf.reduce_sum(z)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _map_rnn(tf):
    # (psched) a 2-layer dynamic_rnn in map_fn's body (ckpt/lowered_model.py's
    # map_rnn_grad): the nested frame enters no capture it does not read (the biases'
    # accumulators start from Consts), its arrays' stacks and unused exits' zeros as TF's
    x = tf.placeholder(tf.float32, [3], name="x3")
    xs = tf.reshape(tf.tile(x, [8]), [2, 4, 3])
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(3) for _ in range(2)])

    def f(seq):
        o, _ = tf.nn.dynamic_rnn(cell, seq[None], dtype=tf.float32)
        return o[0]
    out = tf.map_fn(f, xs)
    return tf.gradients(tf.reduce_sum(out * out), [x] + tf.trainable_variables())


def _scheduled_embedding(tf):
    # (psched) ScheduledEmbeddingTrainingHelper: the embedding gather in a cond of the
    # decoder loop, its gradient an IndexedSlices: TF's cond gradient merges its indices,
    # values and dense shape (three Merges, the dead side's zeros as slices: Shape,
    # strided_slice, range) and its loop gradient sums them in three accumulators
    # (AddBackpropIndexedSlicesAccumulator: ConcatV2s and a Maximum)
    emb = tf.get_variable("emb", [7, 3])
    inputs = tf.placeholder(tf.float32, [2, 4, 3], name="inp")
    helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(inputs, [4, 3], emb, 0.5)
    cell = tf.nn.rnn_cell.GRUCell(4)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(7))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=5)
    return tf.gradients(tf.reduce_sum(out.rnn_output), tf.trainable_variables())


def _gather_capture(tf):
    # (psched2) tf.gather of a captured variable in a loop body: its IndexedSlices gradient
    # summed across iterations by AddBackpropIndexedSlicesAccumulator (b_acc Const of one
    # zero row, Const indices, Const_1 dense shape; Enters, Merges, Switches, two ConcatV2s,
    # a Maximum, NextIterations, Exits)
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        return i + 1, acc + tf.gather(params, i)
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _gather_capture_dense(tf):
    # (psched2) the same with a dense reader of the variable outside the loop:
    # _AggregateIndexedSlicesGradients (the dense gradient made slices: Shape, strided_slice,
    # range; ConcatV2s of values and indices)
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        return i + 1, acc + tf.gather(params, i)
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(params * 2.0), params)


def _gather_capture_unknown(tf):
    # (psched2) a captured placeholder of a shape not fully known: the values' first zero
    # row made of its Shape (Shape, strided_slice, concat, zeros)
    params = tf.placeholder(tf.float32, [None, 3], name="p")

    def body(i, acc):
        return i + 1, acc + tf.gather(params, i) * 2.0
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _gather_capture_cond(tf):
    # (psched2) the gather in one branch of a cond in the loop body, the other branch
    # reading a loop variable: the slices merged part by part with the dead side's zeros
    # made slices (Merge, Merge_1, Merge_2), the loop variable's Switch gradient after them
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        r = tf.cond(acc[0] > 0.5, lambda: tf.gather(params, i), lambda: acc * 2.0)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.ones([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _gather_capture_and_dense(tf):
    # (psched2) a gathered capture, then a dense one: the dense accumulator's Exit after
    # the slices' three outputs (WhileGrad's outputs: indices, values, dense shape, then
    # the dense gradient)
    params = tf.get_variable("params", [5, 3])
    w = tf.get_variable("w", [3])

    def body(i, acc):
        return i + 1, acc + tf.gather(params, i) * w
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), [params, w])


def _gather_capture_both(tf):
    # (plistcap) the same capture gathered in both branches of a cond in the loop body:
    # TF merges each Switch's slices with the dead side's zeros made slices (two sets of
    # Merge, Merge_1, Merge_2) and sums them at the capture's Enter in the frame
    # (gradients/concat, concat_1: _AggregateIndexedSlicesGradients); the false branch's
    # unused gradient of the constant (mul_grad/Mul_1) pushes the gathered rows
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        r = tf.cond(acc[0] > 0.5, lambda: tf.gather(params, i),
                    lambda: tf.gather(params, i + 1) * 2.0)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _gather_capture_both_terms(tf):
    # (plistcap) both branches gather, a dense capture beside them, and a dense gradient of
    # the variable outside the loop: the frame's concats are numbered before the call's
    # own (gradients/concat_2, concat_3 after the loop)
    params = tf.get_variable("params", [5, 3])
    w = tf.get_variable("w", [3])

    def body(i, acc):
        r = tf.cond(tf.equal(i % 2, 0), lambda: tf.gather(params, i) * w,
                    lambda: tf.gather(params, i + 1) + acc)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.ones([3])])[1]
    return tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(params * 2.0), [params, w])


def _gather_capture_both_unknown(tf):
    # (plistcap) a captured placeholder of shape [None, 3] gathered in both branches: each
    # Switch's zeros are a Fill of the shape the forward frame pushes (ZeroShape), made
    # slices (Shape, strided_slice, range of the Fill)
    params = tf.placeholder(tf.float32, [None, 3], name="pp")

    def body(i, acc):
        r = tf.cond(acc[0] > 0.5, lambda: tf.gather(params, i),
                    lambda: tf.gather(params, i + 1) * 2.0)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _dead_branch_read(tf):
    # (plistcap) a branch's gradient of a constant (mul_grad/Mul_1, needed by no result)
    # reading a value the forward branch makes: TF pushes it in the cond's context and
    # pops it in the gradient frame all the same
    params = tf.get_variable("params", [3])

    def body(i, acc):
        r = tf.cond(acc[0] > 0.5, lambda: acc * 3.0, lambda: tf.sin(params) * 2.0)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _gather_capture_unknown_rank(tf):
    # (plistcap) a gather of a captured placeholder of unknown rank: the accumulator's
    # dense shape starts as zeros_like(Shape(pp)) (its shape not fully known), its values
    # as zeros of [1] + Shape(pp)[1:]
    params = tf.placeholder(tf.float32, None, name="pp")

    def body(i, acc):
        return i + 1, acc + tf.reshape(tf.gather(params, i), [3])
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _nested_gather_capture(tf):
    # (plistcap) a gather in a loop nested in a loop: the inner frame's IndexedSlices
    # accumulator (its Consts on the outer frame's pivot), summed by the outer one (values
    # zeros of [1] + Shape(params)[1:], dense shape zeros_like(Shape(params)))
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        def ibody(j, a):
            return j + 1, a + tf.gather(params, j)
        a2 = tf.while_loop(lambda j, a: j < 2, ibody, [tf.constant(0), acc])[1]
        return i + 1, a2
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _nested_gather_dense_terms(tf):
    # (plistcap) the same with a dense capture beside it, an inner trip count read from
    # the outer loop and a dense gradient of the variable outside the loops
    params = tf.get_variable("params", [5, 3])
    w = tf.get_variable("w", [3])

    def body(i, acc):
        def ibody(j, a):
            return j + 1, a + tf.gather(params, i + j) * w
        a2 = tf.while_loop(lambda j, a: j < i, ibody, [tf.constant(0), acc])[1]
        return i + 1, a2
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(params * 2.0), [params, w])


def _cond_zeros_after_nested_loop(tf):
    # (plistcap; the train golden nested's numbering) a loop over map_fn's result whose
    # body cond reads a value of shape [None, 3]: TF makes the cond's zeros (Fills of the
    # popped shapes) before the map_fn's nested loop's zero Const of its unused loop
    # variable, so they are gradients/zeros, zeros_1 and that Const zeros_2
    x = tf.placeholder(tf.float32, [None, 4, 3], name="x")

    def per_row(s):
        return tf.while_loop(lambda j, a, u: j < 4,
                             lambda j, a, u: (j + 1, a + s[j], u * 2.0),
                             [0, tf.zeros([3]), tf.ones([3])])[1]
    h = tf.map_fn(per_row, x)

    def body(i, a):
        return i + 1, tf.cond(tf.equal(i % 2, 0), lambda: a * 2.0, lambda: tf.sin(a))
    z = tf.while_loop(lambda i, a: i < 3, body, [0, h])[1]
    return tf.gradients(tf.reduce_sum(z), x)


def _nested_capture_shape(tf):
    # (pnest7; the train golden nested's) the inner loop adds the outer loop's variable
    # (shape [None, 2]) to its own: the gradient's Shape of it is moved into the inner
    # forward frame (reading its Enter, waiting for its pivot) and pushed there; the outer
    # frame pushes nothing for it
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    v = tf.Variable([0.5, -0.3], name="v")

    def body(i, a):
        inner = tf.while_loop(lambda j, b: j < i + 1,
                              lambda j, b: (j + 1, tf.tanh(b * v + a)), [0, a])[1]
        return i + 1, inner
    z = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x, v])


def _nested_capture_shape_body(tf):
    # (pnest7) the same of an outer body value and of a placeholder outside both loops
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    v = tf.Variable([0.5, -0.3], name="v")

    def body(i, a):
        c = a * 2.0
        inner = tf.while_loop(lambda j, b: j < 2,
                              lambda j, b: (j + 1, tf.tanh(b * v + c) + x), [0, a])[1]
        return i + 1, inner
    z = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x, v])


def _nested_gather_in_cond(tf):
    # (pnest7; plistcap's n3) a gather in a cond in a loop nested in a loop: the inner
    # frame's IndexedSlices accumulator's values are of a shape not fully known, so TF
    # starts them from zeros of [1] + Shape(params)[1:]: the Shape of the outer frame's
    # Enter of params, pushed by the outer forward frame, popped and sliced in the outer
    # gradient frame (its stack named after the strided_slice)
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        def ibody(j, a):
            r = tf.cond(a[0] > 0.5, lambda: tf.gather(params, j), lambda: a * 0.5)
            return j + 1, a + r
        a2 = tf.while_loop(lambda j, a: j < 2, ibody, [tf.constant(0), acc])[1]
        return i + 1, a2
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.ones([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _nested_gather_in_cond_terms(tf):
    # (pnest7) the same with a dense capture in the branch, an inner trip count read from
    # the outer loop and a dense gradient of params outside the loops
    params = tf.get_variable("params", [5, 3])
    w = tf.get_variable("w", [3])

    def body(i, acc):
        def ibody(j, a):
            r = tf.cond(a[0] > 0.5, lambda: tf.gather(params, j) * w, lambda: a * 0.5)
            return j + 1, a + r
        a2 = tf.while_loop(lambda j, a: j < i + 1, ibody, [tf.constant(0), acc])[1]
        return i + 1, a2
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.ones([3])])[1]
    return tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(params * 2.0), [params, w])


def _three_nested_loops(tf):
    # (pnest3; pnest7's s3) a loop in a loop in a loop, the innermost reading the middle
    # loop's variable and the outer loop's (shape [None, 2]): the innermost frame's
    # accumulators start from zeros of their Shape, made in the middle forward frame
    # (a middle frame's Enter of the outer value waits for the middle pivot), pushed
    # there and popped in the middle gradient frame
    x = tf.placeholder(tf.float32, [None, 2], name="x")

    def body(i, a):
        def mbody(k, m):
            inner = tf.while_loop(lambda j, b: j < 2,
                                  lambda j, b: (j + 1, tf.tanh(b + m * a)), [0, m])[1]
            return k + 1, inner
        return i + 1, tf.while_loop(lambda k, m: k < 2, mbody, [0, a])[1]
    z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x])


def _three_nested_loops_body(tf):
    # (pnest3) the same of an outer body value, a middle body value and a placeholder
    # outside the loops (the innermost reads them all)
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.placeholder(tf.float32, [None, 2], name="w")

    def body(i, a):
        a2 = a * 1.5

        def mbody(k, m):
            m3 = m * 3.0
            inner = tf.while_loop(lambda j, b: j < 2,
                                  lambda j, b: (j + 1, tf.tanh(b * m3 + a2 * w)), [0, m])[1]
            return k + 1, inner
        return i + 1, tf.while_loop(lambda k, m: k < 2, mbody, [0, a])[1]
    z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x, w])


def _logsumexp_in_branch(tf):
    # (pnest3; pprobe4's crf_log_norm) reduce_logsumexp in a branch: its StopGradient's
    # output has two gradients, which TF sums (gradients/AddN) and reads no further; the
    # sum is made when TF's walk reaches the StopGradient
    x = tf.placeholder(tf.float32, [None, 5], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.reduce_logsumexp(x, [1]), lambda: tf.reduce_sum(x, [1]))
    return tf.gradients(tf.reduce_sum(y), [x])


def _stop_gradient_summed_in_branch(tf):
    # (pnest3) the same of a StopGradient read twice in a branch
    x = tf.placeholder(tf.float32, [None, 5], name="x")
    p = tf.placeholder(tf.bool, [], name="p")

    def t():
        s = tf.stop_gradient(tf.sin(x))
        return tf.exp(x - s) + s * 2.0
    y = tf.cond(p, t, lambda: x * 3.0)
    return tf.gradients(tf.reduce_sum(y), [x])


def _gather_capture_nested_conds(tf):
    # (plistcap) the capture gathered in both branches of a cond nested in one branch of
    # a cond in the loop, and in the outer cond's other branch: three Switches' slices
    # Merges, summed at the capture's Enter
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        r = tf.cond(tf.equal(i % 2, 0),
                    lambda: tf.cond(acc[0] > 0.5, lambda: tf.gather(params, i),
                                    lambda: tf.gather(params, i + 1)),
                    lambda: tf.gather(params, i + 2) * 2.0)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


def _gather_capture_both_twice(tf):
    # (plistcap) two gathers of the capture in one branch (their slices concatenated in
    # the branch, the Switch's gradient), one in the other reading a loop variable
    params = tf.get_variable("params", [5, 3])

    def body(i, acc):
        r = tf.cond(tf.equal(i % 2, 0),
                    lambda: tf.gather(params, i) + tf.gather(params, i + 1),
                    lambda: tf.gather(params, i + 2) * acc)
        return i + 1, acc + r
    y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([3])])[1]
    return tf.gradients(tf.reduce_sum(y), params)


CALLS = [("while/body_cond", _body_cond), ("while/nested_cond", _nested_cond),
         ("while/nested_cond_both", _nested_cond_both),
         ("while/nested_cond_false", _nested_cond_false),
         ("while/nested_cond_loop_pred", _nested_cond_loop_pred),
         ("while/nested_cond_inner_value", _nested_cond_inner_value),
         ("while/nested_cond_deep", _nested_cond_deep),
         ("while/nested_cond_unknown", _nested_cond_unknown),
         ("while/branch_value_shape", _branch_value_shape),
         ("while/nested_cond_branch_value_shape", _nested_cond_branch_value_shape),
         ("while/outside_tensor", _outside_tensor), ("while/outside_pred", _outside_pred),
         ("while/tensor_array", _tensor_array),
         ("while/tensor_array_read", _tensor_array_read),
         ("raw_rnn", _raw_rnn), ("raw_rnn/state_cond", _raw_rnn_state_cond),
         ("while/minimize", _minimize), ("while/minimize_adam", _minimize_adam),
         ("block/dropout_bn", _dropout_block), ("block/dropout", _dropout_block_gradients),
         ("block/adam_bn", _adam_block), ("block/contrib_bn", _contrib_bn_block),
         ("block/cond", _cond_block),
         ("while/unknown_shape_capture", _unknown_shape_capture),
         ("while/unknown_shape_both", _unknown_shape_both),
         ("while/training_helper_unknown_batch", _training_helper_unknown_batch),
         ("while/seq_len_rnn", _seq_len_rnn), ("while/name_scoped_call", _name_scoped_call),
         ("while/unread_loop_var", _unread_loop_var), ("while/par1_pops", _par1_pops),
         ("while/nested_unknown_cond", _nested_unknown_cond),
         ("while/nested_unknown_acc", _nested_unknown_acc),
         ("while/nested_body_acc", _nested_body_acc),
         ("while/nested_loop_var_acc", _nested_loop_var_acc),
         ("while/unknown_shape_dead_only", _unknown_shape_dead_only),
         ("while/gate_add", _gate_add),
         ("while/monotonic_attention", _monotonic_attention),
         ("while/nested_dead_const", _nested_dead_const),
         ("while/nested_unused_exit", _nested_unused_exit),
         ("while/nested_array_read", _nested_array_read),
         ("while/scheduled_embedding", _scheduled_embedding),
         ("while/map_rnn", _map_rnn),
         ("while/gather_capture", _gather_capture),
         ("while/gather_capture_dense", _gather_capture_dense),
         ("while/gather_capture_unknown", _gather_capture_unknown),
         ("while/gather_capture_cond", _gather_capture_cond),
         ("while/gather_capture_and_dense", _gather_capture_and_dense),
         ("while/gather_capture_both", _gather_capture_both),
         ("while/gather_capture_both_terms", _gather_capture_both_terms),
         ("while/gather_capture_both_unknown", _gather_capture_both_unknown),
         ("while/dead_branch_read", _dead_branch_read),
         ("while/gather_capture_unknown_rank", _gather_capture_unknown_rank),
         ("while/nested_gather_capture", _nested_gather_capture),
         ("while/nested_gather_dense_terms", _nested_gather_dense_terms),
         ("while/cond_zeros_after_nested_loop", _cond_zeros_after_nested_loop),
         ("while/gather_capture_nested_conds", _gather_capture_nested_conds),
         ("while/gather_capture_both_twice", _gather_capture_both_twice),
         ("while/nested_capture_shape", _nested_capture_shape),
         ("while/nested_capture_shape_body", _nested_capture_shape_body),
         ("while/nested_gather_in_cond", _nested_gather_in_cond),
         ("while/nested_gather_in_cond_terms", _nested_gather_in_cond_terms),
         ("while/three_nested_loops", _three_nested_loops),
         ("while/three_nested_loops_body", _three_nested_loops_body),
         ("cond/logsumexp_in_branch", _logsumexp_in_branch),
         ("cond/stop_gradient_summed_in_branch", _stop_gradient_summed_in_branch)]



# more calls whose op counter alone is compared (test_pcondgd2.test_op_count_equals_tf)
def _c_ta_read_both(tf):
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    ta = tf.TensorArray(tf.float32, size=4).unstack(x)

    def body(i, y):
        nxt = tf.cond(y[0] > 0.0, lambda: ta.read(i) * y, lambda: ta.read(3 - i) + y)
        return i + 1, nxt
    y = tf.while_loop(lambda i, y: i < 4, body, [tf.constant(0), tf.ones([2])])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_ta_write_one(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y, ta):
        y2, ta2 = tf.cond(i > 1, lambda: (y * x, ta.write(i, y * x)), lambda: (y, ta.write(i, y)))
        return i + 1, y2, ta2
    _, _, ta = tf.while_loop(lambda i, y, ta: i < 3, body,
                             [tf.constant(0), x, tf.TensorArray(tf.float32, size=3)])
    return tf.gradients(tf.reduce_sum(ta.stack()), x)


def _c_two_arrays(tf):
    x = tf.placeholder(tf.float32, [3, 2], name="x32")
    a = tf.TensorArray(tf.float32, size=3).unstack(x)
    b = tf.TensorArray(tf.float32, size=3).unstack(x * 2.0)

    def body(i, y):
        return i + 1, y + tf.cond(i > 0, lambda: a.read(i) * b.read(i), lambda: b.read(i))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.zeros([2])])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_nested_ta(tf):
    x = tf.placeholder(tf.float32, [3, 2], name="x32")
    q = tf.placeholder(tf.bool, [], name="q")
    ta = tf.TensorArray(tf.float32, size=3).unstack(x)

    def body(i, y):
        v = tf.cond(i > 0, lambda: tf.cond(q, lambda: ta.read(i) * y, lambda: y),
                    lambda: ta.read(0))
        return i + 1, v
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.ones([2])])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_raw_rnn_lstm(tf):
    x = tf.placeholder(tf.float32, (4, 2, 3), name="x")
    inputs_ta = tf.TensorArray(tf.float32, size=4).unstack(x)
    cell = tf.nn.rnn_cell.BasicLSTMCell(3)

    def loop_fn(time, cell_output, cell_state, loop_state):
        state = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
        finished = time >= 4
        inp = tf.cond(finished, lambda: tf.zeros((2, 3)),
                      lambda: inputs_ta.read(tf.minimum(time, 3)))
        return finished, inp, state, cell_output, None
    outs, state, _ = tf.nn.raw_rnn(cell, loop_fn)
    return tf.train.AdamOptimizer(0.01).minimize(tf.reduce_sum(outs.stack()) +
                                                 tf.reduce_sum(state.h))


def _c_inner_loop_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def inner(j, z):
        return j + 1, tf.cond(z > 2.0, lambda: z * x, lambda: z + 1.0)

    def body(i, y):
        return i + 1, tf.while_loop(lambda j, z: j < 2, inner, [0, y])[1]
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _c_dropout_minimize(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x23")
    training = tf.placeholder(tf.bool, [], name="training")
    w = tf.get_variable("w", [3, 3], initializer=tf.ones_initializer())

    def body(i, y):
        return i + 1, tf.layers.dropout(tf.matmul(y, w), rate=0.5, training=training, seed=1)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _c_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None], name="xn")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0, lambda: y * x, lambda: tf.sin(y))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_map_fn(tf):
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    w = tf.placeholder(tf.float32, [2], name="w2")
    y = tf.map_fn(lambda r: tf.cond(r[0] > 0, lambda: r * w, lambda: tf.exp(r)), x)
    return tf.gradients(tf.reduce_sum(y), [x, w])


def _c_case(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, y):
        return i + 1, tf.case([(tf.equal(i, 0), lambda: y * x), (tf.equal(i, 1), lambda: y + x)],
                              default=lambda: y - x)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _c_body_array(tf):
    # an array made in the body, read twice (in both branches of a cond)
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        ta = tf.TensorArray(tf.float32, size=2).write(0, y * x).write(1, y + x)
        v = tf.cond(y[0] > 0.0, lambda: ta.read(0) * ta.read(1), lambda: ta.read(1))
        return i + 1, v
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_outer_array(tf):
    # an array made in the outer body, read twice in the inner loop's cond
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        ta = tf.TensorArray(tf.float32, size=2).unstack(tf.stack([y, y * x]))

        def inner(j, z):
            return j + 1, tf.cond(z[0] > 0.0, lambda: z * ta.read(0), lambda: z + ta.read(1))
        return i + 1, tf.while_loop(lambda j, z: j < 2, inner, [0, y])[1]
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_plain_two_reads(tf):
    # no cond: two reads of an array made outside the loop
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    ta = tf.TensorArray(tf.float32, size=4).unstack(x)

    def body(i, y):
        return i + 1, y * ta.read(i) + ta.read(3 - i)
    y = tf.while_loop(lambda i, y: i < 4, body, [tf.constant(0), tf.ones([2])])[1]
    return tf.gradients(tf.reduce_sum(y), x)



def _c_gather_branch(tf):
    e = tf.get_variable("e", [5, 2], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [3], name="ids")

    def body(i, y):
        return i + 1, tf.cond(i > 0, lambda: y + tf.reduce_sum(tf.gather(e, ids), 0),
                              lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.zeros([2])])[1]
    return tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(y))


def _c_int_out(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y, k):
        y2, k2 = tf.cond(k > 1, lambda: (y * x, k - 1), lambda: (y + x, k + 2))
        return i + 1, y2, k2
    y = tf.while_loop(lambda i, y, k: i < 3, body, [tf.constant(0), x, tf.constant(0)])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_unused_out(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y, z):
        a, b = tf.cond(tf.reduce_sum(y) > 0, lambda: (y * x, tf.exp(y)), lambda: (y, y * 3.0))
        return i + 1, a, b
    y = tf.while_loop(lambda i, y, z: i < 3, body, [tf.constant(0), x, x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_two_xs(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")
    w = tf.placeholder(tf.float32, [2], name="w2")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0, lambda: tf.tanh(y * w), lambda: y - x)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), [x, w])


def _c_nested_loops_conds(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def inner(j, z):
        return j + 1, tf.cond(z > 1.0, lambda: z * x, lambda: z + x)

    def body(i, y):
        y = tf.cond(y > 0.5, lambda: tf.while_loop(lambda j, z: j < 2, inner, [0, y])[1],
                    lambda: y * 2.0)
        return i + 1, y
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _c_dropout_adam(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x23")
    training = tf.placeholder(tf.bool, [], name="training")
    w = tf.get_variable("w", [3, 3], initializer=tf.ones_initializer())

    def body(i, y):
        h = tf.layers.dropout(tf.matmul(y, w), rate=0.5, training=training, seed=1)
        return i + 1, tf.cond(training, lambda: tf.nn.relu(h), lambda: h)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(y))


def _c_loop_in_cond_in_loop(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, y):
        def inner():   # (the loop in the cond's true branch)
            return tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, z * x), [0, y])[1]
        return i + 1, tf.cond(y > 0.5, inner, lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _c_cond_in_inner_loop(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def inner(j, z):
        return j + 1, tf.cond(z > 1.0, lambda: z * x, lambda: z + x)

    def body(i, y):
        return i + 1, tf.while_loop(lambda j, z: j < 2, inner, [0, y])[1]
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _c_cond_in_loop_in_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def inner(j, z):
        return j + 1, tf.cond(z > 1.0, lambda: z * x, lambda: z + x)
    y = tf.cond(x > 0.5, lambda: tf.while_loop(lambda j, z: j < 2, inner, [0, x])[1],
                lambda: x * 2.0)
    return tf.gradients(y, x)



def _c_par1(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0, lambda: tf.sin(y) * x, lambda: y * y)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x], parallel_iterations=1)[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_scan_cond(tf):
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    w = tf.placeholder(tf.float32, [2], name="w2")
    y = tf.scan(lambda a, r: tf.cond(r[0] > 0, lambda: a * w + r, lambda: a - r), x,
                initializer=tf.ones([2]))
    return tf.gradients(tf.reduce_sum(y), [x, w])


def _c_stop_grad(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0, lambda: tf.stop_gradient(y) * x,
                              lambda: y * x)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_gather_both(tf):
    e = tf.get_variable("e", [5, 2], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [3], name="ids")

    def body(i, y):
        return i + 1, tf.cond(i > 0, lambda: y + tf.reduce_sum(tf.gather(e, ids), 0),
                              lambda: y - tf.reduce_sum(tf.gather(e, ids + 1), 0))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.zeros([2])])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _c_matmul_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="xn3")
    w = tf.get_variable("w", [3, 3], initializer=tf.ones_initializer())

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0, lambda: tf.matmul(y, w),
                              lambda: tf.nn.relu(y))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(y))


def _c_cond_on_loopvar_bool(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, f, y):
        return i + 1, tf.logical_not(f), tf.cond(f, lambda: y * x, lambda: tf.square(y))
    y = tf.while_loop(lambda i, f, y: i < 4, body, [tf.constant(0), tf.constant(True), x])[2]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_two_conds_same_pred(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")
    p = tf.placeholder(tf.bool, [], name="p")

    def body(i, y):
        a = tf.cond(p, lambda: y * x, lambda: y)
        return i + 1, tf.cond(p, lambda: tf.exp(a), lambda: a * 2.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_greedy_decode(tf):
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    cell = tf.nn.rnn_cell.GRUCell(4)
    helper = tf.contrib.seq2seq.GreedyEmbeddingHelper(emb, tf.fill([2], 1), 2)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(6))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=3)
    return tf.train.AdamOptimizer(0.01).minimize(tf.reduce_sum(out.rnn_output))


def _c_training_decode(tf):
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [2, 3], name="ids")
    cell = tf.nn.rnn_cell.LSTMCell(4)
    helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, ids), [3, 2])
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(6))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec)
    return tf.train.AdamOptimizer(0.01).minimize(tf.reduce_sum(out.rnn_output))


def _c_sched_decode(tf):
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [2, 3], name="ids")
    cell = tf.nn.rnn_cell.GRUCell(4)
    helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(
        tf.nn.embedding_lookup(emb, ids), [3, 2], emb, 0.5, seed=3)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(6))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec)
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(out.rnn_output))


def _c_sample_cond(tf):
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    x = tf.placeholder(tf.float32, [2, 4], name="x24")
    ids = tf.placeholder(tf.int32, [2], name="ids")

    def body(i, y):
        def maybe():
            where = tf.cast(tf.where(ids > -1), tf.int32)
            s = tf.gather_nd(ids, where)
            return tf.scatter_nd(where, tf.nn.embedding_lookup(emb, s), tf.shape(y))
        return i + 1, y + tf.cond(i > 5, lambda: y, maybe)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _c_sample_cond_nd(tf):
    x = tf.placeholder(tf.float32, [2, 4], name="x24")
    ids = tf.placeholder(tf.int32, [2], name="ids")

    def body(i, y):
        def maybe():
            where = tf.cast(tf.where(ids > -1), tf.int32)
            return tf.scatter_nd(where, tf.gather_nd(y, where), tf.shape(y))
        return i + 1, y + tf.cond(i > 5, lambda: y, maybe)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _c_emb_cond(tf):
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    x = tf.placeholder(tf.float32, [2, 4], name="x24")
    ids = tf.placeholder(tf.int32, [None], name="idn")

    def body(i, y):
        return i + 1, y + tf.cond(
            i > 5, lambda: y, lambda: tf.reduce_sum(tf.nn.embedding_lookup(emb, ids)) * y)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))

def _slices_merge_grad(tf):
    # (an IndexedSlices gradient of a cond's output: TF's Merge gradient switches its
    # values, indices and dense shape)
    x = tf.placeholder(tf.float32, [5, 2], name="x52")
    p = tf.placeholder(tf.bool, [], name="p")
    ids = tf.placeholder(tf.int32, [3], name="ids")
    y = tf.cond(p, lambda: x * 2.0, lambda: tf.sin(x))
    return tf.gradients(tf.reduce_sum(tf.gather(y, ids)), x)


def _slices_merge_grad_gated(tf):
    x = tf.placeholder(tf.float32, [5, 2], name="x52")
    p = tf.placeholder(tf.bool, [], name="p")
    ids = tf.placeholder(tf.int32, [3], name="ids")
    y = tf.cond(p, lambda: x * 2.0, lambda: tf.sin(x))
    return tf.gradients(tf.reduce_sum(tf.gather(y, ids)), x, gate_gradients=True)


def _slices_merge_grad_loop(tf):
    x = tf.placeholder(tf.float32, [5, 2], name="x52")
    ids = tf.placeholder(tf.int32, [3], name="ids")

    def body(i, a):
        y = tf.cond(i > 0, lambda: a * 2.0, lambda: tf.sin(a))
        return i + 1, a + tf.scatter_nd(tf.reshape(ids, [3, 1]), tf.gather(y, ids), [5, 2])
    a = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(a), x)


def _inner_loop(tf, x, y, fn=None):
    """A tf.while_loop of y (two steps of z * x, or of fn)."""
    return tf.while_loop(lambda j, z: j < 2, fn or (lambda j, z: (j + 1, z * x)), [0, y])[1]


def _loop_in_two_conds_in_loop(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, y):
        return i + 1, tf.cond(y > 0.5, lambda: tf.cond(y > 1.0, lambda: _inner_loop(tf, x, y),
                                                        lambda: y + 1.0), lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _loop_in_cond_in_loop_minimize(tf):
    w = tf.get_variable("w", [], initializer=tf.ones_initializer())

    def body(i, y):
        return i + 1, tf.cond(y > 0.5, lambda: _inner_loop(tf, w, y), lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), w * 1.0])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(y)


def _loop_in_false_branch(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    step = lambda j, z: (j + 1, tf.sin(z) * x)   # noqa: E731

    def body(i, y):
        return i + 1, tf.cond(y > 0.5, lambda: y * 2.0, lambda: _inner_loop(tf, x, y, step))
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _loops_conds_three_deep(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def mid(k, u):
        return k + 1, tf.cond(u > 0.5, lambda: _inner_loop(tf, x, u), lambda: u * 2.0)

    def body(i, y):
        return i + 1, tf.while_loop(lambda k, u: k < 2, mid, [0, y])[1]
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _loop_in_cond_par1(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0.5, lambda: _inner_loop(tf, x, y),
                              lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x], parallel_iterations=1)[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _cond_loop_in_two_conds(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def step(j, z):
        return j + 1, tf.cond(z > 1.0, lambda: tf.sin(z) * x, lambda: z + x)

    def body(i, y):
        return i + 1, tf.cond(y > 0.5, lambda: tf.cond(
            y > 1.0, lambda: _inner_loop(tf, x, y, step), lambda: y + 1.0), lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _loop_nest_in_cond(tf):
    # (the loops in a cond outside every loop: each stack's handle switched into it)
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    step = lambda j, z: (j + 1, tf.sin(z) * x)   # noqa: E731

    def body(i, y):
        return i + 1, tf.cond(y > 0.5, lambda: _inner_loop(tf, x, y, step), lambda: y * 2.0)
    y = tf.cond(p, lambda: tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1],
                lambda: x)
    return tf.gradients(y, x)


def _loops_in_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    step = lambda j, z: (j + 1, tf.sin(z) * x)   # noqa: E731

    def body(i, y):
        return i + 1, _inner_loop(tf, x, y, step)
    y = tf.cond(p, lambda: tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1],
                lambda: x)
    return tf.gradients(y, x)


def _cond_loop_in_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")

    def body(i, y):
        return i + 1, tf.cond(y > 0.5, lambda: tf.sin(y) * x, lambda: y * 2.0)
    y = tf.cond(p, lambda: tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1],
                lambda: x)
    return tf.gradients(y, x)


def _gather_both_adam(tf):
    e = tf.get_variable("e", [5, 2], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [3], name="ids")

    def body(i, y):
        return i + 1, tf.cond(i > 0, lambda: y + tf.reduce_sum(tf.gather(e, ids), 0),
                              lambda: y - tf.reduce_sum(tf.gather(e, ids + 1), 0))
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.zeros([2])])[1]
    return tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(y))


def _gather_loop_var_both(tf):
    # (a loop variable gathered in both branches: its slices densified at NextIteration)
    x = tf.placeholder(tf.float32, [5, 2], name="x52")
    ids = tf.placeholder(tf.int32, [3], name="ids")

    def body(i, a):
        y = tf.cond(i > 0, lambda: tf.gather(a, ids), lambda: tf.gather(a * 2.0, ids + 1))
        return i + 1, a + tf.reduce_sum(y)
    a = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(a), x)


def _loop_in_cond_outside_pred(tf):
    # (the cond's predicate from outside the loop: the inner count's pop switches on it
    # entered, not stacked, and so does the cond's gradient)
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    step = lambda j, z: (j + 1, tf.sin(z) * x)   # noqa: E731

    def body(i, y):
        return i + 1, tf.cond(p, lambda: _inner_loop(tf, x, y, step), lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _loop_in_cond_reads_body(tf):
    # (the inner loop reads a value of the enclosing body: its Switch into the cond stacked)
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, y):
        s = tf.sin(y)
        return i + 1, tf.cond(y > 0.5, lambda: _inner_loop(tf, s, y), lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _map_fn_in_cond_in_loop(tf):
    x = tf.placeholder(tf.float32, [3], name="x3")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0.5, lambda: tf.map_fn(lambda t: t * t, y),
                              lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _loop_in_cond_adam(tf):
    # (w read in both loops: the outer frame's Enter of w serves the inner frame's)
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    x = tf.placeholder(tf.float32, [2], name="x2")
    step = lambda j, z: (j + 1, tf.tanh(z * w))   # noqa: E731

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0.5, lambda: _inner_loop(tf, w, y, step),
                              lambda: y * w)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(y))


def _gather_in_loop_in_cond_in_loop(tf):
    # (the inner accumulator's dense shape has no static shape: so has the cond's Merge)
    e = tf.get_variable("e", [5, 2], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [3], name="ids")
    step = lambda j, z: (j + 1, z + tf.reduce_sum(tf.gather(e, ids), 0))   # noqa: E731

    def body(i, y):
        return i + 1, tf.cond(i > 0, lambda: _inner_loop(tf, None, y, step), lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.zeros([2])])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _sched_decode_lstm_adam(tf):
    emb = tf.get_variable("emb", [6, 4], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, [2, 3], name="ids")
    cell = tf.nn.rnn_cell.LSTMCell(4)
    helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(
        tf.nn.embedding_lookup(emb, ids), [3, 2], emb, 0.5, seed=3)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32),
                                          output_layer=tf.layers.Dense(6))
    out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=4)
    return tf.train.AdamOptimizer(0.01).minimize(tf.reduce_sum(out.rnn_output))


def _sample_cond_nd_gated(tf):
    x = tf.placeholder(tf.float32, [2, 4], name="x24")
    ids = tf.placeholder(tf.int32, [2], name="ids")

    def body(i, y):
        def maybe():
            where = tf.cast(tf.where(ids > -1), tf.int32)
            return tf.scatter_nd(where, tf.gather_nd(y, where), tf.shape(y))
        return i + 1, y + tf.cond(i > 5, lambda: y, maybe)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x, gate_gradients=True)


def _loop_in_cond_outside_pred_deep(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    step = lambda j, z: (j + 1, tf.sin(z) * x)   # noqa: E731

    def mid(k, u):
        return k + 1, tf.cond(p, lambda: _inner_loop(tf, x, u, step), lambda: u * 2.0)

    def body(i, y):
        return i + 1, tf.while_loop(lambda k, u: k < 2, mid, [0, y])[1]
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _loops_in_both_branches(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, y):
        other = lambda: tf.while_loop(   # noqa: E731
            lambda j, z: j < 3, lambda j, z: (j + 1, tf.sin(z) + x), [0, y])[1]
        return i + 1, tf.cond(y > 0.5, lambda: _inner_loop(tf, x, y), other)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(y, x)


def _gather_both_dense_terms(tf):
    x = tf.placeholder(tf.float32, [5, 2], name="x52")
    ids = tf.placeholder(tf.int32, [3], name="ids")

    def body(i, a):
        y = tf.cond(i > 0, lambda: tf.gather(a, ids), lambda: tf.gather(a * 2.0, ids + 1))
        return i + 1, a * a + tf.sin(a) + tf.reduce_sum(y)
    a = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(a), x)


def _gather_both_summed(tf):
    # (outside loops: the cond's two Switches' slices and a dense term, one concat in TF)
    x = tf.placeholder(tf.float32, [5, 2], name="x52")
    p = tf.placeholder(tf.bool, [], name="p")
    ids = tf.placeholder(tf.int32, [3], name="ids")
    y = tf.cond(p, lambda: tf.gather(x, ids), lambda: tf.gather(x * 2.0, ids + 1))
    return tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(x * x), x)


def _loop_in_cond_gated(tf):
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0.5, lambda: _inner_loop(tf, x, y),
                              lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x, gate_gradients=True)


def _gather_loop_in_cond(tf, ids_shape, other_gathers):
    """A variable gathered in a loop in a cond's true branch of a loop body (and in its
    false branch), under minimize."""
    e = tf.get_variable("e", [5, 2], initializer=tf.ones_initializer())
    ids = tf.placeholder(tf.int32, ids_shape, name="idn")
    step = lambda j, z: (j + 1, z + tf.reduce_sum(tf.gather(e, ids), 0))   # noqa: E731

    def body(i, y):
        other = (lambda: y + tf.reduce_sum(tf.gather(e, ids), 0)) if other_gathers else \
            (lambda: y * 2.0)
        return i + 1, tf.cond(i > 0, lambda: _inner_loop(tf, None, y, step), other)
    y = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.zeros([2])])[1]
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _gather_loop_in_cond_known_both(tf):
    # (the concat's dense shape is the other branch's, known)
    return _gather_loop_in_cond(tf, [3], True)


def _gather_loop_in_cond_unknown_both(tf):
    return _gather_loop_in_cond(tf, [None], True)


def _gather_loop_in_cond_unknown(tf):
    # (the inner accumulator's zeros: a Shape of e's Switch into the cond, stacked)
    return _gather_loop_in_cond(tf, [None], False)


def _unknown_capture_loop_in_cond(tf):
    # (the inner accumulator's zeros: a Shape of x's Switch into the cond, stacked)
    x = tf.placeholder(tf.float32, [None], name="xn")

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 0.5, lambda: _inner_loop(tf, x, y),
                              lambda: y * 2.0)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _unknown_capture_nested_loops(tf):
    # (the inner accumulator's zeros: a Shape of x made in the outer frame, stacked)
    x = tf.placeholder(tf.float32, [None], name="xn")

    def body(i, y):
        return i + 1, _inner_loop(tf, x, y)
    y = tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(y), x)


def _unknown_capture_loops_in_cond(tf):
    # (the Shape's stack switched into the cond holding the loops, as the count's)
    x = tf.placeholder(tf.float32, [None], name="xn")
    p = tf.placeholder(tf.bool, [], name="p")

    def body(i, y):
        return i + 1, _inner_loop(tf, x, y)
    y = tf.cond(p, lambda: tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1],
                lambda: x)
    return tf.gradients(tf.reduce_sum(y), x)


COUNT_CALLS = [("ta_read_both", _c_ta_read_both), ("ta_write_one", _c_ta_write_one),
               ("two_arrays", _c_two_arrays), ("nested_ta", _c_nested_ta),
               ("raw_rnn_lstm", _c_raw_rnn_lstm), ("inner_loop_cond", _c_inner_loop_cond),
               ("dropout_minimize", _c_dropout_minimize), ("unknown_shape", _c_unknown_shape),
               ("map_fn", _c_map_fn), ("case", _c_case), ("body_array", _c_body_array),
               ("outer_array", _c_outer_array), ("plain_two_reads", _c_plain_two_reads),
               ("gather_branch", _c_gather_branch), ("int_out", _c_int_out),
               ("unused_out", _c_unused_out), ("two_xs", _c_two_xs),
               ("nested_loops_conds", _c_nested_loops_conds), ("dropout_adam", _c_dropout_adam),
               ("loop_in_cond_in_loop", _c_loop_in_cond_in_loop),
               ("cond_in_inner_loop", _c_cond_in_inner_loop),
               ("cond_in_loop_in_cond", _c_cond_in_loop_in_cond), ("par1", _c_par1),
               ("scan_cond", _c_scan_cond), ("stop_grad", _c_stop_grad),
               ("gather_both", _c_gather_both), ("matmul_shapes", _c_matmul_shapes),
               ("cond_on_loopvar_bool", _c_cond_on_loopvar_bool),
               ("two_conds_same_pred", _c_two_conds_same_pred),
               ("greedy_decode", _c_greedy_decode), ("training_decode", _c_training_decode),
               ("sched_decode", _c_sched_decode), ("sample_cond", _c_sample_cond),
               ("sample_cond_nd", _c_sample_cond_nd), ("emb_cond", _c_emb_cond),
               ("slices_merge_grad", _slices_merge_grad),
               ("slices_merge_grad_gated", _slices_merge_grad_gated),
               ("slices_merge_grad_loop", _slices_merge_grad_loop),
               ("loop_in_two_conds_in_loop", _loop_in_two_conds_in_loop),
               ("loop_in_cond_in_loop_minimize", _loop_in_cond_in_loop_minimize),
               ("loop_in_false_branch", _loop_in_false_branch),
               ("loops_conds_three_deep", _loops_conds_three_deep),
               ("loop_in_cond_par1", _loop_in_cond_par1),
               ("cond_loop_in_two_conds", _cond_loop_in_two_conds),
               ("loop_nest_in_cond", _loop_nest_in_cond), ("loops_in_cond", _loops_in_cond),
               ("cond_loop_in_cond", _cond_loop_in_cond),
               ("gather_both_adam", _gather_both_adam),
               ("gather_loop_var_both", _gather_loop_var_both),
               ("loop_in_cond_outside_pred", _loop_in_cond_outside_pred),
               ("loop_in_cond_reads_body", _loop_in_cond_reads_body),
               ("map_fn_in_cond_in_loop", _map_fn_in_cond_in_loop),
               ("loop_in_cond_adam", _loop_in_cond_adam),
               ("gather_in_loop_in_cond_in_loop", _gather_in_loop_in_cond_in_loop),
               ("sched_decode_lstm_adam", _sched_decode_lstm_adam),
               ("sample_cond_nd_gated", _sample_cond_nd_gated),
               ("loop_in_cond_outside_pred_deep", _loop_in_cond_outside_pred_deep),
               ("loops_in_both_branches", _loops_in_both_branches),
               ("gather_both_dense_terms", _gather_both_dense_terms),
               ("gather_both_summed", _gather_both_summed),
               ("loop_in_cond_gated", _loop_in_cond_gated),
               ("gather_loop_in_cond_known_both", _gather_loop_in_cond_known_both),
               ("gather_loop_in_cond_unknown_both", _gather_loop_in_cond_unknown_both),
               ("gather_loop_in_cond_unknown", _gather_loop_in_cond_unknown),
               ("unknown_capture_loop_in_cond", _unknown_capture_loop_in_cond),
               ("unknown_capture_nested_loops", _unknown_capture_nested_loops),
               ("unknown_capture_loops_in_cond", _unknown_capture_loops_in_cond)]

describe = gen_pcondgd.describe


def count(tf, fn):
    """The graph's op counter after `fn` (TF's _last_id: the seed2 of a graph-seeded random
    op made next)."""
    g = tf.Graph()
    with g.as_default():
        fn(tf)
    return g._last_id


def cases(tf):
    out = dict((name, describe(tf, fn)) for name, fn in CALLS)
    out["counts"] = dict((name, count(tf, fn)) for name, fn in CALLS + COUNT_CALLS)
    return out
