"""tf.contrib.slim.model_analyzer: the sizes of a graph's op outputs and of variables,
printed in TF 1.14's layout (slim/python/slim/model_analyzer.py)."""
from __future__ import annotations

__all__ = ["tensor_description", "analyze_ops", "analyze_vars"]


def tensor_description(var):
    """`(float32 1x8x8x1024)`: the dtype's name and the sizes joined by x (`?` unknown)."""
    return "(" + str(var.dtype.name) + " " + "x".join(str(s) for s in var.get_shape()) + ")"


def analyze_ops(graph, print_info=False):
    """The number of elements of all op outputs of `graph` (unknown sizes count 0); with
    print_info, one line per op: name, its outputs' descriptions, its size."""
    if print_info:
        print("---------")
        print("Operations: name -> (type shapes) [size]")
        print("---------")
    total_size = 0
    for op in graph._flowgrad_operations():
        op_size = 0
        shapes = []
        for output in op.outputs:
            op_size += output.get_shape().num_elements() or 0
            if output.get_shape():   # known rank (a scalar included), as TF's TensorShape
                shapes.append(tensor_description(output))
        if print_info:
            print(op.name, "\t->", ", ".join(shapes), "[" + str(op_size) + "]")
        total_size += op_size
    return total_size


def analyze_vars(variables, print_info=False):
    """(total elements, total bytes) of `variables`; with print_info, one line per
    variable and the totals."""
    if print_info:
        print("---------")
        print("Variables: name (type shape) [size]")
        print("---------")
    total_size = 0
    total_bytes = 0
    for var in variables:
        var_size = var.get_shape().num_elements() or 0
        var_bytes = var_size * var.dtype.size
        total_size += var_size
        total_bytes += var_bytes
        if print_info:
            print(var.name, tensor_description(var), "[%d, bytes: %d]" % (var_size, var_bytes))
    if print_info:
        print("Total size of variables: %d" % total_size)
        print("Total bytes of variables: %d" % total_bytes)
    return total_size, total_bytes
