"""tf.contrib.gan.losses.wargs against TF 1.14 (tests/golden/contrib/gen_pgan_tfgan.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from goldenio import GoldenError  # tests/golden, on the path goldens.py sets

GOLD = load("contrib", "pgan_tfgan")
GEN = generator("contrib", "pgan_tfgan")
_GOT = {}

# sigmoid cross-entropies go through Exp and Log1p, whose float32 kernels are NumPy's,
# not Eigen's (docs/performance.md): last-bit differences
_ROUNDED = {"mmd", "mmg", "mod_d"}


def _losses():
    if not _GOT:
        _GOT.update(GEN.losses(tf))
    return _GOT


@pytest.mark.parametrize("key", sorted(GOLD["losses"]["ops"]))
def test_ops(key):
    assert _losses()["ops"][key] == GOLD["losses"]["ops"][key]


def test_names_and_collections():
    got, want = _losses(), GOLD["losses"]
    assert got["names"] == want["names"]
    assert got["losses"] == want["losses"]
    assert got["summaries"] == want["summaries"]


@pytest.mark.parametrize("key", sorted(GOLD["losses"]["values"]))
def test_values(key):
    got, want = _losses()["values"][key], GOLD["losses"]["values"][key]
    assert got.dtype == want.dtype and got.shape == want.shape
    if key in _ROUNDED:
        np.testing.assert_allclose(got, want, rtol=1e-6)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("key", sorted(GOLD["errors"]))
def test_errors(key):
    got, want = GEN.errors(tf)[key], GOLD["errors"][key]
    assert GoldenError.of(got) == want


def test_unimplemented_parts_name_tf_symbol():
    with pytest.raises(AttributeError, match="tensorflow.contrib.gan.estimator.Foo"):
        tf.contrib.gan.estimator.Foo
    with pytest.raises(AttributeError, match="tensorflow.contrib.gan.losses.tuple_losses"):
        tf.contrib.gan.losses.tuple_losses
