"""Static shapes TF 1.14 gives where flowgrad's differed (helper pshape2).

1. TensorArrays: a handle (TensorArrayV3, TensorArrayGradV3, StackV2) is a 2-vector;
   TensorArrayGatherV3's leading dim is its indices' length where TF's shape function
   concatenates it to a known-rank element shape (the TensorArrayV3's element_shape when
   fully defined or identical_element_shapes, else the gather's attr), merged with
   Python's `[None] + element_shape`; the gradient graph's nodes (TF's form: stacks,
   pushes, Consts, TensorArray gradient reads and gathers) have TF's shapes. Every op of
   the forward and gradient graphs of dynamic_rnn, map_fn, scan and TensorArray calls.
2. tf.cond: TF's refiner evaluates a value read into a branch through its Switch when the
   predicate evaluates (a Const, an Identity or arithmetic of one; not a placeholder,
   nor PlaceholderWithDefault) to that branch; the dead branch, a loop's Enter: unknown.
"""
import numpy as np


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _all_shapes(g):
    return {op.name: [_shape(t) for t in op.outputs] for op in g.get_operations()}


def _rnn(tf, cell, shape, time_major=False):
    x = tf.placeholder(tf.float32, shape)
    outs, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, time_major=time_major)
    loss = tf.reduce_sum(tf.square(outs)) + tf.reduce_sum(tf.sigmoid(outs) * outs)
    tf.gradients(loss, tf.trainable_variables() + [x])


def _graphs(tf):
    def basic_rnn():
        _rnn(tf, tf.nn.rnn_cell.BasicRNNCell(5), [2, 6, 3])

    def basic_rnn_time_major():
        _rnn(tf, tf.nn.rnn_cell.BasicRNNCell(5), [6, 2, 3], time_major=True)

    def gru_batch_unknown():
        _rnn(tf, tf.nn.rnn_cell.GRUCell(4), [None, 5, 3])

    def lstm_all_unknown():
        _rnn(tf, tf.nn.rnn_cell.LSTMCell(4), [None, None, 3])

    def lstm_peepholes_const():
        x = tf.constant(np.ones((3, 4, 2), np.float32))
        outs, st = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True), x,
                                     dtype=tf.float32)
        tf.gradients(tf.reduce_sum(tf.square(outs)) + tf.reduce_sum(st.c),
                     tf.trainable_variables())

    def map_fn():
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.map_fn(lambda r: r * 2.0, x)
        tf.gradients(tf.reduce_sum(y * y), x)

    def scan():
        x = tf.placeholder(tf.float32, [5, 3])
        y = tf.scan(lambda a, r: a + r, x)
        tf.gradients(tf.reduce_sum(y * y), x)

    def scan_product():
        x = tf.placeholder(tf.float32, [5, 3])
        y = tf.scan(lambda a, r: a * r, x)
        tf.gradients(tf.reduce_sum(y * y), x)

    def tensor_array_calls():
        ta = tf.TensorArray(tf.float32, size=4)
        ta = ta.write(0, tf.ones([2, 3])).write(1, tf.ones([2, 3]))
        ta.stack()
        ta.gather([0, 1])
        ta.concat()
        ta.read(1)
        ta.gather(tf.placeholder(tf.int32, [None]))
        tb = tf.TensorArray(tf.float32, size=3, infer_shape=False)
        tb = tb.write(0, tf.ones([2, 3]))
        tb.stack()
        tb.read(0)
        tb.gather([0, 2])
        tc = tf.TensorArray(tf.float32, size=3, element_shape=[None, 3])
        tc.stack()
        tc.read(0)
        tc.gather([0, 2])
        tc.concat()
        td = tf.TensorArray(tf.float32, size=0, dynamic_size=True).unstack(tf.ones([5, 2]))
        td.stack()
        td.read(0)
        te = tf.TensorArray(tf.float32, size=tf.placeholder(tf.int32, []))
        te.unstack(tf.ones([4, 2])).stack()
        tg = tf.TensorArray(tf.float32, size=2, element_shape=[2, 3])
        tg.stack()
        tg.concat()
        tg.gather([1])

    def split_concat_grad():
        x = tf.placeholder(tf.float32, [6, 2])
        ta = tf.TensorArray(tf.float32, size=3).split(x, [1, 2, 3])
        tf.gradients(tf.reduce_sum(ta.concat()) + tf.reduce_sum(ta.read(1)), x)

    def read_in_loop_grad():
        x = tf.placeholder(tf.float32, [4, 3])
        ta = tf.TensorArray(tf.float32, size=4).unstack(x)

        def body(i, acc):
            return i + 1, acc + tf.square(ta.read(i))
        _, acc = tf.while_loop(lambda i, a: i < 4, body, [0, tf.zeros([3])])
        tf.gradients(tf.reduce_sum(acc), x)

    return [("split_concat_grad", split_concat_grad), ("read_in_loop_grad", read_in_loop_grad),
            ("basic_rnn", basic_rnn), ("basic_rnn_time_major", basic_rnn_time_major),
            ("gru_batch_unknown", gru_batch_unknown), ("lstm_all_unknown", lstm_all_unknown),
            ("lstm_peepholes_const", lstm_peepholes_const), ("map_fn", map_fn),
            ("scan", scan), ("scan_product", scan_product), ("tensor_array_calls", tensor_array_calls)]


