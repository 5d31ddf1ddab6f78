"""TF 1.14's get_operations() and GraphDef of graphs with a tf.cond in a tf.while_loop's
body (a CondContext nested in the WhileContext: the cond's Switch / switch_t / switch_f /
pred_id / Merge and the Switches of the tensors its branches read are in the loop's frame,
a tensor from outside the loop is Entered first, named under the op first reading it):
every op's name and type, the details gen_tf_nodes.describe gives of the control-flow
nodes, and every node's inputs (control inputs as "^name") of the GraphDef
(tests/test_prawgd.py)."""
import gen_pcondgd


def _x(tf):
    return tf.placeholder(tf.float32, [], name="x")


def _body_cond(tf):
    x = _x(tf)
    return tf.while_loop(lambda i, y: i < 3,
                         lambda i, y: (i + 1, tf.cond(y > 1.0, lambda: y * x,
                                                      lambda: y + 2.0)),
                         [tf.constant(0), x])


def _outside_pred(tf):
    # a predicate and a branch result from outside the loop: Entered (the cond's Switch and
    # pred_id, reading only the Enter, wait for the loop's pivot)
    x = _x(tf)
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.placeholder(tf.float32, [], name="w")
    return tf.while_loop(lambda i, y: i < 3,
                         lambda i, y: (i + 1, tf.cond(p, lambda: y * x, lambda: w)),
                         [tf.constant(0), x])


def _entered_before(tf):
    # the body reads x before the cond does: the cond's Switch reads that Enter
    x = _x(tf)

    def body(i, y):
        z = y + x
        return i + 1, tf.cond(z > 1.0, lambda: z * x, lambda: z - x)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _nested_cond(tf):
    x = _x(tf)
    q = tf.placeholder(tf.bool, [], name="q")

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: tf.cond(q, lambda: y * x, lambda: y),
                              lambda: y - 1.0)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _two_conds(tf):
    x = _x(tf)

    def body(i, y):
        a = tf.cond(y > 1.0, lambda: y * x, lambda: y)
        return i + 1, tf.cond(a < 5.0, lambda: a + x, lambda: a * 0.5)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _inner_loop(tf):
    # a cond in an inner loop reading a tensor from outside both loops
    x = _x(tf)

    def inner(j, z):
        return j + 1, tf.cond(z > 2.0, lambda: z * x, lambda: z + 1.0)

    def body(i, y):
        return i + 1, tf.while_loop(lambda j, z: j < 2, inner, [0, y])[1]
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _tensor_array(tf):
    # a cond reading a TensorArray made outside the loop (raw_rnn's loop_fn)
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    ta = tf.TensorArray(tf.float32, size=4).unstack(x)

    def body(i, y):
        nxt = tf.cond(i >= 3, lambda: tf.zeros([2]), lambda: ta.read(i + 1))
        return i + 1, y + nxt
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), ta.read(0)])


def _raw_rnn(tf):
    x = tf.placeholder(tf.float32, (5, 2, 3), name="x")
    inputs_ta = tf.TensorArray(tf.float32, size=5).unstack(x)
    cell = tf.nn.rnn_cell.BasicLSTMCell(4)

    def loop_fn(time, cell_output, cell_state, loop_state):
        state = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
        finished = time >= 5
        inp = tf.cond(finished, lambda: tf.zeros((2, 3)), lambda: inputs_ta.read(time))
        return finished, inp, state, cell_output, None
    return tf.nn.raw_rnn(cell, loop_fn)


def _tuple_out(tf):
    # two results: a loop variable (switched under the cond's scope) and a branch op's
    x = tf.placeholder(tf.float32, [2], name="x2")

    def body(i, a, b):
        a2, b2 = tf.cond(tf.reduce_sum(a) > 1.0, lambda: (a * x, b), lambda: (b, a + 1.0))
        return i + 1, a2, b2
    return tf.while_loop(lambda i, a, b: i < 3, body, [tf.constant(0), x, x * 2.0])


def _map_fn(tf):
    x = tf.placeholder(tf.float32, [4, 2], name="x4")
    w = tf.placeholder(tf.float32, [2], name="w2")
    return tf.map_fn(lambda r: tf.cond(r[0] > 0, lambda: r * w, lambda: -r), x)


def _loop_var_pred(tf):
    x = _x(tf)

    def body(i, f, y):
        return i + 1, tf.logical_not(f), tf.cond(f, lambda: y * x, lambda: y + 1.0)
    return tf.while_loop(lambda i, f, y: i < 4, body, [tf.constant(0), tf.constant(True), x])


def _after_inner_loop(tf):
    # a cond reading an inner loop's result and a tensor the inner loop entered too
    x = _x(tf)

    def body(i, y):
        z = tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, z + x), [0, y])[1]
        return i + 1, tf.cond(z > 3.0, lambda: z - x, lambda: z * 2.0)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _constant_branch(tf):
    x = _x(tf)
    return tf.while_loop(lambda i, y: i < 3,
                         lambda i, y: (i + 1, tf.cond(i > 1, lambda: tf.constant(5.0),
                                                      lambda: y)),
                         [tf.constant(0), x])


