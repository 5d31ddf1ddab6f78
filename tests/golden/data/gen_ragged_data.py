"""TF 1.14's tf.data with RaggedTensor elements: from_tensors, from_tensor_slices (TF's
error for a slice with no ragged dimension left), map returning and taking ragged
elements, batch (a ragged dimension added), unbatch, filter, nested tuples,
Iterator.from_structure with a RaggedTensorStructure class, the Structure API
(get_structure, from_value, _batch/_unbatch views) and padded_batch's rejection; each case
records the elements (RaggedTensorValues), output_types/shapes/classes and every op of the
graph. tests/test_data_ragged.py runs the same programs in flowgrad."""
from __future__ import absolute_import

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gen_ragged_tensor import describe  # noqa: E402


def _class(c):
    if isinstance(c, tuple):
        return [_class(x) for x in c]
    if hasattr(c, "_ragged_rank"):
        return ["RaggedTensorStructure", str(c._dtype), str(c._shape), c._ragged_rank]
    return c.__name__


def _nested(f, v):
    return [_nested(f, x) for x in v] if isinstance(v, tuple) else f(v)


def dataset_case(build, iterator=None):
    """build(tf) -> a dataset; `iterator(tf, ds)` -> (iterator, init op or None)."""
    def run(tf):
        g = tf.Graph()
        with g.as_default():
            try:
                ds = build(tf)
                res = {"classes": _class(ds.output_classes),
                       "types": _nested(str, ds.output_types),
                       "shapes": _nested(str, ds.output_shapes)}
                if iterator is None:
                    it, init = ds.make_one_shot_iterator(), None
                else:
                    it, init = iterator(tf, ds)
                nxt = it.get_next()
            except (ValueError, TypeError, NotImplementedError) as e:
                return {"build_error": [type(e).__name__, str(e).split("\n")[0]]}
            res["ops"] = [[o.name, o.type] for o in g.get_operations()]
            values = []
            with tf.Session() as sess:
                while True:
                    try:
                        if init is not None:
                            sess.run(init)
                            init = None
                        values.append(describe(sess.run(nxt)))
                    except tf.errors.OutOfRangeError:
                        break
                    except tf.errors.InvalidArgumentError as e:
                        values.append(["run_error", type(e).__name__,
                                       str(e).split("\n")[0].split("\t")[0]])
                        break
            res["values"] = values
        return res
    return run


def _rt(tf):
    return tf.ragged.constant([[1, 2], [], [3]])


def _rt2(tf):
    return tf.ragged.constant([[[1], [2, 3]], [], [[4]]])


def _initializable(tf, ds):
    it = ds.make_initializable_iterator()
    return it, it.initializer


def _reinit(tf, ds):
    it = tf.data.Iterator.from_structure(ds.output_types, ds.output_shapes,
                                         output_classes=ds.output_classes)
    return it, it.make_initializer(ds)


def _structure(tf):
    st = tf.data.experimental
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(3).map(lambda x: (x, tf.ragged.range(x)))
        got = st.get_structure(ds)
        want = st.NestedStructure((st.TensorStructure(tf.int64, []),
                                   st.RaggedTensorStructure(tf.int64, [1, None], 1)))
        value = st.Structure.from_value(_rt2(tf))
        batched = value._batch(4)
        return {"equal": got == want, "compatible": got.is_compatible_with(want),
                "from_value": _class(value), "batch": _class(batched),
                "unbatch": _class(batched._unbatch()),
                "flat": [str(s) for s in value._flat_shapes] +
                [str(t) for t in value._flat_types]}


PROGRAMS = {
    "from_tensors": dataset_case(lambda tf: tf.data.Dataset.from_tensors(_rt(tf))),
    "from_tensors_rank2": dataset_case(lambda tf: tf.data.Dataset.from_tensors(_rt2(tf))),
    "from_tensor_slices": dataset_case(
        lambda tf: tf.data.Dataset.from_tensor_slices(_rt2(tf))),
    "from_tensor_slices_rank1": dataset_case(
        lambda tf: tf.data.Dataset.from_tensor_slices(_rt(tf))),
    "from_tensor_slices_tuple": dataset_case(
        lambda tf: tf.data.Dataset.from_tensor_slices((tf.constant([7, 8, 9]), _rt2(tf)))),
    "map_returns_ragged": dataset_case(
        lambda tf: tf.data.Dataset.range(3).map(lambda x: tf.ragged.range(x))),
    "map_takes_ragged": dataset_case(
        lambda tf: tf.data.Dataset.from_tensors(_rt(tf)).map(
            lambda r: tf.reduce_sum(r, axis=1))),
    "map_ragged_to_ragged": dataset_case(
        lambda tf: tf.data.Dataset.from_tensor_slices(_rt2(tf)).map(lambda r: r * 10)),
    "batch": dataset_case(
        lambda tf: tf.data.Dataset.range(5).map(lambda x: tf.ragged.range(x)).batch(2)),
    "batch_drop": dataset_case(
        lambda tf: tf.data.Dataset.range(5).map(lambda x: tf.ragged.range(x)).batch(
            2, drop_remainder=True)),
    "batch_of_slices": dataset_case(
        lambda tf: tf.data.Dataset.from_tensor_slices(_rt2(tf)).batch(2)),
    "unbatch": dataset_case(
        lambda tf: tf.data.Dataset.from_tensors(_rt2(tf)).apply(
            tf.data.experimental.unbatch())),
    "unbatch_rank1": dataset_case(
        lambda tf: tf.data.Dataset.from_tensors(_rt(tf)).apply(
            tf.data.experimental.unbatch())),
    "tuple": dataset_case(
        lambda tf: tf.data.Dataset.range(3).map(lambda x: (x, tf.ragged.range(x)))),
    "filter": dataset_case(
        lambda tf: tf.data.Dataset.range(4).map(lambda x: tf.ragged.range(x)).filter(
            lambda r: tf.reduce_sum(r) > 0)),
    "repeat_take": dataset_case(
        lambda tf: tf.data.Dataset.from_tensors(_rt(tf)).repeat().take(2)),
    "reinitializable": dataset_case(
        lambda tf: tf.data.Dataset.from_tensor_slices(_rt2(tf)), iterator=_reinit),
    "padded_batch": dataset_case(
        lambda tf: tf.data.Dataset.range(3).map(lambda x: tf.ragged.range(x)).padded_batch(
            2, [None, None]), iterator=_initializable),
    "structure": _structure,
}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}
