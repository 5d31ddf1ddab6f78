"""Keras InputLayer and Input (TF 1.14 keras/engine/input_layer.py): a placeholder
named `input_1`, `input_2`, ... (per graph), or a given tensor."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import Tensor
from ...engine.framework.tensor_shape import TensorShape
from .. import backend
from .base_layer import KERAS_HISTORY, Layer, Node

__all__ = ["InputLayer", "Input"]


class InputLayer(Layer):
    """The layer behind `Input`: owns the placeholder (or the tensor) a model starts from.

    Args:
      input_shape: the shape of one example (without the batch axis).
      batch_size: the batch size, or None.
      dtype: default floatx(), or input_tensor's dtype.
      input_tensor: an existing tensor to use instead of a new placeholder.
      sparse: must be False (flowgrad has no sparse placeholders).
      name: default 'input_N'.
    """

    def __init__(self, input_shape=None, batch_size=None, dtype=None, input_tensor=None,
                 sparse=False, name=None, **kwargs):
        if "batch_input_shape" in kwargs:
            batch_input_shape = kwargs.pop("batch_input_shape")
            if input_shape and batch_input_shape:
                raise ValueError("Only provide the input_shape OR batch_input_shape argument "
                                 "to InputLayer, not both at the same time.")
            batch_size = batch_input_shape[0]
            input_shape = batch_input_shape[1:]
        if kwargs:
            raise ValueError("Unrecognized keyword arguments:", kwargs.keys())
        if sparse:
            raise NotImplementedError("flowgrad does not implement InputLayer(sparse=True)")
        if not name:
            name = "input_" + str(backend.get_uid("input"))
        if not dtype:
            dtype = backend.floatx() if input_tensor is None else backend.dtype(input_tensor)
        elif input_tensor is not None and input_tensor.dtype != _dt.as_dtype(dtype):
            raise ValueError("`input_tensor.dtype` differs from `dtype`: %s vs. %s"
                             % (input_tensor.dtype, dtype))
        super().__init__(dtype=dtype, name=name)
        self.built = True
        self.sparse = sparse
        self.batch_size = batch_size
        self.supports_masking = True
        if isinstance(input_shape, TensorShape):
            input_shape = tuple(input_shape.as_list())
        elif isinstance(input_shape, int):
            input_shape = (input_shape,)
        if input_tensor is None:
            batch_input_shape = None
            if input_shape is not None:
                batch_input_shape = (batch_size,) + tuple(input_shape)
            input_tensor = backend.placeholder(shape=batch_input_shape, dtype=dtype,
                                               name=self.name)
            self.is_placeholder = True
            self._batch_input_shape = batch_input_shape
        else:
            if not isinstance(input_tensor, Tensor):
                raise ValueError("You should not pass an EagerTensor to `Input`. For example, "
                                 "instead of creating an InputLayer, you should instantiate "
                                 "your model and directly call it on your input.")
            self.is_placeholder = False
            self._batch_input_shape = tuple(input_tensor.shape.as_list())
        self._outputs = [input_tensor]
        # TF 1.14's node of an InputLayer: no inbound layers, the tensor as its input and
        # output (flowgrad's call record has no Keras-tensor inputs)
        Node(self, [], [], [], [input_tensor], [input_tensor],
             call=([], [input_tensor], (), {}))
        KERAS_HISTORY[input_tensor] = (self, 0, 0)

    @property
    def input(self):
        return self._outputs[0]

    @property
    def output(self):
        return self._outputs[0]

    def get_config(self):
        return {"batch_input_shape": self._batch_input_shape, "dtype": self.dtype,
                "sparse": self.sparse, "name": self.name}


def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=False,  # noqa: N802
          tensor=None, **kwargs):
    """A Keras input tensor: a placeholder of shape (batch_size,) + shape named `name`
    (default input_1, input_2, ...), or `tensor`. `batch_shape=` gives the whole shape."""
    batch_shape = None
    if "batch_shape" in kwargs:
        batch_shape = kwargs.pop("batch_shape")
        if shape and batch_shape:
            raise ValueError("Only provide the shape OR batch_shape argument to Input, not "
                             "both at the same time.")
        batch_size = batch_shape[0]
        shape = batch_shape[1:]
    if kwargs:
        raise ValueError("Unrecognized keyword arguments:", kwargs.keys())
    if shape is None and tensor is None:
        raise ValueError("Please provide to Input either a `shape` or a `tensor` argument. "
                         "Note that `shape` does not include the batch dimension.")
    if batch_shape:
        layer = InputLayer(batch_input_shape=batch_shape, name=name, dtype=dtype,
                           sparse=sparse, input_tensor=tensor)
    else:
        layer = InputLayer(input_shape=shape, batch_size=batch_size, name=name, dtype=dtype,
                           sparse=sparse, input_tensor=tensor)
    outputs = layer._outputs
    return outputs[0] if len(outputs) == 1 else outputs
