"""tf.keras models against TF 1.14: Sequential and functional Models, compile, fit
histories (shuffled with np.random.seed), evaluate, predict, *_on_batch, callbacks."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "models")
GEN = generator("keras", "models")
FNS = {"seq_fit": "_seq_fit", "functional": "_functional", "weights": "_weights",
       "adam_batches": "_adam_batches", "deferred": "_deferred", "callbacks": "_callbacks",
       "utils": "_utils", "summary": "_summary", "subclassed": "_subclassed",
       "csv_logger": "_csv_logger", "lr_schedule": "_lr_schedule",
       "progbar": "_progbar", "optimizers": "_optimizers",
       "plateau": "_plateau", "multi_input": "_multi_input", "batchnorm": "_batchnorm"}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_models_case(case):
    with tf.Graph().as_default():
        with tf.Session():
            result = getattr(GEN, FNS[case])(tf)
    _compare(result, GOLD[case], case)


def test_keras_models_exports():
    assert tf.keras.Model is tf.keras.models.Model
    assert tf.keras.Sequential is tf.keras.models.Sequential


def test_fit_without_default_session_uses_keras_session():
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
        m.compile("sgd", "mse")
        h = m.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), verbose=0)
        assert len(h.history["loss"]) == 1
        assert tf.keras.backend.get_session().graph is tf.get_default_graph()


def test_unsupported_arguments_name_themselves():
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
        with pytest.raises(NotImplementedError, match="distribute"):
            m.compile("sgd", "mse", distribute=object())
        # TF 1.14: Ftrl has no default learning rate, so the name alone cannot build it
        with pytest.raises(TypeError, match="missing 1 required positional argument: "
                                            "'learning_rate'"):
            m.compile("ftrl", "mse")
        with pytest.raises(ValueError, match="Unknown loss function:nope"):
            m.compile("sgd", "nope")


def test_verbose_2_prints_keras_lines(capsys):
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,),
                                                       kernel_initializer="zeros")])
        m.compile("sgd", "mse", metrics=["mae"])
        m.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), epochs=2, verbose=2)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Epoch 1/2"
    assert out[1].startswith("4/4 - ")
    assert out[1].endswith("s - loss: 1.0000 - mean_absolute_error: 1.0000")
    assert out[2] == "Epoch 2/2"


def test_get_and_set_weights_use_keras_session():
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
        w = [np.arange(6, dtype="float32").reshape(3, 2), np.array([1., -1.], "float32")]
        m.set_weights(w)
        got = m.get_weights()
        np.testing.assert_array_equal(got[0], w[0])
        np.testing.assert_allclose(m.predict(np.ones((1, 3), "float32")), [[7., 8.]])


def test_verbose_1_ends_with_the_full_bar(capsys):
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,),
                                                       kernel_initializer="zeros")])
        m.compile("sgd", "mse")
        m.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), batch_size=2)
    out = capsys.readouterr().out
    last = out.split("\r")[-1]
    assert last.startswith("4/4 [" + "=" * 30 + "] - ")
    assert last.rstrip().endswith("/sample - loss: 0.9418")


def test_lr_scheduler_needs_an_lr():
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
        m.compile(tf.train.GradientDescentOptimizer(0.1), "mse")
        sched = tf.keras.callbacks.LearningRateScheduler(lambda e: 0.1)
        with pytest.raises(ValueError, match='Optimizer must have a "lr" attribute.'):
            m.fit(np.ones((2, 2), "float32"), np.ones((2, 1), "float32"), verbose=0,
                  callbacks=[sched])
