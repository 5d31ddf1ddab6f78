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
