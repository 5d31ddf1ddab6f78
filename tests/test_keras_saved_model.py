"""tf.keras.experimental.export_saved_model / load_from_saved_model against TF 1.14
(tests/golden/keras/gen_saved_model.py): flowgrad's SavedModel has TF's meta graph,
signature, checkpoint keys and JSON and serves TF's outputs; TF 1.14's SavedModels (with
train and eval graphs too) load into flowgrad."""
import json
import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load
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


def test_export_saved_model_unsupported_arguments_and_compiled_models(tmp_path):
    with tf.Graph().as_default():
        model = GEN.functional(tf)
        for kwargs in ({"serving_only": True}, {"input_signature": []}):
            with pytest.raises(NotImplementedError, match=list(kwargs)[0]):
                tf.keras.experimental.export_saved_model(model, str(tmp_path / "a"), **kwargs)
        model.compile("sgd", "mse")
        with pytest.raises(NotImplementedError, match="compiled model"):
            tf.keras.experimental.export_saved_model(model, str(tmp_path / "b"))
        assert not os.path.exists(str(tmp_path / "b"))
    np.testing.assert_equal(GEN.X.shape, (4, 3))
