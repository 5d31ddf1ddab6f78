"""TF 1.14's loops built inside a control_dependencies block (WhileContext._AddOpInternal:
each control input from outside the frame of an op made in it, e.g. the block's on an
input-less Const, is replaced by an Identity of its first output made in the loop, whose
input enters the frame through an Enter, one per value and loop): tf.while_loop (plain,
reading and assigning a variable, nested, in a cond, with control_dependencies(None) in
its body), map_fn, scan, dynamic_rnn (GRU, LSTM) and their gradients (tf.gradients,
minimize with GradientDescent and Adam) in the block or after it, a block of several
control inputs with a no-output NoOp / group; a body's own control_dependencies on an op
made before the loop (which runs once, before it); maximum_iterations, a TensorArray,
seq2seq's dynamic_decode, a bidirectional RNN trained with Adam; a loop gradient in a block
of a group and an op, an LSTM with sequence lengths trained in a block (its Select
gradients' zeros_like), tf.zeros / ones / zeros_like Consts in a body. Per call: the op
counter after it, a graph-seeded random number made after it (its seed2 is that counter),
get_operations()' (name, type), the GraphDef's (name, op, inputs) and the values of two
runs."""
import re

import numpy as np


def _var_block(tf):
    v = tf.Variable(1.0, name="v")
    return v, tf.assign_add(v, 1.0)


def _plain(tf):
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        r = tf.while_loop(lambda i: i < 5, lambda i: i + 1, [tf.constant(0)])
    return [r, v]


def _outside_init(tf):
    v = tf.Variable(1.0, name="v")
    i0 = tf.constant(0)
    x = tf.constant(2.0)
    a = tf.assign_add(v, 1.0)
    with tf.control_dependencies([a]):
        r = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * x + 1.0),
                          [i0, tf.constant(1.0)])
    return list(r)


def _variable_body(tf):
    v, a = _var_block(tf)
    w = tf.Variable(0.5, name="w")

    def body(i, s):
        up = tf.assign_add(w, 0.25)
        with tf.control_dependencies([up]):
            return i + 1, s + v.read_value() * 2.0   # (w's reads would race in TF)
    with tf.control_dependencies([a]):
        r = tf.while_loop(lambda i, s: i < 3, body, [tf.constant(0), tf.constant(0.0)])
    return list(r) + [v, w]


def _map_fn(tf):
    v, a = _var_block(tf)
    x = tf.constant([[1., 2.], [3., 4.]])
    with tf.control_dependencies([a]):
        r = tf.map_fn(lambda e: e * 2.0 + v, x)
    return [r]


def _scan(tf):
    v, a = _var_block(tf)
    x = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
    with tf.control_dependencies([a]):
        r = tf.scan(lambda acc, e: acc * 0.5 + e * v, x)
    return [r]


def _several(tf):
    v, a = _var_block(tf)
    b = tf.assign_add(v, 10.0)
    x = tf.constant([1., 2., 3.])
    with tf.control_dependencies([a, tf.no_op(name="nothing"), b, tf.group(a, b)]):
        r = tf.scan(lambda acc, e: acc + e, x)
    return [r]


def _none_inside(tf):
    v, a = _var_block(tf)

    def body(i):
        with tf.control_dependencies(None):
            c = tf.constant(2)
        return i + c + 1
    with tf.control_dependencies([a]):
        r = tf.while_loop(lambda i: i < 9, body, [tf.constant(0)])
    return [r]


def _none_random(tf):
    v, a = _var_block(tf)
    p = tf.placeholder_with_default(True, [], name="p")

    def body(i, s):
        with tf.control_dependencies(None):   # (outside the loop: one number for all)
            r = tf.random_uniform([], seed=3)
        return i + 1, s + r
    with tf.control_dependencies([a]):
        r1 = tf.while_loop(lambda i, s: i < 3, body, [tf.constant(0), tf.constant(0.0)])
    c = tf.cond(p, lambda: r1[1] * 2.0, lambda: tf.zeros([]))
    return [r1[1], c]


def _nested(tf):
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        def body(i, s):
            j = tf.while_loop(lambda k: k < 3, lambda k: k + 1, [tf.constant(0)])
            return i + 1, s + tf.cast(j, tf.float32) * v
        r = tf.while_loop(lambda i, s: i < 4, body, [tf.constant(0), tf.constant(0.)])
    return list(r)


