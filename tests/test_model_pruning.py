"""tf.contrib.model_pruning against TF 1.14 (tests/golden/contrib/gen_model_pruning.py):
the masked conv / fully connected layers and Pruning's conditional mask update build TF's
ops and collections, and a few training steps give TF's losses, masks, thresholds,
sparsities and summaries bit for bit; block pruning (AVG, MAX) and weight_sparsity_map;
the masked LSTM cells; get_pruning_hparams and the spec errors; strip_pruning_vars_fn,
graph_def_from_checkpoint and train (its TypeError after training, as TF 1.14)."""
import pytest

import flowgrad as tf
from goldens import flowgrad_cases_on, load, same_exact
from test_signatures import differences

GOLD = load("contrib", "model_pruning")


@pytest.fixture(scope="module")
def got():
    # the golden's host (an Intel Xeon when made): its convolution's and products' bits
    return flowgrad_cases_on("contrib", "model_pruning", GOLD["vendor"])


def test_training_graph(got):
    want, have = GOLD["training"], got["training"]
    assert have["ops"] == want["ops"]
    assert have["collections"] == want["collections"]


@pytest.mark.parametrize("key", ["steps", "final", "stripped", "stripped_values"])
def test_training_values(got, key):
    same_exact(got["training"][key], GOLD["training"][key], key)


@pytest.mark.parametrize("key", ["blocks", "lstm", "hparams", "checkpoint"])
def test_cases(got, key):
    same_exact(got[key], GOLD[key], key)


def test_argspecs():
    spec = load("api", "tf114_api")["modules"]["tf.contrib.model_pruning"]
    mp = tf.contrib.model_pruning
    public = [n for n in dir(mp) if not n.startswith("_")
              and not isinstance(getattr(mp, n), type(tf))]   # (flowgrad's submodules)
    assert sorted(public) == sorted(spec)
    for name, entry in spec.items():
        assert differences(getattr(mp, name), entry["argspec"]) == [], name


def test_errors():
    mp = tf.contrib.model_pruning
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="num_outputs should be int or long, got 2.0."):
            mp.masked_fully_connected(tf.zeros([2, 3]), 2.0)
        with pytest.raises(ValueError, match="Invalid data_format: 'NCDH'"):
            mp.masked_conv2d(tf.zeros([1, 4, 4, 2]), 2, 3, data_format="NCDH")
        with pytest.raises(ValueError, match="Sparse Convolution not supported"):
            mp.masked_conv2d(tf.zeros([1, 4, 2]), 2, 3)
        with pytest.raises(ValueError, match="Could not find a checkpoint at: /nonexistent."):
            mp.graph_def_from_checkpoint("/nonexistent", ["x"])
