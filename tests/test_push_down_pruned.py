"""Grappler's constant push-down through the Identity / StopGradient its model pruner
removes first (engine/optimize/constant_push_down.py), against TF 1.14 (golden
math/push_down_pruned)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "push_down_pruned")
GOLD = goldens.load("math", "push_down_pruned")
OFF = tf.ConfigProto(graph_options=tf.GraphOptions(
    rewrite_options=tf.RewriterConfig(disable_meta_optimizer=True)))


@pytest.mark.parametrize("mode", ["on", "off"])
@pytest.mark.parametrize("name", sorted(GOLD["on"]))
def test_bits(mode, name):
    got = GEN.run(tf, name, OFF if mode == "off" else None)
    want = GOLD[mode][name]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(np.asarray(g), np.asarray(w))


def test_the_golden_tells_pushed_from_written():
    """Pushed down where the pruner removes the node between; as written where it stays."""
    x = GEN._x()
    f = np.float32
    on = GOLD["on"]
    assert np.array_equal(-np.asarray(on["plain"][0]), x * (f(0.7) * f(0.35)))
    assert not np.array_equal(-np.asarray(on["plain"][0]), (x * f(0.35)) * f(0.7))
    assert np.array_equal(np.asarray(on["fetched_parent"][0]), x * (f(0.7) * f(0.35)))
    for name, c in (("read_twice", 0.3), ("fetched_identity", 0.31)):
        got = np.asarray(on[name][0 if name != "fetched_identity" else 1])
        assert np.array_equal(-got, (x * f(c)) * f(0.7)), name
    # an Identity with a control input: the dependency optimizer removes it, and the
    # second round's constant folding pushes down
    assert np.array_equal(-np.asarray(on["control_input"][0]), x * (f(0.7) * f(0.32)))
    differ = [k for k in on if any((np.asarray(a) != np.asarray(b)).any()
                                   for a, b in zip(on[k], GOLD["off"][k]))]
    assert {"plain", "stop_gradient", "chain2", "add_chain", "two_level",
            "fetched_parent", "control_input", "control_no_op"} <= set(differ)
