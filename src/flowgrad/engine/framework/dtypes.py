"""TF 1.x data types (`tf.float32`, ...), mapped one-to-one onto NumPy dtypes."""
from __future__ import annotations

import numpy as np


class DType:
    """A TensorFlow dtype: a name, a NumPy dtype and whether it is a reference.

    Reference dtypes (`float32_ref`) are what a TF 1.x variable op outputs;
    everything else uses the base dtype.
    """

    __slots__ = ("_base", "_diff", "_is_ref", "_np", "name")

    def __init__(self, name: str, np_dtype, is_ref: bool = False, base: DType | None = None):
        self.name = name + ("_ref" if is_ref else "")
        self._np = np_dtype
        self._is_ref = is_ref
        self._base = base if base is not None else self
        self._diff = False  # set below for float/complex/resource: tf.gradients walks these

    # -- properties TF 1.x code uses ------------------------------------------------
    @property
    def as_numpy_dtype(self) -> type:
        return self._np

    @property
    def base_dtype(self) -> DType:
        return self._base

    @property
    def real_dtype(self) -> DType:
        b = self._base
        if b is complex64:
            return float32
        if b is complex128:
            return float64
        return self  # TF: a real dtype is its own real dtype (a ref dtype stays a ref)

    @property
    def is_ref_dtype(self) -> bool:
        return self._is_ref

    @property
    def _is_ref_dtype(self) -> bool:  # TF's private spelling, used by TF 1.x code
        return self._is_ref

    @property
    def _as_ref(self) -> DType:
        return self if self._is_ref else _REF[self]

    @property
    def as_datatype_enum(self) -> int:
        return _ENUM[self._base] + (100 if self._is_ref else 0)

    @property
    def is_floating(self) -> bool:
        return self._base in (float16, float32, float64, bfloat16)

    @property
    def is_complex(self) -> bool:
        return self._base in (complex64, complex128)

    @property
    def is_integer(self) -> bool:
        return self._base in (int8, int16, int32, int64, uint8, uint16, uint32, uint64)

    @property
    def is_unsigned(self) -> bool:
        return self._base in (uint8, uint16, uint32, uint64)

    @property
    def is_quantized(self) -> bool:
        return self._base in QUANTIZED_DTYPES

    @property
    def is_bool(self) -> bool:
        return self._base is bool_

    @property
    def is_numpy_compatible(self) -> bool:
        return self._base is not resource

    @property
    def is_differentiable(self) -> bool:
        """True for the dtypes TF walks in tf.gradients (float, complex, resource)."""
        return _DIFFERENTIABLE.get(self._base, False)

    @property
    def size(self) -> int:
        # bfloat16 is 2 bytes in TF (its values are kept here in float32 storage)
        return 2 if self._base is bfloat16 else np.dtype(self._np).itemsize

    @property
    def max(self) -> int | float | np.generic:
        """The largest value of the type (a NumPy scalar for floats, as in TF)."""
        b = self._base
        if b is bfloat16:   # TF: a bfloat16 scalar; here its float32 storage
            return np.float32(_BF16_MAX)
        if b.is_floating:
            return np.finfo(b._np).max
        if b.is_integer:
            return int(np.iinfo(b._np).max)
        raise TypeError(f"Cannot find maximum value of {self}.")

    @property
    def min(self) -> int | float | np.generic:
        """The smallest value of the type (a NumPy scalar for floats, as in TF)."""
        b = self._base
        if b is bfloat16:
            return np.float32(-_BF16_MAX)
        if b.is_floating:
            return np.finfo(b._np).min
        if b.is_integer:
            return int(np.iinfo(b._np).min)
        raise TypeError(f"Cannot find minimum value of {self}.")

    def is_compatible_with(self, other) -> bool:
        """TF's rule: same base type, and a ref dtype only accepts a ref dtype."""
        other = as_dtype(other)
        return self._base is other._base and (not self._is_ref or other._is_ref)

    def __repr__(self) -> str:
        return f"tf.{self.name}"

    def __str__(self) -> str:
        return f"<dtype: '{self.name}'>"

    def __eq__(self, other) -> bool:
        if other is None:
            return False
        if isinstance(other, DType):
            return self is other
        try:
            return self is as_dtype(other)
        except TypeError:
            return False

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self):
        return as_dtype, (self.name,)


_BF16_MAX = float.fromhex("0x1.FEp127")   # bfloat16's largest finite value, 3.3895314e38


def round_bfloat16(f):
    """float32 values -> the nearest bfloat16 values (ties to even; NaN stays NaN), kept in
    float32 storage as flowgrad stores bfloat16: TF's bfloat16(float), NaN as 0x7FC0."""
    f = np.asarray(f, np.float32)
    bits = f.view(np.uint32)
    bits = (bits + np.uint32(0x7FFF) + ((bits >> np.uint32(16)) & np.uint32(1))) \
        & np.uint32(0xFFFF0000)
    out = np.asarray(bits).view(np.float32)   # (a 0-d f gives a NumPy scalar above)
    nan = np.isnan(f)
    return np.where(nan, np.float32(np.nan), out) if nan.any() else out


