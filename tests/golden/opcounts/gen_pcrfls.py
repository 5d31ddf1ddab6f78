"""TF 1.14's get_operations() and GraphDef of gradients through loops in a tf.cond's
branch (contrib.crf's crf_log_norm / crf_log_likelihood: a dynamic_rnn under
smart_cond) and of a rule's control input on one output of a nested loop's gradient:
every op's name and type, the details gen_tf_nodes.describe gives of the control-flow
nodes, and every node's inputs (control inputs as "^name") of the GraphDef, and the
graph's op counter after each call (tests/test_pcrfls.py)."""
import gen_pcondgd


def _crf_log_norm(tf):
    # (pnest3's c1) TF's walk enters no masking zeros of the RNN (a Fill made from the
    # input's Shape: no float path from the xs), the unread output array's zero flow
    # gradient is gradients/zeros (the first), reduce_logsumexp's sums in the loop body
    logits = tf.placeholder(tf.float32, [None, None, 5], name="logits")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    trans = tf.get_variable("t", [5, 5])
    y = tf.contrib.crf.crf_log_norm(logits, lens, trans)
    return tf.gradients(tf.reduce_sum(y), [logits, trans])


def _crf_log_norm_logits_only(tf):
    # the same, the transitions not asked for: no accumulator for their capture
    logits = tf.placeholder(tf.float32, [None, None, 5], name="logits")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    trans = tf.get_variable("t", [5, 5])
    y = tf.contrib.crf.crf_log_norm(logits, lens, trans)
    return tf.gradients(tf.reduce_sum(y), [logits])


def _rnn_in_cond(tf):
    # a dynamic_rnn with a sequence_length in a branch, only its input asked for: no
    # accumulator for the cell's kernel and bias, nor for the masking zeros
    x = tf.placeholder(tf.float32, [None, None, 3], name="x")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    p = tf.placeholder(tf.bool, [], name="p")

    def t():
        cell = tf.nn.rnn_cell.BasicRNNCell(3)
        return tf.nn.dynamic_rnn(cell, x, sequence_length=lens, dtype=tf.float32)[1]
    y = tf.cond(p, t, lambda: tf.reduce_sum(x, 1))
    return tf.gradients(tf.reduce_sum(y), [x])


def _rnn_in_cond_all(tf):
    # the same, the cell's variables asked for too
    x = tf.placeholder(tf.float32, [None, None, 3], name="x")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    p = tf.placeholder(tf.bool, [], name="p")

    def t():
        cell = tf.nn.rnn_cell.BasicRNNCell(3)
        return tf.nn.dynamic_rnn(cell, x, sequence_length=lens, dtype=tf.float32)[1]
    y = tf.cond(p, t, lambda: tf.reduce_sum(x, 1))
    return tf.gradients(tf.reduce_sum(y), [x] + tf.trainable_variables())


def _sin_of_nested_capture(tf):
    # (pnest3's s7) _SinGrad's control_dependencies([grad]): grad is the inner loop
    # gradient's sum of the captured sin (its accumulator's Exit), not its first output
    x = tf.placeholder(tf.float32, [None, 2], name="x")

    def body(i, a):
        a2 = tf.sin(a)
        inner = tf.while_loop(lambda j, b: j < 2,
                              lambda j, b: (j + 1, tf.tanh(b * a2)), [0, a])[1]
        return i + 1, inner
    z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x])


def _sin_of_nested_capture_three(tf):
    # (pnest3's s4) the same in three nested loops
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.placeholder(tf.float32, [None, 2], name="w")

    def body(i, a):
        a2 = tf.sin(a)

        def mbody(k, m):
            m3 = m * 3.0
            inner = tf.while_loop(lambda j, b: j < 2,
                                  lambda j, b: (j + 1, tf.tanh(b * m3 + a2 * w)), [0, m])[1]
            return k + 1, inner
        return i + 1, tf.while_loop(lambda k, m: k < 2, mbody, [0, a])[1]
    z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x, w])


