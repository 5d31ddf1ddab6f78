"""TF 1.14's edit_distance, serialize_tensor / parse_tensor, matching_files,
match_filenames_once and the tf.io / tf.train aliases c3 added: op names and types, values,
errors. Read by tests/test_strings_c3.py."""
from __future__ import absolute_import

import os

import numpy as np

from c3kit import Py, run_all

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")


def _sp(tf, indices, values, shape):
    return tf.SparseTensor(np.array(indices, np.int64), values, np.array(shape, np.int64))


def _ed(hyp, truth, **kw):
    def build(tf):
        return tf.edit_distance(_sp(tf, *hyp), _sp(tf, *truth), **kw)
    return build


H1 = ([[0, 0, 0], [1, 0, 0]], ["a", "b"], [2, 1, 1])
T1 = ([[0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0]], ["a", "b", "c", "a"], [2, 2, 2])
HS = ([[0, 0], [0, 1], [0, 2], [1, 0]], ["k", "i", "t", "x"], [3, 3])
TS = ([[0, 0], [0, 1], [0, 2], [0, 3], [2, 0]], ["s", "i", "t", "s"] + ["y"], [3, 4])


def _names(tf, xs):
    return Py(sorted(os.path.basename(x.decode() if isinstance(x, bytes) else x)
                     for x in xs))


def _base(tf, names):
    """The base names (the checkout's path differs between machines)."""
    return tf.strings.regex_replace(names, ".*/", "")


def _parse_roundtrip(value, dtype):
    def build(tf):
        s = tf.io.serialize_tensor(tf.constant(value, dtype=dtype))
        return [s, tf.io.parse_tensor(s, dtype)]
    return build


def _match_once(tf):
    v = tf.io.match_filenames_once(os.path.join(FILES, "*.txt"))
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        names = sess.run(v)
    return Py([v.op.name, v.op.type, str(v.dtype), [c.name for c in tf.local_variables()],
               [os.path.basename(n.decode()) for n in names]])


CASES = {
    "edit_distance/normalized": _ed(H1, T1),
    "edit_distance/raw": _ed(H1, T1, normalize=False),
    "edit_distance/strings": _ed(HS, TS),
    "edit_distance/strings-raw": _ed(HS, TS, normalize=False, name="ed"),
    "edit_distance/ints": lambda tf: tf.edit_distance(
        _sp(tf, [[0, 0], [0, 1]], tf.constant([1, 2], tf.int64), [1, 2]),
        _sp(tf, [[0, 0]], tf.constant([2], tf.int64), [1, 2])),
    "edit_distance/not-sparse": lambda tf: tf.edit_distance(tf.constant([1]), tf.constant([1])),
    "edit_distance/truth-not-sparse": lambda tf: tf.edit_distance(
        _sp(tf, [[0, 0]], [1], [1, 1]), tf.constant([1])),
    "edit_distance/value": lambda tf: tf.edit_distance(
        tf.SparseTensorValue(np.array([[0, 0]], np.int64), np.array([b"a"], object),
                             np.array([1, 1], np.int64)),
        tf.SparseTensorValue(np.array([[0, 0]], np.int64), np.array([b"b"], object),
                             np.array([1, 1], np.int64))),
    "edit_distance/rank-mismatch": lambda tf: tf.edit_distance(
        _sp(tf, [[0, 0]], ["a"], [1, 1]), _sp(tf, [[0, 0, 0]], ["a"], [1, 1, 1])),
    "edit_distance/type-mismatch": lambda tf: tf.edit_distance(
        _sp(tf, [[0, 0]], ["a"], [1, 1]), _sp(tf, [[0, 0]], [1], [1, 1])),
    "serialize/float": _parse_roundtrip([[1.5, -2.0], [0.25, 3.0]], "float32"),
    "serialize/double-scalar": _parse_roundtrip(2.5, "float64"),
    "serialize/int64": _parse_roundtrip([1, -2, 3], "int64"),
    "serialize/int32-empty": _parse_roundtrip(np.zeros([2, 0], np.int32), "int32"),
    "serialize/bool": _parse_roundtrip([True, False], "bool"),
    "serialize/uint8": _parse_roundtrip([1, 255], "uint8"),
    "serialize/string": _parse_roundtrip([b"ab", b"", b"\x00c"], "string"),
    "serialize/complex64": _parse_roundtrip([1 + 2j], "complex64"),
    "serialize/half": _parse_roundtrip([1.5, -0.5], "float16"),
    "serialize/named": lambda tf: tf.serialize_tensor([1, 2], name="s"),
    "parse/type-mismatch": lambda tf: tf.parse_tensor(tf.serialize_tensor([1.0]), tf.int32),
    "parse/named": lambda tf: tf.parse_tensor(tf.serialize_tensor([1.0]), "float32", name="p"),
    "matching_files/txt": lambda tf: _base(tf, tf.matching_files(os.path.join(FILES, "*.txt"))),
    "matching_files/list": lambda tf: _base(tf, tf.io.matching_files(
        [os.path.join(FILES, "*.dat"), os.path.join(FILES, "a.*")])),
    "matching_files/none": lambda tf: _base(tf, tf.matching_files(
        os.path.join(FILES, "*.nothing"))),
    "match_filenames_once": _match_once,
    "io/read_file": lambda tf: tf.io.read_file(os.path.join(FILES, "a.txt")),
    "train/piecewise_constant_decay": lambda tf: tf.train.piecewise_constant_decay(
        tf.constant(5), [3, 7], [0.1, 0.2, 0.3]),
    "op_scope": lambda tf: Py(_op_scope(tf)),
    "json/int64": lambda tf: tf.decode_json_example(
        ['{"features": {"feature": {"a": {"int64List": {"value": ["1", "2", -3]}}}}}']),
    "json/mixed": lambda tf: tf.io.decode_json_example([
        '{"features": {"feature": {"b": {"floatList": {"value": [1.5, "NaN"]}}, '
        '"a": {"bytes_list": {"value": ["aGk=", ""]}}, "c": {"int64List": {}}}}}', '{}',
        '{"features": {}}']),
    "json/unknown-field": lambda tf: tf.decode_json_example(['{"bad": 1}']),
    "json/not-json": lambda tf: tf.decode_json_example(['not json']),
    "json/named": lambda tf: tf.decode_json_example('{}', name="j"),
}


