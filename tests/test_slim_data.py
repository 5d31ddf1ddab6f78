"""tf.contrib.slim's data modules (tfexample_decoder, dataset, dataset_data_provider,
parallel_reader) against TF 1.14 (tests/golden/contrib/gen_slim_data.py)."""
import numpy as np
import pytest

import goldens
import flowgrad as tf

pytest.importorskip("google.protobuf")
GEN = goldens.generator("contrib", "slim_data")
GOLD = goldens.load("contrib", "slim_data")


def _close(got, want):
    if isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (got, want)
        for g, w in zip(got, want):
            _close(g, w)
    elif isinstance(want, float):
        np.testing.assert_allclose(got, want, rtol=1e-6)
    else:
        assert got == want


def test_decoder_items_as_tf():
    got = GEN.decode(tf)
    want = GOLD["decode"]
    for key in ("items", "shapes", "dtypes"):
        assert got[key] == want[key], key
    _close(got["values"], want["values"])


def test_dataset_data_provider_as_tf():
    got = GEN.provider(tf)
    assert got == GOLD["provider"]
