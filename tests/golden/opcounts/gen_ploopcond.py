"""tf.while_loop inside tf.cond (issue 10): TF 1.14 switches each tensor from outside the
cond that the loop reads into the cond (its initial values when the loop starts, named
under the loop's scope; a tensor only its condition or body reads when an op first reads
it, named under that op: while/mul/Switch, before the loop's Enter of it). Per case the
op count (Graph._last_id), get_operations() (name, type), the GraphDef's nodes (name,
type, inputs with control inputs as "^name") and the values computed
(tests/test_ploopcond.py)."""
import numpy as np

X = np.array([1.5, -0.5], np.float32)


def _loop_in_cond(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    n = tf.constant(3, name="n")
    y = tf.cond(p, lambda: tf.while_loop(lambda i, a: i < n, lambda i, a: (i + 1, a * w),
                                         [0, x])[1], lambda: x)
    return [y], {x: X, p: True}


def _loop_in_cond_false(tf):
    outs, feed = _loop_in_cond(tf)
    feed = dict(feed)
    feed[tf.get_default_graph().get_tensor_by_name("p:0")] = False
    return outs, feed


def _loop_in_cond_variable(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.Variable([1.5, 0.5], name="w")
    y = tf.cond(p, lambda: tf.while_loop(lambda i, a: i < 3,
                                         lambda i, a: (i + 1, tf.tanh(a * w + x)),
                                         [0, x])[1], lambda: x * 2.0)
    return [y], {x: X, p: True}


def _loop_in_each_branch(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    v = tf.constant(0.25, name="v")

    def t():
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, x])[1]

    def f():
        return tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, a + v * w), [0, x])[1]
    return [tf.cond(p, t, f)], {x: X, p: False}


def _loop_in_nested_cond(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    w = tf.constant([1.5, 0.5], name="w")

    def inner():
        return tf.cond(q, lambda: tf.while_loop(lambda i, a: i < 3,
                                                lambda i, a: (i + 1, a * w), [0, x])[1],
                       lambda: x + 1.0)
    return [tf.cond(p, inner, lambda: -x)], {x: X, p: True, q: True}


def _two_readers(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")

    def t():
        h = x * w   # the branch switches w before the loop: the loop's Enter reads that
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w + h),
                             [0, x])[1]
    return [tf.cond(p, t, lambda: x)], {x: X, p: True}


