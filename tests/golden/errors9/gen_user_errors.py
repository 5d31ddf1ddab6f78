"""Mistakes a user makes in a TF1 program: TF 1.14's error class, the first line of its
message, and when it is raised ("build": making the graph, "run": Session.run, "ok": no
error, with the value). Variables initialized from a tf.cond branch or a loop body, linalg
shape functions seeing mismatched batch shapes, unfed placeholders reached through
gradients, conds and loops, and a battery of common slips (feeds, fetches, graphs,
variables and scopes, Saver, closed sessions, dtypes)."""
import re

import numpy as np
from goldenio import GoldenError


def _first(e):
    lines = str(e).split("\n")
    if "root error(s) found" in lines[0]:
        first = next(x for x in lines if x.strip().startswith("(0)"))
        return first.split(": ", 1)[1]
    return lines[0]


def _value(v):
    if isinstance(v, (list, tuple)):
        return [_value(x) for x in v]
    if v is None:
        return None
    return np.asarray(v).tolist()


def _node(tf, e):
    """A run-time OpError's node line, the op it names and its NodeDef's name."""
    lines = [re.sub(r"defined at \S*/", "defined at ", x.strip())   # (the file's base name)
             for x in str(e).split("\n") if x.strip().startswith("[[")]
    return [lines[0] if lines else None, e.op.name if e.op is not None else None,
            e.node_def.name if e.node_def is not None else None]


def _outcome(tf, build, init=False, node=False):
    """build() -> fetch or (fetch, feed_dict). The phase, then the error or the value
    (node: with a run-time OpError's node line, op and NodeDef name)."""
    try:
        made = build()
    except Exception as e:  # noqa: BLE001 - the error is the case's answer
        return ["build", GoldenError.of(e, _first(e))]
    fetch, feed = made if isinstance(made, tuple) else (made, None)
    try:
        with tf.Session() as sess:
            if init:
                sess.run(tf.global_variables_initializer())
            value = sess.run(fetch, feed)
    except Exception as e:  # noqa: BLE001
        if node and isinstance(e, tf.errors.OpError):
            return ["run", GoldenError.of(e, _first(e))] + _node(tf, e)
        return ["run", GoldenError.of(e, _first(e))]
    return ["ok", _value(value)]


