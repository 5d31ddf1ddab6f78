"""tf.dtypes (TF 1.14): the DType objects, as_dtype, QUANTIZED_DTYPES, and the casts TF
lists here (cast, saturate_cast, complex, as_string)."""
# ruff: noqa: F401
from .engine.framework.dtypes import (QUANTIZED_DTYPES, DType, as_dtype, bfloat16, complex64,
                                      complex128, double, float16, float32, float64, half,
                                      int8, int16, int32, int64, qint8, qint16, qint32, quint8,
                                      quint16, resource, string, uint8, uint16, uint32, uint64,
                                      variant)
from .engine.framework.dtypes import bool_ as bool  # noqa: A004 - TF's name
from .ops.math_ops import cast, complex  # noqa: A004
from .ops.math_extras import saturate_cast
from .ops.string_ops import as_string