def _in_branches(tf, pred, fn):
    """fn(s) built in each branch of tf.cond(pred()) for s = [2, 3] made outside: the
    true branch reads s, the false branch s + 1."""
    s = tf.constant([2, 3])
    out = []

    def t():
        out.append(fn(s))
        return tf.constant(0)

    def f():
        out.append(fn(s + 1))
        return tf.constant(1)

    tf.cond(pred(), t, f)
    return [_shape(o) for o in out]


def _nested(tf, outer, inner):
    s = tf.constant([2, 3])
    out = []

    def inner_t():
        out.append(tf.zeros(s * 1))
        return tf.constant(0)

    def outer_t():
        tf.cond(inner(), inner_t, lambda: tf.constant(1))
        out.append(tf.zeros(s + 0))
        return tf.constant(0)

    tf.cond(outer(), outer_t, lambda: tf.constant(1))
    return [_shape(o) for o in out]


def _cond_in_loop(tf):
    s = tf.constant([2, 3])
    out = []

    def body(i):
        def t():
            out.append(tf.zeros(s * 1))
            return tf.constant(0)
        tf.cond(tf.constant(True), t, lambda: tf.constant(1))
        return i + 1

    tf.while_loop(lambda i: i < 2, body, [tf.constant(0)])
    return [_shape(o) for o in out]


def _conds(tf):
    true, false = (lambda: tf.constant(True)), (lambda: tf.constant(False))
    zeros = tf.zeros
    return [
        ("cond_true_zeros", lambda: _in_branches(tf, true, zeros)),
        ("cond_false_zeros", lambda: _in_branches(tf, false, zeros)),
        ("cond_true_arith", lambda: _in_branches(tf, true, lambda s: zeros(s * 1))),
        ("cond_false_arith", lambda: _in_branches(tf, false, lambda s: zeros(s * 1))),
        ("cond_identity_pred", lambda: _in_branches(
            tf, lambda: tf.identity(tf.constant(False)), zeros)),
        ("cond_computed_pred", lambda: _in_branches(
            tf, lambda: tf.less(tf.constant(1), tf.constant(2)), lambda s: zeros(s * 1))),
        ("cond_logical_not_pred", lambda: _in_branches(
            tf, lambda: tf.logical_not(tf.constant(False)), lambda s: zeros(s * 1))),
        ("cond_placeholder_pred", lambda: _in_branches(
            tf, lambda: tf.placeholder(tf.bool, []), lambda s: zeros(s * 1))),
        ("cond_with_default_pred", lambda: _in_branches(
            tf, lambda: tf.placeholder_with_default(True, []), lambda s: zeros(s * 1))),
        ("cond_fill", lambda: _in_branches(
            tf, true, lambda s: tf.fill(tf.stack([s[0], 4]), 1.0))),
        ("cond_one_hot", lambda: _in_branches(tf, false, lambda s: tf.one_hot([0], s[1]))),
        ("cond_range", lambda: _in_branches(tf, true, lambda s: tf.range(s[0]))),
        ("cond_reshape", lambda: _in_branches(
            tf, true, lambda s: tf.reshape(tf.range(tf.reduce_prod(s)), s))),
        ("cond_nested_live", lambda: _nested(tf, true, true)),
        ("cond_nested_inner_dead", lambda: _nested(tf, true, false)),
        ("cond_nested_outer_dead", lambda: _nested(tf, false, true)),
        ("cond_nested_inner_fed", lambda: _nested(
            tf, true, lambda: tf.placeholder(tf.bool, []))),
        ("cond_in_loop", lambda: _cond_in_loop(tf)),
        ("cond_output", lambda: _shape(tf.zeros(tf.cond(
            tf.constant(True), lambda: tf.constant([2, 3]), lambda: tf.constant([4, 5]))))),
    ]


def cases(tf):
    out = {}
    for name, fn in _graphs(tf):
        with tf.Graph().as_default() as g:
            fn()
            out["graph_" + name] = _all_shapes(g)
    for name, fn in _conds(tf):
        with tf.Graph().as_default():
            out[name] = fn()
    return out
