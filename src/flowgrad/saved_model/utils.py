"""TF 1.14's tf.saved_model.utils: TensorInfo protos of tensors and back."""
from ..engine.framework import proto
from ..engine.framework.graph import Tensor, get_default_graph


def build_tensor_info(tensor):
    """The TensorInfo proto (name, dtype, shape; coo_sparse for a SparseTensor) of `tensor`."""
    from ..ops.sparse_tensor import SparseTensor  # lazy: a surface module
    info = proto.pb().meta_graph_pb2.TensorInfo()
    if isinstance(tensor, SparseTensor):
        info.coo_sparse.values_tensor_name = tensor.values.name
        info.coo_sparse.indices_tensor_name = tensor.indices.name
        info.coo_sparse.dense_shape_tensor_name = tensor.dense_shape.name
        dtype, shape = tensor.dtype, tensor.get_shape()
    elif isinstance(tensor, Tensor):
        info.name = tensor.name
        dtype, shape = tensor.dtype, tensor.shape
    else:
        raise AttributeError(f"'{type(tensor).__name__}' object has no attribute 'dtype'")
    info.dtype = proto._enum(dtype)
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
