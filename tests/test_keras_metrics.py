"""tf.keras.metrics against TF 1.14 (tests/golden/keras/gen_metrics.py): every metric class
in graph mode (values over two updates with and without sample weights, variable and
result names, reset, configs), the graph a Mean builds, (de)serialization, errors, and
Metric objects in compile / fit / evaluate / train_on_batch / test_on_batch."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "metrics")
GEN = generator("keras", "metrics")


@pytest.mark.parametrize("case", ["metric_values", "metric_semantics", "metric_errors",
                                  "metric_configs", "metric_compile"])
def test_metrics_case_as_tf(case):
    _compare(getattr(GEN, case)(tf), GOLD[case], case)


def test_every_tf114_metric_name_is_present():
    api = load("api", "tf114_api")["modules"]
    for module in ("tf.keras.metrics", "tf.keras.losses"):
        want = sorted(api[module])
        obj = tf.keras.metrics if module.endswith("metrics") else tf.keras.losses
        assert [n for n in want if not hasattr(obj, n)] == [], module


def test_metric_subclass_in_a_session():
    class CountPositive(tf.keras.metrics.Metric):
        def __init__(self, name="count_positive", **kwargs):
            super().__init__(name=name, **kwargs)
            self.n = self.add_weight("n", initializer="zeros")

        def update_state(self, values):
            return self.n.assign_add(tf.reduce_sum(tf.cast(values > 0, "float32")))

        def result(self):
            return self.n

    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None])
        m = CountPositive()
        r = m(x)
        assert r.op.type == "Identity" and len(m.updates) == 1
        with tf.Session() as sess:
            sess.run(tf.variables_initializer(m.variables))
            assert sess.run(r, {x: [1., -1., 2.]}) == 2.
            assert sess.run(r, {x: [3.]}) == 3.


def test_metric_objects_reset_at_each_epoch():
    x = np.array([[0.], [1.], [2.], [3.]], "float32")
    y = np.array([[0.], [1.], [1.], [1.]], "float32")
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(1,),
                                                       kernel_initializer="zeros",
                                                       bias_initializer="ones")])
        m.compile(tf.keras.optimizers.SGD(0.), "mse",
                  metrics=[tf.keras.metrics.TruePositives()])
        h = m.fit(x, y, batch_size=2, epochs=3, verbose=0)
        assert h.history["true_positives"] == [3., 3., 3.]
        assert m.evaluate(x, y, verbose=0)[1] == 3.
        assert m.test_on_batch(x, y, reset_metrics=False)[1] == 6.
        assert m.test_on_batch(x, y)[1] == 9.
        assert m.test_on_batch(x, y)[1] == 3.


WGOLD = load("keras", "metrics_weighted")
WGEN = generator("keras", "metrics_weighted")


def test_weighted_metrics_as_tf():
    _compare(WGEN.weighted(tf), WGOLD["weighted"], "weighted")


def test_weighted_metrics_saved_and_loaded_as_tf():
    pytest.importorskip("h5py")
    _compare(WGEN.saved(tf), WGOLD["saved"], "saved")