def _op_scope(tf):
    with tf.Graph().as_default():
        with tf.op_scope([], "outer", "default") as s1:
            c = tf.constant(1, name="c")
        with tf.op_scope([], None, "default") as s2:
            pass
        return [s1, s2, c.name]


# flowgrad's piecewise_constant selects with Select ops where TF 1.14 builds a tf.case
VALUES_ONLY = ("train/piecewise_constant_decay",)


def cases(tf):
    return run_all(tf, CASES, VALUES_ONLY)


def _shapes(spec_fn, **kw):
    def build(tf):
        x = tf.zeros([2, 3], name="x")
        y = tf.zeros([2, 4], name="y")
        p = tf.placeholder_with_default(tf.zeros([3, 5]), [None, 5], name="p")
        s = tf.constant(1.0, name="s")
        op = tf.debugging.assert_shapes(spec_fn(x, y, p, s), **kw)
        with tf.control_dependencies([op]):
            return tf.identity(s, name="out")
    return build


CASES.update({
    "assert_shapes/ok": _shapes(lambda x, y, p, s: {x: ("N", "Q"), y: ("N", "D"), s: ()}),
    "assert_shapes/explicit": _shapes(lambda x, y, p, s: {x: (2, 3), y: [".", 4], s: None}),
    "assert_shapes/mismatch": _shapes(lambda x, y, p, s: {x: ("N", "Q"), y: ("N", "Q")}),
    "assert_shapes/explicit-mismatch": _shapes(lambda x, y, p, s: {x: (2, 4)},
                                               message="bad"),
    "assert_shapes/rank": _shapes(lambda x, y, p, s: {x: ("N",)}),
    "assert_shapes/dynamic-ok": _shapes(lambda x, y, p, s: {p: ("A", 5), x: (2, "B")}),
    "assert_shapes/dynamic-fail": _shapes(lambda x, y, p, s: {x: ("N", "Q"), p: ("Q", 5)}),
    "assert_shapes/dynamic-explicit": _shapes(lambda x, y, p, s: {p: (4, 5)}),
    "assert_shapes/outer": _shapes(lambda x, y, p, s: {x: ("*", 3), p: (Ellipsis, "Z")}),
    "assert_shapes/bad-ellipsis": _shapes(lambda x, y, p, s: {x: (2, "*")}),
    "assert_shapes/not-iterable": _shapes(lambda x, y, p, s: {x: 3}),
})
