"""Object-based checkpoints of subclassed Keras models against TF 1.14
(tests/golden/ckpt/gen_subclass_ckpt.py): the keys and object graph of save_weights and
tf.train.Checkpoint(model=...).save (children by attribute, list index, dict key; nested
models; a Sequential inside; a variable attribute; the optimizer and its slots), and
load_weights / Checkpoint.restore before the first call (restore ops made as each weight
is). The golden comes from an Intel Xeon; no case compares float32 bits that depend on
the CPU, so they run in the suite's process."""
import pytest

from goldens import generator, load

import flowgrad as tf

G = generator("ckpt", "subclass_ckpt")
GOLD = load("ckpt", "subclass_ckpt")


def test_layouts_as_tf():
    assert GOLD["host"] == "intel"
    got = G.layouts(tf)
    want = GOLD["layouts"]
    for key in ("weights", "layers", "save_weights", "checkpoint"):
        assert got[key] == want[key], key


@pytest.mark.parametrize("mode", ["save_weights", "checkpoint"])
def test_optimizer_restore_as_tf(mode):
    got = G.optimizer(tf, mode)
    want = GOLD[mode + "_optimizer"]
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key


def test_built_by_build_as_tf():
    got = G.built(tf)
    want = GOLD["built"]
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key


def test_functional_as_tf():
    got = G.functional(tf)
    want = GOLD["functional"]
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key
