"""One tf.gradients call through two loops names its nodes as TF 1.14 does (golden
control/pgradnames_nodes): the second loop gradient's ops made in the tf.gradients scope
are numbered on from the first's (gradients/zeros_5, gradients/Shape_6, gradients/AddN_1,
gradients/Const_5, gradients/f_acc_5, gradients/StackPopV2_5/Enter, ...) instead of
keeping the long names of flowgrad's body gradient scope."""
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "pgradnames_nodes")
WANT = goldens.load("control", "pgradnames_nodes")
CASES = sorted(c for c in WANT if c != "host")
# (the GraphDef order also equal: all but those with a value of a shape not fully known
# in a cell or body with unused outputs or broadcasting, whose Shape stacks TF's walk
# order (graph_def_grad_order.tf_order) does not place yet: written in flowgrad's order)
ORDERED = {c for c in CASES if not c.endswith("_unknown_batch")} | {
    c + "_unknown_batch" for c in ("bidirectional_lstm_gru", "stacked_lstm", "while_then_lstm")}


@pytest.fixture(autouse=True)
def _intel(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])   # (names only: the golden's host)


@pytest.mark.parametrize("case", CASES)
def test_two_loop_gradients_node_names_as_tf(case):
    flowgrad.reset_default_graph()
    got = GEN.CASES[case](flowgrad)
    ops = [[o.name, o.type] for o in flowgrad.get_default_graph().get_operations()]
    want = WANT[case]
    assert sorted(got) == sorted(want)
    assert sorted(ops) == sorted(want)
    if case in ORDERED:
        assert got == want
        assert ops == want
