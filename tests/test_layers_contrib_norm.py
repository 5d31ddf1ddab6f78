"""contrib.layers separable_conv2d, instance_norm, group_norm and the tf.contrib.losses
namespace against TF 1.14."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "contrib_norm")
GEN = generator("layers", "contrib_norm")
RUNS = {"separable": ("_separable", (2, 6, 6, 3)), "instance_norm": ("_instance", (2, 4, 3, 3)),
        "group_norm": ("_group", (2, 3, 2, 4)), "embed_unique": ("_embed_unique", (2, 3))}
FRESH = {"errors": "_errors", "collections": "_collections",
         "contrib_losses": "_contrib_losses"}


# flowgrad's nn.depthwise_conv2d/separable_conv2d pass dilations to DepthwiseConv2dNative
# (ops/conv_ops.py) where TF builds Shape/dilation_rate constants and, for rate > 1, a
# SpaceToBatchND/BatchToSpaceND pair; the cases give explicit op seeds after them
_TF_ONLY = ("depthwise/Shape", "depthwise/dilation_rate", "separable_conv2d/Shape",
            "separable_conv2d/dilation_rate", "separable_conv2d/stack",
            "separable_conv2d/required_space_to_batch_paddings",
            "separable_conv2d/SpaceToBatchND", "separable_conv2d/BatchToSpaceND")


def _want(case):
    want = dict(GOLD[case])
    if "ops" in want:
        want["ops"] = [op for op in want["ops"]
                       if not (op[0].split("/")[0] in ("dw", "sepn", "dwn") and any(
                           op[0].split("/", 1)[-1].startswith(p) for p in _TF_ONLY))]
    return want


@pytest.mark.parametrize("case", sorted(GOLD))
def test_contrib_norm_case(case):
    if case in RUNS:
        name, shape = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape))
    else:
        result = GEN._fresh(tf, getattr(GEN, FRESH[case]))
    _compare(result, _want(case), case)


def test_contrib_losses_missing_name_fails_with_the_tf_name():
    with pytest.raises(AttributeError, match="flowgrad does not implement "
                                             "tensorflow.contrib.losses.metric_learning$"):
        tf.contrib.losses.metric_learning
