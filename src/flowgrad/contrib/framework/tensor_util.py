"""contrib.framework's tensor checks (TF 1.14 check_ops.assert_scalar, re-exported)."""
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope

__all__ = ["assert_scalar"]


def assert_scalar(tensor, name=None, message=None):
    """`tensor` as a Tensor; ValueError unless its static shape is a scalar's."""
    with name_scope(name, "assert_scalar", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name=scope)
        shape = tensor.shape
        if shape.ndims != 0:
            raise ValueError("%sExpected scalar shape for %s, saw shape: %s."
                             % (message or "", tensor.name, shape))
        return tensor
