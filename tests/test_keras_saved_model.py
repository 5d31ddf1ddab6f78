"""tf.keras.experimental.export_saved_model / load_from_saved_model against TF 1.14
(tests/golden/keras/gen_saved_model.py): flowgrad's SavedModel has TF's meta graph,
signature, checkpoint keys and JSON and serves TF's outputs; TF 1.14's SavedModels (with
train and eval graphs too) load into flowgrad."""
import base64
import gzip
import json
import os
import re

import numpy as np
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load, path
from test_layers import _compare

GOLD = load("keras", "saved_model")
GEN = generator("keras", "saved_model")


def _write(d, files):
    for rel, data in files.items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
    return d


def _signatures(sigs):
    """Signatures without the init op's tensor name (TF 1.14 names it 'init_1': the
    graph held another 'init' op)."""
    sigs = dict(sigs)
    init = sigs.pop("__saved_model_init_op")
    assert list(init["outputs"]) == ["__saved_model_init_op"]
    return sigs


@pytest.mark.parametrize("case", ["functional", "sequential"])
def test_export_saved_model_as_tf(case, tmp_path):
    d = str(tmp_path / "m")
    want = GOLD[case]
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            model = getattr(GEN, case)(tf)
            GEN._fixed(model)
            tf.keras.experimental.export_saved_model(model, d)
            _compare(model.predict(GEN.X), want["predict"], "predict")
    assert sorted(os.listdir(d)) == sorted({p.split("/")[0] for p in want["files"]})
    assert json.loads(open(os.path.join(d, "assets", "saved_model.json")).read()) == \
        json.loads(want["files"]["assets/saved_model.json"])
    got = GEN.summary(tf, d)
    got["signatures"] = _signatures(got["signatures"])
    expect = dict(want["serve"], signatures=_signatures(want["serve"]["signatures"]))
    _compare(got, expect, case)
    _compare(GEN.load(tf, d), want["loaded"], case + "/loaded")


@pytest.mark.parametrize("case", ["functional", "sequential", "compiled"])
def test_tf_saved_models_serve_and_load_from_saved_model(case, tmp_path):
    d = _write(str(tmp_path / "m"), GOLD[case]["files"])
    for tags in (["serve"], ["train"], ["eval"]) if case == "compiled" else (["serve"],):
        got = GEN.summary(tf, d, tags)
        want = GOLD[case][tags[0]]
        _compare(_signatures(got["signatures"]), _signatures(want["signatures"]), case)
        _compare({k: v for k, v in got.items() if k != "signatures"},
                 {k: v for k, v in want.items() if k != "signatures"}, case)
    _compare(GEN.load(tf, d), GOLD[case]["loaded"], case + "/loaded")


@pytest.mark.parametrize("case", ["err_unbuilt", "err_subclassed"])
def test_export_saved_model_errors_as_tf(case):
    got, want = GEN._error(tf, getattr(GEN, "_" + case)), GOLD[case]
    assert isinstance(got, BaseException), got
    assert (GoldenError.of(got).cls, str(got)) == (want.cls, want.message)


def test_export_saved_model_unsupported_arguments(tmp_path):
    with tf.Graph().as_default():
        model = GEN.functional(tf)
        for kwargs in ({"serving_only": True}, {"input_signature": []}):
            with pytest.raises(NotImplementedError, match=list(kwargs)[0]):
                tf.keras.experimental.export_saved_model(model, str(tmp_path / "a"), **kwargs)
        model.compile(tf.train.GradientDescentOptimizer(0.1), "mse")
        with pytest.raises(NotImplementedError, match="TFOptimizer"):
            tf.keras.experimental.export_saved_model(model, str(tmp_path / "b"))
        assert not os.path.exists(str(tmp_path / "b"))
    np.testing.assert_equal(GEN.X.shape, (4, 3))


_METRIC_VALUE = re.compile(r"^Identity(_\d+)?:0$")


def _trained(summary):
    """A trained model's SavedModel summary without the init op's name and with the
    metric values' tensor names masked: TF 1.14's graphs hold the restore ops of the
    clone's load_weights (an Identity per variable) before them, flowgrad's do not."""
    out = {}
    for tag, part in summary.items():
        if tag in ("train", "eval", "serve"):
            part = dict(part, signatures=_signatures(part["signatures"]))
            for sig in part["signatures"].values():
                sig["outputs"] = {k: "Identity:0" if _METRIC_VALUE.match(v) else v
                                  for k, v in sig["outputs"].items()}
        out[tag] = part
    return out


@pytest.mark.parametrize("name", sorted(GEN.TRAINED))
def test_export_compiled_model_as_tf(name, tmp_path):
    """A trained compiled model: train, eval and serve meta graphs with TF's signatures,
    variables and values (the optimizer's state: iter, hyperparameters, slots), served
    as TF; load_from_saved_model reads it back."""
    d = str(tmp_path / "m")
    want = GOLD["trained_" + name]
    predicted = GEN.export_trained(tf, name, d)
    _compare(predicted, want["predict"], name + "/predict")
    got = _trained(GEN.trained_summary(tf, d))
    _compare(got, _trained({k: v for k, v in want.items()
                            if k in ("train", "eval", "serve")}), name)
    _compare(GEN.load(tf, d), want["loaded"], name + "/loaded")


@pytest.mark.parametrize("name", sorted(GEN.TRAINED))
def test_tf_reads_the_saved_model_flowgrad_writes(name, tmp_path):
    """TF 1.14 read the committed SavedModel flowgrad wrote (make_saved_model.py) as its
    own export; the committed files are what flowgrad writes today."""
    tf_read = _trained({k: v for k, v in GOLD["flowgrad_" + name].items() if k != "loaded"})
    own = _trained({k: v for k, v in GOLD["trained_" + name].items()
                    if k in ("train", "eval", "serve")})
    _compare(tf_read, own, name + "/tf_read")
    _compare(GOLD["flowgrad_" + name]["loaded"], GOLD["trained_" + name]["loaded"], name)
    with gzip.open(path("keras", os.path.join("flowgrad_saved_model", name + ".json.gz"))) as f:
        committed = {rel: base64.b64decode(data)
                     for rel, data in json.loads(f.read().decode("utf-8")).items()}
    fresh = str(tmp_path / "fresh")
    GEN.export_trained(tf, name, fresh)
    assert sorted(committed) == sorted(GEN._files(fresh))
    _compare(_trained(GEN.trained_summary(tf, _write(str(tmp_path / "c"), committed))),
             _trained(GEN.trained_summary(tf, fresh)), name + "/committed")


@pytest.mark.parametrize("name", sorted(GEN.TRAINED))
def test_contrib_load_keras_model_reads_the_export(name, tmp_path):
    """tf.contrib.saved_model.load_keras_model (TF 1.14's contrib name of
    load_from_saved_model) reads flowgrad's export of a trained compiled model."""
    d = str(tmp_path / "m")
    GEN.export_trained(tf, name, d)
    assert tf.contrib.saved_model.save_keras_model is tf.keras.experimental.export_saved_model
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            model = tf.contrib.saved_model.load_keras_model(d)
            _compare(model.get_weights(), GOLD["trained_" + name]["loaded"]["values"], name)
            _compare(model.predict(GEN.X), GOLD["trained_" + name]["loaded"]["predict"], name)
