"""keras Conv3DTranspose and tf.layers conv3d_transpose against TF 1.14
(tests/golden/layers/gen_conv3d_transpose.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "conv3d_transpose")
GEN = generator("layers", "conv3d_transpose")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_conv3d_transpose_case(case):
    if case == "deconv3d":
        result = GEN._run(tf, GEN._deconv3d, GEN._rand(2, 3, 4, 2, 3))
    else:
        result = GEN._fresh(tf, GEN._misc)
    _compare(result, GOLD[case], case)