def _raises(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return GoldenError.of(e, _first(e))
    return None


# -- 1. variables initialized inside a control-flow construct -----------------------------

def case_variable_in_cond(tf):
    def build():
        p = tf.placeholder(tf.bool, [])
        return tf.cond(p, lambda: tf.Variable(tf.zeros([2]) + 1.0, name="v").read_value(),
                       lambda: tf.zeros([2]))
    return _outcome(tf, build)


def case_variable_in_cond_constant_initial_value(tf):
    def build():
        p = tf.placeholder(tf.bool, [])
        return tf.cond(p, lambda: tf.Variable([1.0, 2.0], name="v").read_value(),
                       lambda: tf.zeros([2]))
    return _outcome(tf, build)


def case_variable_in_cond_from_outside(tf):
    def build():
        p = tf.placeholder(tf.bool, [])
        x = tf.zeros([2])
        return tf.cond(p, lambda: tf.Variable(x, name="v").read_value(),
                       lambda: tf.zeros([2]))
    return _outcome(tf, build)


def case_variable_in_while(tf):
    def build():
        def body(i, x):
            v = tf.Variable(tf.ones([2]) * 2.0, name="v")
            return i + 1, x + v
        return tf.while_loop(lambda i, x: i < 2, body, [0, tf.zeros([2])])
    return _outcome(tf, build)


def case_get_variable_in_cond_tensor_initializer(tf):
    def build():
        p = tf.placeholder(tf.bool, [])
        return tf.cond(p, lambda: tf.get_variable("w", initializer=tf.ones([2]) * 3.0)
                       .read_value(), lambda: tf.zeros([2]))
    return _outcome(tf, build)


def case_get_variable_in_while_tensor_initializer(tf):
    def build():
        def body(i, x):
            w = tf.get_variable("w", initializer=tf.ones([2]) * 3.0)
            return i + 1, x + w
        return tf.while_loop(lambda i, x: i < 2, body, [0, tf.zeros([2])])
    return _outcome(tf, build)


def case_get_variable_in_cond_callable_initializer(tf):
    def build():
        p = tf.placeholder(tf.bool, [])
        return tf.cond(p, lambda: tf.get_variable(
            "w", [2], initializer=tf.ones_initializer()).read_value(),
            lambda: tf.zeros([2]))
    return _outcome(tf, build)


def case_resource_variable_in_cond(tf):
    def build():
        p = tf.placeholder(tf.bool, [])
        return tf.cond(p, lambda: tf.Variable(tf.zeros([2]) + 1.0, use_resource=True)
                       .read_value(), lambda: tf.zeros([2]))
    return _outcome(tf, build)


# -- 2. linalg shape functions: batch and matrix shape mismatches -------------------------

def _linalg(tf, fn, *shapes):
    return _outcome(tf, lambda: fn(*[tf.ones(s) for s in shapes]))


def case_triangular_solve_batch(tf):
    return _linalg(tf, tf.linalg.triangular_solve, [2, 3, 3], [4, 3, 1])


def case_triangular_solve_rows(tf):
    return _linalg(tf, tf.matrix_triangular_solve, [3, 3], [4, 1])


def case_triangular_solve_not_square(tf):
    return _linalg(tf, tf.matrix_triangular_solve, [3, 4], [3, 1])


def case_triangular_solve_rank(tf):
    return _linalg(tf, tf.matrix_triangular_solve, [3, 3, 3], [3, 1])


def case_matrix_solve_batch(tf):
    return _linalg(tf, tf.matrix_solve, [2, 3, 3], [4, 3, 1])


def case_matrix_solve_rows(tf):
    return _linalg(tf, tf.linalg.solve, [3, 3], [2, 1])


def case_matrix_solve_ls_batch(tf):
    return _linalg(tf, tf.matrix_solve_ls, [2, 3, 3], [4, 3, 1])


def case_cholesky_solve_batch(tf):
    return _linalg(tf, tf.cholesky_solve, [2, 3, 3], [4, 3, 1])


def case_cholesky_solve_rows(tf):
    return _linalg(tf, tf.linalg.cholesky_solve, [3, 3], [2, 1])


def case_matmul_adjoint_a(tf):
    return _linalg(tf, lambda a, b: tf.matmul(a, b, adjoint_a=True), [2, 3], [2, 3])


def case_matmul_adjoint_b(tf):
    return _linalg(tf, lambda a, b: tf.matmul(a, b, adjoint_b=True), [2, 3], [2, 3])


def case_matmul_batch_adjoint(tf):
    return _linalg(tf, lambda a, b: tf.matmul(a, b, adjoint_a=True, adjoint_b=True),
                   [2, 3, 4], [3, 5, 3])


def case_matmul_batch_mismatch(tf):
    return _linalg(tf, tf.matmul, [2, 3, 4], [3, 4, 5])


def case_einsum_batch(tf):
    return _linalg(tf, lambda a, b: tf.einsum("bij,bjk->bik", a, b), [2, 3, 4], [3, 4, 5])


def case_einsum_inner(tf):
    return _linalg(tf, lambda a, b: tf.einsum("ij,jk->ik", a, b), [2, 3], [4, 5])


def case_einsum_operands(tf):
    return _linalg(tf, lambda a, b: tf.einsum("ij->ji", a, b), [2, 3], [3, 2])


def case_matrix_inverse_not_square(tf):
    return _linalg(tf, tf.matrix_inverse, [2, 3])


def case_self_adjoint_eig_not_square(tf):
    return _linalg(tf, tf.self_adjoint_eig, [2, 3])


def case_qr_rank(tf):
    return _linalg(tf, tf.qr, [3])


def case_svd_rank(tf):
    return _linalg(tf, tf.svd, [3])


def case_lstsq_rows(tf):
    return _linalg(tf, tf.linalg.lstsq, [3, 2], [4, 1])


def case_tensordot_axes(tf):
    return _linalg(tf, lambda a, b: tf.tensordot(a, b, [[1], [1]]), [2, 3], [3, 2])


def case_matrix_solve_ls_op_batch(tf):
    return _linalg(tf, lambda a, b: tf.linalg.lstsq(a, b, fast=False), [2, 3, 2], [4, 3, 1])


def case_matrix_solve_ls_op_rows(tf):
    return _linalg(tf, lambda a, b: tf.linalg.lstsq(a, b, fast=False), [3, 2], [4, 1])


def case_matrix_solve_ls_op_l2_dtype(tf):
    return _linalg(tf, lambda a, b: tf.linalg.lstsq(a, b, l2_regularizer=tf.ones([]),
                                                    fast=False), [3, 2], [3, 1])


def case_matrix_solve_ls_op_l2_rank(tf):
    return _linalg(tf, lambda a, b: tf.linalg.lstsq(
        a, b, l2_regularizer=tf.ones([1], tf.float64), fast=False), [3, 2], [3, 1])


def case_matrix_solve_ls_op_shape(tf):
    return _outcome(tf, lambda: [t.shape.as_list() for t in (
        tf.linalg.lstsq(tf.ones([2, 3, 2]), tf.placeholder(tf.float32, [None, 3, 4]),
                        fast=False),
        tf.linalg.lstsq(tf.placeholder(tf.float32, [None, None]), tf.ones([3, 4]),
                        fast=False))])


def case_solve_unknown_rank_shapes(tf):
    def build():
        u = tf.placeholder(tf.float32)
        out = []
        for a, b in ((u, tf.ones([2, 3, 1])), (tf.ones([2, 3, 3]), u)):
            for fn in (tf.matrix_solve, tf.matrix_triangular_solve):
                s = fn(a, b).shape
                out.append(None if s.ndims is None else s.as_list())
        return tf.constant(out)
    return _outcome(tf, build)


def case_triangular_solve_partial_shapes(tf):
    def build():
        a = tf.placeholder(tf.float32, [None, 3, None])
        b = tf.placeholder(tf.float32, [2, None, 5])
        return tf.constant(tf.matrix_triangular_solve(a, b).shape.as_list())
    return _outcome(tf, build)


def case_triangular_solve_rhs_rank(tf):
    return _linalg(tf, tf.matrix_triangular_solve, [3, 3], [3])


def case_matrix_solve_not_square(tf):
    return _linalg(tf, tf.matrix_solve, [2, 3, 4], [2, 3, 1])


def case_matrix_solve_rank(tf):
    return _linalg(tf, tf.matrix_solve, [3, 3], [2, 3, 1])


def case_triangular_solve_in_name_scope(tf):
    def build():
        with tf.name_scope("solver"):
            return tf.matrix_triangular_solve(tf.ones([3, 4]), tf.ones([3, 1]))
    return _outcome(tf, build)


def case_matvec_mismatch(tf):
    return _linalg(tf, tf.linalg.matvec, [2, 3], [4])


def case_matvec_batch_mismatch(tf):
    return _linalg(tf, tf.linalg.matvec, [2, 3, 4], [3, 4])


def case_expm_not_square(tf):
    return _linalg(tf, tf.linalg.expm, [2, 3])


def case_logdet_not_square(tf):
    return _linalg(tf, tf.linalg.logdet, [2, 3])


def case_slogdet_not_square(tf):
    return _linalg(tf, tf.linalg.slogdet, [2, 3])


def case_cholesky_batch_not_square(tf):
    return _linalg(tf, tf.cholesky, [4, 2, 3])


def case_matrix_determinant_not_square(tf):
    return _linalg(tf, tf.matrix_determinant, [4, 2, 3])


def case_tridiagonal_solve_rows(tf):
    return _linalg(tf, tf.linalg.tridiagonal_solve, [3, 4], [5, 1])


def case_tridiagonal_solve_compact(tf):
    return _linalg(tf, tf.linalg.tridiagonal_solve, [2, 4], [4, 1])


def case_band_part_rank(tf):
    return _linalg(tf, lambda a: tf.linalg.band_part(a, 0, -1), [3])


def case_matrix_set_diag_batch(tf):
    return _linalg(tf, tf.matrix_set_diag, [2, 3, 3], [4, 3])


def case_matrix_diag_part_rank(tf):
    return _linalg(tf, tf.matrix_diag_part, [3])


def case_matmul_a_is_sparse_mismatch(tf):
    return _linalg(tf, lambda a, b: tf.matmul(a, b, a_is_sparse=True), [2, 3], [4, 5])


def case_matmul_transpose_and_adjoint(tf):
    return _linalg(tf, lambda a, b: tf.matmul(a, b, transpose_a=True, adjoint_a=True),
                   [2, 3], [3, 2])


def case_matmul_rank_mismatch_batch(tf):
    return _linalg(tf, tf.matmul, [2, 3, 4], [4, 5])


def case_matmul_dtype_mismatch(tf):
    return _outcome(tf, lambda: tf.matmul(tf.ones([2, 2]), tf.ones([2, 2], tf.float64)))


def case_einsum_ellipsis_batch(tf):
    return _linalg(tf, lambda a, b: tf.einsum("...ij,...jk->...ik", a, b), [2, 3, 4],
                   [5, 4, 6])


def case_einsum_subscripts_rank(tf):
    return _linalg(tf, lambda a: tf.einsum("ijk->kji", a), [2, 3])


def case_einsum_subscripts_rank_reduced(tf):
    return _linalg(tf, lambda a: tf.einsum("ijk->ij", a), [2, 3])


def case_einsum_subscripts_rank_two_inputs(tf):
    return _linalg(tf, lambda a, b: tf.einsum("ijk,kl->il", a, b), [2, 3], [3, 4])


def case_einsum_subscripts_rank_second(tf):
    return _linalg(tf, lambda a, b: tf.einsum("ij,jk->ik", a, b), [2, 3], [3, 4, 5])


def case_einsum_subscripts_fewer(tf):
    return _linalg(tf, lambda a: tf.einsum("i->i", a), [2, 3])


def case_einsum_repeated_output(tf):
    return _linalg(tf, lambda a: tf.einsum("ij->ii", a), [2, 3])


def case_cross_batch(tf):
    return _linalg(tf, tf.linalg.cross, [2, 3], [4, 3])


def case_norm_bad_ord(tf):
    return _linalg(tf, lambda a: tf.norm(a, ord=3, axis=[0, 1]), [2, 3])


def case_solve_dtype_mismatch(tf):
    return _outcome(tf, lambda: tf.matrix_solve(tf.ones([2, 2]), tf.ones([2, 1], tf.float64)))


def case_triangular_solve_run_time_batch(tf):
    def build():
        a = tf.placeholder(tf.float32, [None, 3, 3], name="a")
        b = tf.placeholder(tf.float32, [None, 3, 1], name="b")
        return tf.matrix_triangular_solve(a, b), {a: np.ones((2, 3, 3)), b: np.ones((4, 3, 1))}
    return _outcome(tf, build)


def case_cholesky_solve_run_time_rows(tf):
    def build():
        c = tf.placeholder(tf.float32, [None, None], name="c")
        return tf.cholesky_solve(c, tf.ones([3, 1])), {c: np.eye(2)}
    return _outcome(tf, build)


# -- 3. unfed placeholders reached through gradients, conds and loops ---------------------

def case_unfed_through_gradient(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        return tf.gradients(tf.reduce_sum(x * x), x)[0]
    return _outcome(tf, build, node=True)


def case_unfed_through_gradient_of_weights(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3], name="inputs")
        w = tf.Variable(tf.ones([3, 2]), name="w")
        return tf.gradients(tf.reduce_sum(tf.matmul(x, w)), w)[0]
    return _outcome(tf, build, init=True, node=True)


def case_unfed_label_through_gradient(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        y = tf.placeholder(tf.int32, [None], name="labels")
        w = tf.Variable(tf.ones([3, 4]), name="w")
        loss = tf.losses.sparse_softmax_cross_entropy(y, tf.matmul(x, w))
        return tf.gradients(loss, w)[0], {x: np.ones((2, 3), np.float32)}
    return _outcome(tf, build, init=True, node=True)


def case_unfed_minimize(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        w = tf.Variable(tf.ones([3]), name="w")
        return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(x * w))
    return _outcome(tf, build, init=True, node=True)


def case_unfed_through_cond(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        p = tf.placeholder(tf.bool, [], name="p")
        return tf.cond(p, lambda: x * 2.0, lambda: tf.constant(1.0)), {p: True}
    return _outcome(tf, build, node=True)


def case_unfed_in_untaken_branch(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        p = tf.placeholder(tf.bool, [], name="p")
        return tf.cond(p, lambda: x * 2.0, lambda: tf.constant(1.0)), {p: False}
    return _outcome(tf, build, node=True)


def case_unfed_predicate(tf):
    def build():
        p = tf.placeholder(tf.bool, [], name="p")
        return tf.cond(p, lambda: tf.constant(2.0), lambda: tf.constant(1.0))
    return _outcome(tf, build, node=True)


def case_unfed_gradient_through_cond(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        p = tf.placeholder(tf.bool, [], name="p")
        y = tf.cond(p, lambda: x * x, lambda: x)
        return tf.gradients(y, x)[0], {p: True}
    return _outcome(tf, build, node=True)


def case_unfed_through_while(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x),
                             [0, tf.constant(1.0)])[1]
    return _outcome(tf, build, node=True)


def case_unfed_loop_bound(tf):
    def build():
        n = tf.placeholder(tf.int32, [], name="n")
        return tf.while_loop(lambda i: i < n, lambda i: i + 1, [0])
    return _outcome(tf, build, node=True)


def case_unfed_gradient_through_while(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        r = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x),
                          [0, tf.constant(1.0)])[1]
        return tf.gradients(r, x)[0]
    return _outcome(tf, build, node=True)


def case_unfed_placeholder_with_default_ok(tf):
    def build():
        x = tf.placeholder_with_default(tf.constant([1.0, 2.0]), [None], name="x")
        return tf.gradients(tf.reduce_sum(x * x), x)[0]
    return _outcome(tf, build, node=True)


# -- 4. a battery of common slips ---------------------------------------------------------

def case_feed_wrong_shape(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        return x * 2.0, {x: np.ones((2, 4))}
    return _outcome(tf, build)


def case_feed_wrong_rank(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        return x * 2.0, {x: np.ones(3)}
    return _outcome(tf, build)


def case_feed_string_to_float(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, {x: "abc"}
    return _outcome(tf, build)


def case_feed_string_to_int(tf):
    def build():
        x = tf.placeholder(tf.int32, [], name="x")
        return x * 2, {x: "abc"}
    return _outcome(tf, build)


def case_feed_float_to_int(tf):
    def build():
        x = tf.placeholder(tf.int32, [2], name="x")
        return x * 2, {x: [1.7, -2.5]}
    return _outcome(tf, build)


def case_feed_ragged_list(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, None], name="x")
        return x * 2.0, {x: [[1.0, 2.0], [3.0]]}
    return _outcome(tf, build)


def case_feed_tensor_value(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, {x: tf.constant(1.0)}
    return _outcome(tf, build)


def case_feed_non_placeholder_ok(tf):
    def build():
        a = tf.constant(1.0, name="a")
        b = a * 3.0
        return b + 1.0, {b: 10.0}
    return _outcome(tf, build)


def case_feed_operation_key(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, {x.op: 1.0}
    return _outcome(tf, build)


def case_feed_unknown_name(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, {"y:0": 1.0}
    return _outcome(tf, build)


def case_feed_op_name_without_index(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, {"x": 1.0}
    return _outcome(tf, build)


def case_feed_other_graph(tf):
    def build():
        with tf.Graph().as_default():
            other = tf.placeholder(tf.float32, [], name="x")
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, {other: 1.0}
    return _outcome(tf, build)


def case_feed_loop_tensor(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        inner = []

        def body(i, a):
            inner.append(a * 2.0)
            return i + 1, inner[0]
        r = tf.while_loop(lambda i, a: i < 2, body, [0, x])
        return r[1], {x: 1.0, inner[0]: 3.0}
    return _outcome(tf, build)


def _loop_inner(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    inner = []

    def body(i, a):
        inner.append(a * 2.0)
        return i + 1, inner[0]
    tf.while_loop(lambda i, a: i < 2, body, [0, x])
    return x, inner[0]


def case_fetch_loop_tensor(tf):
    def build():
        x, inner = _loop_inner(tf)
        return inner, {x: 1.0}
    return _outcome(tf, build)


def case_fetch_loop_op(tf):
    def build():
        x, inner = _loop_inner(tf)
        return inner.op, {x: 1.0}
    return _outcome(tf, build)


def case_fetch_cond_op(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        inner = []

        def branch():
            inner.append(x * 3.0)
            return inner[0]
        tf.cond(x > 0.0, branch, lambda: x)
        return inner[0].op, {x: 1.0}
    return _outcome(tf, build)


def case_feed_cond_tensor_read_outside_ok(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        inner = []

        def branch():
            inner.append(x * 3.0)
            return x
        tf.cond(x > 0.0, branch, lambda: x)
        return inner[0] * 10.0, {x: 1.0, inner[0]: 7.0}
    return _outcome(tf, build)


def case_fetch_other_graph(tf):
    def build():
        with tf.Graph().as_default():
            c = tf.constant(1.0, name="c")
        return c
    return _outcome(tf, build)


def case_fetch_other_graph_op(tf):
    def build():
        with tf.Graph().as_default():
            c = tf.constant(1.0, name="c")
        return c.op
    return _outcome(tf, build)


def case_fetch_none(tf):
    return _outcome(tf, lambda: [tf.constant(1.0), None])


def case_fetch_number(tf):
    return _outcome(tf, lambda: [tf.constant(1.0), 3])


def case_fetch_unknown_name(tf):
    return _outcome(tf, lambda: "nope:0")


def case_fetch_name_bad_index(tf):
    def build():
        tf.constant(1.0, name="c")
        return "c:1"
    return _outcome(tf, build)


def case_session_graph_mismatch(tf):
    g = tf.Graph()
    c = tf.constant(1.0, name="c")
    with tf.Session(graph=g) as sess:
        return _raises(lambda: sess.run(c))


def case_ops_from_two_graphs(tf):
    def build():
        with tf.Graph().as_default():
            a = tf.constant(1.0, name="a")
        b = tf.constant(2.0, name="b")
        return tf.add(a, b)
    return _outcome(tf, build)


def case_uninitialized_get_variable(tf):
    def build():
        w = tf.get_variable("w", [2], initializer=tf.zeros_initializer())
        return w + 1.0
    return _outcome(tf, build)


def case_initializer_before_variables(tf):
    init = tf.global_variables_initializer()
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        sess.run(init)
        return _raises(lambda: sess.run(v))


def case_variable_from_uninitialized_variable_ok(tf):
    def build():
        a = tf.Variable([1.0, 2.0], name="a")
        b = tf.Variable(a * 2.0, name="b")
        return b
    return _outcome(tf, build, init=True)


def case_reshape_run_time(tf):
    def build():
        x = tf.placeholder(tf.float32, [None], name="x")
        return tf.reshape(x, [2, 2]), {x: np.ones(3)}
    return _outcome(tf, build)


def case_reshape_build_time(tf):
    return _outcome(tf, lambda: tf.reshape(tf.ones([3]), [2, 2]))


def case_reshape_minus_one_run_time(tf):
    def build():
        x = tf.placeholder(tf.float32, [None], name="x")
        return tf.reshape(x, [-1, 4]), {x: np.ones(6)}
    return _outcome(tf, build)


def case_matmul_run_time(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, None], name="x")
        return tf.matmul(x, tf.ones([3, 2])), {x: np.ones((2, 4))}
    return _outcome(tf, build)


def case_matmul_build_time(tf):
    return _outcome(tf, lambda: tf.matmul(tf.ones([2, 4]), tf.ones([3, 2])))


def case_matmul_vector(tf):
    return _outcome(tf, lambda: tf.matmul(tf.ones([3]), tf.ones([3, 2])))


def case_matmul_int_float(tf):
    return _outcome(tf, lambda: tf.matmul(tf.ones([2, 3], tf.int32), tf.ones([3, 2])))


def case_concat_rank_run_time(tf):
    def build():
        a = tf.placeholder(tf.float32, name="a")
        b = tf.placeholder(tf.float32, name="b")
        return tf.concat([a, b], 0), {a: np.ones((2, 3)), b: np.ones(3)}
    return _outcome(tf, build)


def case_concat_dims_run_time(tf):
    def build():
        a = tf.placeholder(tf.float32, [None, None], name="a")
        return tf.concat([a, tf.ones([2, 3])], 0), {a: np.ones((2, 4))}
    return _outcome(tf, build)


def case_gather_out_of_range(tf):
    return _outcome(tf, lambda: tf.gather(tf.constant([1.0, 2.0, 3.0]), [0, 5]))


def case_gather_negative(tf):
    return _outcome(tf, lambda: tf.gather(tf.constant([1.0, 2.0, 3.0]), [-1]))


def case_gather_axis1_out_of_range(tf):
    return _outcome(tf, lambda: tf.gather(tf.ones([2, 3]), [3], axis=1))


def case_embedding_lookup_out_of_range(tf):
    def build():
        ids = tf.placeholder(tf.int32, [None], name="ids")
        return tf.nn.embedding_lookup(tf.ones([4, 2]), ids), {ids: [1, 4]}
    return _outcome(tf, build)


def case_gather_nd_out_of_range(tf):
    return _outcome(tf, lambda: tf.gather_nd(tf.ones([2, 3]), [[1, 3]]))


def case_scatter_update_out_of_range(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v")
        return tf.scatter_update(v, [2], [5.0])
    return _outcome(tf, build, init=True)


def case_one_hot_out_of_range_ok(tf):
    return _outcome(tf, lambda: tf.one_hot([0, 5], 3))


def case_scope_duplicate_variable(tf):
    def build():
        with tf.variable_scope("layer"):
            tf.get_variable("w", [2])
        with tf.variable_scope("layer"):
            tf.get_variable("w", [2])
    return _outcome(tf, build)


def case_scope_reuse_missing(tf):
    def build():
        with tf.variable_scope("layer", reuse=True):
            tf.get_variable("w", [2])
    return _outcome(tf, build)


def case_scope_reuse_shape_mismatch(tf):
    def build():
        with tf.variable_scope("layer"):
            tf.get_variable("w", [2])
        with tf.variable_scope("layer", reuse=True):
            tf.get_variable("w", [3])
    return _outcome(tf, build)


def case_scope_reuse_dtype_mismatch(tf):
    def build():
        with tf.variable_scope("layer"):
            tf.get_variable("w", [2])
        with tf.variable_scope("layer", reuse=True):
            tf.get_variable("w", [2], dtype=tf.float64)
    return _outcome(tf, build)


def case_scope_reuse_not_bool(tf):
    out = []
    for reuse in ("yes", 1, 0, False, tf.AUTO_REUSE):
        def build():
            with tf.variable_scope("layer", reuse=reuse):
                return tf.constant(tf.get_variable("w", [2]).name)
        out.append(_outcome(tf, build))
    return out


def case_dense_twice_same_name(tf):
    def build():
        x = tf.ones([2, 3])
        tf.layers.dense(x, 4, name="fc")
        tf.layers.dense(x, 4, name="fc")
    return _outcome(tf, build)


def case_dense_unknown_last_dim(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, None])
        return tf.layers.dense(x, 4)
    return _outcome(tf, build)


def case_duplicate_variable_names_ok(tf):
    a = tf.Variable(1.0, name="v")
    b = tf.Variable(2.0, name="v")
    return [a.name, b.name]


def case_get_variable_no_shape(tf):
    return _outcome(tf, lambda: tf.get_variable("w"))


def case_get_variable_constant_with_shape(tf):
    return _outcome(tf, lambda: tf.get_variable("w", [2], initializer=tf.constant([1.0, 2.0])))


def case_get_variable_int_default_initializer(tf):
    return _outcome(tf, lambda: tf.get_variable("w", [2], dtype=tf.int32))


def case_get_variable_string_default_initializer(tf):
    return _outcome(tf, lambda: tf.get_variable("w", [2], dtype=tf.string))


def case_variable_without_initial_value(tf):
    return _outcome(tf, lambda: tf.Variable())


def case_variable_none_initial_value(tf):
    return _outcome(tf, lambda: tf.Variable(None))


def case_saver_no_variables(tf):
    return _outcome(tf, lambda: tf.train.Saver())


def case_saver_empty_list(tf):
    return _outcome(tf, lambda: tf.train.Saver([]))


def case_saver_restore_missing(tf):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver([v])
    with tf.Session() as sess:
        return _raises(lambda: saver.restore(sess, "/nonexistent/perrs/model.ckpt"))


def case_saver_restore_none(tf):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver([v])
    with tf.Session() as sess:
        return _raises(lambda: saver.restore(sess, None))


def case_session_closed(tf):
    c = tf.constant(1.0)
    sess = tf.Session()
    sess.close()
    return _raises(lambda: sess.run(c))


def case_session_closed_with_block(tf):
    c = tf.constant(1.0)
    with tf.Session() as sess:
        pass
    return _raises(lambda: sess.run(c))


def case_eval_without_session(tf):
    c = tf.constant(1.0)
    return _raises(lambda: c.eval())


def case_op_run_without_session(tf):
    v = tf.Variable(1.0)
    return _raises(lambda: v.initializer.run())


def case_string_plus_number(tf):
    return _outcome(tf, lambda: tf.constant("a") + 1)


def case_number_plus_string(tf):
    return _outcome(tf, lambda: tf.constant(1.0) + "a")


def case_int_plus_float_tensor(tf):
    return _outcome(tf, lambda: tf.constant(1) + tf.constant(1.0))


def case_float32_plus_float64(tf):
    return _outcome(tf, lambda: tf.add(tf.constant(1.0), tf.constant(1.0, tf.float64)))


def case_string_to_number_cast(tf):
    return _outcome(tf, lambda: tf.cast(tf.constant("1.5"), tf.float32))


def case_number_to_string_cast(tf):
    return _outcome(tf, lambda: tf.cast(tf.constant(1.5), tf.string))


def case_softmax_of_int(tf):
    return _outcome(tf, lambda: tf.nn.softmax(tf.constant([1, 2])))


def case_sqrt_of_int(tf):
    return _outcome(tf, lambda: tf.sqrt(tf.constant(4)))


def case_reduce_mean_of_string(tf):
    return _outcome(tf, lambda: tf.reduce_mean(tf.constant(["a", "b"])))


def case_int_division_by_zero(tf):
    def build():
        x = tf.placeholder(tf.int32, [], name="x")
        return tf.constant(4) // x, {x: 0}
    return _outcome(tf, build)


def case_int_truediv_by_zero_ok(tf):
    def build():
        x = tf.placeholder(tf.int32, [], name="x")
        return tf.constant(4) / x, {x: 0}
    return _outcome(tf, build)


def case_assign_shape_mismatch(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v")
        return tf.assign(v, [1.0, 2.0, 3.0])
    return _outcome(tf, build, init=True)


def case_assign_method_shape_mismatch(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v")
        return v.assign([1.0, 2.0, 3.0])
    return _outcome(tf, build, init=True)


def case_assign_no_validate_shape_ok(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v")
        return tf.assign(v, [1.0, 2.0, 3.0], validate_shape=False)
    return _outcome(tf, build, init=True)


def case_assign_placeholder_run_time(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v")
        x = tf.placeholder(tf.float32, [None], name="x")
        return tf.assign(v, x), {x: np.ones(3)}
    return _outcome(tf, build, init=True)


def case_resource_assign_shape_mismatch(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
        return v.assign([1.0, 2.0, 3.0])
    return _outcome(tf, build, init=True)


def case_assign_add_shape_mismatch(tf):
    def build():
        v = tf.Variable([1.0, 2.0], name="v")
        return tf.assign_add(v, [1.0, 2.0, 3.0])
    return _outcome(tf, build, init=True)


def case_assign_to_tensor(tf):
    return _outcome(tf, lambda: tf.assign(tf.constant(1.0), 2.0))


def case_tensor_item_assignment(tf):
    c = tf.constant([1.0, 2.0])

    def build():
        c[0] = 3.0
    return _outcome(tf, build)


def case_tensor_as_bool(tf):
    c = tf.constant(True)
    return _raises(lambda: bool(c))


def case_tensor_iteration(tf):
    c = tf.placeholder(tf.float32, [None])
    return _raises(lambda: list(c))


def case_tensor_len(tf):
    c = tf.constant([1.0, 2.0])
    return _raises(lambda: len(c))


def case_finalized_graph(tf):
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0)
    g.finalize()
    with g.as_default():
        return _raises(lambda: tf.constant(2.0))


def case_minimize_no_variables(tf):
    return _outcome(tf, lambda: tf.train.GradientDescentOptimizer(0.1).minimize(
        tf.constant(1.0)))


def case_minimize_no_gradients(tf):
    def build():
        tf.Variable(1.0, name="w")
        return tf.train.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0) * 2.0)
    return _outcome(tf, build)


def case_minimize_int_loss(tf):
    def build():
        w = tf.Variable(1.0, name="w")
        return tf.train.GradientDescentOptimizer(0.1).minimize(tf.cast(w, tf.int32))
    return _outcome(tf, build)


def case_constant_ragged(tf):
    return _outcome(tf, lambda: tf.constant([[1, 2], [3]]))


def case_constant_too_many(tf):
    return _outcome(tf, lambda: tf.constant([1, 2, 3], shape=[2]))


def case_convert_none(tf):
    return _outcome(tf, lambda: tf.convert_to_tensor(None))


def case_zeros_float_shape(tf):
    return _outcome(tf, lambda: tf.zeros([2.0, 3]))


def case_while_structure(tf):
    return _outcome(tf, lambda: tf.while_loop(lambda i: i < 3, lambda i: (i + 1, i), [0]))


def case_while_shape_invariant(tf):
    return _outcome(tf, lambda: tf.while_loop(
        lambda i, a: i < 3, lambda i, a: (i + 1, tf.concat([a, a], 0)),
        [0, tf.ones([1])]))


def case_while_dtype(tf):
    return _outcome(tf, lambda: tf.while_loop(lambda i: i < 3, lambda i: tf.cast(i, tf.float32),
                                              [0]))


def case_cond_dtypes(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: tf.constant(1.0),
                                        lambda: tf.constant(1)))


def case_cond_structure(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: tf.constant(1.0),
                                        lambda: [tf.constant(1.0), tf.constant(2.0)]))


def case_cond_list_tuple(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: [tf.constant(1.0)] * 2,
                                        lambda: (tf.constant(1.0),) * 2))


def case_cond_dict_keys(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: {"a": tf.constant(1.0)},
                                        lambda: {"b": tf.constant(1.0)}))


def case_cond_lengths(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: [tf.constant(1.0)] * 2,
                                        lambda: [tf.constant(1.0)] * 3))


def case_cond_false_returns_none(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: tf.constant(1.0),
                                        lambda: None))


def case_cond_not_callable(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), tf.constant(1.0),
                                        lambda: tf.constant(1.0)))


def case_cond_returns_none(tf):
    return _outcome(tf, lambda: tf.cond(tf.constant(True), lambda: None,
                                        lambda: tf.constant(1.0)))


def case_softmax_xent_shapes(tf):
    return _outcome(tf, lambda: tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=tf.ones([2, 3]), logits=tf.ones([2, 4])))


def case_sparse_xent_rank(tf):
    return _outcome(tf, lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.ones([2, 3], tf.int32), logits=tf.ones([2, 3])))


def case_sparse_xent_label_out_of_range(tf):
    return _outcome(tf, lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.constant([0, 3]), logits=tf.ones([2, 3])))


def case_dropout_keep_prob_zero(tf):
    return _outcome(tf, lambda: tf.nn.dropout(tf.ones([2]), keep_prob=0.0))


def case_dropout_keep_prob_above_one(tf):
    return _outcome(tf, lambda: tf.nn.dropout(tf.ones([2]), keep_prob=1.5))


def case_dropout_keep_prob_string(tf):
    return _outcome(tf, lambda: tf.nn.dropout(tf.ones([2]), keep_prob="a"))


def case_dropout_keep_prob_one_ok(tf):
    return _outcome(tf, lambda: tf.nn.dropout(tf.ones([2]), keep_prob=1.0))


def case_cast_bool_to_string(tf):
    def build():
        p = tf.placeholder(tf.bool, [], name="p")
        return tf.cast(p, tf.string), {p: True}
    return _outcome(tf, build)


def case_cast_string_to_int64(tf):
    def build():
        p = tf.placeholder(tf.string, [None], name="p")
        return tf.cast(p, tf.int64), {p: ["1"]}
    return _outcome(tf, build)


def case_dropout_rate_one(tf):
    return _outcome(tf, lambda: tf.nn.dropout(tf.ones([2]), rate=1.0))


def case_split_run_time(tf):
    def build():
        x = tf.placeholder(tf.float32, [None], name="x")
        return tf.split(x, 2), {x: np.ones(3)}
    return _outcome(tf, build)


def case_get_variable_bad_name(tf):
    return _outcome(tf, lambda: tf.get_variable("a b", [2]))


def case_placeholder_bad_name(tf):
    return _outcome(tf, lambda: tf.placeholder(tf.float32, name="a b"))


def case_op_names_in_scopes(tf):
    def name(fn):
        try:
            return fn().name
        except ValueError as e:
            return GoldenError.of(e)
    out = []
    with tf.name_scope("s"):
        out += [name(lambda: tf.placeholder(tf.float32, name="_x")),
                name(lambda: tf.constant(1.0, name="-c")),
                name(lambda: tf.add(1.0, 2.0, name="a b")),
                name(lambda: tf.constant(1.0, name="a b"))]
    out += [name(lambda: tf.placeholder(tf.float32, name="_x")),
            name(lambda: tf.constant(1.0, name="-c")),
            name(lambda: tf.identity(1.0, name="x/")),
            name(lambda: tf.get_default_graph().create_op("NoOp", [], [], name="a b")),
            name(lambda: tf.zeros([2], name="a b"))]
    return out


def case_variable_bad_name(tf):
    return _outcome(tf, lambda: tf.Variable(1.0, name="-v"))


# -- 5. more slips: saving, optimizers, py_func, data, queues, shapes, layers ----------------

def case_saver_save_missing_dir(tf):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver([v])
    with tf.Session() as sess:
        sess.run(v.initializer)
        return _raises(lambda: saver.save(sess, "/nonexistent/perrs/dir/model.ckpt"))


def _saved(tf, path):
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(v.initializer)
            return saver.save(sess, path)


def case_saver_restore_missing_key(tf):
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = _saved(tf, d + "/model.ckpt")
        w = tf.Variable([1.0, 2.0], name="w")
        saver = tf.train.Saver([w])
        with tf.Session() as sess:
            return _raises(lambda: saver.restore(sess, path))


def case_saver_restore_shape_mismatch(tf):
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = _saved(tf, d + "/model.ckpt")
        v = tf.Variable([1.0, 2.0, 3.0], name="v")
        saver = tf.train.Saver([v])
        with tf.Session() as sess:
            return _raises(lambda: saver.restore(sess, path))


def case_saver_restore_not_a_checkpoint(tf):
    import os
    import tempfile
    out = []
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "junk"), "wb") as f:
            f.write(b"x" * 100)
        with open(os.path.join(d, "small"), "wb") as f:
            f.write(b"x")
        for name in ("", "junk", "small"):
            path = os.path.join(d, name) if name else d
            with tf.Graph().as_default():
                saver = tf.train.Saver([tf.Variable(1.0, name="v")])
                with tf.Session() as sess:
                    err = _raises(lambda: saver.restore(sess, path))
            out.append(GoldenError(err.cls, err.message.replace(path, "<path>")))
    return out


def case_saver_dict_values(tf):
    out = []
    for make in (lambda: {1: tf.Variable(1.0)}, lambda: {"a": [tf.constant(1.0)]},
                 lambda: {"a": tf.constant(1.0)}, lambda: [tf.constant(1.0)],
                 lambda: {"a": 3.0}):
        with tf.Graph().as_default():
            out.append(_raises(lambda: tf.train.Saver(make())))
    return out


def case_import_meta_graph_missing(tf):
    return _raises(lambda: tf.train.import_meta_graph("/nonexistent/perrs/model.meta"))


def case_apply_gradients_all_none(tf):
    def build():
        w = tf.Variable(1.0, name="w")
        return tf.train.GradientDescentOptimizer(0.1).apply_gradients([(None, w)])
    return _outcome(tf, build)


def case_minimize_var_list_tensor(tf):
    def build():
        w = tf.Variable(1.0, name="w")
        return tf.train.GradientDescentOptimizer(0.1).minimize(w * 2.0, var_list=[w * 1.0])
    return _outcome(tf, build)


def case_adam_slots_uninitialized(tf):
    def build():
        w = tf.Variable(1.0, name="w")
        init = tf.global_variables_initializer()
        train = tf.train.AdamOptimizer(0.1).minimize(w * w)
        return tf.group(init, name="init_first"), train
    init, train = build()
    with tf.Session() as sess:
        sess.run(init)
        return _raises(lambda: sess.run(train)).cls


def case_clip_by_global_norm_tensor(tf):
    return _outcome(tf, lambda: tf.clip_by_global_norm(tf.ones([2]), 1.0))


def _tokens(result):
    """The outcome with the process-wide counters in names (py_func's pyfunc_N token, a
    queue's resource id `_N_name`) replaced by N: they count what ran before."""
    if isinstance(result, list):
        return [_tokens(x) for x in result]
    if isinstance(result, GoldenError):
        msg = re.sub(r"\bpyfunc_\d+", "pyfunc_N", result.message)
        return GoldenError(result.cls, re.sub(r"'_\d+_", "'_N_", msg))
    return result


def _py_raising(tf, exc):
    def fn(x):
        raise exc
    return _outcome(tf, lambda: tf.py_func(fn, [tf.constant(1.0)], tf.float32))


def case_py_func_value_error(tf):
    return _py_raising(tf, ValueError("bad value"))


def case_py_func_type_error(tf):
    return _py_raising(tf, TypeError("bad type"))


def case_py_func_runtime_error(tf):
    return _py_raising(tf, RuntimeError("boom"))


def case_py_func_not_implemented(tf):
    return _py_raising(tf, NotImplementedError("later"))


def case_py_func_stop_iteration(tf):
    return _py_raising(tf, StopIteration())


def case_py_func_wrong_dtype(tf):
    return _tokens(_outcome(tf, lambda: tf.py_func(lambda x: x, [tf.constant(1)], tf.float32)))


def case_py_func_wrong_count(tf):
    return _tokens(_outcome(tf, lambda: tf.py_func(lambda x: (x, x), [tf.constant(1.0)],
                                                   tf.float32)))


def case_iterator_not_initialized(tf):
    def build():
        it = tf.data.Dataset.range(3).make_initializable_iterator()
        return it.get_next()
    return _outcome(tf, build)


def case_dataset_slices_mismatch(tf):
    return _outcome(tf, lambda: tf.data.Dataset.from_tensor_slices(
        (np.ones(3), np.ones(2))))


def case_dataset_batch_ragged(tf):
    def build():
        d = tf.data.Dataset.from_generator(lambda: iter([[1, 2], [3, 4, 5]]), tf.int32)
        return d.batch(2).make_one_shot_iterator().get_next()
    return _outcome(tf, build)


def case_queue_closed_empty(tf):
    def build():
        q = tf.FIFOQueue(3, tf.float32, name="q")
        return tf.group(q.close()), q.dequeue()
    close, deq = build()
    with tf.Session() as sess:
        sess.run(close)
        return _tokens(_raises(lambda: sess.run(deq)))


def case_queue_enqueue_shape(tf):
    def build():
        q = tf.FIFOQueue(3, tf.float32, shapes=[[2]], name="q")
        x = tf.placeholder(tf.float32, name="x")
        return q.enqueue(x), {x: np.ones(3)}
    return _outcome(tf, build)


def case_queue_enqueue_dtype(tf):
    return _outcome(tf, lambda: tf.FIFOQueue(3, tf.float32).enqueue(tf.constant(1)))


def case_set_shape_incompatible(tf):
    def build():
        x = tf.placeholder(tf.float32, [None, 3])
        x.set_shape([2, 4])
    return _outcome(tf, build)


def case_as_list_unknown(tf):
    return _raises(lambda: tf.placeholder(tf.float32).get_shape().as_list())


def case_conv2d_layer_rank(tf):
    return _outcome(tf, lambda: tf.layers.conv2d(tf.ones([2, 8, 3]), 4, 3))


def case_dense_layer_int_input(tf):
    return _outcome(tf, lambda: tf.layers.dense(tf.ones([2, 3], tf.int32), 4))


def case_batch_norm_unknown_channels(tf):
    return _outcome(tf, lambda: tf.layers.batch_normalization(
        tf.placeholder(tf.float32, [None, None])))


def case_conv2d_strides_length(tf):
    return _outcome(tf, lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]),
                                             [1, 1], "SAME"))


