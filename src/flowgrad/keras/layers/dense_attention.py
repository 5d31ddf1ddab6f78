"""Keras attention layers for dense / CNN networks (TF 1.14 keras/layers/dense_attention.py):
Attention (dot-product, Luong-style) and AdditiveAttention (Bahdanau-style).

Called on [query, value] or [query, value, key] ([batch, Tq, dim], [batch, Tv, dim]); the
scores [batch, Tq, Tv] go through a softmax over Tv (positions where the value mask or the
causal mask is False get -1e9 added first) and weight `value`; positions where the query
mask is False come out zero. As in TF 1.14:
- `causal` is taken from the keyword arguments (it is not in the signature);
- get_config holds only name, trainable and dtype (use_scale and causal are lost on a
  from_config round trip);
- the layers do not support masking: a mask carried by the inputs (Embedding(mask_zero))
  reaches `call` but then raises TypeError; keras.layers.deserialize (and so a model's
  from_config) does not know them.
"""
from ...engine.framework import dtypes
from ...engine.framework.tensor_shape import Dimension, TensorShape
from ...engine.ops.comparison import greater_equal, logical_and, logical_not
from ...ops import array_ops, init_ops, math_ops
from ...ops.linalg_ops import matmul
from ... import nn
from .. import backend as K
from ..engine.base_layer import Layer

__all__ = ["Attention", "AdditiveAttention"]


class BaseDenseAttention(Layer):
    """What both attention layers share: the call (masks, causal mask, softmax)."""

    def __init__(self, causal=False, **kwargs):
        super().__init__(**kwargs)
        self.causal = causal

    def _calculate_scores(self, query, key):
        raise NotImplementedError

    def _apply_scores(self, scores, value, scores_mask=None):
        if scores_mask is not None:
            padding_mask = logical_not(scores_mask)
            scores -= 1.e9 * math_ops.cast(padding_mask, dtype=K.floatx())
        return matmul(nn.softmax(scores), value)

    def call(self, inputs, mask=None):
        self._validate_call_args(inputs=inputs, mask=mask)
        q = inputs[0]
        v = inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        q_mask = mask[0] if mask else None
        v_mask = mask[1] if mask else None
        scores = self._calculate_scores(query=q, key=k)
        if v_mask is not None:
            v_mask = array_ops.expand_dims(v_mask, axis=-2)
        causal_mask = None
        if self.causal:
            scores_shape = array_ops.shape(scores)
            causal_mask_shape = array_ops.concat(
                [array_ops.ones_like(scores_shape[:-2]), scores_shape[-2:]], axis=0)
            causal_mask = _lower_triangular_mask(causal_mask_shape)
        scores_mask = _merge_masks(v_mask, causal_mask)
        result = self._apply_scores(scores=scores, value=v, scores_mask=scores_mask)
        if q_mask is not None:
            q_mask = array_ops.expand_dims(q_mask, axis=-1)
            result *= math_ops.cast(q_mask, dtype=result.dtype)
        return result

    def _validate_call_args(self, inputs, mask):
        class_name = self.__class__.__name__
        if not isinstance(inputs, list):
            raise ValueError("{} layer must be called on a list of inputs, namely [query, "
                             "value] or [query, value, key].".format(class_name))
        if len(inputs) < 2 or len(inputs) > 3:
            raise ValueError("{} layer accepts inputs list of length 2 or 3, namely [query, "
                             "value] or [query, value, key]. Given length: {}".format(
                                 class_name, len(inputs)))
        if mask:
            if not isinstance(mask, list):
                raise ValueError("{} layer mask must be a list, namely [query_mask, "
                                 "value_mask].".format(class_name))
            if len(mask) != 2:
                raise ValueError("{} layer mask must be a list of length 2, namely "
                                 "[query_mask, value_mask]. Given length: {}".format(
                                     class_name, len(mask)))


class Attention(BaseDenseAttention):
    """Dot-product attention: scores = query @ key^T (times a learned scalar `scale`,
    initialized to one, with use_scale=True)."""

    def __init__(self, use_scale=False, **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale

    def build(self, input_shape):
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(),
                                         initializer=init_ops.ones_initializer(),
                                         dtype=self.dtype, trainable=True)
        self.built = True

    def _calculate_scores(self, query, key):
        scores = matmul(query, key, transpose_b=True)
        if self.scale is not None:
            scores *= self.scale
        return scores


class AdditiveAttention(BaseDenseAttention):
    """Additive attention: scores = reduce_sum(scale * tanh(query[:, :, None] +
    key[:, None]), -1), `scale` a learned [dim] vector (glorot-uniform initialized) with
    use_scale=True (the default)."""

    def __init__(self, use_scale=True, **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale

    def build(self, input_shape):
        dim = TensorShape(input_shape[1])[-1]
        if isinstance(dim, Dimension):
            dim = dim.value
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(
                name="scale", shape=[dim],
                initializer=init_ops.glorot_uniform_initializer(), dtype=self.dtype,
                trainable=True)
        self.built = True

    def _calculate_scores(self, query, key):
        q_reshaped = array_ops.expand_dims(query, axis=-2)
        k_reshaped = array_ops.expand_dims(key, axis=-3)
        scale = self.scale if self.use_scale else 1.
        return math_ops.reduce_sum(scale * math_ops.tanh(q_reshaped + k_reshaped), axis=-1)


def _lower_triangular_mask(shape):
    """A boolean mask, True on and below the diagonal of the last two dimensions."""
    row_index = math_ops.cumsum(array_ops.ones(shape=shape, dtype=dtypes.int32), axis=-2)
    col_index = math_ops.cumsum(array_ops.ones(shape=shape, dtype=dtypes.int32), axis=-1)
    return greater_equal(row_index, col_index)


def _merge_masks(x, y):
    if x is None:
        return y
    if y is None:
        return x
    return logical_and(x, y)
