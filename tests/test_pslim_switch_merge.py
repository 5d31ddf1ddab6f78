"""control_flow_ops.switch / merge built by a script (slim's apply_with_random_selector)
against TF 1.14 (tests/golden/control/gen_pslim_switch_merge.py)."""
import numpy as np

import goldens
import flowgrad as tf

GEN = goldens.generator("control", "pslim_switch_merge")
GOLD = goldens.load("control", "pslim_switch_merge")


def test_fed_predicate_as_tf():
    got, want = GEN.fed(tf), GOLD["fed"]
    for key in ("names", "shapes", "dtypes", "version"):
        assert got[key] == want[key], key
    for v in ("True", "False"):
        np.testing.assert_array_equal(got[v][0], want[v][0])
        assert got[v][1] == want[v][1]


def test_random_selector_draws_tfs_numbers():
    got, want = GEN.random_selector(tf), GOLD["random_selector"]
    assert (got["shape"], got["version"]) == (want["shape"], want["version"])
    for (a, b), (wa, wb) in zip(got["runs"], want["runs"]):
        np.testing.assert_allclose(a, wa, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(b, wb, rtol=1e-6)


def test_variables_are_switched_and_merged_as_refs():
    got, want = GEN.refs(tf), GOLD["refs"]
    np.testing.assert_array_equal(got.pop("taken"), want.pop("taken"))
    assert got == want


def test_gradients_through_switch_and_merge_as_tf():
    got, want = GEN.grads(tf), GOLD["grads"]
    assert sorted(got) == sorted(want)
    for k in want:
        for a, w in zip(got[k], want[k]):
            np.testing.assert_allclose(a, w, rtol=1e-6)


def test_switch_names_its_op_and_checks_pred():
    with tf.Graph().as_default():
        from flowgrad.ops import control_flow_ops as cfo
        f, t = cfo.switch(tf.constant(1.0), tf.constant(True), name="sw")
        assert (f.name, t.name) == ("sw:0", "sw:1")
