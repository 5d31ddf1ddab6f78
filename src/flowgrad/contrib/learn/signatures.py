"""contrib.learn's tensor signatures (TF 1.14's estimators/tensor_signature.py): the
dtype and shape of the features and labels seen first, checked on later calls, and the
placeholders standing in for the labels at prediction."""
from __future__ import annotations

import collections

from ...engine.framework.tensor_shape import TensorShape
from ...ops.sparse_tensor import SparseTensor


class TensorSignature(collections.namedtuple("TensorSignature",
                                             ["dtype", "shape", "is_sparse"])):
    """A tensor's dtype and shape (None for a SparseTensor)."""

    def __new__(cls, tensor):
        if isinstance(tensor, SparseTensor):
            return super().__new__(cls, dtype=tensor.values.dtype, shape=None, is_sparse=True)
        return super().__new__(cls, dtype=tensor.dtype, shape=tensor.get_shape(),
                               is_sparse=False)

    def is_compatible_with(self, other):
        if other.is_sparse:
            return self.is_sparse and self.dtype.is_compatible_with(other.dtype)
        return (self.dtype.is_compatible_with(other.dtype) and not self.is_sparse
                and _compatible_but_batch(self.shape, TensorShape(other.shape)))

    def get_placeholder(self):
        from ...ops.array_ops import placeholder  # lazy: graph ops
        from ...ops.sparse_ops import sparse_placeholder  # lazy: graph ops
        if self.is_sparse:
            return sparse_placeholder(dtype=self.dtype)
        return placeholder(dtype=self.dtype, shape=[None] + list(self.shape[1:]))


def _compatible_but_batch(this, other):
    if this.dims is None or other.dims is None:
        return True
    if this.ndims != other.ndims:
        return False
    return all(x.is_compatible_with(y) for x, y in zip(this.dims[1:], other.dims[1:]))


def tensors_compatible(tensors, signatures):
    """Whether `tensors` (a tensor or dict) fit `signatures`."""
    if tensors is None:
        return signatures is None
    if isinstance(tensors, dict):
        if not isinstance(signatures, dict):
            return False
        return all(k in tensors and TensorSignature(tensors[k]).is_compatible_with(s)
                   for k, s in signatures.items())
    if signatures is None or isinstance(signatures, dict):
        return False
    return TensorSignature(tensors).is_compatible_with(signatures)


def create_signatures(tensors):
    """The signature(s) of a tensor or dict of tensors (None for None)."""
    if isinstance(tensors, dict):
        return {k: TensorSignature(v) for k, v in tensors.items()}
    return None if tensors is None else TensorSignature(tensors)


def placeholders_from_signatures(signatures):
    """A placeholder per signature (batch dimension None); None for None."""
    if signatures is None:
        return None
    if not isinstance(signatures, dict):
        return signatures.get_placeholder()
    return {k: s.get_placeholder() for k, s in signatures.items()}


def check_inputs(features, labels, features_info, labels_info):
    """(features_info, labels_info): the recorded signatures, or those of these inputs
    the first time; ValueError (TF's message) when the inputs do not fit them."""
    if features_info is not None:
        if not tensors_compatible(features, features_info):
            raise ValueError("Features are incompatible with given information. Given "
                             "features: %s, required signatures: %s." % (str(features),
                                                                        str(features_info)))
    else:
        features_info = create_signatures(features)
    if labels is not None:
        if labels_info is not None:
            if not tensors_compatible(labels, labels_info):
                raise ValueError("Labels are incompatible with given information. Given "
                                 "labels: %s, required signatures: %s." % (str(labels),
                                                                          str(labels_info)))
        else:
            labels_info = create_signatures(labels)
    return features_info, labels_info
