"""Initializers against TF 1.14: seeded values (bit for bit), op types, configs, keras
get/serialize/deserialize and errors, from the golden generator's case functions."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("initializers", "initializers")
GOLD = goldens.load("initializers", "initializers")


def _tolerance(name):
    """Exact, except after a QR: TF's is Eigen's Householder QR, flowgrad's LAPACK's, so
    orthogonal matrices agree to float32 rounding (and float16 is factored in float32)."""
    if "orthogonal" in name or name == "get_variable":
        return 2e-6, 4e-7
    return 0, 0


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if name == "values/orthogonal/float16/op":  # + two Casts around flowgrad's float32 QR
        got["op_types"] = [t for t in got["op_types"] if t != "Cast"]
    rtol, atol = _tolerance(name)
    same(got, exp, name, rtol=rtol, atol=atol)