def _in_cond(tf):
    v, a = _var_block(tf)
    p = tf.placeholder_with_default(True, [], name="p")
    with tf.control_dependencies([a]):
        r = tf.cond(p, lambda: tf.while_loop(lambda i: i < 5, lambda i: i + 2,
                                             [tf.constant(0)]),
                    lambda: tf.constant(7))
    return [r]


def _cond_in_block(tf):
    v, a = _var_block(tf)
    x = tf.placeholder_with_default(3.0, [], name="x")
    with tf.control_dependencies([a]):
        r = tf.cond(x > 1.0, lambda: tf.constant(1.0) + x, lambda: x * v)
    return [r]


def _loop2(tf):
    x = tf.constant(2.0)
    return x, tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x),
                            [tf.constant(0), tf.constant(1.0)])


def _grad_in(tf):
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        x, r = _loop2(tf)
        g = tf.gradients(r[1], x)
    return [r[1]] + g


def _grad_out(tf):
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        x, r = _loop2(tf)
    g = tf.gradients(r[1], x)
    return [r[1]] + g


def _grad_after(tf):
    v, a = _var_block(tf)
    x, r = _loop2(tf)
    with tf.control_dependencies([a]):
        g = tf.gradients(r[1], x)
    return [r[1]] + g


def _rnn(tf, cell, opt=None):
    x = tf.random_normal([2, 3, 4])
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        out, _ = tf.nn.dynamic_rnn(cell(tf), x, dtype=tf.float32)
        loss = tf.reduce_sum(out * out)
        if opt is None:
            return [out]
        step = opt(tf).minimize(loss)
    return [loss, step]


def _gru(tf):
    return _rnn(tf, lambda tf: tf.nn.rnn_cell.GRUCell(5))


def _lstm(tf):
    return _rnn(tf, lambda tf: tf.nn.rnn_cell.LSTMCell(5))


def _gru_sgd(tf):
    return _rnn(tf, lambda tf: tf.nn.rnn_cell.GRUCell(5),
                lambda tf: tf.train.GradientDescentOptimizer(0.1))


def _lstm_adam(tf):
    return _rnn(tf, lambda tf: tf.nn.rnn_cell.LSTMCell(5),
                lambda tf: tf.train.AdamOptimizer(0.1))


def _gru_adam_update_ops(tf):
    x = tf.random_normal([2, 3, 4])
    v, a = _var_block(tf)
    tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, a)
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(5), x, dtype=tf.float32)
    loss = tf.reduce_mean(out)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        step = tf.train.AdamOptimizer(0.05).minimize(loss)
    return [loss, step, v]


def _body_block(tf):
    v = tf.Variable(1.0, name="v")
    b = tf.assign_add(v, 2.0)

    def body(i, s):
        with tf.control_dependencies([b]):
            return i + 1, s + tf.identity(v)
    r = tf.while_loop(lambda i, s: i < 3, body, [tf.constant(0), tf.constant(0.0)])
    return [r[1], v]


def _body_block_in_block(tf):
    v, a = _var_block(tf)
    b = tf.assign_add(v, 2.0)

    def body(i, s):
        with tf.control_dependencies([b]):
            return i + 1, s + 1.0
    with tf.control_dependencies([a]):
        r = tf.while_loop(lambda i, s: i < 3, body, [tf.constant(0), tf.constant(0.0)])
    return [r[1], v]


def _max_iterations(tf):
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        r = tf.while_loop(lambda i, s: i < 50, lambda i, s: (i + 1, s * 1.5),
                          (tf.constant(0), tf.constant(1.0)), maximum_iterations=4)
    return [r[1]]


def _tensor_array(tf):
    v, a = _var_block(tf)
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2))
    with tf.control_dependencies([a]):
        ta = tf.TensorArray(tf.float32, 3)
        r = tf.while_loop(lambda i, ta: i < 3, lambda i, ta: (i + 1, ta.write(i, x[i] * v)),
                          [tf.constant(0), ta])
        out = r[1].stack()
    return [out]


def _scan_grad(tf):
    x = tf.constant([1., 2., 3.])
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        r = tf.scan(lambda acc, e: acc * e + 1.0, x)
        g = tf.gradients(tf.reduce_sum(r), x)
    return [r] + g


def _decode(tf):
    v, a = _var_block(tf)
    x = tf.random_normal([2, 4, 3])
    with tf.control_dependencies([a]):
        cell = tf.nn.rnn_cell.GRUCell(3)
        helper = tf.contrib.seq2seq.TrainingHelper(x, tf.constant([4, 3]))
        dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32))
        out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec)
    return [out.rnn_output]


