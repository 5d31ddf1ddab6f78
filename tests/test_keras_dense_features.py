"""tf.keras.layers.DenseFeatures against TF 1.14 (tests/golden/keras/gen_dense_features.py:
the same case functions run with flowgrad)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load
from test_layers import _compare

GOLD = load("keras", "dense_features")
GEN = generator("keras", "dense_features")


def _inner(message):
    """The error itself: TF 1.14 wraps errors raised in a Keras layer's call in AutoGraph's
    'in converted code:' report, ending with '<Class>: <message>'."""
    if message.startswith("in converted code:"):
        last = message.rstrip("\n").split("\n")[-1].strip()
        return last.split(": ", 1)[1]
    return message


@pytest.mark.parametrize("case,seed,twice", [("seeded", 1, False), ("seeded_twice", 2, True)])
def test_dense_features_values_grads_and_seeded_embeddings_as_tf(case, seed, twice):
    got, want = GEN._layer(tf, seed, twice), dict(GOLD[case])
    # (tf.Assert on int64 data, the identity column's range checks, is TF's 'AssertGuard'
    # cond: get_operations() lists its Switch/Merge nodes, tf_nodes.py)
    assert got.pop("ops") == want.pop("ops")
    if twice:
        # Known difference: with the AssertGuard conds in the graph, the two calls' sparse
        # gradients of the shared embedding are concatenated in the other order than TF's
        # (the same (index, row) pairs; the dense gradient is equal)
        got["grads"] = [_canonical_slices(g) for g in got["grads"]]
        want["grads"] = [_canonical_slices(g) for g in want["grads"]]
    _compare(got, want, case)


def _canonical_slices(g):
    """An IndexedSlicesValue (values, indices, dense_shape) with its rows sorted by index
    and value; anything else unchanged."""
    if not (isinstance(g, (list, tuple)) and len(g) == 3):
        return g
    values, indices = np.asarray(g[0]), np.asarray(g[1])
    order = sorted(range(len(indices)), key=lambda i: (int(indices[i]),
                                                       values[i].tobytes()))
    return [values[order], indices[order], g[2]]


@pytest.mark.parametrize("case", ["err_categorical", "err_not_dict", "err_empty",
                                  "err_not_column", "err_duplicate", "err_missing_key"])
def test_dense_features_errors_as_tf(case):
    got, want = GEN._error(tf, getattr(GEN, "_" + case)), GOLD[case]
    assert isinstance(got, ValueError), got
    assert str(got) == _inner(want.message) or (
        case == "err_not_dict" and str(got.args) == _inner(want.message))


def test_dense_features_config_as_tf():
    got, want = GEN._config(tf), GOLD["config"]
    assert got["config"] == want["config"]
    assert isinstance(got["from_config"], TypeError)
    # Python 3.10+ names the class in the message (3.7: "__init__() missing ...")
    assert str(got["from_config"]).endswith(want["from_config"].message)


def test_dense_features_in_sequential_fit_on_a_dict_as_tf():
    _compare(GEN._model(tf), GOLD["model"], "model")


def test_dense_features_vocabulary_table_not_initialized_by_fit_as_tf():
    got, want = GEN._model(tf, tables=True), GOLD["model_table"]
    assert isinstance(got, tf.errors.FailedPreconditionError)
    assert GoldenError.of(got).message.split("\n")[0] == want.message.split("\n")[0]


def test_dense_features_not_deserializable_as_tf():
    with pytest.raises(ValueError, match="Unknown layer: DenseFeatures"):
        tf.keras.layers.deserialize({"class_name": "DenseFeatures", "config": {}})
