"""LSTM cells with a masked kernel (TF 1.14 contrib/model_pruning/python/layers/
rnn_cells.py): the kernel is used as `mask * kernel` (variables `mask`, `threshold` after
the cell's own)."""
from ...engine.framework.graph import add_to_collection, get_collection_ref
from ...engine.framework.tensor_shape import dimension_value
from ...ops import init_ops, math_ops
from ...ops import rnn_cell_impl as tf_rnn
from . import core_layers


class _Masked:
    """build adds mask and threshold; call runs the cell's call on mask * kernel."""

    def build(self, inputs_shape):
        super().build(inputs_shape)
        self.built = False
        input_depth = dimension_value(inputs_shape[1])
        h_depth = self._num_units
        self._mask = self.add_variable(name="mask", shape=[input_depth + h_depth, 4 * h_depth],
                                       initializer=init_ops.ones_initializer(),
                                       trainable=False, dtype=self.dtype)
        self._threshold = core_layers._threshold(self)
        self._masked_kernel = math_ops.multiply(self._mask, self._kernel,
                                                core_layers.MASKED_WEIGHT_NAME)
        if self._mask not in get_collection_ref(core_layers.MASK_COLLECTION):
            add_to_collection(core_layers.MASK_COLLECTION, self._mask)
            add_to_collection(core_layers.MASKED_WEIGHT_COLLECTION, self._masked_kernel)
            add_to_collection(core_layers.THRESHOLD_COLLECTION, self._threshold)
            add_to_collection(core_layers.WEIGHT_COLLECTION, self._kernel)
        self.built = True

    def call(self, inputs, state):
        # TF's masked call is the cell's own with self._masked_kernel for self._kernel
        kernel = self._kernel
        self._kernel = self._masked_kernel
        try:
            return super().call(inputs, state)
        finally:
            self._kernel = kernel


class MaskedBasicLSTMCell(_Masked, tf_rnn.BasicLSTMCell):
    """BasicLSTMCell whose kernel is masked for pruning."""

    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None,
                 reuse=None, name=None):
        super().__init__(num_units, forget_bias=forget_bias, state_is_tuple=state_is_tuple,
                         activation=activation, reuse=reuse, name=name)


class MaskedLSTMCell(_Masked, tf_rnn.LSTMCell):
    """LSTMCell whose kernel (not its projection) is masked for pruning."""

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None):
        super().__init__(num_units, use_peepholes=use_peepholes, cell_clip=cell_clip,
                         initializer=initializer, num_proj=num_proj, proj_clip=proj_clip,
                         num_unit_shards=num_unit_shards, num_proj_shards=num_proj_shards,
                         forget_bias=forget_bias, state_is_tuple=state_is_tuple,
                         activation=activation, reuse=reuse)
