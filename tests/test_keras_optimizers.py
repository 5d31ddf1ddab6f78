"""Every tf.keras optimizer TF 1.14 has, against TF 1.14 fit histories and weights
(tests/golden/keras/gen_optimizers.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "optimizers")
GEN = generator("keras", "optimizers")
MAKERS = dict(GEN._cases(tf))


@pytest.mark.parametrize("case", sorted(MAKERS))
def test_keras_optimizer_fit(case):
    seed = [name for name, _ in GEN._cases(tf)].index(case)
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._fit(tf, MAKERS[case](), seed=seed)
    _compare(got, GOLD[case], case)


def test_keras_optimizer_configs():
    with tf.Graph().as_default():
        _compare(GEN._configs(tf), GOLD["configs"], "configs")


def test_ftrl_is_absent():
    with pytest.raises(NotImplementedError, match="ftrl"):
        tf.keras.optimizers.get("ftrl")
