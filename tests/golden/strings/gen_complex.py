"""TF 1.14's complex-number functions (tf.complex, real, imag, angle, abs of complex) and
tf.dtypes' aliases and quantized dtypes: op names and types, values, gradients, errors.
Read by tests/test_strings_c3.py."""
from __future__ import absolute_import

import numpy as np

from c3kit import Py, run_all

Z = np.array([[1 + 2j, -3 - 1j, 0.5 - 0.25j], [-2 + 0.5j, 3j, 1.5 + 0j]])
G = np.array([[0.5 + 0.3j, -1 + 2j, 0.25 - 0.5j], [1 - 1j, 0.75 + 0.1j, -0.3 + 0.2j]])


def _grad(fn, x, g):
    def build(tf):
        xt = tf.constant(x)
        y = fn(tf, xt)
        gy = tf.constant(np.asarray(g, dtype=y.dtype.as_numpy_dtype)
                         if y.dtype.is_complex else np.real(g).astype(y.dtype.as_numpy_dtype))
        d = tf.gradients(y, xt, grad_ys=gy)[0]
        return [y, d] if d is not None else [y]
    return build


def _dtype_facts(tf, d):
    facts = [str(d), repr(d), d.name, d.as_datatype_enum, d.is_quantized, d.is_integer,
             d.is_floating, d.is_unsigned, d.is_numpy_compatible, d.size, str(d.base_dtype),
             str(d.real_dtype), str(d._as_ref), str(np.dtype(d.as_numpy_dtype))]
    for attr in ("min", "max"):
        try:
            facts.append(getattr(d, attr))
        except TypeError as e:
            facts.append("TypeError: %s" % e)
    return facts


