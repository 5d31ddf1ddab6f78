"""TF 1.14's tf.data.experimental Structure classes: get_structure of datasets and
iterators (their class and legacy types, shapes and classes), Structure.from_value,
equality and compatibility, to_variant / from_variant round trips, Optional's
value_structure, the structure accessors of Dataset.window's datasets of datasets, and
errors. tests/test_data_structure.py runs the same programs."""
from __future__ import absolute_import

import numpy as np

from gen_experimental import _described, drain

PROGRAMS = {}


def _err(e):
    return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0])


def _classes(x):
    if isinstance(x, dict):
        return [[k, _classes(v)] for k, v in sorted(x.items())]
    if isinstance(x, tuple):
        return [_classes(v) for v in x]
    return type(x).__name__ if not isinstance(x, type) else x.__name__


def _plain_desc(x):
    if isinstance(x, dict):
        return [[k, _plain_desc(v)] for k, v in sorted(x.items())]
    if isinstance(x, tuple):
        return [_plain_desc(v) for v in x]
    if hasattr(x, "as_list") or hasattr(x, "is_floating"):
        return _described(x)
    return type(x).__name__


def _view(s):
    """A Structure as plain values: its class, then its legacy types, shapes, classes."""
    return [type(s).__name__, _plain_desc(s._to_legacy_output_types()),
            _plain_desc(s._to_legacy_output_shapes()),
            _classes(s._to_legacy_output_classes())]


def _datasets(tf):
    sp = tf.SparseTensor([[0, 1]], [2.0], [3, 4])
    return {
        "range": tf.data.Dataset.range(3),
        "tuple": tf.data.Dataset.from_tensor_slices(([1, 2], [[1.0], [2.0]])),
        "dict": tf.data.Dataset.from_tensors({"a": 1, "b": (2.0, "s")}),
        "sparse": tf.data.Dataset.from_tensors((sp, 1)),
        "batched_sparse": tf.data.Dataset.from_tensors(sp).repeat(2).batch(2),
    }


def _get_structure(tf):
    with tf.Graph().as_default():
        out = {}
        for name, ds in sorted(_datasets(tf).items()):
            s = tf.data.experimental.get_structure(ds)
            it = ds.make_initializable_iterator()
            out[name] = [_view(s), _view(tf.data.experimental.get_structure(it)),
                         s == tf.data.experimental.get_structure(it),
                         s.is_compatible_with(tf.data.experimental.get_structure(it))]
        for bad in (5, [tf.data.Dataset.range(1)]):
            try:
                tf.data.experimental.get_structure(bad)
            except TypeError as e:
                out[str(type(bad).__name__)] = _err(e)
        return out


def _from_value(tf):
    with tf.Graph().as_default():
        x = tf.data.experimental
        vals = [tf.constant([1.0, 2.0]), tf.placeholder(tf.int32, [None, 3]), 7, "s",
                (1, 2.5), {"k": [1, 2], "j": (True, b"x")},
                tf.SparseTensor([[0]], [1], [5]), tf.SparseTensorValue([[0, 0]], [1.5], [2, 2]),
                tf.data.Dataset.range(2)]
        out = [_view(x.Structure.from_value(v)) for v in vals]
        try:
            x.Structure.from_value(object())
        except TypeError as e:
            out.append(_err(e).split(" for ")[0])
        return out


def _equality(tf):
    x = tf.data.experimental
    t = x.TensorStructure
    sp = x.SparseTensorStructure
    n = x.NestedStructure
    pairs = [(t(tf.float32, [2]), t(tf.float32, [2])), (t(tf.float32, [2]), t(tf.float32, [3])),
             (t(tf.float32, [2]), t(tf.float32, [None])), (t(tf.float32, None),
                                                           t(tf.float32, [2])),
             (t(tf.float32, [2]), t(tf.int32, [2])), (sp(tf.int64, [None, 2]),
                                                      sp(tf.int64, [4, 2])),
             (sp(tf.int64, [3]), t(tf.int64, [3])),
             (n((t(tf.int32, []), sp(tf.float32, [2]))), n((t(tf.int32, []),
                                                            sp(tf.float32, [2])))),
             (n({"a": t(tf.int32, [])}), n({"b": t(tf.int32, [])})),
             (n((t(tf.int32, []),)), n((t(tf.int32, []), t(tf.int32, [])))),
             (x.DatasetStructure(t(tf.int32, [])), x.DatasetStructure(t(tf.int32, [None])))]
    out = [[a == b, a != b, a.is_compatible_with(b), b.is_compatible_with(a)]
           for a, b in pairs]
    for bad in (lambda: n((t(tf.int32, []), 3)), lambda: x.Structure()):
        try:
            bad()
            out.append("ok")
        except TypeError as e:
            out.append(type(e).__name__)
    return out