def _gather_in_cond_gated(tf):
    # a gather in a branch under gate_gradients: its gradient is one IndexedSlices, which
    # TF's walk does not gate with a tuple
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    idx = tf.placeholder(tf.int32, [None], name="idx")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.get_variable("w", [4, 3])
    h = tf.matmul(x, w)
    y = tf.cond(p, lambda: tf.gather(tf.reshape(h, [-1]), idx) * 2.0,
                lambda: tf.reduce_sum(h, 1))
    return tf.gradients(tf.reduce_sum(y), [w], gate_gradients=True)


def _rnn_in_cond_gated(tf):
    # a dynamic_rnn in a branch under gate_gradients: the input array's scatter gradient
    # is gated with the gradient flow it passes on (TF's [None, None, value, flow])
    x = tf.placeholder(tf.float32, [None, None, 3], name="x")
    lens = tf.placeholder(tf.int32, [None], name="lens")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.get_variable("w", [3, 3])
    xw = tf.tensordot(x, w, 1)

    def t():
        cell = tf.nn.rnn_cell.BasicRNNCell(3)
        return tf.nn.dynamic_rnn(cell, xw, sequence_length=lens, dtype=tf.float32)[1]
    y = tf.cond(p, t, lambda: tf.reduce_sum(xw, 1))
    return tf.gradients(tf.reduce_sum(y), tf.trainable_variables(), gate_gradients=True)


def _unknown_capture_three_loops(tf):
    # (pnest3's s5) a [None, 2] placeholder read by the innermost of three loops: its
    # accumulator's zeros are of its Shape made outside every loop; the middle gradient
    # frame does not enter it
    x = tf.placeholder(tf.float32, [3, 2], name="x")
    v = tf.placeholder(tf.float32, [None, 2], name="v")

    def body(i, a):
        def mbody(k, m):
            inner = tf.while_loop(lambda j, b: j < 2,
                                  lambda j, b: (j + 1, tf.tanh(b + m * a + v)), [0, m])[1]
            return k + 1, inner
        return i + 1, tf.while_loop(lambda k, m: k < 2, mbody, [0, a])[1]
    z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x, v])


def _unknown_capture_two_loops(tf):
    # the same read by the inner of two loops
    x = tf.placeholder(tf.float32, [3, 2], name="x")
    v = tf.placeholder(tf.float32, [None, 2], name="v")

    def body(i, a):
        inner = tf.while_loop(lambda j, b: j < 2,
                              lambda j, b: (j + 1, tf.tanh(b + a * v)), [0, a])[1]
        return i + 1, inner
    z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x * 2.0])[1]
    return tf.gradients(tf.reduce_sum(z), [x, v])


CALLS = [("crf/log_norm", _crf_log_norm),
         ("crf/log_norm_logits_only", _crf_log_norm_logits_only),
         ("cond/rnn_in_cond", _rnn_in_cond),
         ("cond/rnn_in_cond_all", _rnn_in_cond_all),
         ("cond/gather_in_cond_gated", _gather_in_cond_gated),
         ("cond/rnn_in_cond_gated", _rnn_in_cond_gated),
         ("while/sin_of_nested_capture", _sin_of_nested_capture),
         ("while/sin_of_nested_capture_three", _sin_of_nested_capture_three),
         ("while/unknown_capture_three_loops", _unknown_capture_three_loops),
         ("while/unknown_capture_two_loops", _unknown_capture_two_loops)]

describe = gen_pcondgd.describe


def count(tf, fn):
    """The graph's op counter after `fn` (TF's _last_id)."""
    g = tf.Graph()
    with g.as_default():
        fn(tf)
    return g._last_id


def cases(tf):
    out = dict((name, describe(tf, fn)) for name, fn in CALLS)
    out["counts"] = dict((name, count(tf, fn)) for name, fn in CALLS)
    return out
