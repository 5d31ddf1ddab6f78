"""tf.contrib.gan.features against TF 1.14 (tests/golden/contrib/gen_pgan_features.py):
virtual batch norm, conditioning, spectral normalization, the random tensor pool and the
clipping optimizers build TF's ops and variables and give TF's values bit for bit; argspecs,
public names and errors."""
import re

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_signatures import differences

from flowgrad.engine.ops import eigen_math

GOLD = load("contrib", "pgan_features")
GEN = generator("contrib", "pgan_features")
_CLASS = re.compile(r"<class '(?:\w+\.)*(\w+)'>")


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # (the golden's host: its RSQRTPS table,
    mp.setattr(eigen_math, "_RSQRT_BY_BITS",    # read at import, for batch_normalization)
               eigen_math.rsqrt_by_bits(GOLD["vendor"]))
    try:
        return {"features": GEN.features(tf), "clipping": GEN.clipping(tf),
                "errors": GEN.errors(tf)}
    finally:
        mp.undo()


def _same(have, want, path=""):
    if isinstance(want, dict):
        assert sorted(have) == sorted(want), path
        for k in want:
            _same(have[k], want[k], f"{path}/{k}")
    elif isinstance(want, (list, tuple)):
        assert len(have) == len(want), path
        for i, (h, w) in enumerate(zip(have, want)):
            _same(h, w, f"{path}[{i}]")
    else:
        h, w = np.asarray(have), np.asarray(want)
        assert h.dtype == w.dtype and h.shape == w.shape, path
        assert h.tobytes() == w.tobytes(), path


@pytest.mark.parametrize("case", ["features", "clipping"])
def test_ops(got, case):
    assert got[case]["ops"] == GOLD[case]["ops"]


def test_names_and_collections(got):
    assert got["features"]["names"] == GOLD["features"]["names"]
    assert got["features"]["collections"] == GOLD["features"]["collections"]


@pytest.mark.parametrize("key", sorted(GOLD["features"]["values"]))
def test_values(got, key):
    _same(got["features"]["values"][key], GOLD["features"]["values"][key], key)


def test_variables(got):
    _same(got["features"]["variables"], GOLD["features"]["variables"])


def test_tensor_pool_runs(got):
    _same(got["features"]["pool"], GOLD["features"]["pool"])


def test_clipped_training(got):
    _same(got["clipping"]["final"], GOLD["clipping"]["final"])


@pytest.mark.parametrize("name", sorted(GOLD["signatures"]))
def test_signatures(name):
    fn = getattr(tf.contrib.gan.features, name)
    assert differences(fn.__init__ if isinstance(fn, type) else fn,
                       GOLD["signatures"][name]) == []


def test_public_names():
    F = tf.contrib.gan.features
    assert sorted(n for n in dir(F) if not n.startswith("_")) == GOLD["public"]
    for name in ["virtual_batchnorm", "random_tensor_pool", "clip_weights"]:
        with pytest.raises(AttributeError, match=f"tensorflow.contrib.gan.features.{name}"):
            getattr(F, name)


@pytest.mark.parametrize("key", sorted(GOLD["errors"]))
def test_errors(got, key):
    have, want = got["errors"][key], GOLD["errors"][key]
    if want is None:
        assert have is None
        return
    assert type(have).__name__ == want.cls
    assert _CLASS.sub(r"<class \1>", str(have)) == _CLASS.sub(r"<class \1>", want.message)
