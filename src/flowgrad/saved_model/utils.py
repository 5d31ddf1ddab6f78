"""TF 1.14's tf.saved_model.utils: TensorInfo protos of tensors and back."""
from ..engine.framework import dtypes as _dt
from ..engine.framework import proto
from ..engine.framework.graph import get_default_graph


def build_tensor_info(tensor):
    """The TensorInfo proto (name, dtype, shape; coo_sparse for a SparseTensor) of `tensor`."""
    from ..ops.sparse_tensor import SparseTensor  # lazy: a surface module
    info = proto.pb().meta_graph_pb2.TensorInfo()
    if isinstance(tensor, SparseTensor):
        info.coo_sparse.values_tensor_name = tensor.values.name
        info.coo_sparse.indices_tensor_name = tensor.indices.name
        info.coo_sparse.dense_shape_tensor_name = tensor.dense_shape.name
        dtype, shape = tensor.dtype, tensor.get_shape()
    else:   # as TF, anything with a dtype, get_shape() and name (a RefVariable: its
        # float32_ref and "w:0"; else AttributeError naming what it lacks)
        dtype = _dt.as_dtype(tensor.dtype)
        shape = tensor.get_shape()
        info.name = tensor.name
    info.dtype = _dt.as_dtype(dtype).as_datatype_enum
    info.tensor_shape.CopyFrom(proto.shape_proto(
        None if shape.ndims is None else shape.as_list()))
    return info


def get_tensor_from_tensor_info(tensor_info, graph=None, import_scope=None):
    """The Tensor (or SparseTensor) of `graph` (the default graph) a TensorInfo names.

    Raises KeyError if it names no tensor of the graph, ValueError for an encoding
    other than name or coo_sparse."""
    graph = graph or get_default_graph()

    def _get(name):
        if import_scope:
            name = import_scope + "/" + name
        return graph.as_graph_element(name)

    encoding = tensor_info.WhichOneof("encoding")
    if encoding == "name":
        return _get(tensor_info.name)
    if encoding == "coo_sparse":
        from ..ops.sparse_tensor import SparseTensor  # lazy: a surface module
        c = tensor_info.coo_sparse
        return SparseTensor(_get(c.indices_tensor_name), _get(c.values_tensor_name),
                            _get(c.dense_shape_tensor_name))
    raise ValueError(f"Invalid TensorInfo.encoding: {encoding}")
