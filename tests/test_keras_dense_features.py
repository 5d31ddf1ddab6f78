"""tf.keras.layers.DenseFeatures against TF 1.14 (tests/golden/keras/gen_dense_features.py:
the same case functions run with flowgrad)."""
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
    # TF 1.14's tf.Assert wraps an assert on int64 data (the identity column's range
    # checks) in an 'AssertGuard' cond (11 more ops); flowgrad's tf.Assert is one op
    assert [n for n in got.pop("ops") if not n.endswith("/Assert/Assert")] == \
        [n for n in want.pop("ops") if "/AssertGuard" not in n]
    _compare(got, want, case)


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