def _round_trip(tf):
    with tf.Graph().as_default():
        x = tf.data.experimental
        ds = tf.data.Dataset.from_tensor_slices(({"a": [1, 2, 3]}, [0.5, 1.5, 2.5]))
        again = x.from_variant(x.to_variant(ds), x.get_structure(ds))
        sp = tf.data.Dataset.from_tensors(tf.SparseTensor([[1]], [4], [3])).repeat(2)
        sp2 = x.from_variant(x.to_variant(sp), x.get_structure(sp)).batch(2)
        data = tf.data
        out = [_described(data.get_output_types(again)),
               _described(data.get_output_shapes(again)),
               _classes(data.get_output_classes(sp2)), x.to_variant(ds).dtype.name]
        with tf.Session() as sess:
            out.append(drain(tf, data.make_one_shot_iterator(again).get_next(), sess))
            out.append(drain(tf, data.make_one_shot_iterator(sp2).get_next(), sess))
        return out


def _optional(tf):
    with tf.Graph().as_default():
        x = tf.data.experimental
        it = tf.data.Dataset.from_tensors((1, tf.SparseTensor([[0]], [2.0], [2]))) \
            .make_one_shot_iterator()
        opt = x.get_next_as_optional(it)
        vs = opt.value_structure
        none = x.Optional.none_from_structure(vs)
        v = opt.get_value()
        out = [_view(vs), _classes(v), type(x.Structure.from_value(opt)).__name__,
               x.Structure.from_value(opt) == x.OptionalStructure(vs)]
        with tf.Session() as sess:
            out.append(drain(tf, [opt.has_value(), none.has_value()], sess, 1))
            out.append(drain(tf, v, sess, 1))
        return out


def _ops(tf):
    with tf.Graph().as_default() as g:
        x = tf.data.experimental
        ds = tf.data.Dataset.range(3)
        tf.data.make_one_shot_iterator(x.from_variant(x.to_variant(ds), x.get_structure(ds))) \
            .get_next()
        return [[op.name, op.type] for op in g.get_operations()]


