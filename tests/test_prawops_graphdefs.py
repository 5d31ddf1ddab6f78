"""GraphDefs TF 1.14 wrote with its older op types (Div, Mod, Inv, InvGrad,
ApproximateEqual, ClipByValue, BatchMatMul, Concat, BiasAddV1, SpaceToBatch, BatchToSpace,
DataFormatDimMap, DataFormatVecPermute, and BatchNormWithGlobalNormalization from a
producer-8 GraphDef, with their gradients) imported and run by flowgrad to TF's values
(tests/golden/ckpt/gen_prawops_graphdefs.py); the same graphs built by flowgrad's
tf.raw_ops give the same values; a removed op refuses to be built at version 38."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("ckpt", "prawops_graphdefs")
gen = goldens.generator("ckpt", "prawops_graphdefs")


def _run_imported(case):
    gd = tf.GraphDef()
    gd.ParseFromString(case["graph"])
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        fetch = [g.get_tensor_by_name(n) for n in case["fetch"]]
        with tf.Session() as sess:
            return sess.run(fetch), g


def _assert_values(got, want):
    assert len(got) == len(want)
    for k, (a, b) in enumerate(zip(got, want)):
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, k
        if a.dtype.kind == "f":
            np.testing.assert_allclose(a, b, rtol=1e-6 if a.dtype == np.float32 else 1e-12,
                                       atol=1e-6 if a.dtype == np.float32 else 1e-12,
                                       err_msg=str(k))
        else:
            np.testing.assert_array_equal(a, b, err_msg=str(k))


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_tf_graph_def_runs_to_tf_values(key):
    got, _ = _run_imported(GOLDEN[key])
    _assert_values(got, GOLDEN[key]["values"])


def test_imported_producer_is_kept():
    _, g = _run_imported(GOLDEN["inception_batch_norm"])
    assert g.graph_def_versions.producer == 8
    assert g.as_graph_def().versions.producer == 8


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_flowgrad_builds_the_same_graph(key):
    """The generator's graph built with flowgrad: TF's node names and values."""
    got = gen.cases(tf)[key]
    assert got["fetch"] == GOLDEN[key]["fetch"]
    _assert_values(got["values"], GOLDEN[key]["values"])


def test_removed_op_refuses_at_version_38():
    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError, match=r"^Op BatchNormWithGlobalNormalization "
                           r"is not available in GraphDef version 38\. It has been removed in "
                           r"version 9\. Use tf\.nn\.batch_normalization\(\)\.$"):
            tf.raw_ops.BatchNormWithGlobalNormalization(
                t=np.ones((1, 1, 1, 2)), m=[0., 0.], v=[1., 1.], beta=[0., 0.],
                gamma=[1., 1.], variance_epsilon=0.001, scale_after_normalization=True)


def test_block_size_below_minimum():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match=r"^Attr 'block_size' of 'SpaceToBatch' Op "
                           r"passed 1 less than minimum 2\.$"):
            tf.raw_ops.SpaceToBatch(input=np.ones((1, 2, 2, 1)), paddings=[[0, 0], [0, 0]],
                                    block_size=1)


@pytest.mark.parametrize("op_type,src,dst", [("DataFormatDimMap", "NHWC", "NHWD"),
                                             ("DataFormatVecPermute", "NHW", "NWH")])
def test_data_format_outside_tfs_defined_output_is_refused(op_type, src, dst):
    # TF 1.14 reads memory it never wrote for formats that are not one permutation of 4
    # letters; flowgrad says so when the op is built, and builds nothing
    with tf.Graph().as_default() as g:
        with pytest.raises(NotImplementedError,
                           match=rf"^tf\.raw_ops\.{op_type} with src_format='{src}' and "
                                 rf"dst_format='{dst}' \(TF 1\.14 leaves its output undefined\)$"):
            getattr(tf.raw_ops, op_type)(x=[0, 1, 2, 3], src_format=src, dst_format=dst)
        assert [op.type for op in g.get_operations() if op.type == op_type] == []
