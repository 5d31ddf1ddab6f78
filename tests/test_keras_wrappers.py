"""tf.keras.wrappers.scikit_learn against TF 1.14 (tests/golden/keras/gen_wrappers.py):
KerasClassifier/KerasRegressor fits with seeded weights, predictions, probabilities,
scores, parameters and errors; and the wrappers inside scikit-learn's own tools when
scikit-learn is installed (it is not needed by the wrappers)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "wrappers")
GEN = generator("keras", "wrappers")


@pytest.mark.parametrize("case", ["classifier", "regressor", "params"])
def test_wrappers_as_tf(case):
    _compare(getattr(GEN, case)(tf), GOLD[case], case)


def test_sequential_predict_proba_and_classes():
    x = np.linspace(-1, 1, 12, dtype="float32").reshape(6, 2)
    with tf.Graph().as_default():
        one = tf.keras.Sequential([tf.keras.layers.Dense(
            1, activation="sigmoid", kernel_initializer="ones", input_shape=(2,))])
        proba = one.predict_proba(x)
        np.testing.assert_array_equal(one.predict_classes(x), (proba > 0.5).astype("int32"))
        two = tf.keras.Sequential([tf.keras.layers.Dense(3, input_shape=(2,))])
        np.testing.assert_array_equal(two.predict_classes(x, batch_size=2),
                                      two.predict(x).argmax(-1))


def test_inside_scikit_learn():
    model_selection = pytest.importorskip("sklearn.model_selection")
    base = pytest.importorskip("sklearn.base")
    W = tf.keras.wrappers.scikit_learn
    x, y = GEN._data()
    clf = W.KerasClassifier(GEN._classifier_fn(tf), epochs=2, batch_size=8, verbose=0)
    clone = base.clone(clf)
    assert clone.get_params()["epochs"] == 2 and clone is not clf
    scores = model_selection.cross_val_score(clf, x, y, cv=2)
    assert scores.shape == (2,) and np.all((scores >= 0) & (scores <= 1))
