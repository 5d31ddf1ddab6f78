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


def _cond_block(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    d = tf.placeholder(tf.float32, [], name="d")
    y = tf.cond(x > 0, lambda: x * x, lambda: tf.sin(x))
    with tf.control_dependencies([tf.identity(d, name="dep")]):
        return tf.gradients(y, x)


CALLS = [("while/body_cond", _body_cond), ("while/nested_cond", _nested_cond),
         ("while/outside_tensor", _outside_tensor), ("while/outside_pred", _outside_pred),
         ("while/tensor_array", _tensor_array),
         ("while/tensor_array_read", _tensor_array_read),
         ("raw_rnn", _raw_rnn), ("raw_rnn/state_cond", _raw_rnn_state_cond),
         ("while/minimize", _minimize), ("while/minimize_adam", _minimize_adam),
         ("block/dropout_bn", _dropout_block), ("block/dropout", _dropout_block_gradients),
         ("block/cond", _cond_block)]

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
    out["counts"] = dict((name, count(tf, fn)) for name, fn in CALLS)
    return out