def _variable(tf):
    x = tf.placeholder(tf.float32, [2, 2], name="x22")
    w = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())

    def body(i, y):
        return i + 1, tf.cond(tf.reduce_sum(y) > 1.0, lambda: tf.matmul(y, w), lambda: y)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _nested_outside(tf):
    # an inner cond's predicate and a result from outside the loop: Entered, then switched
    # into the outer cond
    x = _x(tf)
    w = tf.placeholder(tf.float32, [], name="w")
    p = tf.placeholder(tf.bool, [], name="p")

    def body(i, y):
        return i + 1, tf.cond(p, lambda: tf.cond(y > 2.0, lambda: w, lambda: y * x),
                              lambda: w + y)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _pred_read_in_body(tf):
    # the body reads the predicate before the cond: the cond's Switch reads that Enter
    x = _x(tf)
    p = tf.placeholder(tf.bool, [], name="p")

    def body(i, y):
        z = tf.where(p, y, y * 2.0)
        return i + 1, tf.cond(p, lambda: z * x, lambda: z)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _dropout(tf):
    x = tf.placeholder(tf.float32, [3], name="x3")
    training = tf.placeholder(tf.bool, [], name="training")

    def body(i, y):
        return i + 1, tf.layers.dropout(y, rate=0.5, training=training, seed=1)
    return tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])


def _assert(tf):
    # tf.assert_positive in the body (its AssertGuard cond), the body's results made under
    # control_dependencies on it: their constants wait for it, not for the loop's pivot
    x = _x(tf)

    def body(i, y):
        with tf.control_dependencies([tf.assert_positive(y)]):
            return i + 1, y * 2.0
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _case(tf):
    x = _x(tf)

    def body(i, y):
        return i + 1, tf.case([(tf.equal(i, 0), lambda: y * x), (tf.equal(i, 1), lambda: y + x)],
                              default=lambda: y - x)
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _resource_variable(tf):
    x = _x(tf)
    v = tf.get_variable("v", [], initializer=tf.ones_initializer(), use_resource=True)

    def body(i, y):
        return i + 1, tf.cond(y > 1.0, lambda: y * v, lambda: y + v.read_value())
    return tf.while_loop(lambda i, y: i < 3, body, [tf.constant(0), x])


def _loop_in_cond(tf):
    # (the reverse nesting: a loop in a cond's branch; its initial values from outside the
    # cond switched in under the loop's scope before its Enters, its own Switches numbered
    # after them, a body op reading one reads that Switch)
    x = _x(tf)
    w = tf.placeholder(tf.float32, [], name="w")
    return tf.cond(x > 1.0, lambda: tf.while_loop(lambda j, z, v: j < 2,
                                                  lambda j, z, v: (j + 1, z * x + v, v),
                                                  [0, x, w])[1],
                   lambda: x + 1.0)


def _loop_in_cond_grad(tf):
    # (the gradient frame's loop variables named after the forward loop's Switches:
    # Switch_3_grad/b_switch, after the cond's two)
    y = _loop_in_cond(tf)
    g = tf.get_default_graph()
    return tf.gradients(y * y, [g.get_tensor_by_name("x:0"), g.get_tensor_by_name("w:0")])


def _body_cond_grad(tf):
    # (the gradient: TF's _MergeGrad / _SwitchGrad in the gradient frame, the predicate and
    # the branch's kept value pushed in the cond's context: tests/test_prawgd.py lists it
    # as still different)
    return tf.gradients(_body_cond(tf)[1], tf.get_default_graph().get_tensor_by_name("x:0"))


def _unreached_var_grad(tf):
    # a float loop variable whose value does not depend on the xs: no gradient loop
    # variable in TF's frame, only its unused exit's zeros entered (Exit_2_grad/b_exit)
    x = tf.placeholder(tf.float32, [2], name="x2")
    _, a, _ = tf.while_loop(lambda i, a, c: i < 3,
                            lambda i, a, c: (i + 1, a * x + c, c * 2.0),
                            [tf.constant(0), x, tf.ones([2])])
    return tf.gradients(tf.reduce_sum(a), x)


CALLS = [("while/body_cond", _body_cond), ("while/outside_pred", _outside_pred),
         ("while/entered_before", _entered_before), ("while/nested_cond", _nested_cond),
         ("while/two_conds", _two_conds), ("while/inner_loop", _inner_loop),
         ("while/tensor_array", _tensor_array), ("raw_rnn", _raw_rnn),
         ("while/tuple_out", _tuple_out), ("map_fn", _map_fn),
         ("while/loop_var_pred", _loop_var_pred), ("while/after_inner_loop", _after_inner_loop),
         ("while/constant_branch", _constant_branch), ("while/variable", _variable),
         ("while/nested_outside", _nested_outside),
         ("while/pred_read_in_body", _pred_read_in_body), ("while/dropout", _dropout),
         ("while/assert", _assert), ("while/case", _case),
         ("while/resource_variable", _resource_variable),
         ("cond/loop_in_cond", _loop_in_cond), ("cond/loop_in_cond_grad", _loop_in_cond_grad),
         ("while/body_cond_grad", _body_cond_grad),
         ("while/unreached_var_grad", _unreached_var_grad)]

describe = gen_pcondgd.describe


def cases(tf):
    return dict((name, describe(tf, fn)) for name, fn in CALLS)
