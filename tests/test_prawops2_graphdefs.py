"""GraphDefs TF 1.14 wrote with more of its older op types (Conv3DBackpropInput/Filter v1
from a producer-8 GraphDef, SelfAdjointEig and BatchSelfAdjointEig from producer 10,
NonMaxSuppression/V2, QuantizeAndDequantizeV3 with its gradient, Empty,
ScatterNdNonAliasingAdd, RefIdentity) imported and run by flowgrad to TF's values
(tests/golden/ckpt/gen_prawops2_graphdefs.py); the same graphs built by flowgrad give TF's
names and values; the removed ops refuse tf.raw_ops at version 38."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("ckpt", "prawops2_graphdefs")
gen = goldens.generator("ckpt", "prawops2_graphdefs")


def _run_imported(case):
    gd = tf.GraphDef()
    gd.ParseFromString(case["graph"])
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        fetch = [g.get_tensor_by_name(n) for n in case["fetch"]]
        with tf.Session() as sess:
            sess.run("init")
            return sess.run(fetch), g


def _assert_values(got, want, rtol32=1e-6, rtol64=1e-12):
    assert len(got) == len(want)
    for k, (a, b) in enumerate(zip(got, want)):
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, k
        if a.dtype.kind == "f":
            tol = rtol32 if a.dtype == np.float32 else rtol64
            np.testing.assert_allclose(a, b, rtol=tol, atol=tol, err_msg=str(k))
        else:
            np.testing.assert_array_equal(a, b, err_msg=str(k))


# the eigenvector products are LAPACK's and Eigen's solvers' roundings apart
_TOL = {"eig_v1": (1e-5, 1e-12)}


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_tf_graph_def_runs_to_tf_values(key):
    got, _ = _run_imported(GOLDEN[key])
    _assert_values(got, GOLDEN[key]["values"], *_TOL.get(key, ()))


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_flowgrad_builds_the_same_graph(key):
    got = gen.cases(tf)[key]
    assert got["fetch"] == GOLDEN[key]["fetch"]
    _assert_values(got["values"], GOLDEN[key]["values"], *_TOL.get(key, ()))


def test_imported_producer_is_kept():
    _, g = _run_imported(GOLDEN["conv3d_v1"])
    assert g.graph_def_versions.producer == 8


@pytest.mark.parametrize("op_type, version, use", [
    ("Conv3DBackpropInput", 10, "Use Conv3DBackpropInputV2."),
    ("SelfAdjointEig", 11, "Use SelfAdjointEigV2 instead.."),   # (TF adds a period)
])
def test_removed_op_refuses_at_version_38(op_type, version, use):
    args = {"Conv3DBackpropInput": dict(input=np.ones((1, 2, 2, 2, 1)),
                                        filter=np.ones((1, 1, 1, 1, 1)),
                                        out_backprop=np.ones((1, 2, 2, 2, 1)),
                                        strides=[1] * 5, padding="VALID"),
            "SelfAdjointEig": dict(input=np.eye(2))}[op_type]
    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError) as info:
            getattr(tf.raw_ops, op_type)(**args)
    assert str(info.value) == (f"Op {op_type} is not available in GraphDef version 38. It has "
                               f"been removed in version {version}. {use}")


def test_placeholder_v2_from_a_producer_22_graph_def():
    """PlaceholderV2 (removed at version 23) as Placeholder: its shape, the fed value, and
    TF 1.14's error when it is not fed."""
    gd = tf.GraphDef()
    gd.versions.producer = 22
    n = gd.node.add()
    n.name, n.op = "p", "PlaceholderV2"
    n.attr["dtype"].type = tf.float32.as_datatype_enum
    n.attr["shape"].shape.dim.add().size = -1
    n.attr["shape"].shape.dim.add().size = 2
    with tf.Graph().as_default():
        p, = tf.import_graph_def(gd, return_elements=["p:0"], name="")
        assert p.shape.as_list() == [None, 2] and p.dtype == tf.float32
        y = p * 2.0
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(y, {p: [[1.0, 2.0]]}), [[2.0, 4.0]])
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"^You must feed a value "
                               r"for placeholder tensor 'p' with dtype float and shape \[\?,2\]"):
                sess.run(y)