CASES = {
    "complex/f32": lambda tf: tf.complex([1.0, 2.0], [3.0, 4.0]),
    "complex/f64-broadcast": lambda tf: tf.complex(tf.constant([[1.0], [2.0]], tf.float64),
                                                   tf.constant([3.0, 4.0, 5.0], tf.float64)),
    "complex/named": lambda tf: tf.complex(tf.constant(1.0), tf.constant(2.0), name="z"),
    "complex/mixed": lambda tf: tf.complex(tf.constant([1.0]), tf.constant([3.0], tf.float64)),
    "complex/ints": lambda tf: tf.complex(1, 2),
    "complex/dtypes.complex": lambda tf: tf.dtypes.complex(tf.constant(1.5), tf.constant(-2.0)),
    "real/c128": lambda tf: tf.real(tf.constant(Z)),
    "real/c64": lambda tf: tf.math.real(tf.constant(Z.astype(np.complex64))),
    "real/float": lambda tf: tf.real(tf.constant([1.0, -2.0])),
    "real/int": lambda tf: tf.real([1, 2]),
    "real/string": lambda tf: tf.real(tf.constant(["a"])),
    "imag/c128": lambda tf: tf.imag(tf.constant(Z)),
    "imag/c64": lambda tf: tf.math.imag(tf.constant(Z.astype(np.complex64)), name="im"),
    "imag/float": lambda tf: tf.imag(tf.constant([1.0, -2.0])),
    "imag/placeholder": lambda tf: tf.imag(tf.placeholder_with_default([1.0, 2.0], [None])),
    "angle/c128": lambda tf: tf.angle(tf.constant(Z)),
    "angle/c64": lambda tf: tf.math.angle(tf.constant(Z.astype(np.complex64))),
    "angle/negative-real": lambda tf: tf.angle(tf.constant([-1.0, 2.0])),
    "abs/c128": lambda tf: tf.abs(tf.constant(Z)),
    "abs/c64-method": lambda tf: abs(tf.constant(Z.astype(np.complex64))),
    "abs/c64-list": lambda tf: tf.abs([1 + 1j, -3j], name="a"),
    "abs/float": lambda tf: tf.abs(tf.constant([-1.5, 2.0])),
    "grad/real": _grad(lambda tf, x: tf.real(x), Z, G),
    "grad/imag": _grad(lambda tf, x: tf.imag(x), Z, G),
    "grad/angle": _grad(lambda tf, x: tf.angle(x), Z, G),
    "grad/abs": _grad(lambda tf, x: tf.abs(x), Z, G),
    "grad/abs-zero": _grad(lambda tf, x: tf.abs(x), np.array([0j, 3 + 4j]), G[0, :2]),
    "grad/angle-c64": _grad(lambda tf, x: tf.angle(x), Z.astype(np.complex64), G),
    "grad/complex": _grad(lambda tf, x: tf.complex(x, 2.0 * x), np.array([1.0, 3.0]),
                          np.array([0.5 + 0.3j, -1 + 2j])),
    "grad/complex-broadcast": lambda tf: (lambda a, b: tf.gradients(
        tf.complex(a, b), [a, b], grad_ys=tf.constant(G))[0:2])(
            tf.constant([[1.0], [2.0]], tf.float64), tf.constant([3.0, 4.0, 5.0], tf.float64)),
    "grad/real-of-real": _grad(lambda tf, x: tf.real(x) * 2.0, np.array([1.0, 3.0]),
                               np.array([1.0, 1.0])),
    "grad/angle-of-real": _grad(lambda tf, x: tf.angle(x), np.array([1.0, -3.0]),
                                np.array([1.0, 1.0])),
    "grad/second-order-abs": lambda tf: (lambda x: (lambda d: tf.gradients(
        tf.real(d * tf.constant(G[0, :2])), x)[0])(tf.gradients(
            tf.abs(x) * tf.constant([1.5, -0.5], tf.float64), x)[0]))(
                tf.constant([1 + 2j, -3 + 0.5j])),
    "dtypes/quantized": lambda tf: Py(sorted(str(d) for d in tf.dtypes.QUANTIZED_DTYPES)),
    "dtypes/top-level": lambda tf: Py([str(tf.qint8), str(tf.quint8), str(tf.qint16),
                                       str(tf.quint16), str(tf.qint32),
                                       tf.QUANTIZED_DTYPES == tf.dtypes.QUANTIZED_DTYPES]),
    "dtypes/facts": lambda tf: Py([_dtype_facts(tf, d) for d in (
        tf.dtypes.qint8, tf.dtypes.quint8, tf.dtypes.qint16, tf.dtypes.quint16,
        tf.dtypes.qint32, tf.qint8._as_ref, tf.float32, tf.dtypes.bool)]),
    "dtypes/as_dtype": lambda tf: Py([str(tf.as_dtype(v)) for v in (
        "qint8", "quint16_ref", 11, 12, 13, 15, 16, 111, np.dtype([("qint8", np.int8)]),
        np.dtype([("quint16", np.uint16)]))]),
    "dtypes/equality": lambda tf: Py([tf.qint8 == "qint8", tf.qint8 == tf.int8,
                                      tf.qint8.is_compatible_with(tf.qint8),
                                      tf.qint8._as_ref.is_compatible_with(tf.qint8),
                                      tf.quint8 != tf.uint8]),
    "dtypes/constant-list": lambda tf: tf.constant([1, 2], dtype=tf.qint8),
    "dtypes/placeholder": lambda tf: Py(str(tf.placeholder(tf.quint8, [2]))),
    "dtypes/cast": lambda tf: tf.dtypes.cast([1.7, -2.5], tf.dtypes.int32),
    "dtypes/saturate_cast": lambda tf: tf.dtypes.saturate_cast([300.0, -5.0], tf.dtypes.uint8),
    "dtypes/bool": lambda tf: tf.dtypes.cast([0, 2], tf.dtypes.bool),
}


VALUES_ONLY = ("grad/second-order-abs",)


def cases(tf):
    return run_all(tf, CASES, VALUES_ONLY)
