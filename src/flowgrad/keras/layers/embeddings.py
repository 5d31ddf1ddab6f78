"""Keras Embedding (TF 1.14 keras/layers/embeddings.py): a [input_dim, output_dim]
weight looked up with embedding_lookup (a resource variable, so ResourceGather)."""
from ...engine.framework.tensor_shape import TensorShape
from ...ops import math_ops
from ... import nn
from .. import backend as K
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ._config import _merge_config

__all__ = ["Embedding"]


class Embedding(Layer):
    """Maps integer ids to dense vectors of size `output_dim`.

    Args:
      input_dim: the vocabulary size; output_dim: the vector size.
      embeddings_initializer: default 'uniform' (U(-0.05, 0.05)).
      embeddings_regularizer, activity_regularizer, embeddings_constraint: as Dense's.
      mask_zero: whether id 0 is padding (compute_mask returns ids != 0).
      input_length: the length of the input sequences, when constant.
    """

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, activity_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, input_length=None, **kwargs):
        if "input_shape" not in kwargs:
            kwargs["input_shape"] = (input_length,) if input_length else (None,)
        dtype = kwargs.pop("dtype", K.floatx())
        super().__init__(dtype=dtype, **kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = blu.get_initializer(embeddings_initializer)
        self.embeddings_regularizer = blu.get_regularizer(embeddings_regularizer)
        self.activity_regularizer = blu.get_regularizer(activity_regularizer)
        self.embeddings_constraint = blu.get_constraint(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.input_length = input_length

    def build(self, input_shape):
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          name="embeddings",
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint)
        self.built = True

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return math_ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(TensorShape(input_shape).as_list())
        if self.input_length is None:
            return TensorShape(input_shape + (self.output_dim,))
        in_lens = (list(self.input_length) if isinstance(self.input_length, (list, tuple))
                   else [self.input_length])
        if len(in_lens) != len(input_shape) - 1:
            raise ValueError("\"input_length\" is %s, but received input has shape %s"
                             % (str(self.input_length), str(input_shape)))
        for i, (s1, s2) in enumerate(zip(in_lens, input_shape[1:])):
            if s1 is not None and s2 is not None and s1 != s2:
                raise ValueError("\"input_length\" is %s, but received input has shape %s"
                                 % (str(self.input_length), str(input_shape)))
            if s1 is None:
                in_lens[i] = s2
        return TensorShape((input_shape[0],) + tuple(in_lens) + (self.output_dim,))

    def call(self, inputs):
        if K.dtype(inputs) not in ("int32", "int64"):
            inputs = math_ops.cast(inputs, "int32")
        return nn.embedding_lookup(self.embeddings, inputs)

    def get_config(self):
        return _merge_config(super().get_config(), {
            "input_dim": self.input_dim, "output_dim": self.output_dim,
            "embeddings_initializer": self.embeddings_initializer,
            "embeddings_regularizer": self.embeddings_regularizer,
            "activity_regularizer": self.activity_regularizer,
            "embeddings_constraint": self.embeddings_constraint,
            "mask_zero": self.mask_zero, "input_length": self.input_length})
