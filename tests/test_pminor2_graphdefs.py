"""GraphDefs TF 1.14 wrote with tf.raw_ops (tests/golden/ckpt/gen_pminor2_graphdefs.py),
imported and run step by step by flowgrad to TF's values, errors and static shapes:
TensorArrayV3's element_shape attr checked by its writes, TensorArrayGradWithShape,
StackPushV2 past max_size (and Grappler's removal of the pushes of a stack nothing pops)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("ckpt", "pminor2_graphdefs")
gen = goldens.generator("ckpt", "prawops4_graphdefs")
GEN = goldens.generator("ckpt", "pminor2_graphdefs")
test_p4 = pytest.importorskip("test_prawops4_graphdefs")
GRAPHS = sorted(k for k in GOLDEN if k not in ("host", "stack_configs"))


@pytest.fixture(autouse=True)
def _intel(monkeypatch):
    # the golden was made on an Intel Xeon (its "host"; no value here depends on the CPU)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLDEN["host"])


@pytest.mark.parametrize("key", GRAPHS)
def test_tf_graph_def_runs_to_tf_values(key):
    test_p4._assert_values(test_p4._run_imported(GOLDEN[key]), GOLDEN[key]["values"])


@pytest.mark.parametrize("key", GRAPHS)
def test_static_shapes_are_tf_shapes(key):
    gd = tf.GraphDef()
    gd.ParseFromString(GOLDEN[key]["graph"])
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        got = [[n, gen._dims(g.get_tensor_by_name(n).shape)] for n, _ in GOLDEN[key]["shapes"]]
    assert got == GOLDEN[key]["shapes"]


def test_flowgrad_builds_the_stack_graph():
    # (the TensorArrayV3 cases take a float flow_in, which flowgrad's variant flows are not)
    got = gen._case(tf, GEN._stack_max_size, 38)
    assert got["steps"] == GOLDEN["stack_max_size"]["steps"]
    test_p4._assert_values(got["values"], GOLDEN["stack_max_size"]["values"])
    assert got["shapes"] == GOLDEN["stack_max_size"]["shapes"]


def test_stack_pushes_stay_without_the_loop_optimizer():
    assert GEN.stack_configs(tf) == GOLDEN["stack_configs"]