def _bidi_adam(tf):
    x = tf.random_normal([2, 3, 4])
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        (o1, o2), _ = tf.nn.bidirectional_dynamic_rnn(
            tf.nn.rnn_cell.LSTMCell(3), tf.nn.rnn_cell.GRUCell(3), x, dtype=tf.float32)
        loss = tf.reduce_sum(o1) + tf.reduce_sum(o2)
        step = tf.train.AdamOptimizer(0.1).minimize(loss)
    return [loss, step]


def _group_grad(tf):
    v, a = _var_block(tf)
    gp = tf.group(a, tf.no_op(name="nop"))
    x = tf.constant(2.0)
    with tf.control_dependencies([gp, a]):
        x2, r = _loop2(tf)
        g = tf.gradients(r[1], [x2])
    return [r[1]] + g


def _lengths_sgd(tf):
    x = tf.random_normal([2, 4, 3])
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(5), x, sequence_length=[4, 2],
                                   dtype=tf.float32)
        loss = tf.reduce_sum(out)
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return [loss, step]


def _body_consts(tf):
    v, a = _var_block(tf)
    with tf.control_dependencies([a]):
        def body(i, y):
            return i + 1, (y + tf.zeros_like(y) + tf.ones([2]) + tf.zeros([2]) +
                           tf.ones_like(y) + tf.constant([1.0, 2.0], name="c"))
        r = tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), tf.constant([1., 2.])])
    return [r[1]]


CALLS = [("plain", _plain), ("outside_init", _outside_init),
         ("variable_body", _variable_body), ("map_fn", _map_fn), ("scan", _scan),
         ("several", _several), ("none_inside", _none_inside),
         ("none_random", _none_random), ("nested", _nested),
         ("in_cond", _in_cond), ("cond_in_block", _cond_in_block), ("grad_in", _grad_in),
         ("grad_out", _grad_out), ("grad_after", _grad_after), ("gru", _gru),
         ("lstm", _lstm), ("gru_sgd", _gru_sgd), ("lstm_adam", _lstm_adam),
         ("gru_adam_update_ops", _gru_adam_update_ops), ("body_block", _body_block),
         ("body_block_in_block", _body_block_in_block), ("max_iterations", _max_iterations),
         ("tensor_array", _tensor_array), ("scan_grad", _scan_grad), ("decode", _decode),
         ("bidi_adam", _bidi_adam), ("group_grad", _group_grad),
         ("lengths_sgd", _lengths_sgd), ("body_consts", _body_consts)]


# Calls whose Identities of several block control inputs TF makes in the order of a set of
# ops (WhileContext._AddOpInternal: `set(op.control_inputs) - set(internal)`, by the ops'
# addresses, which change run to run): their ops and nodes are compared sorted, the Enters
# those Identities read written "*" (where read too) and their inputs listed ("held")
ORDER_FREE = ("several", "body_block_in_block")


def _canonical(ops, nodes):
    enters = set(n[0] for n in nodes if n[1] in ("Enter", "RefEnter") and "/Identity" in n[0])
    held = sorted(n[2][0] for n in nodes if n[0] in enters)

    def plain(x):   # (which Identity gets _1 is the set's order too)
        return re.sub(r"/Identity_\d+", "/Identity", x)

    def star(x):
        return "*" if x.lstrip("^") in enters else plain(x)
    out = [[plain(n[0]), n[1], ["*"] if n[0] in enters else sorted(star(x) for x in n[2])]
           for n in nodes]
    return sorted([plain(o[0]), o[1]] for o in ops), sorted(out), held


def _value(v):
    return None if v is None else np.asarray(v).tolist()


def describe(tf, build):
    """{"count", "seeded", "ops", "nodes", "values"} of one call."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(7)
        fetches = build(tf)
        count = g._last_id
        noise = tf.random_uniform([2], name="noise")
        ops = [[o.name, o.type] for o in g.get_operations()]
        nodes = [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = [[_value(x) for x in sess.run(fetches)] for _ in range(2)]
            seeded = sess.run(noise).tolist()
    return {"count": count, "seeded": seeded, "ops": ops, "nodes": nodes, "values": values}


def describe_call(tf, name):
    """describe() of call `name` (its nodes _canonical when the order is TF's set's)."""
    out = describe(tf, dict(CALLS)[name])
    if name in ORDER_FREE:
        out["ops"], out["nodes"], out["held"] = _canonical(out["ops"], out["nodes"])
    return out


def cases(tf):
    return dict((name, describe_call(tf, name)) for name, _ in CALLS)
