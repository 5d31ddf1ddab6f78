"""Initializers against TF 1.14: seeded values (bit for bit, the orthogonal ones through
Eigen's QR), op types, configs, keras get/serialize/deserialize and errors, from the
golden generator's case functions."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("initializers", "initializers")
GOLD = goldens.load("initializers", "initializers")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if name == "values/orthogonal/float16/op":  # + two Casts around flowgrad's float32 QR
        got["op_types"] = [t for t in got["op_types"] if t != "Cast"]
    same(got, exp, name, rtol=0, atol=0)   # orthogonal ones too: Eigen's QR (eigen_qr.py)
