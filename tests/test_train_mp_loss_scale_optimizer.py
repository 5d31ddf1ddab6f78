"""tf.train.experimental.MixedPrecisionLossScaleOptimizer against TF 1.14
(tests/golden/train/gen_mp_loss_scale_optimizer.py): ops by name (flowgrad's tf.cond
has no Switch/Merge plumbing; its op counter is TF's), values after three steps, the
global step, the loss scale's variables, the error."""

import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("train", "mp_loss_scale_optimizer")
GEN = generator("train", "mp_loss_scale_optimizer")
ARGS = {"fixed": (8,), "dynamic": ("dynamic",), "fixed_grad_loss": (8, 0.5),
        "dynamic_grad_loss": ("dynamic", 2.), "overflow": ("overflow",)}


@pytest.mark.parametrize("case", sorted(ARGS))
def test_minimize(case):
    got = GEN.minimize(tf, *ARGS[case])
    want = dict(GOLD[case])
    assert sorted(got.pop("ops")) == sorted(want.pop("ops"))
    _compare(got, want, case)


def test_errors():
    assert GEN.errors(tf) == GOLD["errors"]
