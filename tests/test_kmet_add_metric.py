"""Layer.add_metric / Model.add_metric against TF 1.14
(tests/golden/keras/gen_kmet_add_metric.py): metrics_names and metrics, the AddMetric
layer, metric variables and ops, fit / evaluate / *_on_batch values and History, a name
used twice, configs and errors. Values computed by training are compared within float32
rounding, the rest exactly."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "kmet_add_metric")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    got = goldens.flowgrad_cases("keras", "kmet_add_metric", tf)[key]
    goldens.same_sparse(got, GOLDEN[key], key, rtol=1e-5, atol=1e-6)


def test_metric_result_carries_its_metric():
    """A Metric's result tensor names the metric (`_metric_obj`), which add_metric tracks
    without a name; another tensor has none."""
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((2,))
        mean = tf.keras.metrics.Mean(name="m")
        result = mean(inp)
        assert result._metric_obj is mean
        assert not hasattr(inp, "_metric_obj")
        layer = tf.keras.layers.Dense(1)
        layer.add_metric(result)
        assert layer.metrics == [mean] and layer._metrics_tensors == {"m": result}


def test_reset_sets_add_metric_state_to_zero():
    """test_on_batch(reset_metrics=False) keeps the state of the Mean that add_metric
    made, Model.reset_metrics sets it to 0 (as test_on_batch does by default)."""
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((2,))
        out = tf.keras.layers.Dense(1, kernel_initializer="ones")(inp)
        model = tf.keras.Model(inp, out)
        model.add_metric(tf.reduce_sum(out), name="s", aggregation="mean")
        model.compile("sgd", "mse")
        x = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
        y = np.zeros((2, 1), np.float32)
        assert model.test_on_batch(x, y, reset_metrics=False)[1] == pytest.approx(10.0)
        mean = model.metrics[0]
        assert tf.keras.backend.get_value(mean.count) == 1.0
        model.test_on_batch(x, y)
        assert tf.keras.backend.get_value(mean.count) == 0.0
        model.test_on_batch(x, y, reset_metrics=False)
        model.reset_metrics()
        assert tf.keras.backend.get_value(mean.count) == 0.0