float16 = DType("float16", np.float16)
half = float16
float32 = DType("float32", np.float32)
float64 = DType("float64", np.float64)
double = float64
bfloat16 = DType("bfloat16", np.float32)  # stored as float32: NumPy has no bfloat16
int8 = DType("int8", np.int8)
int16 = DType("int16", np.int16)
int32 = DType("int32", np.int32)
int64 = DType("int64", np.int64)
uint8 = DType("uint8", np.uint8)
uint16 = DType("uint16", np.uint16)
uint32 = DType("uint32", np.uint32)
uint64 = DType("uint64", np.uint64)
bool_ = DType("bool", np.bool_)
string = DType("string", object)
complex64 = DType("complex64", np.complex64)
complex128 = DType("complex128", np.complex128)
resource = DType("resource", object)
variant = DType("variant", object)
# TF's quantized types: dtypes only (as_dtype, enums, properties), as NumPy structured
# dtypes of one named field, as TF writes them; no flowgrad op computes with them.
qint8 = DType("qint8", np.dtype([("qint8", np.int8)]))
quint8 = DType("quint8", np.dtype([("quint8", np.uint8)]))
qint16 = DType("qint16", np.dtype([("qint16", np.int16)]))
quint16 = DType("quint16", np.dtype([("quint16", np.uint16)]))
qint32 = DType("qint32", np.dtype([("qint32", np.int32)]))
_QUANT = [qint8, quint8, qint16, quint16, qint32]

_ALL = [float16, float32, float64, bfloat16, int8, int16, int32, int64, uint8, uint16,
        uint32, uint64, bool_, string, complex64, complex128, resource, variant] + _QUANT
_ENUM = {float32: 1, float64: 2, int32: 3, uint8: 4, int16: 5, int8: 6, string: 7,
         complex64: 8, int64: 9, bool_: 10, qint8: 11, quint8: 12, qint32: 13, bfloat16: 14,
         qint16: 15, quint16: 16, uint16: 17, complex128: 18, float16: 19, resource: 20,
         variant: 21, uint32: 22, uint64: 23}
_REF = {d: DType(d.name, d._np, True, d) for d in _ALL}
QUANTIZED_DTYPES = frozenset(_QUANT + [_REF[d] for d in _QUANT])
_DIFFERENTIABLE = {d: d in (float16, float32, float64, bfloat16, complex64, complex128, resource,
                            variant)
                   for d in _ALL}
for _d in list(_ALL) + list(_REF.values()):
    _d._diff = _DIFFERENTIABLE[_d._base]
_BY_NAME = {d.name: d for d in _ALL}
_BY_NAME.update({r.name: r for r in _REF.values()})
# TF's aliases (dtypes._STRING_TO_TF): "float" is float32, "half" float16, "double" float64,
# each with its _ref name.
_BY_NAME.update({"half": float16, "double": float64, "float": float32,
                 "half_ref": _REF[float16], "double_ref": _REF[float64],
                 "float_ref": _REF[float32]})
_BY_ENUM = {v: k for k, v in _ENUM.items()}
_BY_ENUM.update({v + 100: _REF[k] for k, v in _ENUM.items()})
_BY_NP = {np.dtype(d._np): d for d in [float16, float32, float64, int8, int16, int32, int64,
                                       uint8, uint16, uint32, uint64, bool_, complex64, complex128]
         + _QUANT}
# TF 1.14 accepts these two Python types in as_dtype (not int, complex, str or bytes).
_PY = {float: float32, bool: bool_}


def as_dtype(type_value) -> DType:
    """Converts a DType, NumPy dtype, name, Python type or enum to a DType."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        try:
            return _BY_NAME[type_value]
        except KeyError:
            raise TypeError(f"Cannot convert value {type_value!r} to a TensorFlow DType.") from None
    hash(type_value)  # TypeError "unhashable type" as in TF
    if isinstance(type_value, int) and not isinstance(type_value, bool) and type_value in _BY_ENUM:
        return _BY_ENUM[type_value]
    if type_value in _PY:
        return _PY[type_value]
    if isinstance(type_value, np.dtype) or (isinstance(type_value, type)
                                            and issubclass(type_value, np.generic)):
        npd = np.dtype(type_value)
        if npd in _BY_NP:
            return _BY_NP[npd]
        if npd.kind in "SUO":
            return string
    raise TypeError(f"Cannot convert value {type_value!r} to a TensorFlow DType.")


def from_numpy(npd) -> DType:
    return as_dtype(npd)