def case_conv2d_dtype_mix(tf):
    return _outcome(tf, lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1], tf.float64),
                                             tf.ones([2, 2, 1, 1]), [1, 1, 1, 1], "SAME"))


def case_max_pool_ksize_length(tf):
    return _outcome(tf, lambda: tf.nn.max_pool(tf.ones([1, 4, 4, 1]), [2, 2], [1, 1, 1, 1],
                                               "SAME"))


def case_sparse_xent_float_labels(tf):
    return _outcome(tf, lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.constant([0.0, 1.0]), logits=tf.ones([2, 3])))


def case_reshape_float_shape(tf):
    return _outcome(tf, lambda: tf.reshape(tf.ones([4]), [2.0, 2.0]))


def case_tile_run_time(tf):
    def build():
        m = tf.placeholder(tf.int32, [None], name="m")
        return tf.tile(tf.ones([2, 2]), m), {m: [2]}
    return _outcome(tf, build)


def case_summary_scalar_vector(tf):
    return _outcome(tf, lambda: tf.summary.scalar("loss", tf.ones([2])))


def case_decode_csv_fields(tf):
    return _outcome(tf, lambda: tf.decode_csv(tf.constant(["1,2"]), [[0], [0], [0]]))


def case_feed_scalar_to_vector(tf):
    def build():
        x = tf.placeholder(tf.float32, [None], name="x")
        return x * 2.0, {x: 1.0}
    return _outcome(tf, build)


