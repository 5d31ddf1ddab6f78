"""tf.while_loop written into a GraphDef node for node as TF 1.14 writes it (golden
control/pwhile_nodes): Enters and Merges, the condition's ops, LoopCond, Switches and
Identities, the body's ops with each outer tensor's Enter after its first reader,
NextIterations and Exits; and the GraphDef imports back and runs."""
import numpy as np
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "pwhile_nodes")
WANT = goldens.load("control", "pwhile_nodes")


@pytest.mark.parametrize("case", [c for c in sorted(WANT) if c != "gradient"])
def test_while_loop_nodes_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    assert [n[0] for n in got] == [n[0] for n in WANT[case]]   # names and order first
    assert got == WANT[case]


def test_tf_order_round_trips():
    """The GraphDef (nested loops, outer tensors) imports back into flowgrad and runs."""
    with flowgrad.Graph().as_default() as g:
        x = flowgrad.placeholder(flowgrad.float32, [], name="x")

        def body(i, a):
            _, b = flowgrad.while_loop(lambda j, b: j < i, lambda j, b: (j + 1, b * x + a),
                                       (0, a))
            return i + 1, b + x
        _, out = flowgrad.while_loop(lambda i, a: i < 3, body, (0, 1.0))
        with flowgrad.Session() as s:
            want = s.run(out, {x: 0.5})
        gd = g.as_graph_def()
    with flowgrad.Graph().as_default():
        flowgrad.import_graph_def(gd, name="m")
        with flowgrad.Session() as s:
            got = s.run("m/" + out.name, {"m/x:0": 0.5})
    np.testing.assert_allclose(got, want)
    names = [n.name for n in gd.node]
    assert names.index("while/LoopCond") < names.index("while/Identity") < \
        names.index("while/while/Enter") < names.index("while/NextIteration")


@pytest.mark.parametrize("case", ["plain", "bounded"])
def test_loop_gradient_nodes_as_tf(case):
    """A loop gradient writes TF's node count (no zeros for an int counter's gradient, no
    Identity of the gradient the body reads) and TF's names, but for an AddN of the body's
    gradient: TF names it in the tf.gradients scope (gradients/AddN_2), flowgrad keeps
    its own scope where that name is taken."""
    got, want = GEN.gradient(flowgrad)[case], WANT["gradient"][case]
    assert got["count"] == want["count"]
    diff = set(got["names"]) ^ set(want["names"])
    assert {n.rsplit("/", 1)[1].split("_")[0] for n in diff} <= {"AddN"}
    assert len(diff) <= 2
