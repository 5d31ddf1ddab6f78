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
GRAPHS = sorted(k for k in GOLDEN if k not in ("host", "stack_configs",
                                                "temporary_variable_errors",
                                                "random_poisson_refused"))


@pytest.fixture(autouse=True)
def _intel(monkeypatch):
    # the golden was made on an Intel Xeon (its "host"; no value here depends on the CPU)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLDEN["host"])


@pytest.mark.parametrize("key", GRAPHS)
def test_tf_graph_def_runs_to_tf_values(key):
    test_p4._assert_values(GEN.steps(test_p4._run_imported(GOLDEN[key])),
                           GOLDEN[key]["values"])


@pytest.mark.parametrize("key", GRAPHS)
def test_static_shapes_are_tf_shapes(key):
    gd = tf.GraphDef()
    gd.ParseFromString(GOLDEN[key]["graph"])
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        got = [[n, gen._dims(g.get_tensor_by_name(n).shape)] for n, _ in GOLDEN[key]["shapes"]]
    assert got == GOLDEN[key]["shapes"]


@pytest.mark.parametrize("key", ["stack_max_size", "temporary_variables", "barrier",
                                 "barrier_attrs", "random_poisson_v1",
                                 "random_poisson_v2_empty", "audio_summary_v1",
                                 "tensor_summary_v1", "resource_slice_assign"])
def test_flowgrad_builds_the_same_graph(key):
    # (the TensorArrayV3 cases take a float flow_in, which flowgrad's variant flows are not)
    got = gen._case(tf, getattr(GEN, "_" + key), GOLDEN[key]["producer"])
    assert got["steps"] == GOLDEN[key]["steps"]
    test_p4._assert_values(GEN.steps(got["values"]), GOLDEN[key]["values"])
    assert got["shapes"] == GOLDEN[key]["shapes"]


def test_temporary_variable_build_errors_are_tfs():
    assert GEN.temporary_variable_errors(tf) == GOLDEN["temporary_variable_errors"]


def test_gen_state_ops_has_tfs_temporary_variable_functions():
    import sys

    import flowgrad.ops.gen_ops  # noqa: F401 - makes the gen_* modules
    g = sys.modules["flowgrad.ops.gen_ops.gen_state_ops"]
    with tf.Graph().as_default():
        v = g.temporary_variable([2], tf.float32, var_name="t")
        done = g.destroy_temporary_variable(tf.assign(v, [1., 2.]), "t")
        with tf.Session() as sess:
            assert sess.run(done).tolist() == [1., 2.]


def test_stack_pushes_stay_without_the_loop_optimizer():
    assert GEN.stack_configs(tf) == GOLDEN["stack_configs"]


def test_random_poisson_v1_is_refused_at_version_38():
    assert GEN.random_poisson_refused(tf) == GOLDEN["random_poisson_refused"]
