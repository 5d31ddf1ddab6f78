"""tf.keras.layers without weights against TF 1.14: Input/InputLayer, merge layers,
activation layers, noise and spatial dropout, Masking (ops, values, gradients, errors)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "keras_layers")
GEN = generator("layers", "keras_layers")
RUNS = {"merge": "_merge", "activations": "_activations", "noise": "_noise"}
FRESH = {"inputs": "_inputs", "merge_errors": "_merge_errors",
         "learning_phase": "_learning_phase"}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_layers_case(case):
    if case == "weights":  # Embedding (ResourceGather), PReLU, Dense: resource variables
        result = GEN._run_weights(tf)
    elif case in RUNS:
        result = GEN._run(tf, getattr(GEN, RUNS[case]))
    else:
        result = GEN._fresh(tf, getattr(GEN, FRESH[case]))
    _compare(result, GOLD[case], case)


def test_keras_layers_namespace_is_lazy_and_names_missing():
    with pytest.raises(AttributeError, match="tensorflow.keras.layers.NoSuchLayer"):
        tf.keras.layers.NoSuchLayer  # noqa: B018
    assert tf.keras.layers.Convolution2D is tf.keras.layers.Conv2D


def test_keras_embedding_and_prelu_create_resource_variables():
    with tf.Graph().as_default():
        ids = tf.placeholder(tf.int32, [None, 3])
        emb = tf.keras.layers.Embedding(10, 4)
        y = emb(ids)
        assert y.shape.as_list() == [None, 3, 4]
        assert emb.embeddings.name == "embedding/embeddings:0"
        p = tf.keras.layers.PReLU(shared_axes=[1])
        p(y)
        assert p.alpha.shape.as_list() == [1, 4]
