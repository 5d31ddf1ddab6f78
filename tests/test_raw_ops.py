"""tf.raw_ops as TF 1.14's: every raw op of an op type flowgrad runs is there with TF's
signature, builds TF's ops, returns TF's result kinds and values and raises TF's errors
(tests/golden/api/gen_raw_ops.py)."""
import inspect
import json

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework.graph_def import op_defs
from flowgrad.engine.framework.registry import OPS

GEN = goldens.generator("api", "raw_ops")
GOLD = goldens.load("api", "raw_ops")
SIGNATURES = GOLD["signatures"]


def _signature(fn):
    return [[p.name] if p.default is inspect.Parameter.empty else
            [p.name, GEN._default(p.default)] for p in inspect.signature(fn).parameters.values()]


def test_every_registered_op_type_tf_has_is_a_raw_op():
    present = set(dir(tf.raw_ops))
    expected = {t for t, od in op_defs().items() if "py" in od and t in OPS and not any(
        a[1] in ("func", "list(func)") for a in od["attr"])} - {
        "Enter", "Exit", "Switch", "Merge", "NextIteration", "Case"}
    assert expected - present == set()
    assert present <= set(SIGNATURES)
    assert len(present) > 600


@pytest.mark.parametrize("name", sorted(set(SIGNATURES) & set(dir(tf.raw_ops))))
def test_signature_is_tfs(name):
    got = _signature(getattr(tf.raw_ops, name))
    assert json.dumps(got) == json.dumps(SIGNATURES[name])   # 1 is not 1.0


def test_absent_raw_op_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'Switch'"):
        tf.raw_ops.Switch


def _check(got, want):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), (got, want)
        for g, w in zip(got, want):
            _check(g, w)
    elif isinstance(want, np.ndarray):
        np.testing.assert_array_equal(got, want)
        assert np.asarray(got).dtype == want.dtype
    else:
        assert got == want


@pytest.mark.parametrize("name", sorted(GEN.BUILDS))
def test_build_is_tfs(name):
    with tf.Graph().as_default():
        got = GEN._run(tf, GEN.BUILDS[name])
    want = GOLD["build/" + name]
    assert got["result"] == want["result"]
    assert got["ops"] == want["ops"]
    _check(got["value"], want["value"])


@pytest.mark.parametrize("name", sorted(GEN.ERRORS))
def test_error_is_tfs(name):
    with tf.Graph().as_default():
        got = GEN._raises(tf, GEN.ERRORS[name])
    assert got == GOLD["error/" + name]
