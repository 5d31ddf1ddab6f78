"""tf.contrib.util: TF 1.14's tensor_util functions (ops/tensor_util.py). Absent:
ops_used_by_graph_def, stripped_op_list_for_graph."""
from ..ops.tensor_util import constant_value, make_ndarray, make_tensor_proto

__all__ = ["constant_value", "make_ndarray", "make_tensor_proto"]
