"""tf.contrib.util: TF 1.14's tensor_util functions (ops/tensor_util.py) and
ops_used_by_graph_def (framework/meta_graph.py). Absent: stripped_op_list_for_graph
(flowgrad keeps TF's OpDefs without their allowed values and flags: no exact OpList)."""
from ..ops.tensor_util import constant_value, make_ndarray, make_tensor_proto

__all__ = ["constant_value", "make_ndarray", "make_tensor_proto", "ops_used_by_graph_def"]


def ops_used_by_graph_def(graph_def):
    """The op types a GraphDef's nodes use, through the functions of its library (the
    functions themselves left out); in no particular order, as TF's."""
    name_to_function = {fun.signature.name: fun for fun in graph_def.library.function}
    used_ops = set()
    functions_to_process = []

    def mark_op_as_used(op):
        if op not in used_ops and op in name_to_function:
            functions_to_process.append(name_to_function[op])
        used_ops.add(op)

    for node in graph_def.node:
        mark_op_as_used(node.op)
    while functions_to_process:
        for node in functions_to_process.pop().node_def:
            mark_op_as_used(node.op)
    return [op for op in used_ops if op not in name_to_function]
