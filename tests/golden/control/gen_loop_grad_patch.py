"""Loop gradients TF 1.14 builds beyond the body's gradient rules (tests/test_loop_grad_patch.py
runs the same case functions with flowgrad):
- tf.gradients through a tf.while_loop(back_prop=False): None, but gradients() still makes
  the loop's GradLoopState (control_flow_state.py: the forward f_count loop and the gradient
  frame's b_count loop), so later ops' names and graph-seeded random ops depend on it;
- a loop variable the body overwrites without reading: ControlFlowState.PostProcessing
  patches its gradient Merge with a NextIteration of zeros of the exit gradient's Shape
  made outside the frame.
Each case gives the new ops (name, type), sorted, the graph's op count, the GraphDef
nodes (name, op, inputs) of the patch and of the gradient Merges, the values fetched,
and a graph-seeded random op made after the gradient; `vendor` is the
host's (the test sets FLOWGRAD_CPU)."""
import re

import numpy as np
from goldenio import host_vendor

PATCH = re.compile(r"(sc/)?(Const|Shape|zeros|NextIteration)(_[0-9]+)?(/(Const|Enter|Switch))?")

A0 = [[0.9, 0.1], [-0.2, 0.8]]
Y0 = [[0.5, -1.25], [0.75, 0.25], [-0.5, 1.5]]


def _run(tf, build):
    with tf.Graph().as_default() as g:
        tf.set_random_seed(11)
        A = tf.get_variable("A", [2, 2], initializer=tf.constant_initializer(A0))
        n0 = len(g.get_operations())
        fetch = build(tf, A)
        ops = g.get_operations()
        # (the GraphDef nodes of PostProcessing's patch, and the gradient Merges it feeds)
        nodes = sorted((n.name, n.op, list(n.input)) for n in g.as_graph_def().node
                       if PATCH.fullmatch(n.name) or n.name.endswith("_grad/b_switch"))
        r = tf.random_uniform([3])
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            vals = s.run([f for f in fetch if f is not None] + [r])
        return {"ops": sorted((o.name, o.type) for o in ops[n0:]), "count": len(ops),
                "nodes": nodes,
                "none": [f is None for f in fetch], "values": [np.asarray(v) for v in vals]}


def _loop(tf, A, back_prop, name, n=4):
    return tf.while_loop(lambda i, y: i < n, lambda i, y: [i + 1, tf.tanh(tf.matmul(y, A))],
                         [tf.constant(0), tf.constant(Y0)], back_prop=back_prop,
                         name=name)[1]


def _nobp(tf, A):
    y = _loop(tf, A, False, "nb")
    return tf.gradients(tf.reduce_sum(y), A) + [y]


def _nobp_mixed(tf, A):
    # a loss reading a back_prop=False loop and A directly: the loop gives None, A its own
    y = _loop(tf, A, False, "nb")
    loss = tf.reduce_sum(y) + tf.reduce_sum(A * A)
    return tf.gradients(loss, A) + [loss]


def _nobp_twice(tf, A):
    # two gradients() calls, two loops (one back_prop=False): a GradLoopState per call
    y = _loop(tf, A, False, "nb")
    z = _loop(tf, A, True, "bp", 3)
    g1 = tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(z), A)
    g2 = tf.gradients(tf.reduce_sum(y * 2.0), A)
    return g1 + g2


def _overwritten(tf, A):
    # v is overwritten each iteration, never read: its gradient Merge is patched with
    # zeros made outside the frame
    def body(i, y, v):
        y2 = tf.tanh(tf.matmul(y, A))
        return i + 1, y2, y2 * 2.0
    _, y, v = tf.while_loop(lambda i, y, v: i < 3, body,
                            [tf.constant(0), tf.constant(Y0), tf.zeros([3, 2])])
    return tf.gradients(tf.reduce_sum(v) + tf.reduce_sum(y), A) + [v]


def _overwritten_only(tf, A):
    # only the overwritten variable reaches the loss
    def body(i, y, v):
        return i + 1, tf.tanh(tf.matmul(y, A)), tf.sigmoid(tf.matmul(y, A))
    _, y, v = tf.while_loop(lambda i, y, v: i < 3, body,
                            [tf.constant(0), tf.constant(Y0), tf.zeros([3, 2])])
    return tf.gradients(tf.reduce_sum(v * v), A) + [v]


def _overwritten_nested(tf, A):
    # the overwritten variable in a loop nested in a loop body, the gradients() call in a
    # name scope: the patch's Const and NextIteration are named in the caller's scope
    def outer(j, x):
        def body(i, y, v):
            y2 = tf.tanh(tf.matmul(y, A))
            return i + 1, y2, y2 * 2.0
        _, y, v = tf.while_loop(lambda i, y, v: i < 2, body,
                                [tf.constant(0), x, tf.zeros([3, 2])])
        return j + 1, v + y
    _, x = tf.while_loop(lambda j, x: j < 2, outer, [tf.constant(0), tf.constant(Y0)])
    with tf.name_scope("sc"):
        gr = tf.gradients(tf.reduce_sum(x), A)
    return gr + [x, tf.constant(1.0)]