def case_feed_bool_from_int_ok(tf):
    def build():
        x = tf.placeholder(tf.bool, [2], name="x")
        return tf.logical_not(x), {x: [1, 0]}
    return _outcome(tf, build)


def case_feed_dict_not_dict(tf):
    def build():
        x = tf.placeholder(tf.float32, [], name="x")
        return x * 2.0, [(x, 1.0)]
    return _outcome(tf, build)


def case_fetch_dict_with_none(tf):
    return _outcome(tf, lambda: {"a": tf.constant(1.0), "b": None})


def case_sparse_placeholder_dense_feed(tf):
    def build():
        sp = tf.sparse_placeholder(tf.float32, name="sp")
        return tf.sparse_tensor_to_dense(sp), {sp: np.ones((2, 2), np.float32)}
    return _outcome(tf, build)


def case_gradients_of_python_number(tf):
    return _outcome(tf, lambda: tf.gradients(1.0, [tf.Variable(1.0)]))


def case_gradients_int_ok(tf):
    def build():
        x = tf.constant(3)
        g = tf.gradients(x * x, x)
        return tf.constant(g[0] is None)
    return _outcome(tf, build)


# -- 6. and more: sessions and graphs, initialization, op arguments ------------------------

def case_eval_session_other_graph(tf):
    c = tf.constant(1.0)
    with tf.Graph().as_default():
        tf.constant(2.0)
        sess = tf.Session()
    try:
        return _raises(lambda: c.eval(session=sess))
    finally:
        sess.close()


