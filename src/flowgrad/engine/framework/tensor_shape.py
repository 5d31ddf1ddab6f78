"""`TensorShape` and `Dimension`: static shapes whose rank or sizes may be unknown."""
from __future__ import annotations


class Dimension:
    """One dimension of a TensorShape; `value` is an int or None (unknown)."""

    __slots__ = ("_value",)

    def __init__(self, value):
        if value is None:
            self._value = None
        elif isinstance(value, Dimension):
            self._value = value._value
        elif hasattr(value, "as_numpy_dtype"):
            raise TypeError(f"Cannot convert {value} to Dimension")
        else:
            iv = int(value)
            if not isinstance(value, (str, bytes)) and iv != value:
                raise ValueError(f"Ambiguous dimension: {value}")
            if iv < 0:
                raise ValueError(f"Dimension {iv} must be >= 0")
            self._value = iv

    @property
    def value(self) -> int | None:
        return self._value

    def __repr__(self):
        return f"Dimension({self._value!r})"

    def __str__(self):
        return "?" if self._value is None else str(self._value)

    def __int__(self):
        return self._value  # None raises TypeError "__int__ returned non-int", as in TF

    __index__ = __int__

    def __eq__(self, other):
        other = _as_dim(other)
        if other is NotImplemented:
            return NotImplemented
        if self._value is None or other._value is None:
            return None
        return self._value == other._value

    def __ne__(self, other):
        eq = self.__eq__(other)
        return None if eq is None else (not eq if eq is not NotImplemented else NotImplemented)

    def __hash__(self):
        return hash(self._value)

    def is_compatible_with(self, other) -> bool:
        other = Dimension(other)
        return self._value is None or other._value is None or self._value == other._value

    def assert_is_compatible_with(self, other) -> None:
        if not self.is_compatible_with(other):
            raise ValueError(f"Dimensions {self} and {other} are not compatible")

    def merge_with(self, other) -> Dimension:
        other = Dimension(other)
        self.assert_is_compatible_with(other)
        return Dimension(self._value if self._value is not None else other._value)

    def _arith(self, other, fn):
        other = _as_dim(other)
        if other is NotImplemented:
            return NotImplemented
        if self._value is None or other._value is None:
            return Dimension(None)
        return Dimension(fn(self._value, other._value))

    def __add__(self, o):
        return self._arith(o, lambda a, b: a + b)

    __radd__ = __add__

    def __sub__(self, o):
        return self._arith(o, lambda a, b: a - b)

    def __mul__(self, o):
        return self._arith(o, lambda a, b: a * b)

    __rmul__ = __mul__

    def __floordiv__(self, o):
        return self._arith(o, lambda a, b: a // b)

    def __mod__(self, o):
        return self._arith(o, lambda a, b: a % b)

    def __lt__(self, o):
        o = _as_dim(o)
        return None if self._value is None or o._value is None else self._value < o._value

    def __le__(self, o):
        o = _as_dim(o)
        return None if self._value is None or o._value is None else self._value <= o._value

    def __gt__(self, o):
        o = _as_dim(o)
        return None if self._value is None or o._value is None else self._value > o._value

    def __ge__(self, o):
        o = _as_dim(o)
        return None if self._value is None or o._value is None else self._value >= o._value


def _as_dim(v):
    try:
        return v if isinstance(v, Dimension) else Dimension(v)
    except (TypeError, ValueError):
        return NotImplemented


def dimension_value(dimension) -> int | None:
    return dimension.value if isinstance(dimension, Dimension) else dimension


class TensorShape:
    """A static shape: `dims` is None (unknown rank) or a tuple of int-or-None."""

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if isinstance(dims, TensorShape):
            self._dims = dims._dims
        elif dims is None:
            self._dims = None
        else:
            try:
                it = iter(dims)
            except TypeError:
                if type(dims).__name__ == "TensorShapeProto":   # TF's proto: -1 unknown
                    self._dims = None if dims.unknown_rank else tuple(
                        None if d.size == -1 else int(d.size) for d in dims.dim)
                    return
                it = iter([dims])  # a single int is a 1-D shape
            self._dims = tuple(d if d is None or type(d) is int and d >= 0 else Dimension(d)._value
                               for d in it)

    # -- views ------------------------------------------------------------------------
    @property
    def dims(self) -> list[Dimension] | None:
        return None if self._dims is None else [Dimension(d) for d in self._dims]

    @property
    def ndims(self) -> int | None:
        return None if self._dims is None else len(self._dims)

    rank = ndims

    def as_list(self) -> list[int | None]:
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def as_proto(self):
        """TF's TensorShapeProto of the shape (-1 for an unknown size; unknown_rank)."""
        from tensorboard.compat.proto.tensor_shape_pb2 import (  # lazy: protobuf on use
            TensorShapeProto,
        )
        if self._dims is None:
            return TensorShapeProto(unknown_rank=True)
        return TensorShapeProto(dim=[TensorShapeProto.Dim(size=-1 if d is None else d)
                                     for d in self._dims])

    def as_tuple(self) -> tuple[int | None, ...] | None:
        """The dims as a tuple of int-or-None (None if the rank is unknown)."""
        return self._dims

    def num_elements(self) -> int | None:
        if not self.is_fully_defined():
            return None
        n = 1
        for d in self._dims:
            n *= d
        return n

    def is_fully_defined(self) -> bool:
        return self._dims is not None and all(d is not None for d in self._dims)

    def assert_is_fully_defined(self) -> None:
        if not self.is_fully_defined():
            raise ValueError(f"Shape {self} is not fully defined")

    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __bool__(self):
        return self._dims is not None

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(Dimension(d) for d in self._dims)

    def __getitem__(self, key):
        if self._dims is None:
            if isinstance(key, slice):
                return unknown_shape()
            return Dimension(None)
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        try:
            return Dimension(self._dims[key])
        except IndexError:
            # (TF keeps its dims in a list: a scalar's shape[0] in tf.foldl / tf.scan)
            raise IndexError("list index out of range") from None
        except TypeError:
            raise TypeError("list indices must be integers or slices, not "
                            f"{type(key).__name__}") from None

    # -- compatibility ------------------------------------------------------------------
    def is_compatible_with(self, other) -> bool:
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def assert_is_compatible_with(self, other) -> None:
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are incompatible")   # as given

    def merge_with(self, other) -> TensorShape:
        other = as_shape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return TensorShape([a if a is not None else b for a, b in zip(self._dims, other._dims)])

    def assert_has_rank(self, rank: int) -> None:
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")

    def with_rank(self, rank: int) -> TensorShape:
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")
        return self.merge_with(unknown_shape(rank))

    def with_rank_at_most(self, rank: int) -> TensorShape:
        if self._dims is not None and len(self._dims) > rank:
            raise ValueError(f"Shape {self} must have rank at most {rank}")
        return self

    def with_rank_at_least(self, rank: int) -> TensorShape:
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def concatenate(self, other) -> TensorShape:
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return unknown_shape()
        return TensorShape(self._dims + other._dims)

    def assert_same_rank(self, other) -> None:
        other = as_shape(other)
        if self._dims is not None and other._dims is not None and \
                len(self._dims) != len(other._dims):
            raise ValueError(f"Shapes {self} and {other} must have the same rank")

    def most_specific_compatible_shape(self, other) -> TensorShape:
        other = as_shape(other)
        if self._dims is None or other._dims is None or len(self._dims) != len(other._dims):
            return unknown_shape()
        return TensorShape([a if a == b else None for a, b in zip(self._dims, other._dims)])

    # -- dunder ---------------------------------------------------------------------------
    def __eq__(self, other):
        """TF's rule: equal ranks and every dim known-equal (unknown dims are not equal)."""
        try:
            other = as_shape(other)
        except TypeError:
            return NotImplemented
        if other is self:
            return True
        if self._dims is None or other._dims is None:
            return self._dims is None and other._dims is None
        return len(self._dims) == len(other._dims) and all(
            a is not None and a == b for a, b in zip(self._dims, other._dims))

    def __ne__(self, other):
        try:
            other = as_shape(other)
        except TypeError:
            return NotImplemented
        if self._dims is None or other._dims is None:
            raise ValueError("The inequality of unknown TensorShapes is undefined.")
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._dims)

    def __repr__(self):
        if self._dims is None:
            return "TensorShape(None)"
        return f"TensorShape({[Dimension(d) for d in self._dims]!r})"

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return "(%s,)" % ("?" if self._dims[0] is None else self._dims[0])
        return "(%s)" % ", ".join("?" if d is None else str(d) for d in self._dims)



def debug_string(shape: TensorShape, unknown: str = "<unknown>") -> str:
    """TF's PartialTensorShape::DebugString, as its kernels' messages write a shape:
    `[?,2]`, `[]`, `<unknown>` (shape inference's InferenceContext::DebugString writes an
    unknown rank `?`: unknown="?")."""
    if shape.dims is None:
        return unknown
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def as_shape(shape) -> TensorShape:
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


def unknown_shape(rank: int | None = None, ndims: int | None = None) -> TensorShape:
    rank = rank if rank is not None else ndims
    return TensorShape(None if rank is None else [None] * rank)


def scalar() -> TensorShape:
    return TensorShape(())
