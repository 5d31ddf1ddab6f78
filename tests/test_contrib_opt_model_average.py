"""tf.contrib.opt.ModelAverageOptimizer / ModelAverageCustomGetter against TF 1.14 in one
process: the golden generator's training run with flowgrad (values bit for bit, the
variables made, the GraphDef's nodes)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib_opt", "model_average")
GOLD = goldens.load("contrib_opt", "model_average")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # the CPU that made the golden


def test_trains_as_tf114():
    with tf.Graph().as_default():
        made, runs, nodes = GEN.train(tf)
    want_made, want_runs, want_nodes = GOLD["train"]
    assert made == want_made
    for got, want in zip(runs, want_runs):
        assert [g.tolist() for g in got] == [w.tolist() for w in want]
    assert len(runs) == 5
    assert nodes == want_nodes


def test_errors_are_tfs():
    with tf.Graph().as_default():
        getter = tf.contrib.opt.ModelAverageCustomGetter("/cpu:0")
        with tf.variable_scope("", custom_getter=getter):
            w = tf.get_variable("w", [2])
        opt = tf.contrib.opt.ModelAverageOptimizer(tf.train.GradientDescentOptimizer(0.1), 1,
                                                   True, getter)
        with pytest.raises(ValueError, match="Must supply at least one variable"):
            opt.apply_gradients([])
        with pytest.raises(ValueError, match="Global step is required"):
            opt.apply_gradients([(tf.ones([2]), w)])
        with pytest.raises(ValueError, match="The list of local_variables should not be empty"):
            opt._local_vars_update([])
