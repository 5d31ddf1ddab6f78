"""tf.contrib.quantize against TF 1.14 (tests/golden/contrib/gen_quantize.py): the
training and eval rewrites of small models (conv / dense / depthwise layers, an eval
graph's and a training graph's fused batch norms folded, bypass and post-activation Adds,
quant_delay, bits,
symmetric, scope) add and reroute TF's ops, fill TF's collections and train to TF's
numbers bit for bit; argspecs, public names, errors; the batch-norm folding cases
flowgrad lacks raise NotImplementedError."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_signatures import differences

from flowgrad.engine.ops import eigen_math

GOLD = load("contrib", "quantize")
GEN = generator("contrib", "quantize")


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # (the golden's host: Eigen's cache sizes)
    mp.setattr(eigen_math, "_RSQRT_BY_BITS", eigen_math.rsqrt_by_bits(GOLD["vendor"]))
    try:
        return {"training": GEN.training(tf), "evaluation": GEN.evaluation(tf)}
    finally:
        mp.undo()


def _same_bits(have, want, path):
    h, w = np.asarray(have), np.asarray(want)
    assert h.dtype == w.dtype and h.shape == w.shape, path
    assert h.tobytes() == w.tobytes(), (path, h, w)


@pytest.mark.parametrize("case", sorted(GOLD["training"]))
def test_training_graph(got, case):
    have, want = got["training"][case], GOLD["training"][case]
    assert have["ops"] == want["ops"]
    assert have["collections"] == want["collections"]
    for i, (h, w) in enumerate(zip(have["losses"], want["losses"])):
        _same_bits(h, w, f"loss {i}")
    assert sorted(have["variables"]) == sorted(want["variables"])
    for name, value in want["variables"].items():
        _same_bits(have["variables"][name], value, name)
    _same_bits(have["y"], want["y"], "y")


@pytest.mark.parametrize("case", sorted(GOLD["evaluation"]))
def test_eval_graph(got, case):
    have, want = got["evaluation"][case], GOLD["evaluation"][case]
    assert have["ops"] == want["ops"]
    _same_bits(have["y"], want["y"], "y")


def test_signatures_and_public_names():
    assert sorted(n for n in dir(tf.contrib.quantize) if not n.startswith("_")) == \
        GOLD["public"]
    for name, spec in GOLD["signatures"].items():
        assert differences(getattr(tf.contrib.quantize, name), spec) == [], name


def test_training_op_in_graph():
    assert GEN.errors(tf) == GOLD["errors"]


@pytest.mark.parametrize("case", ["freeze_bn_delay", "unfused"])
def test_batch_norm_folding_cases_not_implemented(case):
    # (slim's batch norm: TF folds the fused one (FusedBatchNorm after the Conv2D) and the
    # unfused one (its `BatchNorm/batchnorm_1/add_1` ops); flowgrad folds a fused one built
    # for inference in an eval graph (case "batch_norm") and one in training mode in a
    # training graph without freeze_bn_delay (training case "batch_norm") or in an eval
    # graph (eval case "batch_norm_training_mode"); tf.layers' unfused batch norm TF
    # leaves alone: the training case "layers_batch_norm")
    with tf.Graph().as_default() as g:
        x = tf.zeros([2, 4, 4, 3])
        tf.contrib.layers.conv2d(x, 2, 3, normalizer_fn=tf.contrib.layers.batch_norm,
                                 normalizer_params={"fused": case != "unfused",
                                                    "is_training": True})
        before = [op.name for op in g.get_operations()]
        rewrite = (tf.contrib.quantize.create_eval_graph if case != "freeze_bn_delay" else
                   lambda: tf.contrib.quantize.experimental_create_training_graph(
                       freeze_bn_delay=5))
        with pytest.raises(NotImplementedError, match="fold_batch_norms.py FoldBatchNorms"):
            rewrite()
        assert [op.name for op in g.get_operations()] == before   # (nothing rewritten)
