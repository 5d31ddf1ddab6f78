"""tf.image's box ops raise TF 1.14's build-time errors (tests/golden/image/gen_box_op_errors.py):
op_def_library's input conversion errors, the shared type attr set by the first input,
CropAndResize / DrawBoundingBoxes / SampleDistortedBoundingBoxV2's shape-function checks."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("image", "box_op_errors")
GOLD = load("image", "box_op_errors")


def test_golden_host_is_recorded():
    assert GOLD["host"] in ("intel", "amd")   # errors and indices: the same on either


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "host"))
def test_case(name):
    got = GEN._run(tf, GEN.CASES[name])
    want = GOLD[name]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if isinstance(w, np.ndarray):
            np.testing.assert_array_equal(g, w)
            assert np.asarray(g).dtype == w.dtype
        else:
            assert g == w
