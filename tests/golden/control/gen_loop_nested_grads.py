"""Loop gradients in nested control flow (tests/test_loop_nested_grads.py runs the same case
functions with flowgrad):
- a tf.while_loop(back_prop=False) inside another loop's body, or inside a tf.cond branch
  (itself in a loop or not), with tf.gradients of the outer result: the None / zero
  gradients TF 1.14 gives and the counter loops its GradLoopStates build;
- tf.gradients with respect to tensors made inside a loop body (in a tf.cond branch in the
  body, or the body's own ops): what TF 1.14 returns or raises;
- a tf.cond in a loop body whose branches read a loop invariant and a loop variable, the
  gradient with respect to both.
Each case gives the new ops (name, type), sorted, the graph's op count, which gradients are
None (and the type of the gradient ops, the error fetching them where they are not fetchable), the values fetched and a graph-seeded random op made after the gradient (or the error
raised); `vendor` is the host's (the test sets FLOWGRAD_CPU)."""
import numpy as np
from goldenio import GoldenError, host_vendor

A0 = [[0.9, 0.1], [-0.2, 0.8]]
Y0 = [[0.5, -1.25], [0.75, 0.25], [-0.5, 1.5]]


def _run(tf, build):
    # build gives (gradients, other fetches, fetch the gradients?); a gradient made inside
    # a loop's gradient frame is not fetchable: its op's type and the error fetching it
    # are kept
    with tf.Graph().as_default() as g:
        tf.set_random_seed(11)
        A = tf.get_variable("A", [2, 2], initializer=tf.constant_initializer(A0))
        n0 = len(g.get_operations())
        try:
            grads, fetch, fetch_grads = build(tf, A)
        except Exception as e:    # (an error TF raises: recorded, class and message)
            return e
        ops = g.get_operations()
        r = tf.random_uniform([3])
        out = {"ops": sorted((o.name, o.type) for o in ops[n0:]), "count": len(ops),
               "none": [t is None for t in grads]}
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            if fetch_grads:
                fetch = [t for t in grads if t is not None] + fetch
            else:
                out["grad_types"] = [None if t is None else t.op.type for t in grads]
                try:
                    s.run([t for t in grads if t is not None])
                    out["fetch_error"] = None
                except ValueError as e:   # (the op's name, then this)
                    out["fetch_error"] = GoldenError.of(
                        e, str(e)[str(e).index(" has been marked"):])
            out["values"] = [np.asarray(v) for v in s.run(fetch + [r])]
        return out


def _inner(tf, A, x, back_prop, n=2, name="in"):
    return tf.while_loop(lambda i, y: i < n, lambda i, y: [i + 1, tf.tanh(tf.matmul(y, A))],
                         [tf.constant(0), x], back_prop=back_prop, name=name)[1]


def _nobp_in_loop(tf, A):
    # the outer body's only path to A goes through a back_prop=False loop: None
    def outer(j, x):
        return j + 1, _inner(tf, A, x, False)
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), A), [x], True


def _nobp_in_loop_mixed(tf, A):
    # the outer body reads A itself and through a back_prop=False loop
    def outer(j, x):
        y = _inner(tf, A, x, False)
        return j + 1, tf.sigmoid(tf.matmul(y, A)) + 0.5 * x
    x0 = tf.constant(Y0)
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), x0])
    return tf.gradients(tf.reduce_sum(x * x), [A, x0]), [x], True


def _nobp_in_loop_both(tf, A):
    # a back_prop=False loop and a back_prop=True loop side by side in the outer body
    def outer(j, x):
        y = _inner(tf, A, x, False, name="nb")
        z = _inner(tf, A, x, True, name="bp")
        return j + 1, y + z
    _, x = tf.while_loop(lambda j, x: j < 2, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), A), [x], True


def _nobp_in_cond(tf, A):
    # a back_prop=False loop in a cond branch, the other branch reading A
    p = tf.placeholder_with_default(True, [])
    x0 = tf.constant(Y0)
    v = tf.cond(p, lambda: _inner(tf, A, x0, False), lambda: tf.matmul(x0, A))
    return tf.gradients(tf.reduce_sum(v), A), [v], True


def _nobp_in_cond_false(tf, A):
    # the same, the other branch taken
    p = tf.placeholder_with_default(False, [])
    x0 = tf.constant(Y0)
    v = tf.cond(p, lambda: _inner(tf, A, x0, False), lambda: tf.matmul(x0, A))
    return tf.gradients(tf.reduce_sum(v), A), [v], True


def _nobp_in_cond_in_loop(tf, A):
    # a back_prop=False loop in a cond branch in a loop body
    def outer(j, x):
        v = tf.cond(j < 1, lambda: _inner(tf, A, x, False), lambda: tf.tanh(tf.matmul(x, A)))
        return j + 1, v
    x0 = tf.constant(Y0)
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), x0])
    return tf.gradients(tf.reduce_sum(x), [A, x0]), [x], True


def _grad_wrt_cond_in_loop(tf, A):
    # xs a tensor made in a cond branch inside the loop body
    made = []

    def outer(j, x):
        def true_fn():
            t = tf.matmul(x, A)
            made.append(t)
            return tf.tanh(t)
        v = tf.cond(j < 2, true_fn, lambda: x * 0.5)
        return j + 1, v
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), made), [x], False


def _grad_wrt_cond_in_loop_and_a(tf, A):
    # xs a tensor of a cond branch in the body and the invariant
    made = []

    def outer(j, x):
        def true_fn():
            t = tf.sigmoid(tf.matmul(x, A))
            made.append(t)
            return t * x
        v = tf.cond(j > 0, true_fn, lambda: x - 0.25)
        return j + 1, v
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    g = tf.gradients(tf.reduce_sum(x * x), made + [A])
    return g[:1], [g[1], x], False


