"""tf.saved_model.main_op (TF 1.14): the op a SavedModel's loader runs after restoring."""
from ..ops.control_flow_ops import group
from ..ops.lookup_ops import tables_initializer
from ..ops.variables import global_variables_initializer, local_variables_initializer
from ..engine.framework.graph import control_dependencies

__all__ = ["main_op", "main_op_with_restore"]


def main_op():
    """A group of the global and local variables' initializers and the tables'."""
    init = global_variables_initializer()
    init_local = local_variables_initializer()
    init_tables = tables_initializer()
    return group(init, init_local, init_tables)


def main_op_with_restore(restore_op_name):
    """main_op, then `restore_op_name` (an op: TF's tf.group rejects a name string)."""
    with control_dependencies([main_op()]):
        return group(restore_op_name)
