"""tf.contrib.opt's model-averaging optimizers (ModelAverageOptimizer, AGNOptimizer,
ElasticAverageOptimizer and their custom getters) against TF 1.14 in one process: the golden
generators' training runs with flowgrad (values bit for bit, the variables made, the
GraphDef's nodes; the elastic one's swapping_saver)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib_opt", "model_average")
GOLD = goldens.load("contrib_opt", "model_average")
AGN_GEN = goldens.generator("contrib_opt", "agn")
AGN_GOLD = goldens.load("contrib_opt", "agn")
EA_GEN = goldens.generator("contrib_opt", "elastic_average")
EA_GOLD = goldens.load("contrib_opt", "elastic_average")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    assert GOLD["vendor"] == AGN_GOLD["vendor"] == EA_GOLD["vendor"]
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # the CPU that made the goldens


@pytest.mark.parametrize("gen,gold", [(GEN, GOLD), (AGN_GEN, AGN_GOLD)],
                         ids=["model_average", "agn"])
def test_trains_as_tf114(gen, gold):
    with tf.Graph().as_default():
        made, runs, nodes = gen.train(tf)
    want_made, want_runs, want_nodes = gold["train"]
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


def test_agn_errors_are_tfs():
    with tf.Graph().as_default():
        getter = tf.contrib.opt.AGNCustomGetter("/cpu:0")
        tf.get_variable("u", [1])   # (not made by the getter)
        opt = tf.contrib.opt.AGNOptimizer(tf.train.GradientDescentOptimizer(0.1), 1, getter)
        with pytest.raises(KeyError):   # TF's: the variable has no center
            opt.get_init_op(0)
    with tf.Graph().as_default():
        opt = tf.contrib.opt.AGNOptimizer(tf.train.GradientDescentOptimizer(0.1), 1, getter)
        with pytest.raises(ValueError, match="The lists of local_variables, "
                                             "global_center_variables,grad_center_variables "
                                             "should not be empty"):
            opt.get_init_op(0)


def test_elastic_average_trains_and_saves_as_tf114():
    with tf.Graph().as_default():
        made, runs, nodes, saved = EA_GEN.train(tf)
    want_made, want_runs, want_nodes, want_saved = EA_GOLD["train"]
    assert made == want_made and nodes == want_nodes
    assert [[g.tolist() for g in got] for got in runs] == \
        [[w.tolist() for w in want] for want in want_runs]
    assert saved[0] == want_saved[0] == [("b", []), ("w", [2])]
    assert saved[1].tolist() == want_saved[1].tolist() == [7.0, 8.0]
    assert saved[2].tolist() == want_saved[2].tolist()


def test_elastic_average_errors_are_tfs():
    with tf.Graph().as_default():
        getter = tf.contrib.opt.ElasticAverageCustomGetter("/cpu:0")
        opt = tf.contrib.opt.ElasticAverageOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                                     1, getter)
        with pytest.raises(RuntimeError, match="global_center_variable is empty, please make "
                                               "sure this is called after model created"):
            opt.swapping_saver()
        with pytest.raises(ValueError, match="The lists of local_variables, "
                                             "global_center_variables, local_center_variables "
                                             "should not be empty  "):
            opt.get_init_op(0)
