"""tf.cond written into a GraphDef node for node as TF 1.14 writes it (golden
control/psrv_cond_nodes): the pivots before the branches, a Switch per branch and outer
tensor named under its first reader, Merges reading branch results directly; and a
frozen layers model's listings and counts."""
import numpy as np
import pytest

import flowgrad
import goldens
from flowgrad.compat.tf_alias import alias_tensorflow

GEN = goldens.generator("control", "psrv_cond_nodes")
WANT = goldens.load("control", "psrv_cond_nodes")


@pytest.mark.parametrize("case", ["captures", "layers"])
def test_cond_nodes_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    assert [n[0] for n in got] == [n[0] for n in WANT[case]]   # names and order first
    assert got == WANT[case]


def test_frozen_model_as_tf():
    with alias_tensorflow():
        got = GEN.frozen(flowgrad)
    assert got["counts"] == WANT["frozen"]["counts"]
    assert got["trimmed"] == WANT["frozen"]["trimmed"]
    assert got["frozen"] == WANT["frozen"]["frozen"]


def test_imported_graph_lists_only_its_nodes():
    got, want = GEN.imported(flowgrad), WANT["imported"]
    assert got["nodes"] == want["nodes"]
    assert got["ops"] == want["ops"]
    np.testing.assert_allclose(got["runs"], want["runs"])


def test_written_text_as_tf():
    got, want = GEN.text(flowgrad), WANT["text"]
    assert got[0] == want[0]
    assert got[1] == want[1]


def test_while_loop_nodes_as_tf():
    """The loop's Exit nodes carry the names of the tensors while_loop returns (no extra
    Identity nodes); the same nodes and inputs as TF's (their order: test_pwhile_nodes)."""
    got, want = GEN.loop(flowgrad), WANT["loop"]
    assert got["count"] == want["count"]
    assert got["nodes"] == want["nodes"]


def test_tf_layout_round_trips():
    """The GraphDef imports back into flowgrad and runs both branches' values."""
    with flowgrad.Graph().as_default() as g:
        p = flowgrad.placeholder(flowgrad.bool, [], name="p")
        x = flowgrad.placeholder(flowgrad.float32, [3], name="x")
        a, b = flowgrad.cond(p, lambda: (x * 2.0, x), lambda: (x - 1.0, flowgrad.add(x, x)))
        gd = g.as_graph_def()
    with flowgrad.Graph().as_default():
        flowgrad.import_graph_def(gd, name="m")
        with flowgrad.Session() as s:
            xv = np.array([1.0, 2.0, 3.0], np.float32)
            for pv, want in ((True, (xv * 2, xv)), (False, (xv - 1, xv + xv))):
                got = s.run(["m/" + a.name, "m/" + b.name], {"m/p:0": pv, "m/x:0": xv})
                np.testing.assert_allclose(got[0], want[0])
                np.testing.assert_allclose(got[1], want[1])
    assert {n.op for n in gd.node} >= {"Switch", "Merge"}
