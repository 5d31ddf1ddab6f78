"""The GraphDef of every call of tests/golden/opcounts/gen_opcounts.py lists TF 1.14's
nodes (names and op types, in TF's order): flowgrad's functional Cond/While ops are
written as TF's Switch/Merge/Enter/Exit frames, a variable guard's copies of
initialized_value() conds (an ExponentialMovingAverage's slot) as TF's, and the ops a
loop body builds but its results do not need with TF's Enters (tf.hessians' loop
gradient). `python tools/opcounts.py --graphdef -v` prints any difference."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "opcounts")
WANT = goldens.load("opcounts", "opcounts")


@pytest.mark.parametrize("name", sorted(WANT))
def test_graph_def_nodes_are_tfs(name):
    tf.reset_default_graph()
    dict(GEN.CALLS)[name](tf)
    nodes = [[n.name, n.op] for n in tf.get_default_graph().as_graph_def().node]
    assert nodes == [list(x) for x in WANT[name]]