def _array_and_ragged(tf):
    """TensorArrayStructure and RaggedTensorStructure as descriptions: their legacy views,
    flat variant form, equality, compatibility, batching (ragged), and from_value of a
    TensorArray."""
    x = tf.data.experimental
    ta = x.TensorArrayStructure
    rt = x.RaggedTensorStructure
    a, b = ta(tf.float32, [2, 3], True, True), ta(tf.float32, [None, 3], False, False)
    r, q = rt(tf.int64, [2, None], 1), rt(tf.int64, [None, None], 1)
    out = {}
    for name, s in (("a", a), ("b", b), ("r", r), ("q", q)):
        out["view/" + name] = [type(s).__name__, _plain_desc(s._to_legacy_output_types()),
                               _plain_desc(s._to_legacy_output_shapes()),
                               type(s._to_legacy_output_classes()).__name__
                               if name in "rq" else _classes(s._to_legacy_output_classes()),
                               [_described(t) for t in s._flat_types],
                               [_described(t) for t in s._flat_shapes]]
    same = ta(tf.float32, [2, 3], True, True)
    out["eq"] = [a == same, a == b, a != b, b == ta(tf.float32, [None, 3], False, False),
                 hash(a) == hash(same), r == rt(tf.int64, [2, None], 1), r == q,
                 r == rt(tf.int64, [2, None], 2), a == r]
    out["compatible"] = [a.is_compatible_with(ta(tf.float32, [None, 3], True, False)),
                         a.is_compatible_with(b), a.is_compatible_with(r),
                         a.is_compatible_with(x.TensorStructure(tf.float32, [2, 3])),
                         r.is_compatible_with(q), q.is_compatible_with(r),
                         r.is_compatible_with(rt(tf.int32, [2, None], 1)),
                         r.is_compatible_with(rt(tf.int64, [2, None], 2))]
    bat, unb = r._batch(5), r._unbatch()
    out["ragged_batch"] = [_described(bat._shape), bat._ragged_rank, _described(unb._shape),
                           unb._ragged_rank]
    with tf.Graph().as_default():
        arr = tf.TensorArray(tf.int32, size=3, element_shape=[4])
        dyn = tf.TensorArray(tf.float32, size=0, dynamic_size=True, infer_shape=False)
        out["from_value"] = [_view(x.Structure.from_value(arr)),
                             _view(ta.from_value(dyn)),
                             x.Structure.from_value(arr) == ta(tf.int32, [4], False, True)]
        try:
            ta.from_value(tf.constant(1))
        except TypeError as e:
            out["from_value_error"] = _err(e).split(", but saw")[0]
    for name, fn in (("ta_batch", lambda: a._batch(2)), ("ta_unbatch", a._unbatch)):
        try:
            fn()
        except NotImplementedError as e:
            out[name] = _err(e)
    return out


def _legacy(x):
    """A window's legacy types / shapes / classes: a DatasetStructure leaf (TF 1.14 gives
    the DatasetStructure itself for all three) as its class and element's view."""
    if isinstance(x, dict):
        return [[k, _legacy(v)] for k, v in sorted(x.items())]
    if isinstance(x, tuple):
        return [_legacy(v) for v in x]
    if type(x).__name__ == "DatasetStructure":
        return ["DatasetStructure", _view(x._element_structure)]
    return _plain_desc(x) if not isinstance(x, type) else x.__name__


def _windows(tf):
    with tf.Graph().as_default():
        sp = tf.SparseTensor([[0]], [1.0], [3])
        windows = {
            "tensor": tf.data.Dataset.range(10).window(3),
            "tuple": tf.data.Dataset.from_tensor_slices(
                (np.zeros([6, 2], np.float32), np.arange(6))).window(2, drop_remainder=True),
            "dict": tf.data.Dataset.from_tensor_slices(
                {"a": np.zeros([6, 2], np.float32), "b": np.arange(6)}).window(2, shift=1),
            "nested": tf.data.Dataset.from_tensor_slices(
                (np.arange(6), {"c": np.zeros([6, 3], np.int32)})).window(4),
            "sparse": tf.data.Dataset.from_tensors(sp).window(2),
            "window_of_windows": tf.data.Dataset.range(4).window(2).window(2),
        }
        v1 = tf.compat.v1.data
        out = {}
        for name, ds in sorted(windows.items()):
            it = ds.make_initializable_iterator()
            accessors = [ds.output_types, ds.output_shapes, ds.output_classes,
                         v1.get_output_types(ds), v1.get_output_shapes(ds),
                         v1.get_output_classes(ds),
                         it.output_types, it.output_shapes, it.output_classes]
            first = tf.nest.flatten(accessors[0])
            out[name] = [_legacy(a) for a in accessors] + [
                [a == accessors[0] for a in accessors],
                # one DatasetStructure object per component, whichever accessor
                [[x is y for x, y in zip(first, tf.nest.flatten(a))] for a in accessors],
                _legacy(tf.data.experimental.get_structure(ds)._to_legacy_output_types())]
        return out


PROGRAMS.update({
    "windows": _windows,
    "array_and_ragged": _array_and_ragged,
    "get_structure": _get_structure,
    "from_value": _from_value,
    "equality": _equality,
    "round_trip": _round_trip,
    "optional": _optional,
    "ops": _ops,
})


def cases(tf):
    out = {}
    for name in sorted(PROGRAMS):
        try:
            out[name] = PROGRAMS[name](tf)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            out[name] = _err(e)
    return out
