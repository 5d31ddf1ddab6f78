"""A tf.cond's gradient in GraphDefs and get_operations() as TF 1.14's (issue 10): the
Switch of each output's gradient on the cond's pred_id, the branch ops' gradients named in
the gradients scope, zeros for the untaken side and a Merge per forward Switch, an AddN
per captured tensor both branches read (graph_def_lower_condgrad.py;
tests/golden/opcounts/gen_pcondgd.py): op names and types in TF's order, the details of
the control-flow nodes, and every node's inputs."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "pcondgd")
WANT = goldens.load("opcounts", "pcondgd")

# Calls whose GraphDef still differs from TF's, with the reason. A listed call that starts
# matching fails test_known_different_still_differ.
KNOWN_DIFFERENT = {
    "grad/second_order": "the gradient of a cond's gradient is flowgrad's generic cond",
}


def _norm(x):
    if isinstance(x, (list, tuple)):
        return [_norm(y) for y in x]
    if isinstance(x, dict):
        return {k: _norm(v) for k, v in x.items()}
    return x


def _got(name):
    return _norm(GEN.describe(tf, dict(GEN.CALLS)[name]))


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)
    assert set(KNOWN_DIFFERENT) <= set(WANT)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS if n not in KNOWN_DIFFERENT])
def test_graph_def_equals_tf(name):
    got, want = _got(name), _norm(WANT[name])
    assert got["ops"] == want["ops"]
    assert got["inputs"] == want["inputs"]
    for node, details in want["nodes"].items():
        assert got["nodes"][node] == details, node


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    assert _got(name) != _norm(WANT[name]), f"{name} now matches TF: take it off the list"


def test_values_and_counter_unchanged_by_the_view():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [], name="x")
        y = tf.cond(x > 0, lambda: x * x, lambda: tf.sin(x))
        dx, = tf.gradients(y, x)
        last = g._last_id
        names = [o.name for o in g.get_operations()]
        assert "gradients/AddN_1" in names and "gradients/cond/Merge_grad/cond_grad" in names
        assert g._last_id == last
        with tf.Session() as s:
            assert s.run(dx, {x: 3.0}) == 6.0
            np.testing.assert_allclose(s.run(dx, {x: -1.0}), np.cos(-1.0), rtol=1e-6)
    # the gradient's consumers read TF's AddN of the two Merges
    gd = {n.name: n for n in g.as_graph_def().node}
    assert list(gd["gradients/AddN_1"].input) == [
        "gradients/cond/Sin/Switch_grad/cond_grad", "gradients/cond/mul/Switch_grad/cond_grad"]
