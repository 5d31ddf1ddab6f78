"""tf.contrib.gan's training path against TF 1.14 (tests/golden/contrib/gen_pgan_train.py):
gan_model / gan_loss / gan_train_ops build TF's ops, variables and collections; gan_train
with sequential and joint hooks gives TF's losses and variables bit for bit, and with a
logdir TF's checkpoint and summaries; get_sequential_train_steps; the AC-GAN,
InfoGAN and CycleGAN models and losses build TF's ops; tf.contrib.gan.losses' argspecs and
the errors TF raises."""
import re
import warnings

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_signatures import differences

from flowgrad.engine.runtime.races import RaceWarning

GOLD = load("contrib", "pgan_train")
GEN = generator("contrib", "pgan_train")
_CLASS = re.compile(r"<class '(?:\w+\.)*(\w+)'>")   # TF's module path or flowgrad's


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # (the golden's host: Adam's Sqrt)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RaceWarning)
            training = GEN.training(tf)
        return {"training": training, "models": GEN.models(tf), "errors": GEN.errors(tf),
                "races": [str(w.message) for w in caught
                          if issubclass(w.category, RaceWarning)]}
    finally:
        mp.undo()


def test_ops_names_and_collections(got):
    want, have = GOLD["training"], got["training"]
    assert len(have["ops"]) == len(want["ops"])
    assert have["ops"] == want["ops"]
    assert have["names"] == want["names"]
    assert have["collections"] == want["collections"]


@pytest.mark.parametrize("kind", ["sequential", "joint"])
def test_gan_train(got, kind):
    want, have = GOLD["training"][kind], got["training"][kind]
    assert have["last"] == want["last"]
    assert len(have["steps"]) == len(want["steps"])
    for h, w in zip(have["steps"], want["steps"]):
        assert sorted(h) == sorted(w)
        for k in w:
            assert np.asarray(h[k]).tobytes() == np.asarray(w[k]).tobytes(), k
    assert sorted(have["final"]) == sorted(want["final"])
    for k, w in want["final"].items():
        np.testing.assert_array_equal(have["final"][k], w, err_msg=k)


@pytest.mark.parametrize("name", sorted(GOLD["models"]))
def test_models(got, name):
    have, want = got["models"][name], GOLD["models"][name]
    assert have["ops"] == want["ops"]
    assert have["loss"] == want["loss"]
    for h, w in zip(have["values"], want["values"]):
        assert h.dtype == w.dtype
        assert h.tobytes() == w.tobytes()


@pytest.mark.parametrize("name", sorted(GOLD["signatures"]))
def test_losses_signatures(name):
    assert differences(getattr(tf.contrib.gan.losses, name), GOLD["signatures"][name]) == []


def test_joint_steps_race_is_reported(got):
    # get_joint_train_hooks runs both train ops in one call: the discriminator's update and
    # the generator's gradient through the discriminator are unordered in TF too
    assert got["races"]
    assert all("discriminator_train/Adam/update_Discriminator/" in r for r in got["races"])


# TF's submodules that flowgrad does not implement (they raise AttributeError)
_ABSENT = set()


@pytest.mark.parametrize("module", ["gan", "losses"])
def test_public_names(module):
    mod = tf.contrib.gan if module == "gan" else tf.contrib.gan.losses
    want = GOLD["public"][module]
    assert sorted(n for n in dir(mod) if not n.startswith("_")) == \
        sorted(set(want) - _ABSENT)
    for name in sorted(set(want) & _ABSENT) + ["train", "namedtuples", "tuple_losses"]:
        # TF's remove_undocumented drops the implementation modules
        with pytest.raises(AttributeError, match=f"tensorflow.contrib.gan.*{name}"):
            getattr(mod, name)


@pytest.mark.parametrize("key", sorted(GOLD["errors"]))
def test_errors(got, key):
    have, want = got["errors"][key], GOLD["errors"][key]
    if want is None:
        assert have is None
        return
    assert type(have).__name__ == want.cls
    assert _CLASS.sub(r"<class \1>", str(have)) == _CLASS.sub(r"<class \1>", want.message)


@pytest.fixture(scope="module")
def steps():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])
    try:
        return GEN.steps(tf)
    finally:
        mp.undo()


def test_sequential_train_steps(steps):
    want = GOLD["steps"]
    assert steps["ops"] == want["ops"]
    assert steps["update_ops"] == want["update_ops"]
    assert steps["step"] == want["step"]
    for (h_loss, h_stop), (w_loss, w_stop) in zip(steps["steps"], want["steps"]):
        assert h_stop is w_stop is False
        # the Python sum 0 + float32 losses: float64 under the oracle's NumPy 1.16, float32
        # under NumPy 2's promotion (NEP 50), so equal to float32 rounding only
        np.testing.assert_allclose(np.float64(h_loss), w_loss, rtol=1e-6)
    assert sorted(steps["final"]) == sorted(want["final"])
    for k, w in want["final"].items():
        np.testing.assert_array_equal(steps["final"][k], w, err_msg=k)


def test_gan_train_logdir():
    # TF's defaults: a checkpoint at the end, summaries at the first step's run
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])
    try:
        have = GEN.logdir(tf)
    finally:
        mp.undo()
    want = GOLD["logdir"]
    assert have["last"] == want["last"] and have["step"] == want["step"]
    assert have["variables"] == want["variables"]
    assert [e[:2] for e in have["summaries"]] == [e[:2] for e in want["summaries"]]
    for h, w in zip(have["summaries"], want["summaries"]):
        assert (h[2] is None) == (w[2] is None)
        if w[2] is not None:
            assert np.float32(h[2]) == np.float32(w[2]), h[1]
