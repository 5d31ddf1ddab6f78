"""FusedBatchNorm in inference against TF 1.14 bit for bit: the kernel's
(x - mean) * s + offset, Grappler's remapped x * s + (offset - mean * s) for constant
statistics (engine/optimize/remap_batch_norm.py), constant folding first for a node of
constants only; tf.layers and keras BatchNormalization in inference."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "bn_remap")
GEN = generator("nn", "bn_remap")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_bits(case):
    got = getattr(GEN, case)(tf)
    want = GOLD[case]
    assert sorted(got) == sorted(want)
    for k in want:
        g, w = np.asarray(got[k]), np.asarray(want[k])
        assert g.dtype == w.dtype and g.shape == w.shape, k
        assert g.tobytes() == w.tobytes(), k


def test_kernel_and_remapped_forms_differ_here():
    # the golden's inputs tell the two forms apart (else the test above could not fail)
    want = GOLD["fused_inputs"]
    assert np.asarray(want["consts"]).tobytes() != np.asarray(want["ref_statistics"]).tobytes()