def _grad_wrt_nested_cond_in_loop(tf, A):
    # xs a tensor of a cond nested in a cond branch of the body
    made = []

    def outer(j, x):
        def inner_true():
            t = tf.matmul(x, A)
            made.append(t)
            return tf.tanh(t)

        def true_fn():
            return tf.cond(j < 1, inner_true, lambda: x * 2.0)
        v = tf.cond(j < 2, true_fn, lambda: x * 0.5)
        return j + 1, v
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), made), [x], False


def _grad_wrt_cond_in_inner_loop(tf, A):
    # xs a tensor of a cond branch in a loop nested in the body
    made = []

    def outer(j, x):
        def body(i, y):
            def true_fn():
                t = tf.matmul(y, A)
                made.append(t)
                return tf.tanh(t)
            return i + 1, tf.cond(i < 1, true_fn, lambda: y * 0.5)
        return j + 1, tf.while_loop(lambda i, y: i < 2, body, [tf.constant(0), x])[1]
    _, x = tf.while_loop(lambda j, x: j < 2, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), made), [x], False


def _loop_in_cond_in_loop(tf, A, made):
    # a loop in a cond branch of a loop body; `made` gets its body's MatMul
    def outer(j, x):
        def true_fn():
            def inner(k, y):
                t = tf.matmul(y, A)
                made.append(t)
                return k + 1, tf.tanh(t)
            return tf.while_loop(lambda k, y: k < 2, inner, [tf.constant(0), x])[1]
        return j + 1, tf.cond(j < 2, true_fn, lambda: x * 0.5)
    return tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])[1]


def _grad_wrt_loop_in_cond_in_loop(tf, A):
    # xs a tensor of a loop in a cond branch of the body
    made = []
    x = _loop_in_cond_in_loop(tf, A, made)
    return tf.gradients(tf.reduce_sum(x), made), [x], False


def _grad_wrt_loop_in_cond_in_loop_and_a(tf, A):
    # the same with the invariant A among the xs
    made = []
    x = _loop_in_cond_in_loop(tf, A, made)
    g = tf.gradients(tf.reduce_sum(x * x), made + [A])
    return g[:1], [g[1], x], False


def _grad_wrt_body_op(tf, A):
    # xs a tensor the loop body makes (no cond)
    made = []

    def outer(j, x):
        t = tf.matmul(x, A)
        made.append(t)
        return j + 1, tf.tanh(t)
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), made), [x], False


def _grad_wrt_body_var(tf, A):
    # xs the body's loop variable placeholder (the Identity of the Switch's true output)
    made = []

    def outer(j, x):
        made.append(x)
        return j + 1, tf.tanh(tf.matmul(x, A))
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    return tf.gradients(tf.reduce_sum(x), made), [x], False


def _grad_in_body_wrt_cond(tf, A):
    # tf.gradients called inside the loop body, through a cond of the body, with respect
    # to the loop variable and the invariant
    def outer(j, x):
        v = tf.cond(j < 2, lambda: tf.tanh(tf.matmul(x, A)), lambda: x * 0.5)
        gx, ga = tf.gradients(tf.reduce_sum(v), [x, A])
        return j + 1, v + 0.1 * gx + tf.reduce_sum(ga)
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), tf.constant(Y0)])
    return [], [x], True


def _cond_reads_both(tf, A):
    # a cond in the body whose branches read the invariant A and the loop variable x
    def outer(j, x):
        v = tf.cond(j < 2, lambda: tf.tanh(tf.matmul(x, A)), lambda: x * A[0, 0])
        return j + 1, v
    x0 = tf.constant(Y0)
    _, x = tf.while_loop(lambda j, x: j < 4, outer, [tf.constant(0), x0])
    return tf.gradients(tf.reduce_sum(x * x), [A, x0]), [x], True


def _cond_reads_both_split(tf, A):
    # one branch reads only A, the other only x; the predicate reads x
    def outer(j, x):
        s = tf.reduce_sum(x)
        v = tf.cond(s > 0.0, lambda: x + tf.reduce_sum(A), lambda: tf.sigmoid(x) * 2.0)
        return j + 1, v
    x0 = tf.constant(Y0)
    _, x = tf.while_loop(lambda j, x: j < 4, outer, [tf.constant(0), x0])
    return tf.gradients(tf.reduce_sum(x), [A, x0]), [x], True


def _cond_reads_both_stacked(tf, A):
    # a cond reading a value the body computed before it (a stack push in the cond)
    def outer(j, x):
        h = tf.matmul(x, A)
        v = tf.cond(j < 2, lambda: tf.tanh(h) * x, lambda: h * A[1, 1])
        return j + 1, v
    x0 = tf.constant(Y0)
    _, x = tf.while_loop(lambda j, x: j < 3, outer, [tf.constant(0), x0])
    return tf.gradients(tf.reduce_sum(x), [A, x0]), [x], True


CASES = ["nobp_in_loop", "nobp_in_loop_mixed", "nobp_in_loop_both", "nobp_in_cond",
         "nobp_in_cond_false", "nobp_in_cond_in_loop", "grad_wrt_cond_in_loop",
         "grad_wrt_cond_in_loop_and_a", "grad_wrt_nested_cond_in_loop",
         "grad_wrt_cond_in_inner_loop", "grad_wrt_loop_in_cond_in_loop",
         "grad_wrt_loop_in_cond_in_loop_and_a",
         "grad_wrt_body_op", "grad_wrt_body_var", "grad_in_body_wrt_cond",
         "cond_reads_both", "cond_reads_both_split", "cond_reads_both_stacked"]


def cases(tf):
    out = {"vendor": host_vendor()}
    for name in CASES:
        out[name] = _run(tf, globals()["_" + name])
    return out
