"""Batch norm of float16 and bfloat16 inputs as TF 1.14 builds and computes it:
FusedBatchNormV2 / FusedBatchNormGradV2 (float32 statistics), against the goldens of
tests/golden/nn/gen_bn_half.py."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_close, same_exact

GOLD = load("nn", "bn_half")
GEN = generator("nn", "bn_half")


def _bfloat16_sums(results):
    """Takes out the float32 outputs of the bfloat16 cases (batch variance and the scale
    gradient in training, the scale gradient in inference; y and dx are bfloat16)."""
    out = {}
    for key, case in results.items():
        if key.startswith("bfloat16") and "values" in case:
            vals = list(case["values"])
            picks = (1, 2, 4, 5) if len(vals) == 6 else (2, 3)
            out[key] = [vals[i] for i in picks]
            case["values"] = [v for i, v in enumerate(vals) if i not in picks]
    return out


@pytest.mark.parametrize("case", sorted(GOLD))
def test_against_tf(case):
    got, want = getattr(GEN, case)(tf), GOLD[case]
    if case in ("training", "inference"):
        # bfloat16 x: TF's float32 sums come out 1-2 float32 ulps off ours (its reduction
        # order there is not the one float32 and float16 use); all else is TF's bits
        same_close(_bfloat16_sums(got), _bfloat16_sums(want), case, rtol=1e-6, atol=0)
    same_exact(got, want, case)


def test_v2_attrs_in_graph_def():
    """T the input's type, U float32, as TF's NodeDef; imported back alike."""
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