def case_eval_default_session_other_graph(tf):
    c = tf.constant(1.0)
    g = tf.Graph()
    with g.as_default():
        tf.constant(2.0)
    sess = tf.Session(graph=g)
    try:
        with sess.as_default():
            return _raises(lambda: c.eval())
    finally:
        sess.close()


def case_run_default_session_other_graph(tf):
    op = tf.no_op()
    g = tf.Graph()
    with g.as_default():
        tf.constant(2.0)
    sess = tf.Session(graph=g)
    try:
        with sess.as_default():
            return [_raises(lambda: op.run()), _raises(lambda: op.run(session=sess))]
    finally:
        sess.close()


def case_fetch_op_name_string(tf):
    def build():
        tf.no_op(name="train")
        return ["train"]
    return _outcome(tf, build)


def case_save_uninitialized(tf):
    import tempfile
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver([v])
    with tempfile.TemporaryDirectory() as d, tf.Session() as sess:
        return _raises(lambda: saver.save(sess, d + "/model.ckpt"))


def case_metric_local_variables_uninitialized(tf):
    def build():
        acc, update = tf.metrics.accuracy(tf.constant([1, 0]), tf.constant([1, 1]))
        return update
    phase, err = _outcome(tf, build, init=True)
    # (which of accuracy/total and accuracy/count TF's executor reads first varies)
    return [phase, GoldenError(err.cls, re.sub(r"accuracy/(total|count)$", "accuracy/<total or "
                                               "count>", err.message))]


