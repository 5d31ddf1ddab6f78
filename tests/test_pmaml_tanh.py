"""float32 Tanh in a session gives TF 1.14's bits (Eigen's rational tanh; NumPy's tanh is
an ulp off for about half the values): tests/golden/math/gen_pmaml_tanh.py."""
import numpy as np

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "pmaml_tanh")
GEN = generator("math", "pmaml_tanh")


def test_session_tanh_bits():
    got, want = GEN.session_tanh(tf), GOLD["session_tanh"]
    assert sorted(got) == sorted(want)
    for k in want:
        assert got[k].dtype == np.float32
        np.testing.assert_array_equal(got[k].view(np.uint32), want[k].view(np.uint32), k)


def test_policy_layer_and_gradient():
    got, want = GEN.policy_layer(tf), GOLD["policy_layer"]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
