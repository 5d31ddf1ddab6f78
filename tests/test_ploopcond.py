"""tf.while_loop inside tf.cond as TF 1.14 writes it (issue 10): each tensor from outside
the cond the loop reads is switched into the cond, an initial value when the loop starts
(while/Switch), a tensor only the loop's condition or body reads when an op first reads
it (while/mul/Switch, before the loop's Enter of it); loops in both branches, in nested
conds, in a loop in a cond, in a cond in a loop, tf.case, tf.map_fn and seq2seq's
dynamic_decode in a branch (graph_def_lower.CondPlan; tests/golden/opcounts/
gen_ploopcond.py): the op count, get_operations(), the GraphDef's nodes and the values."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "ploopcond")
WANT = goldens.load("opcounts", "ploopcond")

# Calls whose graph still differs from TF's, with the reason (none now). A listed call
# that starts matching fails test_known_different_still_differ.
KNOWN_DIFFERENT: dict = {}
# Calls whose op count still differs from TF's.
KNOWN_COUNT_DIFFERENT = {
}


def _got(name):
    return GEN.describe(tf, dict(GEN.CALLS)[name])


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)
    assert set(KNOWN_DIFFERENT) <= set(WANT)
    assert set(KNOWN_COUNT_DIFFERENT) <= set(KNOWN_DIFFERENT)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_counts_and_values_are_tfs(name):
    got, want = _got(name), WANT[name]
    if name in KNOWN_COUNT_DIFFERENT:
        assert got["count"] != want["count"], f"{name}'s count now matches TF's"
    else:
        assert got["count"] == want["count"]
    assert len(got["values"]) == len(want["values"])
    for a, b in zip(got["values"], want["values"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS if n not in KNOWN_DIFFERENT])
def test_graph_def_and_operations_are_tfs(name):
    got, want = _got(name), WANT[name]
    assert got["nodes"] == want["nodes"]
    assert got["ops"] == want["ops"]


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    got, want = _got(name), WANT[name]
    assert (got["nodes"], got["ops"]) != (want["nodes"], want["ops"]), \
        f"{name} now matches TF: take it off the list"


def test_body_read_switched_before_its_enter():
    # w, read only by the body: switched into the cond under the op reading it first, the
    # loop's Enter reading the Switch's true output; the values and counter unchanged
    g = tf.Graph()
    with g.as_default():
        outs, feed = GEN._loop_in_cond(tf)
        last = g._last_id
        nodes = [(n.name, list(n.input)) for n in g.as_graph_def().node]
        assert g._last_id == last
        names = [n for n, _ in nodes]
        i = names.index("cond/while/mul/Switch")
        assert names[i - 1] == "cond/while/mul" and names[i + 1] == "cond/while/mul/Enter"
        assert nodes[i][1] == ["w", "cond/pred_id"]
        assert nodes[i + 1][1] == ["cond/while/mul/Switch:1"]
        with tf.Session() as s:
            np.testing.assert_array_equal(s.run(outs, feed)[0],
                                          GEN.X * np.array([1.5, 0.5], np.float32) ** 3)
