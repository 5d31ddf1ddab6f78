"""Grappler's AddOpsRewrite (engine/optimize/add_ops_rewrite.py) against TF 1.14
(tests/golden/math/gen_addops_rewrite.py): Add/AddN trees with known shapes sum as TF's
rewritten AddN / Add tree does, bit for bit; trees Grappler leaves alone (an inner add
read twice or fetched, shapes below a feed) keep the written order; with
arithmetic_optimization off everything keeps it."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.optimize import add_ops_rewrite as aor
from flowgrad.engine.runtime.ir import lower

import goldens

GOLDEN = goldens.load("math", "addops_rewrite")
GEN = goldens.generator("math", "addops_rewrite")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    fn = getattr(GEN, name.replace("_arithmetic_off", ""))
    got = fn(tf, arithmetic=not name.endswith("_arithmetic_off"))
    goldens.same_exact(got, GOLDEN[name], name)


def _leaves(seed, shapes, dtype=np.float32):
    return GEN._arrays(shapes, dtype, seed)


def test_golden_tells_the_orders_apart():
    # rewritten cases differ from the written order (the arithmetic_off run) ...
    for name in ("same_shape_chain", "bias_chain", "bias_chain_float16", "four_shapes",
                 "add_n_root", "in_loop", "in_cond", "forwarded_leaf"):
        assert not np.array_equal(GOLDEN[name], GOLDEN[name + "_arithmetic_off"]), name
    for a, b in zip(GOLDEN["root_reads_twice"], GOLDEN["root_reads_twice_arithmetic_off"]):
        assert not np.array_equal(a, b)           # s absorbed though its root reads it twice
    for a, b in zip(GOLDEN["tied_sizes"], GOLDEN["tied_sizes_arithmetic_off"]):
        assert not np.array_equal(a, b)
    p, q, r, s, t = _leaves(9, [(GEN.N,)] * 5)
    b = (p + q) + r
    assert np.array_equal(GOLDEN["renamed_leaf"][0], (b + s) + t)
    assert not np.array_equal((b + s) + t, (s + t) + b)          # zz by its own name: last
    dynamic, static = GOLDEN["lstm_peepholes_fed"]
    off = GOLDEN["lstm_peepholes_fed_arithmetic_off"]
    assert np.array_equal(dynamic, off[0]) and not np.array_equal(static, off[1])
    # ... and the cases TF leaves alone would differ had it rewritten them
    d, c, b = _leaves(4, [(GEN.N,)] * 3)
    assert np.array_equal(GOLDEN["two_readers"][0] / np.float32(1), (d + c) + b)
    assert not np.array_equal((b + c) + d, (d + c) + b)       # AddN(b, c, d), name order
    f, w, cc = _leaves(1, [(8, 500), (500,), (8, 500)])
    one = np.float32(1)
    for name in ("fed_placeholders", "in_cond_fed", "in_cond_arithmetic_off"):
        assert np.array_equal(GOLDEN[name], (f + one) + w * cc), name
    assert np.array_equal(GOLDEN["in_cond"], one + (f + w * cc))
    y, z = GOLDEN["through_no_ops"]
    assert np.array_equal(y, one + (f + w * cc))
    assert np.array_equal(z, np.float32(2) + (f + w * cc))
    assert not np.array_equal(z, (f + np.float32(2)) + w * cc)
    assert np.array_equal(GOLDEN["bias_chain"], one + (f + w * cc))
    assert not np.array_equal(one + (f + w * cc), (f + one) + w * cc)
    assert any(not np.array_equal(a, b) for a, b in
               zip(GOLDEN["in_loop_grad"], GOLDEN["in_loop_grad_arithmetic_off"]))


def _program(fetch):
    return lower(tf.get_default_graph(), [fetch], [], [])


def test_rewrite_builds_tf_nodes():
    with tf.Graph().as_default():
        f = tf.Variable(np.zeros((2, 3), np.float32), name="f")
        w = tf.Variable(np.zeros(3, np.float32), name="w")
        y = tf.add(tf.add(f, 1.0, name="inner"), w * f, name="outer")
        out = aor.add_ops_rewrite(_program(y * 2.0))
        kinds = [(n.type, n.name) for n in out.nodes if n.type in ("Add", "AddV2", "AddN")]
        assert kinds == [("AddN", "ArithmeticOptimizer/AddOpsRewrite_Leaf_1_outer"),
                         ("AddV2", "ArithmeticOptimizer/AddOpsRewrite_outer")]
        assert aor.rewritten_roots(out) == {"outer"}
        # a fetched root is what Grappler preserves: left alone
        prog = _program(y)
        assert aor.add_ops_rewrite(prog) is prog


def test_declines_unknown_or_tied_shapes():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [None, 3])
        y = (a + 1.0) + a           # a dim Grappler would call symbolic: not modelled
        prog = _program(y * 2.0)
        assert [n.type for n in aor.add_ops_rewrite(prog, unknown=()).nodes].count("Add") == 2
    with tf.Graph().as_default():
        s = tf.Variable(np.float32(0))
        r = tf.Variable(np.zeros((4, 1), np.float32))
        c = tf.Variable(np.zeros((1, 4), np.float32))
        x = tf.Variable(np.zeros((4, 4), np.float32))
        # sizes 1, 4, 4, 16: which of r, c comes second is a hash map's order in Grappler
        prog = _program((((x + r) + c) + s) * 2.0)
        assert [n.type for n in aor.add_ops_rewrite(prog).nodes].count("Add") == 3
        # sizes 4, 4, 16: r and c come first, in either order (tied_sizes in the golden)
        prog = _program(((x + r) + c) * 2.0)
        assert [n.type for n in aor.add_ops_rewrite(prog).nodes].count("Add") == 0


def test_declines_an_unknown_buffer_forward():
    # AddN(a/read, b/read, f): whether the kernel takes over a feed's buffer (a loop
    # body's loop variable, say) is not known, so neither is the order it sums in
    with tf.Graph().as_default():
        a, b, x = [tf.Variable(np.zeros(3, np.float32), name=n) for n in "abx"]
        f = tf.placeholder(tf.float32, [3], name="zz")
        prog = lower(tf.get_default_graph(), [((f + a) + b) * 2.0], [], [f])
        assert [n.type for n in aor.add_ops_rewrite(prog, unknown=()).nodes].count(
            "Add") == 2
        # ... but an Identity's buffer is its input's: a fresh Mul's, taken over (the
        # oracle: TF sums `(zz + b) + a`, /tmp/paor/ident.py)
        m = tf.identity(x * 2.0, name="zz1")
        prog = _program(((m + a) + b) * 2.0)
        (addn,) = [n for n in aor.add_ops_rewrite(prog).nodes if n.type == "AddN"]
        name = {n.outputs[0]: n.name for n in prog.nodes if n.outputs}
        assert [name[v] for v in addn.inputs] == ["zz1", "b/read", "a/read"]
        m2 = tf.multiply(x, 2.0, name="zz2")
        prog = _program(((m2 + a) + b) * 2.0)
        (addn,) = [n for n in aor.add_ops_rewrite(prog).nodes if n.type == "AddN"]
        name = {n.outputs[0]: n.name for n in prog.nodes if n.outputs}
        # name order a/read, b/read, zz2; the kernel takes over zz2's buffer: to the front
        assert [name[v] for v in addn.inputs] == ["zz2", "b/read", "a/read"]


def test_feeds_are_unknown_unless_said_known():
    with tf.Graph().as_default():
        f = tf.placeholder(tf.float32, [2, 3])
        w = tf.Variable(np.ones(3, np.float32))
        y = (f + 1.0) + w * f
        prog = lower(tf.get_default_graph(), [y * 2.0], [], [f])
        assert aor.add_ops_rewrite(prog) is prog
        known = aor.add_ops_rewrite(prog, unknown=())
        assert any(n.type == "AddN" for n in known.nodes)


def test_while_nodes_name_their_unknown_inputs():
    with tf.Graph().as_default():
        c = tf.placeholder(tf.float32, [2, 3])
        v = tf.Variable(np.ones((2, 3), np.float32))
        _, y = tf.while_loop(lambda i, a, b: i < 2, lambda i, a, b: (i + 1, a * 2.0, b + a),
                             [tf.constant(0), c * 1.0, v * 1.0])[:2]
        prog = lower(tf.get_default_graph(), [y], [], [c])
        out = aor.add_ops_rewrite(prog)
        (loop,) = [n for n in out.nodes if n.type == "While"]
        assert loop.attrs[aor.UNKNOWN_ATTR] == (1,)


def test_an_absorbed_add_read_by_shape_stays():
    # Shape readers do not count as readers (Grappler's NumNonControlDataOutputs), and
    # the absorbed add still runs for them
    with tf.Graph().as_default():
        f = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))
        w = tf.Variable(np.ones(3, np.float32))
        inner = f + 1.0
        y = inner + w * f
        fetch = tf.reshape(y, tf.shape_n([inner])[0]) * 2.0
        prog = _program(fetch)
        out = aor.add_ops_rewrite(prog)
        assert aor.rewritten_roots(out) == {"add_1"}
        assert any(n.name == "add" for n in out.nodes)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run(fetch)
        fv = np.arange(6, dtype=np.float32).reshape(2, 3)
        np.testing.assert_array_equal(got, (np.float32(1) + (fv + fv)) * 2)


def test_order_known_only_where_every_possible_swap_commutes():
    # the kernel swaps the first input whose buffer it takes over to the front; an input
    # whose buffer it may or may not take over (None) leaves two possibilities, which sum
    # alike only where both are among the first two inputs (they commute)
    def known(states):
        return aor._order_known(list(range(len(states))), states.__getitem__)
    assert known([True, None, None])
    assert known([None, True, None])
    assert known([None, None, False])
    assert known([False, False, True])
    assert not known([None, False, True])
    assert not known([False, None, None])
    assert not known([None, False, None, True])


def test_add_reading_a_value_of_unknown_rank_has_no_shape():
    # Grappler takes a fed placeholder as of unknown rank; BroadcastBinaryOpOutputShapeFn
    # gives an Add reading one (a Sum of it: unknown rank too) an unknown shape although
    # its other input is a scalar, so TF 1.14 regroups none of these adds in the while
    # body (its partition graph keeps the written Add chain) and sums left to right
    # (the oracle: 69.0; regrouping `AddN(Cast, Sum_1, add_2)` gave 69.00001)
    x = tf.placeholder(tf.float32, [None, 3])

    def body(i, acc):
        fi = tf.cast(i, tf.float32)
        w = x * (fi + 1.0)
        c = tf.cond(tf.reduce_sum(w) > 0, lambda: fi * 0.3 + 0.2, lambda: fi)
        return i + 1, ((((acc + tf.reduce_sum(w)) + c)
                        + tf.reduce_sum(tf.fill([3], fi * 0.1 + 0.1)))
                       + tf.cast(i * 2 + 1, tf.float32))

    _, r = tf.while_loop(lambda i, a: i < 6, body, [0, tf.constant(0.0)])
    xv = np.array([[0.1, 0.2, 0.7]], np.float32)
    with tf.Session() as s:
        got = s.run(r, {x: xv})
    f = np.float32
    acc = f(0)
    for i in range(6):
        fi = f(i)
        w = xv * (fi + f(1))
        sw = f(f(w[0, 0] + w[0, 1]) + w[0, 2])
        c = f(fi * f(0.3)) + f(0.2) if sw > 0 else fi
        t = f(fi * f(0.1)) + f(0.1)
        acc = f(f(f(f(acc + sw) + c) + f(f(t + t) + t)) + f(i * 2 + 1))
    assert got == acc == f(69.0)
