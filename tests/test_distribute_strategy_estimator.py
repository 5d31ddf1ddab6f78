"""Estimator.train with RunConfig(train_distribute=...) against TF 1.14
(tests/golden/distribute/gen_strategy_estimator.py): a model_fn's variables and global step
after training under OneDeviceStrategy("/cpu:0") and MirroredStrategy() (one device) are
TF's, the same as without a strategy; LinearRegressor under OneDeviceStrategy too."""
import re

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("distribute", "strategy_estimator")
GEN = generator("distribute", "strategy_estimator")


@pytest.mark.parametrize("kind", ["none", "one_device", "mirrored"])
def test_estimator_train_distribute(kind):
    got, want = GEN.train(tf, kind), GOLD[kind]
    assert got["names"] == want["names"]
    assert got["in_model_fn"] == want["in_model_fn"]
    assert got["input_context"] == want["input_context"]
    assert sorted(got["eval"]) == sorted(want["eval"])
    for k, v in want["eval"].items():
        np.testing.assert_allclose(got["eval"][k], v, rtol=1e-5, err_msg=k)
    for n in want["names"]:
        np.testing.assert_allclose(got["values"][n], want["values"][n], rtol=1e-5, atol=1e-6,
                                   err_msg=n)
    if "linear" in want:
        assert sorted(got["linear"]) == sorted(want["linear"])
        for n, v in want["linear"].items():
            np.testing.assert_allclose(got["linear"][n], v, rtol=1e-5, atol=1e-6, err_msg=n)


def test_estimator_train_distribute_rejects_listeners_and_many_devices(tmp_path):
    def fn(features, labels, mode):
        raise AssertionError("not reached")
    config = tf.estimator.RunConfig(model_dir=str(tmp_path),
                                    train_distribute=tf.distribute.OneDeviceStrategy("/cpu:0"))
    est = tf.estimator.Estimator(fn, config=config)
    with pytest.raises(ValueError, match="Saving listenor is not supported"):
        est.train(GEN._input_fn(tf), steps=1,
                  saving_listeners=[tf.train.CheckpointSaverListener()])
    config = config.replace(train_distribute=tf.distribute.MirroredStrategy(
        ["/cpu:0", "/gpu:0"]))
    with pytest.raises(NotImplementedError, match="over 2 devices"):
        tf.estimator.Estimator(fn, config=config).train(GEN._input_fn(tf), steps=1)


# TF's strategies read the input through a MultiDeviceIterator pipeline (a Const, the
# iterator ops, two GeneratorDatasets, a PrefetchDataset and a group of their
# initializers); flowgrad's through an initializable iterator. Those ops are left out and
# the top-level Const names (numbered after TF's extra Const) compared as "Const".
_TF_INPUT_TYPES = {"MultiDeviceIterator", "MultiDeviceIteratorInit",
                   "MultiDeviceIteratorToStringHandle", "GeneratorDataset", "PrefetchDataset"}
_TF_INPUT_NAMES = {"MultiDeviceIteratorInit/max_buffer_size", "buffer_size"}
_TOP_CONST = re.compile(r"^Const(_\d+)?$")
_TOP_GROUP = re.compile(r"^group_deps(_\d+)?$")


def _comparable(ops):
    out = []
    for i, (name, typ, device) in enumerate(ops):
        if typ in _TF_INPUT_TYPES or name in _TF_INPUT_NAMES or _TOP_GROUP.match(name):
            continue
        if i + 1 < len(ops) and ops[i + 1][1] == "MultiDeviceIterator":
            continue   # the Const TF makes for the MultiDeviceIterator
        out.append(["Const" if _TOP_CONST.match(name) else name, typ, device])
    return out


@pytest.mark.parametrize("kind", ["one_device", "mirrored"])
def test_distributed_training_graph(kind):
    """Every op of the training graph (model, optimizer's distributed apply, the combined
    scaffold's ready ops, summaries) with TF's name, type and device."""
    want = _comparable(GOLD["graph_" + kind])
    got = _comparable(GEN.graph_ops(tf, kind))
    assert got == want
