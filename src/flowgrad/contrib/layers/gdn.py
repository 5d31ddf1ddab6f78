"""contrib.layers' GDN layer and gdn function (TF 1.14 contrib/layers/python/layers/
layers.py): generalized divisive normalization, y = x / sqrt(beta + conv(x^2, gamma))
(x * sqrt(...) when inverse), beta and gamma stored reparametrized (`reparam_beta`,
`reparam_gamma`) and bounded below through a Maximum whose gradient passes when the input
is at least the bound or the gradient is negative (TF's "GDNLowerBound")."""
from __future__ import annotations

from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import get_default_graph, name_scope
from ...engine.framework.registry import RegisterGradient
from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops.matrix import matrix_diag
from ...keras.engine.input_spec import InputSpec
from ...layers import base
from ...ops import array_ops, math_ops
from ...ops.comparison_ops import logical_or
from ... import nn

__all__ = ["GDN", "gdn"]


@RegisterGradient("GDNLowerBound")
def _lower_bound_grad(op, grad):
    inputs, bound = op.inputs
    pass_through = logical_or(inputs >= bound, grad < 0)
    return [math_ops.cast(pass_through, grad.dtype) * grad, None]


class GDN(base.Layer):
    """Generalized divisive normalization (Ballé et al.) over the channel axis."""

    def __init__(self, inverse=False, beta_min=1e-6, gamma_init=.1, reparam_offset=2**-18,
                 data_format="channels_last", activity_regularizer=None, trainable=True,
                 name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.inverse = inverse
        self._beta_min = beta_min
        self._gamma_init = gamma_init
        self._reparam_offset = reparam_offset
        self.data_format = data_format
        self._channel_axis()
        self.input_spec = InputSpec(min_ndim=3, max_ndim=5)

    def _channel_axis(self):
        try:
            return {"channels_first": 1, "channels_last": -1}[self.data_format]
        except KeyError:
            raise ValueError("Unsupported `data_format` for GDN layer: {}.".format(
                self.data_format)) from None

    @staticmethod
    def _lower_bound(inputs, bound, name=None):
        with name_scope(name, "GDNLowerBound", [inputs, bound]) as scope:
            inputs = convert_to_tensor(inputs, name="inputs")
            bound = convert_to_tensor(bound, name="bound")
            with get_default_graph().gradient_override_map({"Maximum": "GDNLowerBound"}):
                return math_ops.maximum(inputs, bound, name=scope)

    def build(self, input_shape):
        channel_axis = self._channel_axis()
        input_shape = TensorShape(input_shape)
        num_channels = input_shape.dims[channel_axis].value
        if num_channels is None:
            raise ValueError("The channel dimension of the inputs to `GDN` must be defined.")
        self._input_rank = input_shape.ndims
        self.input_spec = InputSpec(ndim=input_shape.ndims, axes={channel_axis: num_channels})
        offset = self._reparam_offset
        pedestal = constant(offset ** 2, dtype=self.dtype)
        beta_bound = constant((self._beta_min + offset ** 2) ** .5, dtype=self.dtype)
        gamma_bound = constant(offset, dtype=self.dtype)

        def beta_initializer(shape, dtype=None, partition_info=None):
            ped = constant(offset ** 2, dtype=self.dtype)
            return math_ops.sqrt(array_ops.ones(shape, dtype=dtype) + ped)

        def gamma_initializer(shape, dtype=None, partition_info=None):
            with name_scope(None, "eye"):   # TF's linalg_ops.eye of a square matrix
                eye = matrix_diag(array_ops.ones([shape[0]], dtype=dtype))
            ped = constant(offset ** 2, dtype=self.dtype)
            return math_ops.sqrt(self._gamma_init * eye + ped)

        beta = self.add_variable("reparam_beta", shape=[num_channels],
                                 initializer=beta_initializer, dtype=self.dtype, trainable=True)
        self.beta = math_ops.square(self._lower_bound(beta, beta_bound)) - pedestal
        gamma = self.add_variable("reparam_gamma", shape=[num_channels, num_channels],
                                  initializer=gamma_initializer, dtype=self.dtype,
                                  trainable=True)
        self.gamma = math_ops.square(self._lower_bound(gamma, gamma_bound)) - pedestal
        self.built = True

    def call(self, inputs):
        inputs = convert_to_tensor(inputs, dtype=self.dtype)
        ndim = self._input_rank
        shape = self.gamma.get_shape().as_list()
        gamma = array_ops.reshape(self.gamma, (ndim - 2) * [1] + shape)
        if self.data_format == "channels_first":
            norm_pool = nn.convolution(math_ops.square(inputs), gamma, "VALID",
                                       data_format="NC" + "DHW"[-(ndim - 2):])
            if ndim == 3:
                norm_pool = array_ops.expand_dims(norm_pool, 2)
                norm_pool = nn.bias_add(norm_pool, self.beta, data_format="NCHW")
                norm_pool = array_ops.squeeze(norm_pool, [2])
            elif ndim == 5:
                shape = array_ops.shape(norm_pool)
                norm_pool = array_ops.reshape(norm_pool, shape[:3] + [-1])
                norm_pool = nn.bias_add(norm_pool, self.beta, data_format="NCHW")
                norm_pool = array_ops.reshape(norm_pool, shape)
            else:
                norm_pool = nn.bias_add(norm_pool, self.beta, data_format="NCHW")
        else:
            norm_pool = nn.convolution(math_ops.square(inputs), gamma, "VALID")
            norm_pool = nn.bias_add(norm_pool, self.beta, data_format="NHWC")
        norm_pool = math_ops.sqrt(norm_pool)
        outputs = inputs * norm_pool if self.inverse else inputs / norm_pool
        outputs.set_shape(inputs.get_shape())
        return outputs

    def compute_output_shape(self, input_shape):
        channel_axis = self._channel_axis()
        input_shape = TensorShape(input_shape)
        if not 3 <= input_shape.ndims <= 5:
            raise ValueError("`input_shape` must be of rank 3 to 5, inclusive.")
        if input_shape.dims[channel_axis].value is None:
            raise ValueError("The channel dimension of `input_shape` must be defined.")
        return input_shape


def gdn(inputs, inverse=False, beta_min=1e-6, gamma_init=.1, reparam_offset=2**-18,
        data_format="channels_last", activity_regularizer=None, trainable=True, name=None,
        reuse=None):
    """GDN(...).apply(inputs)."""
    layer = GDN(inverse=inverse, beta_min=beta_min, gamma_init=gamma_init,
                reparam_offset=reparam_offset, data_format=data_format,
                activity_regularizer=activity_regularizer, trainable=trainable, name=name,
                dtype=inputs.dtype.base_dtype, _scope=name, _reuse=reuse)
    return layer.apply(inputs)
