"""Fuzz ops for non-differentiable op types: predicates, bit ops, integer and string ops,
seeded random ops. Python 3.7-compatible (the oracle imports it through programs.py).

Each entry of NONDIFF maps a float operand x to a tensor; `apply_nondiff` reduces it to a
scalar of x's dtype (strings through their lengths or hashes) times (mean(x) + 1), so the
program keeps a gradient path through x.
"""
from __future__ import absolute_import

import numpy as np


def _i32(tf, x, k=4.0):
    return tf.cast(tf.round(x * k), tf.int32)


def _flat(tf, x):
    return tf.reshape(x, [-1])


def _str(tf, x):
    return tf.as_string(_flat(tf, x), precision=2)


def _slen(tf, s):
    return tf.strings.length(s)


NONDIFF = {
    "is_nan": lambda tf, x: tf.is_nan(tf.log(x)),
    "is_inf": lambda tf, x: tf.is_inf(tf.math.reciprocal(tf.round(x))),
    "logical": lambda tf, x: tf.logical_or(tf.logical_and(x > 0.0, x < 1.0),
                                           tf.logical_not(x > -0.5)),
    "all_any": lambda tf, x: tf.stack([tf.reduce_all(x > -1.5), tf.reduce_any(x > 1.0)]),
    "argmin": lambda tf, x: tf.argmin(_flat(tf, x), 0),
    "bitwise": lambda tf, x: tf.bitwise.bitwise_xor(
        tf.bitwise.bitwise_and(_i32(tf, x), 7), tf.bitwise.bitwise_or(_i32(tf, x, 3.0), 2)),
    "shift_invert": lambda tf, x: tf.bitwise.invert(tf.bitwise.right_shift(
        tf.bitwise.left_shift(tf.abs(_i32(tf, x)), 2), 1)),
    "bincount": lambda tf, x: tf.math.bincount(tf.abs(_i32(tf, x, 2.0)), minlength=3),
    "in_top_k": lambda tf, x: tf.nn.in_top_k(tf.reshape(x, [1, -1]), np.array([0], np.int32),
                                             2),
    "linspace": lambda tf, x: tf.linspace(tf.reduce_min(x), tf.reduce_max(x) + 1.0, 4),
    "size_rank": lambda tf, x: tf.size(x) + tf.rank(x),
    "where_index": lambda tf, x: tf.where(x > 0.0),
    "hsv": lambda tf, x: tf.image.hsv_to_rgb(tf.image.rgb_to_hsv(tf.sigmoid(
        tf.stack([_flat(tf, x), _flat(tf, x) * 0.5, _flat(tf, x) * -0.3], -1)))),
    "random_uniform": lambda tf, x: tf.random.uniform([3], seed=7) +
    tf.random.normal([2], seed=8)[0],
    "random_int": lambda tf, x: tf.random.uniform([3], 0, 10, dtype=tf.int32, seed=9),
    "truncated_normal": lambda tf, x: tf.random.truncated_normal([4], seed=11),
    "categorical": lambda tf, x: tf.random.categorical(tf.reshape(x, [1, -1]), 5, seed=12),
    "stateless": lambda tf, x: tf.random.stateless_uniform([3], [1, 2]) +
    tf.random.stateless_normal([3], [3, 4]) + tf.random.stateless_truncated_normal([3], [5, 6]),
    "as_string": lambda tf, x: _slen(tf, _str(tf, x)),
    "string_join": lambda tf, x: _slen(tf, tf.strings.join([_str(tf, x), "a"], separator="-")),
    "upper_lower": lambda tf, x: _slen(tf, tf.strings.upper(tf.strings.lower(_str(tf, x)))),
    "substr": lambda tf, x: _slen(tf, tf.strings.substr(_str(tf, x), 1, 2)),
    "regex": lambda tf, x: _slen(tf, tf.strings.regex_replace(_str(tf, x), "[0-4]", "xy")) +
    tf.cast(tf.strings.regex_full_match(_str(tf, x), "-.*"), tf.int32),
    "split": lambda tf, x: tf.size(tf.strings.split(_str(tf, x), sep=".").values),
    "strip": lambda tf, x: _slen(tf, tf.strings.strip(tf.strings.join(["  ", _str(tf, x)]))),
    "hash": lambda tf, x: tf.strings.to_hash_bucket_fast(_str(tf, x), 7) +
    tf.strings.to_hash_bucket_strong(_str(tf, x), 5, [1, 2]) +
    tf.strings.to_hash_bucket(_str(tf, x), 3),
    "to_number": lambda tf, x: tf.strings.to_number(_str(tf, x)),
    "base64": lambda tf, x: _slen(tf, tf.io.decode_base64(tf.io.encode_base64(_str(tf, x)))),
    "reduce_join": lambda tf, x: _slen(tf, tf.strings.reduce_join(_str(tf, x), separator=",")),
    "unicode": lambda tf, x: _slen(tf, tf.strings.unicode_transcode(_str(tf, x), "UTF-8",
                                                                    "UTF-16-BE")),
    "unicode_decode": lambda tf, x: tf.strings.unicode_decode(_str(tf, x), "UTF-8").flat_values,
}


def generate_nondiff(g, name, x):
    g.add(name, [x], {"fn": g.r.choice(sorted(NONDIFF))}, [],
          dtype=g.dtypes[x] if g.dtypes[x] in ("float32", "float64") else "float32")


def apply_nondiff(tf, name, args, kw):
    if name != "nondiff":
        return NotImplemented
    x = args[0]
    y = NONDIFF[kw["fn"]](tf, x)
    if y.dtype.base_dtype == tf.string:
        y = tf.strings.length(y)
    y = tf.reduce_sum(tf.cast(y, x.dtype.base_dtype))
    return y * (tf.reduce_mean(x) + 1.0)
