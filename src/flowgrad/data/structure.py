"""tf.data.experimental's Structure classes (TF 1.14): TensorStructure,
SparseTensorStructure, NestedStructure, DatasetStructure, OptionalStructure,
TensorArrayStructure and RaggedTensorStructure, with get_structure, to_variant and
from_variant. A dataset's element structure is held as nested `_Spec`s
(data/dataset_ops.py); these classes are TF's public view of it. TensorArrayStructure and
RaggedTensorStructure describe values (equality, compatibility, the legacy types, shapes
and classes, their flat variant form); datasets carry RaggedTensor elements (boxed, as
TF 1.14) but no TensorArray elements, so a dataset of a TensorArrayStructure raises
NotImplementedError (from_variant)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import Tensor
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.tensor_shape import as_shape
from ..engine.framework.tensor_shape import TensorShape
from ..ops.ragged_tensor import RaggedTensor
from ..ops.ragged_tensor_value import RaggedTensorValue
from ..ops.sparse_tensor import SparseTensor, SparseTensorValue
from ..ops.tensor_array_ops import TensorArray
from . import _nest
from . import dataset_ops, iterator_ops
from .dataset_ops import DatasetV1, _Spec, _sparse_shape
from .iterator_ops import Iterator

__all__ = ["Structure", "TensorStructure", "SparseTensorStructure", "NestedStructure",
           "DatasetStructure", "OptionalStructure", "TensorArrayStructure",
           "RaggedTensorStructure", "get_structure", "to_variant", "from_variant"]


def _spec_shape(s):
    """TensorSpec's view of a shape (what TF 1.14's TensorArray and Ragged structures
    compare): its dims as a tuple, unknown ones None, or None for an unknown rank."""
    return None if s.ndims is None else tuple(s.as_list())


def _same_shape(a, b):
    """TF 1.14's TensorShape equality: an unknown dimension equals no other, except
    that one shape object equals itself (Python's list equality tries `is` first)."""
    if a is b:
        return True
    if a.ndims is None or b.ndims is None:
        return a.ndims is None and b.ndims is None
    return a.as_list() == b.as_list() and None not in a.as_list()


class Structure:
    """Represents structural information, such as type and shape, about a value."""

    def __init__(self):
        if type(self) is Structure:
            raise TypeError("Can't instantiate abstract class Structure")

    def __eq__(self, other):
        raise NotImplementedError("Structure.__eq__()")

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        raise NotImplementedError("Structure.__hash__()")

    def is_compatible_with(self, other):
        """Whether `other` (a Structure) is compatible with this one."""
        raise NotImplementedError("Structure.is_compatible_with()")

    @staticmethod
    def from_value(value):
        """The Structure of `value` (a tensor, SparseTensor, dataset, Optional, or a nested
        structure of them; other values are converted to tensors)."""
        if isinstance(value, (SparseTensor, SparseTensorValue)):
            return SparseTensorStructure.from_value(value)
        if isinstance(value, TensorArray):
            return TensorArrayStructure.from_value(value)
        if isinstance(value, (RaggedTensor, RaggedTensorValue)):
            return RaggedTensorStructure.from_value(value)
        if isinstance(value, DatasetV1):
            return DatasetStructure(_to_structure(value._structure))
        if _is_optional(value):
            return OptionalStructure(value.value_structure)
        if _nest.is_nested(value):
            return NestedStructure.from_value(value)
        try:
            tensor = convert_to_tensor(value)
        except (ValueError, TypeError):
            raise TypeError("Could not build a structure for %r" % (value,)) from None
        return TensorStructure.from_value(tensor)

    def _to_legacy_output_types(self):
        raise NotImplementedError("Structure._to_legacy_output_types()")

    def _to_legacy_output_shapes(self):
        raise NotImplementedError("Structure._to_legacy_output_shapes()")

    def _to_legacy_output_classes(self):
        raise NotImplementedError("Structure._to_legacy_output_classes()")


def _is_optional(value):
    """A tf.data.experimental.Optional (data/_extras.py, which imports this module)."""
    return type(value).__name__ in ("Optional", "_OptionalImpl") and \
        hasattr(value, "has_value")


class _DtypeShapeStructure(Structure):
    """A dtype and a shape: equal when both are, compatible when both are (the shared part
    of TensorStructure and SparseTensorStructure; `other` must be of the same class)."""

    def __init__(self, dtype, shape):
        self._dtype = _dt.as_dtype(dtype)
        self._shape = as_shape(shape)

    def __eq__(self, other):
        return type(other) is type(self) and self._dtype == other._dtype and \
            _same_shape(self._shape, other._shape)

    def __hash__(self):
        return hash((self._dtype.name, self._shape.ndims))

    def is_compatible_with(self, other):
        return type(other) is type(self) and \
            self._dtype.is_compatible_with(other._dtype) and \
            self._shape.is_compatible_with(other._shape)


class TensorStructure(_DtypeShapeStructure):
    """Represents structural information about a `tf.Tensor`."""

    @staticmethod
    def from_value(value):
        return TensorStructure(value.dtype, value.shape)

    def _to_legacy_output_types(self):
        return self._dtype

    def _to_legacy_output_shapes(self):
        return self._shape

    def _to_legacy_output_classes(self):
        return Tensor


class SparseTensorStructure(_DtypeShapeStructure):
    """Represents structural information about a `tf.SparseTensor`."""

    def __init__(self, dtype, dense_shape):
        super().__init__(dtype, dense_shape)

    @staticmethod
    def from_value(value):
        sp = SparseTensor.from_value(value)
        return SparseTensorStructure(sp.dtype, _sparse_shape(sp))

    def _to_legacy_output_types(self):
        return self._dtype

    def _to_legacy_output_shapes(self):
        return self._shape

    def _to_legacy_output_classes(self):
        return SparseTensor


class NestedStructure(Structure):
    """Represents a nested structure in which each leaf is a `Structure`."""

    def __init__(self, nested_structure):
        self._nested_structure = nested_structure
        for s in _nest.flatten(nested_structure):
            if not isinstance(s, Structure):
                raise TypeError("nested_structure must be a (potentially nested) tuple or "
                                "dictionary of Structure objects.")

    def __eq__(self, other):
        if not isinstance(other, NestedStructure):
            return False
        try:
            _nest.assert_same_structure(self._nested_structure, other._nested_structure)
        except (ValueError, TypeError):
            return False
        return _nest.flatten(self._nested_structure) == \
            _nest.flatten(other._nested_structure)

    def __hash__(self):
        return hash(tuple(_nest.flatten(self._nested_structure)))

    def is_compatible_with(self, other):
        if not isinstance(other, NestedStructure):
            return False
        try:
            _nest.assert_same_structure(self._nested_structure, other._nested_structure)
        except (ValueError, TypeError):
            return False
        return all(a.is_compatible_with(b) for a, b in zip(
            _nest.flatten(self._nested_structure), _nest.flatten(other._nested_structure)))

    @staticmethod
    def from_value(value):
        return NestedStructure(_nest.pack(value, [Structure.from_value(v)
                                                  for v in _nest.flatten(value)]))

    def _to_legacy_output_types(self):
        return _nest.map_structure(lambda s: s._to_legacy_output_types(),
                                   self._nested_structure)

    def _to_legacy_output_shapes(self):
        return _nest.map_structure(lambda s: s._to_legacy_output_shapes(),
                                   self._nested_structure)

    def _to_legacy_output_classes(self):
        return _nest.map_structure(lambda s: s._to_legacy_output_classes(),
                                   self._nested_structure)


class DatasetStructure(Structure):
    """Represents a `Dataset` of structured values."""

    def __init__(self, element_structure):
        self._element_structure = element_structure

    def __eq__(self, other):
        return isinstance(other, DatasetStructure) and \
            self._element_structure == other._element_structure

    def __hash__(self):
        return hash(self._element_structure)

    def is_compatible_with(self, other):
        return isinstance(other, DatasetStructure) and \
            self._element_structure.is_compatible_with(other._element_structure)

    @staticmethod
    def from_value(value):
        return DatasetStructure(_to_structure(value._structure))

    def _to_legacy_output_types(self):
        return self

    def _to_legacy_output_shapes(self):
        return self

    def _to_legacy_output_classes(self):
        return self


class OptionalStructure(Structure):
    """Represents an optional potentially containing a structured value."""

    def __init__(self, value_structure):
        self._value_structure = value_structure

    def __eq__(self, other):
        return isinstance(other, OptionalStructure) and \
            self._value_structure == other._value_structure

    def __hash__(self):
        return hash(self._value_structure)

    def is_compatible_with(self, other):
        return isinstance(other, OptionalStructure) and \
            self._value_structure.is_compatible_with(other._value_structure)

    @staticmethod
    def from_value(value):
        return OptionalStructure(value.value_structure)

    def _to_legacy_output_types(self):
        return self

    def _to_legacy_output_shapes(self):
        return self

    def _to_legacy_output_classes(self):
        return self


class TensorArrayStructure(Structure):
    """Represents structural information about a `tf.TensorArray`."""

    def __init__(self, dtype, element_shape, dynamic_size, infer_shape):
        self._dtype = _dt.as_dtype(dtype)
        self._element_shape = as_shape(element_shape)
        self._dynamic_size = dynamic_size
        self._infer_shape = infer_shape

    def __eq__(self, other):
        return isinstance(other, TensorArrayStructure) and self._dtype == other._dtype and \
            _spec_shape(self._element_shape) == _spec_shape(other._element_shape) and \
            self._dynamic_size == other._dynamic_size and \
            self._infer_shape == other._infer_shape

    def __hash__(self):
        return hash((self._dtype.name, self._element_shape.ndims, self._dynamic_size,
                     self._infer_shape))

    @property
    def _flat_shapes(self):
        return [TensorShape([])]      # a TensorArray is one variant scalar

    @property
    def _flat_types(self):
        return [_dt.variant]

    def is_compatible_with(self, other):
        return isinstance(other, TensorArrayStructure) and \
            self._dtype.is_compatible_with(other._dtype) and \
            self._element_shape.is_compatible_with(other._element_shape) and \
            self._dynamic_size == other._dynamic_size

    @staticmethod
    def from_value(value):
        if not isinstance(value, TensorArray):
            raise TypeError(f"Expected value to be a TensorArray, but saw: {type(value)}")
        return TensorArrayStructure(value.dtype, value.element_shape, value._dynamic_size,
                                    value._infer_shape)

    def _to_legacy_output_types(self):
        return self._dtype

    def _to_legacy_output_shapes(self):
        # as TF: dynamic_size and infer_shape ride in front of the element shape
        return TensorShape([self._dynamic_size, self._infer_shape]) \
            .concatenate(self._element_shape)

    def _to_legacy_output_classes(self):
        return TensorArray

    def _batch(self, batch_size):
        raise NotImplementedError("TensorArrayStructure._batch")

    def _unbatch(self):
        raise NotImplementedError("TensorArrayStructure._unbatch")


class RaggedTensorStructure(Structure):
    """Represents structural information about a `tf.RaggedTensor`."""

    def __init__(self, dtype, shape, ragged_rank):
        self._dtype = _dt.as_dtype(dtype)
        self._shape = as_shape(shape)
        self._ragged_rank = ragged_rank

    def __eq__(self, other):
        return isinstance(other, RaggedTensorStructure) and self._dtype == other._dtype and \
            _spec_shape(self._shape) == _spec_shape(other._shape) and \
            self._ragged_rank == other._ragged_rank

    def __hash__(self):
        return hash((self._dtype.name, self._shape.ndims, self._ragged_rank))

    @property
    def _flat_shapes(self):
        return [TensorShape(None)]    # a boxed RaggedTensor, or a batch of them

    @property
    def _flat_types(self):
        return [_dt.variant]

    def is_compatible_with(self, other):
        return isinstance(other, RaggedTensorStructure) and \
            self._dtype.is_compatible_with(other._dtype) and \
            self._shape.is_compatible_with(other._shape) and \
            self._ragged_rank == other._ragged_rank

    @staticmethod
    def from_value(value):
        return RaggedTensorStructure(value.dtype, value.shape, value.ragged_rank)

    def _to_legacy_output_types(self):
        return self._dtype

    def _to_legacy_output_shapes(self):
        return self._shape

    def _to_legacy_output_classes(self):
        return self

    def _batch(self, batch_size):
        return RaggedTensorStructure(
            self._dtype, TensorShape([batch_size]).concatenate(self._shape),
            self._ragged_rank + 1)

    def _unbatch(self):
        return RaggedTensorStructure(self._dtype, self._shape[1:], self._ragged_rank - 1)


# dataset_ops and iterator_ops (imported by this module) name ragged components' class
dataset_ops._RAGGED_STRUCTURE[0] = RaggedTensorStructure
iterator_ops._RAGGED_STRUCTURE[0] = RaggedTensorStructure


def _to_structure(specs):
    """A dataset's nested `_Spec`s as TF's Structure (NestedStructure when nested)."""
    def leaf(s):
        if s.dataset is not None:
            return s.dataset_structure()
        if s.sparse:
            return SparseTensorStructure(s.dtype, s.shape)
        if s.ragged_rank is not None:
            return RaggedTensorStructure(s.dtype, s.shape, s.ragged_rank)
        return TensorStructure(s.dtype, s.shape)
    if _nest.is_nested(specs):
        return NestedStructure(_nest.map_structure(leaf, specs))
    return leaf(specs)


dataset_ops._TO_STRUCTURE[0] = _to_structure
dataset_ops._DATASET_STRUCTURE[0] = DatasetStructure


def _to_specs(structure):
    """TF's Structure as nested `_Spec`s."""
    if isinstance(structure, NestedStructure):
        return _nest.map_structure(_to_specs, structure._nested_structure)
    if isinstance(structure, TensorStructure):
        return _Spec(structure._dtype, structure._shape)
    if isinstance(structure, SparseTensorStructure):
        return _Spec(structure._dtype, structure._shape, sparse=True)
    if isinstance(structure, DatasetStructure):
        return _Spec(None, None, _to_specs(structure._element_structure))
    if isinstance(structure, RaggedTensorStructure):
        return _Spec(structure._dtype, structure._shape, ragged_rank=structure._ragged_rank)
    raise NotImplementedError(f"flowgrad's tf.data has no elements of structure "
                              f"{type(structure).__name__} (argument structure)")


def get_structure(dataset_or_iterator):
    """The element structure of a dataset or iterator (a tf.data.experimental.Structure)."""
    if isinstance(dataset_or_iterator, DatasetV1):
        return _to_structure(dataset_or_iterator._structure)
    if isinstance(dataset_or_iterator, Iterator):
        return _to_structure(dataset_or_iterator._structure)
    raise TypeError(f"`dataset_or_iterator` must be a Dataset or Iterator object, but got "
                    f"{type(dataset_or_iterator)}.")


def to_variant(dataset):
    """The variant tensor that represents `dataset`."""
    return dataset._variant_tensor


def from_variant(variant, structure):
    """The dataset a variant tensor represents, given its element structure."""
    if not isinstance(structure, Structure):
        raise TypeError(f"`structure` must be a tf.data.experimental.Structure, got "
                        f"{structure!r}")
    return DatasetV1(variant, _to_specs(structure))

