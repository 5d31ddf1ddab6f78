"""Loop gradients build TF 1.14's ops (issue 10 item 3): the same nodes, name and type,
as TF's gradient of a tf.while_loop (goldens: tests/golden/opcounts/opcounts.json), in
get_operations() and in the GraphDef. As TF's walk, the body's gradient covers only the
ops between the xs and the ys: a capture that does not depend on the xs (dynamic_rnn's
input array, a sequence_length's zeros) gets no gradient ops and no accumulator; an unused
loop output's gradient is tf.zeros (a Const) when its shape is known, as TF's
ZerosLikeForExit. Their order is TF's walk's (graph_def_grad_order.py; the order itself:
test_opcounts.py, test_oplist_graphdef.py), a loop nested in a loop's included."""
import collections
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "opcounts")
WANT = goldens.load("opcounts", "opcounts")

SAME_NODES = ["loops/dynamic_rnn_lstm_grad", "loops/dynamic_rnn_gru_grad",
              "loops/dynamic_rnn_lstm_peepholes_grad", "loops/dynamic_rnn_multi_grad",
              "loops/dynamic_rnn_sequence_length_grad", "loops/bidirectional_dynamic_rnn_grad",
              "loops/map_fn_grad", "loops/scan_grad", "loops/foldl_grad",
              "loops/while_tensor_array_grad", "loops/nested_while_grad"]


def _ops(name, graph_def):
    tf.reset_default_graph()
    dict(GEN.CALLS)[name](tf)
    g = tf.get_default_graph()
    if graph_def:
        return [(n.name, n.op) for n in g.as_graph_def().node]
    return [(o.name, o.type) for o in g.get_operations()]


@pytest.mark.parametrize("graph_def", [False, True])
@pytest.mark.parametrize("name", SAME_NODES)
def test_loop_gradient_nodes_are_tfs(name, graph_def):
    got = collections.Counter(_ops(name, graph_def))
    assert got == collections.Counter(tuple(x) for x in WANT[name])


def _lstm_grads(with_x):
    """dynamic_rnn's gradients for the variables (and the input), and the graph's ops."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, (2, 5, 3), name="x")
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), x, dtype=tf.float32,
                                   sequence_length=tf.constant([3, 5]))
        xs = tf.trainable_variables() + ([x] if with_x else [])
        grads = tf.gradients(tf.reduce_sum(out * out), xs)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            feed = {x: np.random.RandomState(0).randn(2, 5, 3).astype(np.float32)}
            return s.run(grads, feed), [o.name for o in g.get_operations()]


def test_unreached_capture_gets_no_gradient_ops_and_same_values():
    (gw, gb), names = _lstm_grads(False)
    # the input array's read and the sequence_length zeros are not between: no gradient
    assert not [n for n in names if "TensorArrayReadV3_grad" in n or "Enter_1_grad" in n
                or "Select/Enter_grad" in n]
    (gw_x, gb_x, gx), names_x = _lstm_grads(True)
    # with the input among the xs its gradient is built; the variables' are the same bits
    assert any("TensorArrayReadV3_grad" in n for n in names_x)
    assert gw.tobytes() == gw_x.tobytes() and gb.tobytes() == gb_x.tobytes()
    assert gx.shape == (2, 5, 3) and np.all(gx[0, 3:] == 0) and np.any(gx[1, 3:] != 0)


def test_unused_loop_output_gradient_is_a_zeros_const():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, (2, 5, 3), name="x")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), x, dtype=tf.float32)
    tf.gradients(tf.reduce_sum(out), tf.trainable_variables())
    g = tf.get_default_graph()
    z = g.get_operation_by_name("gradients/zeros")
    assert z.type == "Const" and z.outputs[0].shape.as_list() == [2, 4]
    assert not [o for o in g.get_operations() if o.type == "ZerosLike"]


# More calls through loops (tests/golden/opcounts/gen_ploopgd_order.py): TF's ops in TF's
# order. Still different, with TF's form:
ORDER = goldens.load("opcounts", "ploopgd_order")
ORDER_GEN = goldens.generator("opcounts", "ploopgd_order")
# (an optimizer's minimize, gate_gradients: TF's tuples in the body, tests/test_ploop2.py)
ORDER_DIFFERENT = {}


@pytest.mark.parametrize("name", sorted(n for n in ORDER if n not in ORDER_DIFFERENT))
def test_more_loop_gradients_list_tfs_ops_in_order(name):
    got = ORDER_GEN.ops_of(tf, dict(ORDER_GEN.CALLS)[name])
    assert got == [list(x) for x in ORDER[name]]


@pytest.mark.parametrize("name", sorted(ORDER_DIFFERENT))
def test_known_different_loop_gradients_still_differ(name):
    got = ORDER_GEN.ops_of(tf, dict(ORDER_GEN.CALLS)[name])
    assert got != [list(x) for x in ORDER[name]], f"{name} matches TF: take it off the list"


# TF 1.14 runs flowgrad's GraphDefs of loop gradients in TF's walk order, a variable no
# gradient reaches included (tests/golden/ckpt/gen_ploopgd_lowered.py)
CKPT = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, CKPT)
import make_ploopgd_lowered as lowered  # noqa: E402

RUN = goldens.load("ckpt", "ploopgd_lowered")


@pytest.mark.parametrize("name", lowered.GRAPHS)
def test_tf_runs_the_written_graph_to_flowgrads_values(name):
    with open(os.path.join(CKPT, "ploopgd_lowered", name + ".pb"), "rb") as f:
        assert lowered.graph_bytes(tf, name) == f.read()
    with tf.Graph().as_default() as g:
        lowered.build(tf, name)
        assert [[n.name, n.op] for n in g.as_graph_def().node] == RUN[name]["tf_nodes"]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            got = s.run(lowered.FETCHES)
    for a, b in zip(got, RUN[name]["values"]):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
