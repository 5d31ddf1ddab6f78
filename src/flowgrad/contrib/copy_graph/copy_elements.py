"""Copies of variables and ops from one Graph to another (TF 1.14's copy_elements.py)."""
from ...engine.autodiff.gradients import original_op
from ...engine.framework.graph import GraphKeys, Operation, Tensor
from ...engine.runtime.session import Session
from ...ops.variables import VariableV1
from ..graph_editor.transform import _copyable

__all__ = ["copy_op_to_graph", "copy_variable_to_graph", "get_copied_op"]


def _scoped(name, scope):
    return scope + "/" + name if scope != "" else name


def copy_variable_to_graph(org_instance, to_graph, scope=""):
    """A new variable in `to_graph` named `scope/<name>`, initialized with the value of
    `org_instance` (run in a new Session of its graph: its initialized_value() adds TF's
    cond to that graph), in the same collections (renamed under `scope` but for the global
    and trainable variables), with an unknown static shape (validate_shape=False).

    Raises TypeError if `org_instance` is not a Variable."""
    if not isinstance(org_instance, VariableV1):
        raise TypeError(str(org_instance) + " is not a Variable")
    new_name = _scoped(org_instance.name[:org_instance.name.index(":")], scope)
    collections = []
    for name, collection in org_instance.graph._collections.items():
        if org_instance in collection:
            if name in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.TRAINABLE_VARIABLES) or scope == "":
                collections.append(name)
            else:
                collections.append(scope + "/" + name)
    trainable = org_instance in org_instance.graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
    with org_instance.graph.as_default():
        init_value = Session().run(org_instance.initialized_value())
    with to_graph.as_default():
        return VariableV1(init_value, trainable, name=new_name, collections=collections,
                          validate_shape=False)


def copy_op_to_graph(org_instance, to_graph, variables, scope=""):
    """The copy in `to_graph`, named `scope/<name>`, of an Operation or Tensor and, first,
    of its control inputs and inputs (recursively, unless already there). A tensor named
    like one of `variables` (copies made by copy_variable_to_graph) is that variable. A
    copied Tensor joins its original's collections (renamed under `scope`).

    Raises TypeError if `org_instance` is neither an Operation nor a Tensor."""
    new_name = _scoped(org_instance.name, scope)
    copied_variables = {x.name: x for x in variables}
    if new_name in copied_variables:
        return to_graph.get_tensor_by_name(copied_variables[new_name].name)
    try:
        return to_graph.as_graph_element(new_name, allow_tensor=True, allow_operation=True)
    except Exception:  # as TF: anything but an element of that name is copied
        pass
    if isinstance(org_instance, Tensor):
        collections = [_scoped(name, scope)
                       for name, collection in org_instance.graph._collections.items()
                       if org_instance in collection]
        op = org_instance.op
        new_tensor = copy_op_to_graph(op, to_graph, variables, scope).outputs[
            op.outputs.index(org_instance)]
        for collection in collections:
            to_graph.add_to_collection(collection, new_tensor)
        return new_tensor
    if isinstance(org_instance, Operation):
        return _copy_op(org_instance, to_graph, variables, scope, new_name)
    raise TypeError("Could not copy instance: " + str(org_instance))


def _copy_op(op, to_graph, variables, scope, new_name):
    """TF's Operation(node_def, ...): the op's type, attrs, device and colocation, named
    exactly `new_name`, on copies of (the op whose gradient made it, then) its control
    inputs, then its inputs; the control
    dependencies, device and colocation blocks open in `to_graph` do not apply."""
    _copyable(op)
    if to_graph._device_stack:
        raise NotImplementedError(
            "tf.contrib.copy_graph.copy_op_to_graph inside a device block of `to_graph` "
            "(TF merges its device functions into the copied NodeDef's device)")
    original = original_op(op)   # (TF passes its copy to the new Operation, unused here)
    if original is not None:
        copy_op_to_graph(original, to_graph, variables, scope)
    control_inputs = [copy_op_to_graph(x, to_graph, variables, scope)
                      for x in op.control_inputs]
    inputs = [copy_op_to_graph(x, to_graph, variables, scope) for x in op.inputs]
    with to_graph.control_dependencies(None):
        new_op = to_graph._create_op(op._type, inputs, dict(op._attrs), new_name + "/",
                                     ctrl=control_inputs)
    new_op._device = op._device
    new_op._colocation = list(op._colocation) if op._colocation else None
    new_op._grad_type = op._grad_type
    return new_op


def get_copied_op(org_instance, graph, scope=""):
    """The element of `graph` named `scope/<org_instance's name>` (its copy)."""
    return graph.as_graph_element(_scoped(org_instance.name, scope), allow_tensor=True,
                                  allow_operation=True)