def case_conv2d_lowercase_padding(tf):
    return _outcome(tf, lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]),
                                             [1, 1, 1, 1], "same"))


def case_softmax_xent_positional(tf):
    return _outcome(tf, lambda: tf.nn.softmax_cross_entropy_with_logits(
        tf.ones([2, 3]), tf.ones([2, 3])))


def case_sigmoid_xent_shapes(tf):
    return _outcome(tf, lambda: tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones([2, 3]), logits=tf.ones([2, 4])))


def case_sigmoid_xent_positional(tf):
    return _outcome(tf, lambda: tf.nn.sigmoid_cross_entropy_with_logits(
        tf.ones([2, 3]), tf.ones([2, 3])))


def case_decode_jpeg_garbage(tf):
    return _outcome(tf, lambda: tf.image.decode_jpeg(tf.constant(b"abc")))


def case_decode_png_garbage(tf):
    return _outcome(tf, lambda: tf.image.decode_png(tf.constant(b"abc")))


def case_variable_int_dtype_float_value(tf):
    return _outcome(tf, lambda: tf.Variable(1.5, dtype=tf.int32))


def case_constant_int_dtype_float_value(tf):
    return _outcome(tf, lambda: tf.constant(1.5, dtype=tf.int32))


def case_constant_float_dtype_string_value(tf):
    return _outcome(tf, lambda: tf.constant("a", dtype=tf.float32))


