"""Grappler on gate_gradients=True graphs (engine/optimize/minimize_broadcasts.py,
runtime/ir.py's unseen_reads) against TF 1.14 (tests/golden/math/gen_gated_grads.py):
gated and ungated gradients each match TF bit for bit, and the golden tells them apart."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.runtime.ir import lower

import goldens

GOLDEN = goldens.load("math", "gated_grads")
GEN = goldens.generator("math", "gated_grads")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    goldens.same_exact(getattr(GEN, name)(tf), GOLDEN[name], name)


def test_golden_tells_gated_from_ungated():
    gated, ungated = GOLDEN["dropout_chain"], GOLDEN["dropout_chain_ungated"]
    assert not np.array_equal(gated[0], ungated[0])     # d/de: the Mul chain regrouped
    assert np.array_equal(gated[1], ungated[1])


def test_plan_counts_the_gated_gradients_tf_runs():
    with tf.Graph().as_default():
        x = tf.Variable(np.ones((2, 3), np.float32))
        m = tf.Variable(np.ones((2, 3), np.float32))
        y = (x * 2.0) * m
        gx, = tf.gradients(tf.reduce_sum(y), [x], gate_gradients=True)
        prog = lower(tf.get_default_graph(), [gx, y], [], [])
        names = {v: n.name for n in prog.nodes for v in n.outputs}
        # y's gradient for m (x * 2.0 times the incoming gradient), which TF runs for the
        # gate, reads the forward x * 2.0 ("mul"): one reader the plan does not have
        unseen = {names[v]: c for v, c in prog.unseen_reads.items()}
        assert unseen.get("mul") == 1
        gx2, = tf.gradients(tf.reduce_sum(y), [x])
        assert lower(tf.get_default_graph(), [gx2, y], [], []).unseen_reads == {}


def test_golden_tells_add_chain_gated_from_ungated():
    # gated: AddN(Square, Tanh, Square, Tanh); ungated: 2 * (Tanh + Square)
    gated, ungated = GOLDEN["add_chain"], GOLDEN["add_chain_ungated"]
    assert not all(np.array_equal(a, b) for a, b in zip(gated, ungated))


def test_snapshots_only_with_ref_input_ops():
    # Grappler's constant folding makes a Mul by ones a Snapshot (which stays) when the
    # plan has an op with a ref input (minimize on reference variables), else an Identity
    from flowgrad.engine.optimize._util import snapshots
    with tf.Graph().as_default():
        v = tf.Variable(np.ones((2, 3), np.float32))
        loss = tf.reduce_sum(v * v)
        g, = tf.gradients(loss, [v])
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        graph = tf.get_default_graph()
        assert not snapshots(lower(graph, [g], [], []))
        assert snapshots(lower(graph, [], [train], []))
    with tf.Graph().as_default():
        r = tf.get_variable("r", [2, 3], use_resource=True)
        train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(r * r))
        assert not snapshots(lower(tf.get_default_graph(), [], [train], []))


def test_golden_tells_ungated_lstm_dropout_and_exp_tree_from_gated():
    # ungated the Mul by ones stops Grappler's first round: (1.25 * mask) * (mask *
    # (5.625 * out)), gated (7.03125 * Square(mask)) * out; the Exp gradient's leaves
    # (0.1 * g) * Exp ungated, (0.1 * Exp) * g gated
    for gated, ungated in (("lstm_dropout", "lstm_dropout_ungated"),
                           ("lstm_dropout_peepholes", "lstm_dropout_peepholes_ungated"),
                           ("addn_through_gates", "addn_through_gates_ungated")):
        assert not all(np.array_equal(a, b)
                       for a, b in zip(GOLDEN[gated], GOLDEN[ungated])), gated


def test_golden_tells_round2_push_down_gated_from_ungated():
    # the gated x-gradients differ from the ungated ones: Grappler's second round pushes
    # the constants down before its MinimizeBroadcasts regroups
    for name in ("exp_scaled_round2", "square_of_product_round2"):
        assert not np.array_equal(GOLDEN[name][0], GOLDEN[name + "_ungated"][0]), name
