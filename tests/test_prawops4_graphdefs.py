"""GraphDefs TF 1.14 wrote with its older TensorArray ops (TensorArray and TensorArrayV2 with
their Read/Write/Gather/Scatter/Concat/Split/Size/Close/Grad forms, v1's Pack and Unpack),
TileGrad and the reference-typed (v1) lookup table ops
(tests/golden/ckpt/gen_prawops4_graphdefs.py): imported and run step by step by flowgrad to
TF's values and errors; the same graphs built by flowgrad with tf.raw_ops give TF's names and
values; TF's gradient rules and the removed ops' refusals raise TF's errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("ckpt", "prawops4_graphdefs")
gen = goldens.generator("ckpt", "prawops4_graphdefs")
GRAPHS = sorted(k for k in GOLDEN if k != "errors")


def _run_imported(case):
    gd = tf.GraphDef()
    gd.ParseFromString(case["graph"])
    assert gd.versions.producer == case["producer"]
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        feed, ckpt = gen.feeds(g)
        values = []
        with tf.Session() as sess:
            for step in case["steps"]:
                fetch = [g.get_tensor_by_name(n) if ":" in n else g.get_operation_by_name(n)
                         for n in step]
                try:
                    got = sess.run(fetch, feed)
                except tf.errors.OpError as e:
                    values.append([type(e).__name__, gen.norm(str(e).split("\n")[0], ckpt)])
                    continue
                values.append([gen.norm(v) for v, n in zip(got, step) if ":" in n])
        return values


def _assert_values(got, want):
    assert len(got) == len(want)
    for s, (gs, ws) in enumerate(zip(got, want)):
        assert len(gs) == len(ws), s
        for k, (a, b) in enumerate(zip(gs, ws)):
            where = f"step {s} value {k}"
            if isinstance(b, (str, list)):
                assert a == b, where
                continue
            a, b = np.asarray(a), np.asarray(b)
            assert a.dtype == b.dtype and a.shape == b.shape, where
            np.testing.assert_array_equal(a, b, err_msg=where)


@pytest.mark.parametrize("key", GRAPHS)
def test_tf_graph_def_runs_to_tf_values(key):
    _assert_values(_run_imported(GOLDEN[key]), GOLDEN[key]["values"])


@pytest.mark.parametrize("key", GRAPHS)
def test_flowgrad_builds_the_same_graph(key):
    got = gen.cases(tf)[key]
    assert got["steps"] == GOLDEN[key]["steps"]
    _assert_values(got["values"], GOLDEN[key]["values"])


def test_gradient_rules_and_removed_ops_raise_tf_errors():
    assert gen.cases(tf)["errors"] == GOLDEN["errors"]


def test_static_shapes_are_tf_shapes():
    """TF's shape functions: v2's handles [2] strings, its flows scalars; v1's none but a
    table handle's and a table size's; imported and as flowgrad builds them."""
    built = gen.cases(tf)
    for key in GRAPHS:
        gd = tf.GraphDef()
        gd.ParseFromString(GOLDEN[key]["graph"])
        with tf.Graph().as_default() as g:
            tf.import_graph_def(gd, name="")
            got = [[n, gen._dims(g.get_tensor_by_name(n).shape)]
                   for n, _ in GOLDEN[key]["shapes"]]
        assert got == GOLDEN[key]["shapes"], key
        assert built[key]["shapes"] == GOLDEN[key]["shapes"], key


def test_quantize_v1_on_half_is_refused_naming_the_op():
    # TF 1.14 registers QuantizeAndDequantize (v1) kernels for float32 and float64 only
    with tf.Graph().as_default():
        gen._lower(tf, 21)
        x = tf.constant(np.array([0.5, -1.5], np.float16))
        with pytest.raises(NotImplementedError, match="QuantizeAndDequantize on float16"):
            tf.raw_ops.QuantizeAndDequantize(input=x)
