"""tf.keras.layers.AbstractRNNCell (TF 1.14 keras/layers/recurrent.py): the base of custom
Keras RNN cells. A subclass gives `state_size`, `output_size` and
`call(inputs, states) -> (output, new_states)`; get_initial_state makes zero states
[batch, *size] for each (nested) state size, as TF 1.14's
_generate_zero_filled_state_for_cell."""
from ...engine.framework.tensor_shape import as_shape
from ...ops import array_ops
from ..engine.base_layer import Layer

__all__ = ["AbstractRNNCell"]


class AbstractRNNCell(Layer):
    """Abstract RNN cell: subclasses define call, state_size and output_size."""

    def call(self, inputs, states):
        raise NotImplementedError("Abstract method")

    @property
    def state_size(self):
        raise NotImplementedError("Abstract method")

    @property
    def output_size(self):
        raise NotImplementedError("Abstract method")

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            batch_size = array_ops.shape(inputs)[0]
            dtype = inputs.dtype
        return _zero_filled_state(batch_size, self.state_size, dtype)


def _zero_filled_state(batch_size_tensor, state_size, dtype):
    if batch_size_tensor is None or dtype is None:
        raise ValueError("batch_size and dtype cannot be None while constructing initial "
                         "state: batch_size={}, dtype={}".format(batch_size_tensor, dtype))

    def create_zeros(unnested_state_size):
        flat_dims = as_shape(unnested_state_size).as_list()
        return array_ops.zeros([batch_size_tensor] + flat_dims, dtype=dtype)
    def walk(size):   # nest.map_structure over lists and tuples
        if isinstance(size, (list, tuple)):
            return type(size)(walk(s) for s in size)
        return create_zeros(size)
    return walk(state_size)
