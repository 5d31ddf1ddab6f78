"""Saver(reshape=True) and slim.assign_from_checkpoint_fn(reshape_variables=True) against
TF 1.14 (tests/golden/ckpt/gen_pslim_reshape_restore.py)."""
import numpy as np
import pytest

import goldens
import flowgrad as tf

pytest.importorskip("google.protobuf")
GEN = goldens.generator("ckpt", "pslim_reshape_restore")
GOLD = goldens.load("ckpt", "pslim_reshape_restore")


def test_saver_reshape_builds_and_restores_as_tf():
    got, want = GEN.saver_reshape(tf), GOLD["saver_reshape"]
    assert got["ops"] == want["ops"] and got["version"] == want["version"]
    for a, w in zip(got["values"], want["values"]):
        np.testing.assert_array_equal(a, w)


def test_slim_reshape_variables_as_tf():
    got, want = GEN.slim_reshape(tf), GOLD["slim_reshape"]
    np.testing.assert_array_equal(got.pop("values"), want.pop("values"))
    assert "error" in want and got == want
