"""tf.contrib.learn.Estimator against TF 1.14: the golden generator's cases (fit /
evaluate / predict over x, y and input_fn, SKCompat, a (predictions, loss, train_op)
model_fn, RunConfig, infer_real_valued_columns_from_input, the errors) run on flowgrad
and must give TF's losses, placeholders, variables, evaluate dicts, predictions and
model_dir files."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_learn_estimator  # noqa: E402

GOLD = goldens.load("estimator", "learn_estimator")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_learn_estimator.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_estimator_matches_tf(ours, case):
    goldens.same_close(ours[case], GOLD[case], case, rtol=1e-5, atol=1e-6)


def test_unsupported_parts_name_themselves():
    with pytest.raises(AttributeError, match="tf.contrib.learn.ExportStrategy is "
                                             "not in flowgrad"):
        tf.contrib.learn.ExportStrategy
    with pytest.raises(NotImplementedError, match="master"):
        tf.contrib.learn.RunConfig(master="grpc://host:1")
    with pytest.raises(AttributeError, match="tf.contrib.learn.monitors.PrintTensor is not "
                                             "in flowgrad"):
        tf.contrib.learn.monitors.PrintTensor


def test_private_contrib_learn_paths_resolve_to_flowgrad():
    import importlib

    from flowgrad.compat.tf_alias import alias_tensorflow
    learn = "tensorflow.contrib.learn.python.learn"
    with alias_tensorflow():
        est = importlib.import_module(learn + ".estimators.estimator")
        fn = importlib.import_module(learn + ".estimators.model_fn")
        runner = importlib.import_module(learn + ".learn_runner")
        numpy_io = importlib.import_module(learn + ".learn_io.numpy_io")
        assert est.Estimator is tf.contrib.learn.Estimator
        assert est.SKCompat is tf.contrib.learn.SKCompat
        assert fn.ModelFnOps is tf.contrib.learn.ModelFnOps and fn.ModeKeys.INFER == "infer"
        assert runner.run is tf.contrib.learn.learn_runner.run
        assert numpy_io.numpy_input_fn is tf.contrib.learn.io.numpy_input_fn
