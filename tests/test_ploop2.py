"""Loop gradients under an optimizer's minimize() list and write TF 1.14's nodes (issue 10
item 3): with the default gate_gradients=GATE_OP TF gates each gradient rule with more
than one result through a tuple (tuple/group_deps, a tuple/control_dependency Identity
per result) in the loop body's gradient frame too (a loop variable's Merge gradient
included), and none for the loop's own gradient (TF's Enters' Exits); GATE_NONE and
GATE_GRAPH as TF's. Names, types, inputs and control inputs in TF's order, in the
GraphDef and in get_operations() (tests/golden/opcounts/gen_ploop2.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "ploop2")
WANT = goldens.load("opcounts", "ploop2")


@pytest.fixture(scope="module", params=[n for n, _ in GEN.CALLS])
def case(request):
    return request.param, GEN.nodes_of(tf, dict(GEN.CALLS)[request.param])


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)


def test_graph_def_nodes_are_tfs(case):
    name, got = case
    assert got["graph_def"] == [[n, op, list(ins)] for n, op, ins in WANT[name]["graph_def"]]


def test_operations_are_tfs(case):
    name, got = case
    assert got["ops"] == [list(x) for x in WANT[name]["ops"]]


def _train(gate):
    """w after three GradientDescent steps of a loop with a matmul body, and the gated
    graph's TF-form ops (a gate in the gradient frame is run by flowgrad's loop gradient)."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (2, 3), name="x")
        w = tf.Variable(np.linspace(-1, 1, 9, dtype=np.float32).reshape(3, 3), name="w")
        _, y = tf.while_loop(lambda i, a: i < 3,
                             lambda i, a: (i + 1, tf.tanh(tf.matmul(a, w))),
                             [tf.constant(0), x])
        step = tf.train.GradientDescentOptimizer(0.1).minimize(
            tf.reduce_sum(y * y), gate_gradients=gate)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            feed = {x: np.arange(6, dtype=np.float32).reshape(2, 3) / 6}
            for _ in range(3):
                s.run(step, feed)
            return s.run(w), [o.name for o in g.get_operations()]


def test_gated_loop_gradient_trains_to_the_ungated_bits():
    gated, names = _train(tf.train.Optimizer.GATE_OP)
    ungated, names_none = _train(tf.train.Optimizer.GATE_NONE)
    assert "gradients/while/MatMul_grad/tuple/control_dependency_1" in names
    assert "gradients/while/Merge_1_grad/tuple/group_deps" in names
    assert not [n for n in names_none if "/tuple/" in n]
    assert gated.tobytes() == ungated.tobytes()