def case_zeros_misspelled_dtype(tf):
    return _outcome(tf, lambda: tf.zeros([2], dtype="flaot32"))


def case_placeholder_misspelled_dtype(tf):
    return _outcome(tf, lambda: tf.placeholder("flaot32"))


def case_learning_rate_int_tensor(tf):
    def build():
        w = tf.Variable(1.0, name="w")
        return tf.train.GradientDescentOptimizer(tf.constant(1)).minimize(w * w)
    return _outcome(tf, build, init=True)


def case_string_split_matrix(tf):
    return _outcome(tf, lambda: tf.string_split(tf.constant([["a b"]])))


def case_string_join_number(tf):
    return _outcome(tf, lambda: tf.strings.join([tf.constant("a"), tf.constant(1)]))


def case_string_plus_string_ok(tf):
    return _outcome(tf, lambda: tf.constant("a") + tf.constant("b"))


def case_string_times_number(tf):
    return _outcome(tf, lambda: tf.constant("a") * 2)


def case_as_string_of_string(tf):
    return _outcome(tf, lambda: tf.as_string(tf.constant("a")))


def case_to_number_of_number(tf):
    return _outcome(tf, lambda: tf.strings.to_number(tf.constant(1.0)))


def case_string_to_number_bad(tf):
    def build():
        s = tf.placeholder(tf.string, [None], name="s")
        return tf.strings.to_number(s), {s: ["1.5", "x"]}
    return _outcome(tf, build)


