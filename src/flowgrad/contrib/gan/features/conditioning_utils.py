"""TF-GAN's conditioning (TF 1.14 contrib/gan/python/features/python/conditioning_utils_impl.py,
https://arxiv.org/abs/1609.03499): add a linear map of the conditioning to a tensor; from one-hot
labels through an `embedding` variable first."""
from __future__ import annotations

from ....engine.framework.static_value import constant_value
from ....ops import array_ops, math_ops, nn_ops, variable_scope
from ...layers import layers

__all__ = ["condition_tensor", "condition_tensor_from_onehot"]


def _get_shape(tensor):
    tensor_shape = array_ops.shape(tensor)
    static = constant_value(tensor_shape)
    return static if static is not None else tensor_shape


def condition_tensor(tensor, conditioning):
    """`tensor` plus a linear map (tf.contrib.layers.linear) of the flattened `conditioning`."""
    tensor.shape[1:].assert_is_fully_defined()
    num_features = tensor.shape[1:].num_elements()
    if conditioning.shape.ndims < 2:
        raise ValueError("conditioning must be at least 2D, but saw shape: %s"
                         % conditioning.shape)
    mapped = layers.linear(layers.flatten(conditioning), num_features)
    if not mapped.shape.is_compatible_with(tensor.shape):
        mapped = array_ops.reshape(mapped, _get_shape(tensor))
    return tensor + mapped


def _one_hot_to_embedding(one_hot, embedding_size):
    """The `embedding` row of each label (the argmax of its one-hot row)."""
    num_tokens = one_hot.shape[1]
    label_id = math_ops.argmax(one_hot, axis=1)
    embedding = variable_scope.get_variable("embedding", [num_tokens, embedding_size])
    return nn_ops.embedding_lookup(embedding, label_id, name="token_to_embedding")


def condition_tensor_from_onehot(tensor, one_hot_labels, embedding_size=256):
    """`tensor` conditioned on the embedding of `one_hot_labels` ([batch, classes])."""
    one_hot_labels.shape.assert_has_rank(2)
    one_hot_labels.shape[1:].assert_is_fully_defined()
    return condition_tensor(tensor, _one_hot_to_embedding(one_hot_labels, embedding_size))
