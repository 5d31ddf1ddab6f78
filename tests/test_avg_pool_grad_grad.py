"""Second-order gradients through tf.nn.avg_pool / avg_pool3d build TF 1.14's graphs:
the gradient of AvgPoolGrad / AvgPool3DGrad gives its shape input stop_gradient(shape),
so a tuple joins the two gradients (golden gradients/avg_pool_grad_grad); the values
agree."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import load

GOLD = load("gradients", "avg_pool_grad_grad")


def _case(name):
    from goldens import generator
    return generator("gradients", "avg_pool_grad_grad").cases(tf)[name]


@pytest.mark.parametrize("case", sorted(GOLD))
def test_ops_and_values(case):
    got = _case(case)
    assert got["ops"] == GOLD[case]["ops"]
    for g, w in zip(got["values"], GOLD[case]["values"]):
        np.testing.assert_array_equal(g, w)
