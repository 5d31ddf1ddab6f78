"""contrib.framework's tensor checks (TF 1.14 check_ops.assert_scalar, re-exported)."""
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import get_default_graph, name_scope

__all__ = ["assert_scalar", "get_name_scope"]


def get_name_scope():
    """The current name scope of the default graph ('' at the top)."""
    return get_default_graph().get_name_scope()


def assert_scalar(tensor, name=None, message=None):
    """`tensor` as a Tensor; ValueError unless its static shape is a scalar's."""
    with name_scope(name, "assert_scalar", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name=scope)
        shape = tensor.shape
        if shape.ndims != 0:
            raise ValueError("%sExpected scalar shape for %s, saw shape: %s."
                             % (message or "", tensor.name, shape))
        return tensor