def _overwritten_gated(tf, A):
    # gate_gradients=True (the gradient Merges' tuples)
    def body(i, y, v):
        y2 = tf.tanh(tf.matmul(y, A))
        return i + 1, y2, y2 * 2.0
    _, y, v = tf.while_loop(lambda i, y, v: i < 3, body,
                            [tf.constant(0), tf.constant(Y0), tf.zeros([3, 2])])
    return tf.gradients(tf.reduce_sum(v), A, gate_gradients=True) + [v]


def _overwritten_in_cond(tf, A):
    # the loop in a cond's branch
    p = tf.placeholder_with_default(True, [])

    def body(i, y, v):
        y2 = tf.tanh(tf.matmul(y, A))
        return i + 1, y2, y2 * 2.0

    def branch():
        return tf.while_loop(lambda i, y, v: i < 3, body,
                             [tf.constant(0), tf.constant(Y0), tf.zeros([3, 2])])[2]
    v = tf.cond(p, branch, lambda: tf.zeros([3, 2]))
    return tf.gradients(tf.reduce_sum(v), A) + [v]


def _unknown_loop(tf, A, x, n=3):
    # v's exit gradient's shape is not fully known ([None, 2]): PostProcessing makes
    # Shape(exit gradient), zeros of it outside the frame and their NextIteration/Enter
    def body(i, y, v):
        y2 = tf.tanh(tf.matmul(y, A))
        return i + 1, y2, y2 * 2.0
    return tf.while_loop(lambda i, y, v: i < n, body, [tf.constant(0), x, tf.zeros_like(x)])


def _overwritten_unknown(tf, A):
    x = tf.placeholder_with_default(tf.constant(Y0), [None, 2])
    _, y, v = _unknown_loop(tf, A, x)
    return tf.gradients(tf.reduce_sum(v) + tf.reduce_sum(y), A) + [v, tf.constant(1.0)]


def _overwritten_unknown_only(tf, A):
    # only the overwritten variable reaches the loss, a second gradients() call after
    x = tf.placeholder_with_default(tf.constant(Y0), [None, None])
    _, y, v = _unknown_loop(tf, A, x)
    g1 = tf.gradients(tf.reduce_sum(v * v), A)
    g2 = tf.gradients(tf.reduce_sum(v), x)
    return g1 + g2 + [v, tf.zeros([2])]


def _overwritten_unknown_gated(tf, A):
    # gate_gradients=True (the gradient Merges' tuples)
    x = tf.placeholder_with_default(tf.constant(Y0), [None, 2])
    _, y, v = _unknown_loop(tf, A, x)
    return tf.gradients(tf.reduce_sum(v), A, gate_gradients=True) + [v]


def _overwritten_unknown_nested(tf, A):
    # in a loop nested in a loop body, gradients() in a name scope: the zeros are made in
    # the outer loop's gradient frame
    x0 = tf.placeholder_with_default(tf.constant(Y0), [None, 2])

    def outer(j, x):
        _, y, v = _unknown_loop(tf, A, x, 2)
        return j + 1, tf.tanh(v) + tf.tanh(y)
    _, x = tf.while_loop(lambda j, x: j < 2, outer, [tf.constant(0), x0])
    with tf.name_scope("sc"):
        gr = tf.gradients(tf.reduce_sum(x), A)
    return gr + [x, tf.constant(1.0)]


def _overwritten_unknown_in_cond(tf, A):
    # the loop in a cond's branch
    p = tf.placeholder_with_default(True, [])
    x = tf.placeholder_with_default(tf.constant(Y0), [None, 2])
    v = tf.cond(p, lambda: _unknown_loop(tf, A, x)[2], lambda: x)
    return tf.gradients(tf.reduce_sum(v), A) + [v, tf.constant(1.0)]


def cases(tf):
    return {"vendor": host_vendor(), "nobp": _run(tf, _nobp),
            "nobp_mixed": _run(tf, _nobp_mixed), "nobp_twice": _run(tf, _nobp_twice),
            "overwritten": _run(tf, _overwritten),
            "overwritten_only": _run(tf, _overwritten_only),
            "overwritten_nested": _run(tf, _overwritten_nested),
            "overwritten_gated": _run(tf, _overwritten_gated),
            "overwritten_in_cond": _run(tf, _overwritten_in_cond),
            "overwritten_unknown": _run(tf, _overwritten_unknown),
            "overwritten_unknown_only": _run(tf, _overwritten_unknown_only),
            "overwritten_unknown_gated": _run(tf, _overwritten_unknown_gated),
            "overwritten_unknown_nested": _run(tf, _overwritten_unknown_nested),
            "overwritten_unknown_in_cond": _run(tf, _overwritten_unknown_in_cond)}
