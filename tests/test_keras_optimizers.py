"""Every tf.keras optimizer TF 1.14 has, against TF 1.14 fit histories and weights
(tests/golden/keras/gen_optimizers.py)."""
import copy

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


SPARSE = dict(GEN._sparse_cases(tf))


@pytest.mark.parametrize("case", sorted(SPARSE))
def test_keras_optimizer_sparse_gradients(case):
    seed = [name for name, _ in GEN._sparse_cases(tf)].index(case)
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._fit_sparse(tf, SPARSE[case](), seed=seed)
    _compare(got, GOLD[case], case)


def test_ftrl_by_name_needs_a_learning_rate():
    # TF 1.14: Ftrl has no default learning rate, so get('ftrl') cannot build it
    with pytest.raises(TypeError, match="missing 1 required positional argument: "
                                        "'learning_rate'"):
        tf.keras.optimizers.get("ftrl")
    with pytest.raises(ValueError, match="learning_rate_power 0.500000 needs to be negative"):
        tf.keras.optimizers.Ftrl(0.1, learning_rate_power=0.5)


def test_ftrl_config_round_trip():
    # TF 1.14's Ftrl.get_config raises AttributeError (a typo in TF,
    # `_serializer_hyperparameter`); flowgrad returns the config TF's later releases do
    opt = tf.keras.optimizers.Ftrl(0.1, l2_shrinkage_regularization_strength=0.5)
    config = opt.get_config()
    assert config["l2_shrinkage_regularization_strength"] == 0.5
    again = tf.keras.optimizers.Ftrl.from_config(config)
    assert again.get_config() == config


def test_schedules_as_tf():
    opts = tf.keras.optimizers
    with pytest.raises(ValueError, match="does not support tf.keras.optimizers."
                                         "LearningRateSchedules"):
        opts.Nadam(opts.schedules.ExponentialDecay(0.1, 2, 0.5))
    # the optimizer calls a schedule with its float step: int boundaries fail, as in TF
    with tf.Graph().as_default():
        with tf.Session():
            m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
            m.compile(opts.SGD(opts.schedules.PiecewiseConstantDecay([4, 8], [0.1, 0.2, 0.3])),
                      "mse")
            with pytest.raises(ValueError, match="Boundaries"):
                m._make_train_function()
    config = opts.serialize(opts.SGD(opts.schedules.InverseTimeDecay(0.5, 3, 0.2)))
    again = opts.deserialize(copy.deepcopy(config))   # TF's deserialize edits its argument
    assert opts.serialize(again) == config


def test_negative_arguments_as_tf():
    with pytest.raises(ValueError, match="Expected clipnorm >= 0, received: -1"):
        tf.keras.optimizers.SGD(clipnorm=-1)
    with pytest.raises(TypeError, match="Unexpected keyword argument passed to optimizer: "
                                        "bogus"):
        tf.keras.optimizers.Adam(bogus=1)


def test_set_weights_errors_as_tf():
    with tf.Graph().as_default():
        with tf.Session():
            m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
            m.compile(tf.keras.optimizers.Adam(), "mse")
            m._make_train_function()
            with pytest.raises(ValueError, match="You called `set_weights\\(weights\\)` on "
                                                 "optimizer Adam with a  weight list of "
                                                 "length 2, but the optimizer was expecting "
                                                 "5 weights"):
                m.optimizer.set_weights([0, 1])
            with pytest.raises(ValueError, match="Optimizer weight shape"):
                m.optimizer.set_weights([0] * 5)


REF_VARS = load("keras", "optimizer_ref_vars")
REF_GEN = generator("keras", "optimizer_ref_vars")


@pytest.mark.parametrize("case", sorted(REF_VARS))
def test_reference_variable_errors_as_tf(case):
    # TF 1.14's Keras optimizers make slots with the variable's dtype ('float32_ref': the
    # initializer's value fails to convert), SGD reads var.handle, minimize watches
    # var_list on a tape: each error's class, message and the ops left as TF's
    assert REF_GEN.run(tf, REF_GEN.calls()[case]) == REF_VARS[case]