def _loop_in_loop_in_cond(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")

    def body(i, a):
        inner = tf.while_loop(lambda j, b: j < 2, lambda j, b: (j + 1, b * w), [0, a])[1]
        return i + 1, inner
    return [tf.cond(p, lambda: tf.while_loop(lambda i, a: i < 2, body, [0, x])[1],
                    lambda: x)], {x: X, p: True}


def _cond_loop_cond(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")

    def body(i, a):
        return i + 1, tf.cond(tf.reduce_sum(a) > 0, lambda: a * w, lambda: a - w)
    return [tf.cond(p, lambda: tf.while_loop(lambda i, a: i < 3, body, [0, x])[1],
                    lambda: x)], {x: X, p: True}


def _loop_cond_loop(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.constant([1.5, 0.5], name="w")

    def body(i, a):
        b = tf.cond(i > 0, lambda: tf.while_loop(lambda j, c: j < 2,
                                                 lambda j, c: (j + 1, c * w), [0, a])[1],
                    lambda: a + 1.0)
        return i + 1, b
    return [tf.while_loop(lambda i, a: i < 3, body, [0, x])[1]], {x: X}


def _case(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    k = tf.placeholder(tf.int32, [], name="k")
    w = tf.constant([1.5, 0.5], name="w")

    def loop(m):
        return lambda: tf.while_loop(lambda i, a: i < m, lambda i, a: (i + 1, a * w),
                                     [0, x])[1]
    y = tf.case([(tf.equal(k, 0), loop(2)), (tf.equal(k, 1), loop(3))], default=lambda: -x)
    return [y], {x: X, k: 1}


def _map_fn(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    m = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2), name="m")
    y = tf.cond(p, lambda: tf.reduce_sum(tf.map_fn(lambda r: r * w + x, m), 0), lambda: x)
    return [y], {x: X, p: True}


def _dynamic_decode(tf):
    x = tf.placeholder(tf.float32, [2, 3, 2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")

    def t():
        with tf.variable_scope("dec", initializer=tf.constant_initializer(0.25)):
            cell = tf.nn.rnn_cell.BasicRNNCell(2)
            helper = tf.contrib.seq2seq.TrainingHelper(x, tf.fill([2], 3))
            dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(2, tf.float32))
            out = tf.contrib.seq2seq.dynamic_decode(dec)[0].rnn_output
        return tf.reduce_sum(out, 1)
    xs = np.arange(12, dtype=np.float32).reshape(2, 3, 2) / 10.0
    return [tf.cond(p, t, lambda: x[:, 0])], {x: xs, p: True}


def _dynamic_rnn(tf):
    x = tf.placeholder(tf.float32, [2, 3, 2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")

    def t():
        with tf.variable_scope("rnn", initializer=tf.constant_initializer(0.25)):
            out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, dtype=tf.float32)
        return tf.reduce_sum(out, 1)
    xs = np.arange(12, dtype=np.float32).reshape(2, 3, 2) / 10.0
    return [tf.cond(p, t, lambda: x[:, 0])], {x: xs, p: True}


def _body_returns_outside(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    # w is a body result: TF's NextIteration_2 reads its Switch's Enter
    y = tf.cond(p, lambda: tf.while_loop(lambda i, a, b: i < 3,
                                         lambda i, a, b: (i + 1, a * 2.0, w), [0, x, x]),
                lambda: (0, x, x))
    return [y[1], y[2]], {x: X, p: True}


def _condition_outside(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    # the condition is q itself: TF's LoopCond reads its Switch's Enter
    y = tf.cond(p, lambda: tf.while_loop(lambda a: q, lambda a: a * 2.0, [x]), lambda: x)
    return [y], {x: X, p: True, q: False}


def _in_block(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    # made in a control_dependencies block: TF's loop turns the block's control input into
    # an Identity in the frame for each input-less op (while/Less/Identity, ...)
    with tf.control_dependencies([tf.identity(x)]):
        y = tf.cond(p, lambda: tf.while_loop(lambda i, a: i < 3,
                                             lambda i, a: (i + 1, a * w), [0, x])[1],
                    lambda: x)
    return [y], {x: X, p: True}


def _grad(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    y = tf.cond(p, lambda: tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w),
                                         [0, x])[1], lambda: x)
    return tf.gradients(tf.reduce_sum(y), [x, w]), {x: X, p: True}


def _minimize(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.Variable([1.5, 0.5], name="w")
    y = tf.cond(p, lambda: tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w),
                                         [0, x])[1], lambda: x)
    step = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y * y))
    with tf.control_dependencies([step]):
        out = tf.identity(w.read_value())
    return [out], {x: X, p: True}


# the gradient of a loop in a cond's branch (TF's: the loop's frame in the cond's gradient,
# its stacks switched into the cond)
def _grad_false_branch(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    y = tf.cond(p, lambda: x * 3.0,
                lambda: tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.sin(a * w)),
                                      [0, x])[1])
    return tf.gradients(tf.reduce_sum(y), [x, w]), {x: X, p: False}


def _grad_two_readers(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")

    def t():
        h = x * w
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w + h), [0, x])[1]
    return tf.gradients(tf.reduce_sum(tf.cond(p, t, lambda: x)), [x, w]), {x: X, p: True}


def _grad_two_loops(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")

    def t():
        a = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, x])[1]
        return tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, tf.tanh(a)), [0, a])[1]
    return tf.gradients(tf.reduce_sum(tf.cond(p, t, lambda: x * w)), [x, w]), \
        {x: X, p: True}


def _grad_each_branch(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")

    def t():
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, x])[1]

    def f():
        return tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, a * a + w), [0, x])[1]
    y = tf.cond(p, t, f)
    return tf.gradients(tf.reduce_sum(y * y), [x, w]), {x: X, p: False}


def _grad_cond_then_loop(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.5, 0.5], name="w")
    a = tf.cond(p, lambda: x * w, lambda: tf.sin(x))
    y = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, a])[1]
    return tf.gradients(tf.reduce_sum(y), [x, w]), {x: X, p: True}


CALLS = [("loop_in_cond", _loop_in_cond), ("loop_in_cond/false", _loop_in_cond_false),
         ("loop_in_cond/variable", _loop_in_cond_variable),
         ("loop_in_each_branch", _loop_in_each_branch),
         ("loop_in_nested_cond", _loop_in_nested_cond), ("two_readers", _two_readers),
         ("loop_in_loop_in_cond", _loop_in_loop_in_cond),
         ("cond_loop_cond", _cond_loop_cond), ("loop_cond_loop", _loop_cond_loop),
         ("case", _case), ("map_fn", _map_fn), ("dynamic_decode", _dynamic_decode),
         ("dynamic_rnn", _dynamic_rnn), ("body_returns_outside", _body_returns_outside),
         ("condition_outside", _condition_outside), ("in_block", _in_block), ("grad", _grad), ("minimize", _minimize),
         ("grad/false_branch", _grad_false_branch), ("grad/two_readers", _grad_two_readers),
         ("grad/two_loops", _grad_two_loops), ("grad/each_branch", _grad_each_branch),
         ("grad/cond_then_loop", _grad_cond_then_loop)]


def describe(tf, fn):
    """{"count": ops made, "ops": [[name, type]] of get_operations(), "nodes": [[name,
    type, inputs]] of the GraphDef, "values": what the outputs are given the feed}."""
    g = tf.Graph()
    with g.as_default():
        outs, feed = fn(tf)
        count = g._last_id
        ops = [[o.name, o.type] for o in g.get_operations()]
        nodes = [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node]
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            values = s.run(outs, feed)
    return {"count": count, "ops": ops, "nodes": nodes, "values": values}


def cases(tf):
    return dict((name, describe(tf, fn)) for name, fn in CALLS)
