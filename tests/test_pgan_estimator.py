"""tf.contrib.gan.estimator against TF 1.14 (tests/golden/contrib/gen_pgan_estimator.py):
GANEstimator's model_fn builds TF's ops and collections in TRAIN / EVAL / PREDICT, gives
the network functions the mode, and a seeded train / evaluate / predict run gives TF's
losses, checkpoint, summaries, metrics and predictions bit for bit; so do a latent GAN
estimator warm started from it and a StarGANEstimator run; the image summary types and
joint hooks; GANHead's specs; the argspecs, public names and errors (TPUGANEstimator is
not implemented)."""
import re

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_signatures import differences

GOLD = load("contrib", "pgan_estimator")
GEN = generator("contrib", "pgan_estimator")
_CLASS = re.compile(r"<class '(?:\w+\.)*(\w+)'>")


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # (the golden's host: Adam's Sqrt)
    try:
        return {"estimator": GEN.estimator(tf), "summary_types": GEN.summary_types(tf),
                "errors": GEN.errors(tf), "head": GEN.head(tf), "stargan": GEN.stargan(tf)}
    finally:
        mp.undo()


def _bits(values):
    return [(np.asarray(v).dtype.str, np.asarray(v).shape, np.asarray(v).tobytes())
            for v in values]


_RUNS = ["estimator/train", "estimator/eval", "estimator/predict", "stargan/train",
         "stargan/eval", "stargan/predict"]


def _run(got, run):
    case, mode = run.split("/")
    return got[case][mode], GOLD[case][mode]


@pytest.mark.parametrize("run", _RUNS)
def test_graph_and_modes(got, run):
    have, want = _run(got, run)
    assert have["ops"] == want["ops"]
    assert have["collections"] == want["collections"]
    assert have["modes"] == want["modes"]


@pytest.mark.parametrize("run", [r for r in _RUNS if not r.endswith("predict")])
def test_losses_each_step(got, run):
    have, want = _run(got, run)
    assert [_bits(s) for s in have["steps"]] == [_bits(s) for s in want["steps"]]


@pytest.mark.parametrize("case", ["estimator", "stargan"])
def test_checkpoint_metrics_predictions(got, case):
    have, want = got[case], GOLD[case]
    assert have["variables"] == want["variables"]
    assert _bits(have["values"][k] for k in sorted(want["values"])) == \
        _bits(want["values"][k] for k in sorted(want["values"]))
    assert sorted(have["eval"]["result"]) == sorted(want["eval"]["result"])
    assert _bits(have["eval"]["result"].values()) == _bits(want["eval"]["result"].values())
    assert _bits(have["predict"]["rows"]) == _bits(want["predict"]["rows"])


def test_summaries(got):
    have, want = got["estimator"], GOLD["estimator"]
    assert have["train"]["summaries"] == want["train"]["summaries"]
    assert have["eval"]["summaries"] == want["eval"]["summaries"]


def test_latent_gan_estimator(got):
    have, want = got["estimator"]["latent"], GOLD["estimator"]["latent"]
    assert have["ops"] == want["ops"]
    assert have["collections"] == want["collections"]
    assert [_bits(s) for s in have["steps"]] == [_bits(s) for s in want["steps"]]
    assert have["variables"] == want["variables"]
    assert _bits(have["values"][k] for k in sorted(want["values"])) == \
        _bits(want["values"][k] for k in sorted(want["values"]))
    assert have["summaries"] == want["summaries"]


@pytest.mark.parametrize("head", sorted(GOLD["head"]))
def test_gan_head(got, head):
    assert got["head"][head] == GOLD["head"][head]


@pytest.mark.parametrize("mode", ["train", "eval", "infer"])
def test_summary_types_and_joint_hooks(got, mode):
    assert got["summary_types"][mode] == GOLD["summary_types"][mode]


@pytest.mark.parametrize("key", sorted(GOLD["errors"]))
def test_errors(got, key):
    have, want = got["errors"][key], GOLD["errors"][key]
    assert type(have).__name__ == want.cls
    assert _CLASS.sub(r"<class \1>", str(have)) == _CLASS.sub(r"<class \1>", want.message)


@pytest.mark.parametrize("name", sorted(GOLD["signatures"]))
def test_signatures(name):
    assert differences(getattr(tf.contrib.gan.estimator, name), GOLD["signatures"][name]) == []


def test_public_names():
    E = tf.contrib.gan.estimator
    want = GOLD["public"]
    assert sorted(n for n in dir(E) if not n.startswith("_")) == want["estimator"]
    assert [[m.name, int(m)] for m in E.SummaryType] == want["summary_type"]
    assert [name for name in ("gan_estimator", "stargan_estimator")
            if E.SummaryType is getattr(E, name).SummaryType] == want["summary_type_of"]
    assert {name: list(getattr(E, name).__all__) for name in want["modules"]} == \
        want["modules"]


def test_tpu_gan_estimator_not_implemented():
    with pytest.raises(NotImplementedError,
                       match="tensorflow.contrib.gan.estimator.TPUGANEstimator"):
        tf.contrib.gan.estimator.TPUGANEstimator()
