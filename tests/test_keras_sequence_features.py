"""tf.keras.experimental.SequenceFeatures and tf.feature_column.sequence_* against TF 1.14
(tests/golden/keras/gen_sequence_features.py: the same case functions run with flowgrad)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_keras_dense_features import _inner

GOLD = load("keras", "sequence_features")
GEN = generator("keras", "sequence_features")


def test_sequence_features_values_lengths_grads_and_seeded_embeddings_as_tf():
    got, want = GEN._layer(tf, 3), dict(GOLD["seeded"])
    # (TF's AssertGuard conds, assert_all_equal and the embedding's checks: get_operations()
    # lists their Switch/Merge/Identity nodes, tf_nodes.py)
    assert got.pop("n_ops_with_asserts") == want.pop("n_ops_with_asserts")
    np.testing.assert_allclose(got.pop("out"), want.pop("out"), rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(got.pop("length"), want.pop("length"))
    for g, w in zip(got.pop("grads"), want.pop("grads")):
        np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-6)
    for g, w in zip(got.pop("weights"), want.pop("weights")):
        assert g[:2] == w[:2]
        np.testing.assert_allclose(g[2], w[2], rtol=1e-6)
    assert tuple(got.pop("output_shape")) == tuple(want.pop("output_shape"))
    assert got == want


def test_sequence_columns_properties_as_tf():
    assert GEN._properties(tf) == GOLD["properties"]


@pytest.mark.parametrize("name", sorted(GEN.ERRORS))
def test_sequence_features_errors_as_tf(name):
    cls, message = GOLD["err_" + name]
    got = GEN._error(tf, GEN.ERRORS[name])
    assert type(got).__name__ == cls
    if name == "lengths":      # the run-time assertion: its first line
        assert str(got).split("\n")[0] == message.split("\n")[0]
    else:
        assert str(got) == _inner(message)