def case_equal_string_number(tf):
    return _outcome(tf, lambda: tf.equal(tf.constant("a"), 1))


def case_gather_axis_tensor_run_time(tf):
    def build():
        ax = tf.placeholder(tf.int32, [], name="ax")
        return tf.gather(tf.ones([2, 3]), [0], axis=ax), {ax: 2}
    return _outcome(tf, build)


def case_one_hot_float_depth(tf):
    return _outcome(tf, lambda: tf.one_hot([0, 1], 3.0))


def case_random_uniform_int_no_maxval(tf):
    return _outcome(tf, lambda: tf.random_uniform([2], dtype=tf.int32))


def case_truncated_normal_int(tf):
    return _outcome(tf, lambda: tf.truncated_normal([2], dtype=tf.int32))


def case_random_normal_int_dtype(tf):
    out = []
    for fn in (tf.random_normal, tf.truncated_normal):
        for kw in ({}, {"mean": 0, "stddev": 1}, {"mean": 0}):
            with tf.Graph().as_default() as g:
                out.append([_raises(lambda: fn([2], dtype=tf.int32, **kw)),
                            [o.name for o in g.get_operations()]])
    return out


def case_variable_assign_other_graph(tf):
    def build():
        with tf.Graph().as_default():
            c = tf.constant(1.0)
        v = tf.Variable(2.0, name="v")
        return tf.assign(v, c)
    return _outcome(tf, build)


def case_variables_initializer_empty_ok(tf):
    return _outcome(tf, lambda: tf.variables_initializer([]))


def case_reduce_sum_string(tf):
    return _outcome(tf, lambda: tf.reduce_sum(tf.constant(["a", "b"])))


def case_argmax_of_string(tf):
    return _outcome(tf, lambda: tf.argmax(tf.constant(["a", "b"])))


def case_abs_of_bool(tf):
    return _outcome(tf, lambda: tf.abs(tf.constant([True])))


def case_logical_and_of_int(tf):
    return _outcome(tf, lambda: tf.logical_and(tf.constant(1), tf.constant(0)))


# -- 7. image decoders given the wrong bytes (TF's DecodeImageOp, decode_image's Asserts) ----
_GIF1 = bytes.fromhex("474946383761030002008100000000000000000000000000002c0000000003000200"
                      "0008060001081c1810003b")
_GIF2 = bytes.fromhex("474946383761030002008100000000000000000000000000002c0000000003000200"
                      "0008060001081c18100021f90401000001002c000000000300020081282828000000"
                      "00000000000008060001081c1810003b")
_BMP = bytes.fromhex("424d4e0000000000000036000000280000000300000002000000010018000000000018"
                     "000000c40e0000c40e000000000000000000000b0a090e0d0c11100f0000000201000504"
                     "03080706000000")
_IMAGE_BYTES = {"garbage": b"abc", "empty": b"", "text": b"\x00\x01hello world, not an image",
                "gif": _GIF1, "animated_gif": _GIF2, "bmp": _BMP, "ffd8": b"\xff\xd8\x00abc",
                "png_prefix": b"\x89PNxyz", "gif_header": b"GIF89a\x00\x00",
                "bmp_header": b"BM" + b"\x00" * 60}
_DECODERS = {
    "decode_jpeg": lambda tf, c: tf.image.decode_jpeg(c),
    "decode_jpeg_gray": lambda tf, c: tf.image.decode_jpeg(c, channels=1),
    "decode_png": lambda tf, c: tf.image.decode_png(c),
    "decode_png_uint16": lambda tf, c: tf.image.decode_png(c, dtype=tf.uint16),
    "decode_gif": lambda tf, c: tf.image.decode_gif(c),
    "decode_image": lambda tf, c: tf.image.decode_image(c),
    "decode_image_gray": lambda tf, c: tf.image.decode_image(c, channels=1),
    "decode_image_rgba": lambda tf, c: tf.image.decode_image(c, channels=4),
}


def _decoded(tf, decoder, data):
    def build():
        return tf.reduce_sum(tf.cast(_DECODERS[decoder](tf, tf.constant(data)), tf.int64))
    return _outcome(tf, build)


# decode_image's BMP branch runs two Asserts (the 'BM' magic, channels != 1); where both fail
# TF's executor reports either
_BMP_ASSERTS = ("assertion failed: [Unable to decode bytes as JPEG, PNG, GIF, or BMP]",
                "assertion failed: [Channels must be in (None, 0, 3) when decoding BMP images]")


def _either_assert(result):
    if len(result) == 2 and isinstance(result[1], GoldenError) and \
            result[1].message in _BMP_ASSERTS:
        return [result[0], GoldenError(result[1].cls, " or ".join(_BMP_ASSERTS))]
    return result


def _decoder_case(decoder):
    def case(tf):
        return {k: _either_assert(_decoded(tf, decoder, v))
                for k, v in sorted(_IMAGE_BYTES.items())}
    return case


for _name in _DECODERS:
    globals()["case_image_bytes_" + _name] = _decoder_case(_name)


def case_image_png_bytes_to_decode_jpeg(tf):
    def build():
        png = tf.image.encode_png(tf.constant(np.arange(18, dtype=np.uint8).reshape(2, 3, 3)))
        return [tf.shape(tf.image.decode_jpeg(png)), tf.shape(tf.image.decode_gif(png)),
                tf.reduce_sum(tf.cast(tf.image.decode_jpeg(png), tf.int32))]
    return _outcome(tf, build)


def case_image_jpeg_bytes_to_decode_png(tf):
    def build():
        jpg = tf.image.encode_jpeg(tf.constant(np.full((2, 3, 3), 7, np.uint8)))
        return [tf.shape(tf.image.decode_png(jpg)), tf.shape(tf.image.decode_gif(jpg))]
    return _outcome(tf, build)


def case_image_jpeg_bytes_to_decode_png_uint16(tf):
    def build():
        jpg = tf.image.encode_jpeg(tf.constant(np.full((2, 3, 3), 7, np.uint8)))
        return tf.image.decode_png(jpg, dtype=tf.uint16)
    return _outcome(tf, build)


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
