"""Every registered op is either differentiable (a gradient rule) or explicitly not."""
import flowgrad  # noqa: F401 - registers every op
from flowgrad.engine.framework.registry import GRADIENTS, OPS


def test_every_op_has_a_gradient_rule_or_is_declared_non_differentiable():
    missing = sorted(name for name in OPS if name not in GRADIENTS)
    assert missing == [], f"ops with neither a gradient rule nor grad=None: {missing}"


def test_non_differentiable_list_is_explicit_and_sane():
    non_diff = {name for name in OPS if GRADIENTS.get(name, 0) is None}
    # integer/bool producing and state ops have no gradient...
    for name in ["Shape", "Equal", "Less", "Assign", "VariableV2", "Placeholder", "NoOp",
                 "Const", "Range", "BroadcastGradientArgs"]:
        assert name in non_diff, name
    # ...and the core differentiable ones do
    for name in ["Add", "Mul", "Tanh", "Sum", "AddN", "Identity", "Reshape", "StridedSlice",
                 "Pow", "Cast", "Select"]:
        assert callable(GRADIENTS[name]), name


def test_ops_tf_has_no_gradient_for_raise_its_lookup_error():
    """TF 1.14 registers no gradient for these (not even NotDifferentiable): tf.gradients
    through them raises LookupError there, not a None gradient (found by the fuzzer)."""
    import pytest

    import flowgrad as tf
    x = tf.constant([1.0, 2.0, 2.0])
    for build in (lambda: tf.random_shuffle(x), lambda: tf.unique(x)[0],
                  lambda: tf.random.poisson(x, [2]), lambda: tf.truncatemod(x, 1.5),
                  lambda: tf.gradients(tf.random_gamma([2], x), x)[0]):
        with pytest.raises(LookupError, match="No gradient defined for operation"):
            tf.gradients(tf.reduce_sum(build()), x)
