"""tf.gather_nd of a variable against TF 1.14 (tests/golden/resvar/gen_pfuzz2_gather_nd.py):
a resource variable gathers through its gather_nd (ResourceGatherNd, no gradient: LookupError
from tf.gradients and minimize), a reference variable through a plain GatherNd."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("resvar", "pfuzz2_gather_nd")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("resvar", "pfuzz2_gather_nd", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def test_a_tensor_still_gathers_with_gather_nd():
    with tf.Graph().as_default():
        y = tf.gather_nd(tf.constant([[1.0, 2.0], [3.0, 4.0]]), [[1, 0]])
        assert y.op.type == "GatherNd"
        assert tf.Session().run(tf.gradients(y, y.op.inputs[0])[0]).tolist() == \
            [[0.0, 0.0], [1.0, 0.0]]
