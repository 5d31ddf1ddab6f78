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


def _want(case):
    return GOLD[case]


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
                                             "tensorflow.contrib.losses.metric_learning."
                                             "cluster_loss "):
        tf.contrib.losses.metric_learning.cluster_loss
