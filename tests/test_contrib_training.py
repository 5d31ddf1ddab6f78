"""tf.contrib.training against TF 1.14 (tests/golden/contrib_training: gen_training.py's
case functions run under the oracle and here with flowgrad): HParams and parse_values
(values, strings, TF's errors), create_train_op and the gradient transforms (every op name,
losses, weights), train / evaluate_once / the checkpoint waiters."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("contrib_training", "training")
GOLDENS = goldens.load("contrib_training", "training")


def _same(got, exp, path=""):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            _same(g, e, f"{path}[{i}]")
    elif isinstance(exp, (str, bool)) or exp is None:
        assert got == exp, (path, got, exp)
    else:
        np.testing.assert_allclose(np.asarray(got), np.asarray(exp), rtol=1e-6, err_msg=path)


@pytest.fixture(scope="module")
def hparams():
    return gen.hparams(tf)


@pytest.mark.parametrize("key", sorted(GOLDENS["hparams"]))
def test_hparams_match_tf(hparams, key):
    _same(hparams[key], GOLDENS["hparams"][key], key)


@pytest.fixture(scope="module")
def train_ops():
    return gen.create_train_op(tf)


@pytest.mark.parametrize("key", sorted(GOLDENS["create_train_op"]))
def test_create_train_op_matches_tf(train_ops, key):
    _same(train_ops[key], GOLDENS["create_train_op"][key], key)


def test_train_and_evaluate_match_tf():
    _same(gen.evaluate(tf), GOLDENS["evaluate"])


def test_hparam_def_is_absent():
    with pytest.raises(NotImplementedError, match="HParamDef"):
        tf.contrib.training.HParams(lr=0.1).to_proto()
