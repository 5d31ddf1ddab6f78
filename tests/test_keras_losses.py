"""tf.keras.losses against TF 1.14 (tests/golden/keras/gen_losses.py): the Loss classes
with every reduction and sample weights (values and result names), the functions' options,
configs and (de)serialization, errors, and Loss objects in compile / fit / evaluate."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "losses")
GEN = generator("keras", "losses")


@pytest.mark.parametrize("case", ["loss_classes", "loss_options", "loss_configs",
                                  "loss_compile"])
def test_losses_case_as_tf(case):
    _compare(getattr(GEN, case)(tf), GOLD[case], case)


def test_loss_classes_and_functions_are_tf114s_names():
    names = {n for n in dir(tf.keras.losses) if not n.startswith("_")}
    for n in ("Loss", "Huber", "CategoricalHinge", "KLDivergence", "LogCosh", "Poisson",
              "categorical_hinge", "cosine", "KLD", "serialize", "deserialize", "get"):
        assert n in names
    assert not hasattr(tf.keras.losses, "Reduction")  # TF 2 only (v1=[] in TF 1.14)


def test_loss_subclass_call_weights_and_reduces():
    class Abs(tf.keras.losses.Loss):
        def call(self, y_true, y_pred):
            return tf.abs(y_true - y_pred)

    with tf.Graph().as_default():
        loss = Abs(reduction="sum", name="abs")(tf.constant([[1., 2.]]), tf.constant([[2., 0.]]),
                                               sample_weight=tf.constant([[2.]]))
        assert loss.name.startswith("abs/weighted_loss")
        with tf.Session() as sess:
            assert sess.run(loss) == pytest.approx(6.0)


def test_loss_object_in_compile_with_sum_reduction_matches_numpy():
    x = np.array([[1.], [2.], [3.]], "float32")
    y = np.array([[1.], [1.], [1.]], "float32")
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(1,),
                                                       kernel_initializer="ones",
                                                       bias_initializer="zeros")])
        m.compile("sgd", loss=tf.keras.losses.MeanSquaredError(reduction="sum"))
        got = m.evaluate(x, y, batch_size=3, verbose=0)
    assert got == pytest.approx(((x - y) ** 2).sum())
