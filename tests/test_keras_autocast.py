"""The 'infer_float32_vars' policy's AutoCastVariables against TF 1.14
(tests/golden/keras/gen_autocast.py): op names and types, variable names and dtypes,
values, gradients, normalization layers, the non-float weight's error, a fit with a
LossScaleOptimizer. float16 results within float16 rounding: flowgrad's float16 MatMul
and TF's CPU kernel round differently (results one ulp apart)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "autocast")
GEN = generator("keras", "autocast")


def _close(got, want, path):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _close(got[k], want[k], path + "/" + k)
    elif isinstance(want, list) and want and isinstance(want[0], (float, np.ndarray)):
        assert len(got) == len(want), path
        for i, (a, b) in enumerate(zip(got, want)):
            _close(a, b, "%s[%d]" % (path, i))
    else:
        np.testing.assert_allclose(got, want, rtol=2e-3, atol=2e-3, err_msg=path)


@pytest.mark.parametrize("dtype", ["float16", "float32"])
def test_dense(dtype):
    got = GEN.dense(tf, dtype)
    want = dict(GOLD["dense_" + dtype])
    got["ops"] = [list(x) for x in got["ops"]]
    got["variables"] = [list(x) for x in got["variables"]]
    _compare(got, want, dtype)


def test_normalization_and_error():
    assert GEN.normalization(tf) == GOLD["normalization"]
    assert GEN.int_weight_error(tf) == GOLD["int_weight_error"]


def test_fit():
    got = GEN.fit(tf)
    want = dict(GOLD["fit"])
    for key in ("history", "weights", "predict"):
        _close(got.pop(key), want.pop(key), key)
    _compare(got, want, "fit")


def test_more_layers():
    got = GEN.more_layers(tf)
    want = GOLD["more_layers"]
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name][0] == want[name][0] and got[name][2] == want[name][2], name
        if want[name][0] == "TypeError":
            assert got[name][1] == want[name][1], name
        else:
            _close(got[name][1], want[name][1], name)


def test_embedding_reads_the_variable_as_a_tensor():
    assert [list(x) for x in GEN.embedding_ops(tf)] == [list(x) for x in GOLD["embedding_ops"]]
