"""The small tf.contrib modules (stateless, deprecated, sparsemax, nn, signal) against
TF 1.14: the golden generator's case functions run here with flowgrad."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib", "small_modules")
GOLD = goldens.load("contrib", "small_modules")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name, rtol=1e-5, atol=1e-6)


def test_aliases_are_tf_functions():
    assert tf.contrib.signal.stft is tf.signal.stft
    assert tf.contrib.stateless.stateless_random_uniform is tf.random.stateless_uniform
    assert tf.contrib.nn.conv1d_transpose is tf.nn.conv1d_transpose


def test_absent_names_say_so():
    for name in ("scaled_softplus", "rank_sampled_softmax_loss"):
        with pytest.raises(AttributeError, match=name):
            getattr(tf.contrib.nn, name)


MP_GEN = goldens.generator("contrib", "mixed_precision")
MP_GOLD = goldens.load("contrib", "mixed_precision")


@pytest.mark.parametrize("name", sorted(MP_GEN.CASES))
def test_mixed_precision_matches_tf114(name):
    with tf.Graph().as_default():
        got = MP_GEN.CASES[name](tf)
    exp = MP_GOLD[name]
    # the exponential manager nests conds of assigns: its later graph-seeded op draws
    # TF's numbers as the op counter is TF's (a nested cond of operations counts as TF's
    # Merge tensor)
    same(got, exp, name, rtol=1e-5, atol=1e-6)


def test_ops_used_by_graph_def():
    """TF 1.14 gives ['Placeholder', 'Relu', 'Const', 'Mul'] (a set's order) for this graph."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32)
        tf.nn.relu(x) * 2
    used = tf.contrib.util.ops_used_by_graph_def(g.as_graph_def())
    assert sorted(used) == ["Const", "Mul", "Placeholder", "Relu"]
