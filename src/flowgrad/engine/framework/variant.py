"""Variant values that cross a checkpoint: TF's VariantTensorData.

A DT_VARIANT tensor element that TF writes to a checkpoint is a
VariantTensorDataProto (type_name, metadata bytes, tensors). `VariantTensorData`
holds one: iterator states (engine/ops/dataset_state.py) are made of it, and
train/tensor_bundle.py writes and reads it in TF's bundle framing.
"""
from __future__ import annotations

import numpy as np

from . import dtypes as _dt
from . import errors
from .proto import _VAL_FIELDS, pb, tensor_from_proto, tensor_proto

__all__ = ["VariantTensorData"]


_PLAIN_FIELDS = frozenset(("float_val", "double_val", "int_val", "int64_val", "bool_val",
                           "uint32_val", "uint64_val"))


def _field_proto(arr):
    """A TensorProto with the values in the dtype's repeated field, as TF's AsProtoField
    (what VariantTensorData::ToProto writes)."""
    t = tensor_proto(arr, canonical=True)
    if t.tensor_content:
        field = _VAL_FIELDS.get(_dt.as_dtype(t.dtype).name)
        if field in _PLAIN_FIELDS:
            t.ClearField("tensor_content")
            getattr(t, field).extend(np.asarray(arr).reshape(-1).tolist())
    return t


class VariantTensorData:
    """(type_name, metadata, tensors): one element of a variant tensor, serializable."""

    __slots__ = ("type_name", "metadata", "tensors")

    def __init__(self, type_name, metadata=b"", tensors=()):
        self.type_name = str(type_name)
        self.metadata = bytes(metadata)
        self.tensors = [np.asarray(t) for t in tensors]

    def encode(self):
        """The serialized VariantTensorDataProto."""
        p = pb().tensor_pb2.VariantTensorDataProto(type_name=self.type_name,
                                                   metadata=self.metadata)
        for t in self.tensors:
            p.tensors.add().CopyFrom(_field_proto(t))
        return p.SerializeToString()

    @classmethod
    def decode(cls, data, where="variant"):
        """Parses a serialized VariantTensorDataProto (DataLossError if it is not one)."""
        p = pb().tensor_pb2.VariantTensorDataProto()
        try:
            p.ParseFromString(bytes(data))
            tensors = [tensor_from_proto(t) for t in p.tensors]
        except Exception as e:  # noqa: BLE001 - any parse failure is damaged data
            raise errors.DataLossError(None, None, f"Could not parse a variant tensor "
                                       f"element in {where}: {e}") from None
        return cls(p.type_name, p.metadata, tensors)

    def __repr__(self):
        return f"<VariantTensorData {self.type_name!r}: {len(self.tensors)} tensors>"
