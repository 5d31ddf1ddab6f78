"""Batch norm of float16 and bfloat16 inputs as TF 1.14 builds and computes it:
FusedBatchNormV2 / FusedBatchNormGradV2 (float32 statistics), against the goldens of
tests/golden/nn/gen_bn_half.py."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from goldenio import GoldenError

GOLD = load("nn", "bn_half")
GEN = generator("nn", "bn_half")


def _same(got, want, where):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], "%s[%r]" % (where, k))
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, "%s[%d]" % (where, i))
    elif isinstance(want, GoldenError):
        assert isinstance(got, BaseException), where
        assert (type(got).__name__, str(got)) == (want.cls, want.message), where
    elif want is None or isinstance(want, str):
        assert got == want, where
    else:
        g, w = np.asarray(got), np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape, where
        if "bfloat16" in where and "float32" in where:
            # bfloat16 x: the float32 statistics and scale gradient are TF's sums in another
            # order (1-2 ulps of float32 off; float16's and the bfloat16 outputs are exact)
            np.testing.assert_allclose(g, w, rtol=1e-6, atol=0, err_msg=where)
        else:
            # batch norm in float32 steps, cast to x's type once: TF's bits
            np.testing.assert_array_equal(g, w, err_msg=where)


def _tag(case, want):
    """Values of bfloat16 cases tagged by their dtype in TF (float32: the U outputs)."""
    if not isinstance(want, dict):
        return want
    out = {}
    for k, v in want.items():
        if isinstance(v, dict) and "values" in v and k.startswith("bfloat16"):
            n = len(v["values"])
            t16 = {0, 3} if n == 6 else {0, 1}      # y and dx: bfloat16 (cast to float32)
            v = dict(v, values={"%d:%s" % (i, "bfloat16" if i in t16 else "float32"): x
                                for i, x in enumerate(v["values"])})
        out[k] = v
    return out


@pytest.mark.parametrize("case", sorted(GOLD))
def test_against_tf(case):
    _same(_tag(case, getattr(GEN, case)(tf)), _tag(case, GOLD[case]), case)


def test_v2_attrs_in_graph_def():
    """T the input's type, U float32, as TF's NodeDef."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float16, [1, 2, 2, 3])
        y = tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]))[0]
        tf.gradients(y, x)
        nodes = {n.op: n for n in g.as_graph_def().node}
    for op in ("FusedBatchNormV2", "FusedBatchNormGradV2"):
        attr = nodes[op].attr
        assert attr["T"].type == tf.float16.as_datatype_enum, op
        assert attr["U"].type == tf.float32.as_datatype_enum, op
    with tf.Graph().as_default() as g2:
        tf.import_graph_def(g.as_graph_def(), name="")
        op = g2.get_operation_by_name("FusedBatchNormV2")
        assert op.get_attr("U") == tf.float32
        assert [t.dtype for t in op.outputs] == [tf.float16] + [tf.float32] * 4
