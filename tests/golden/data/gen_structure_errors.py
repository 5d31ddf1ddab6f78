"""TF 1.14's structure checks around tf.data, in full: Iterator.make_initializer
against a dataset of another nesting (tf.data's own nest, where lists are leaves:
AssertSameStructureForData's message, with its "More specifically" detail), tf.nest's
dictionaries of other keys and sizes (keys are compared before sizes when check_types),
choose_from_datasets / sample_from_datasets (_DirectedInterleaveDataset): its error
for datasets of other types or nestings or none at all, and the shapes it merges; and the errors of
filter / flat_map / interleave / parallel_interleave functions that return the wrong
thing (naming the Structure returned: its module path and address are dropped, as
flowgrad's classes live elsewhere); from_generator's output_shapes against its
output_types (map_structure_up_to's errors; not the int() TypeError of a list where a shape
belongs, whose wording changed in Python 3.8). Valid Python 3.7;
tests/test_data_structure_errors.py runs the same programs in flowgrad."""
import collections
import re

import numpy as np

P = collections.namedtuple("P", "a b")


def _error(f):
    try:
        f()
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return "%s: %s" % (type(e).__name__, e)


def _plain(message):
    """`message` without the Structure classes' module paths and object addresses."""
    message = re.sub(r" object at 0x[0-9a-fA-F]+", " object", message)
    message = re.sub(r"(tensorflow\.python|flowgrad\.engine)\.framework\.tensor_shape\.", "",
                     message)
    return re.sub(r"(tensorflow\.python\.data\.util|flowgrad\.data)\.structure\.", "",
                  message)


def _fn_error(make):
    def run(tf):
        with tf.Graph().as_default():
            return _plain(_error(lambda: make(tf)))
    return run


def _initializer(types, shapes=None):
    def make(tf, make_ds):
        def run():
            with tf.Graph().as_default():
                it = tf.data.Iterator.from_structure(types(tf), shapes)
                it.make_initializer(make_ds(tf))
        return _error(run)
    return make


def _init_case(types, make_ds):
    return lambda tf: _initializer(types)(tf, make_ds)


PROGRAMS = {
    "init_leaf_vs_tuple": _init_case(
        lambda tf: tf.float32, lambda tf: tf.data.Dataset.from_tensors((1.0, 2.0))),
    "init_tuple_vs_leaf": _init_case(
        lambda tf: (tf.float32, tf.float32), lambda tf: tf.data.Dataset.from_tensors(1.0)),
    "init_tuple_len": _init_case(
        lambda tf: (tf.int64, tf.int64),
        lambda tf: tf.data.Dataset.from_tensors((np.int64(1), np.int64(2), np.int64(3)))),
    "init_dict_keys": _init_case(
        lambda tf: {"a": tf.int64, "b": tf.float32},
        lambda tf: tf.data.Dataset.from_tensors({"a": np.int64(1)})),
    "init_dict_other_key": _init_case(
        lambda tf: {"a": tf.int64},
        lambda tf: tf.data.Dataset.from_tensors({"b": np.int64(1)})),
    "init_tuple_vs_dict": _init_case(
        lambda tf: (tf.int64, tf.int64),
        lambda tf: tf.data.Dataset.from_tensors({"a": np.int64(1), "b": np.int64(2)})),
    "init_namedtuple": _init_case(
        lambda tf: P(tf.int64, tf.int64),
        lambda tf: tf.data.Dataset.from_tensors((np.int64(1), np.int64(2)))),
    "init_deeper": _init_case(
        lambda tf: (tf.int64, (tf.int64, tf.int64)),
        lambda tf: tf.data.Dataset.from_tensors((np.int64(1), np.int64(2)))),
    "nest_dict_size": lambda tf: _error(
        lambda: tf.nest.assert_same_structure({"a": 1}, {"a": 1, "b": 2})),
    "nest_dict_size_unchecked": lambda tf: _error(
        lambda: tf.nest.assert_same_structure({"a": 1}, {"a": 1, "b": 2}, check_types=False)),
}


def _choose(make_datasets, sample=False):
    def run(tf):
        with tf.Graph().as_default():
            try:
                datasets = make_datasets(tf)
                if sample:
                    ds = tf.data.experimental.sample_from_datasets(datasets, seed=3)
                else:
                    ds = tf.data.experimental.choose_from_datasets(
                        datasets, tf.data.Dataset.range(len(datasets)))
                nxt = ds.make_one_shot_iterator().get_next()
                out = [str(ds.output_types), str(ds.output_shapes),
                       str(tf.nest.map_structure(lambda t: t.shape, nxt))]
                with tf.Session() as sess:
                    for _ in range(len(datasets)):
                        out.append(repr(tf.nest.map_structure(
                            lambda v: v.tolist(), sess.run(nxt))))
                return out
            except Exception as e:  # noqa: BLE001 - the error is the golden
                return "%s: %s" % (type(e).__name__, e)
    return run


PROGRAMS.update({
    "choose_shapes_merge": _choose(lambda tf: [
        tf.data.Dataset.from_tensors(np.zeros([2], np.float32)),
        tf.data.Dataset.from_tensors(np.ones([3], np.float32))]),
    "choose_shapes_rank": _choose(lambda tf: [
        tf.data.Dataset.from_tensors((np.zeros([2, 2], np.int32), np.int64(1))),
        tf.data.Dataset.from_tensors((np.zeros([2, 5], np.int32), np.int64(2))),
        tf.data.Dataset.from_tensors((np.zeros([2, 2], np.int32), np.int64(3)))]),
    "choose_types": _choose(lambda tf: [
        tf.data.Dataset.range(3), tf.data.Dataset.range(3).map(lambda v: tf.cast(v, tf.int32))]),
    "choose_nesting": _choose(lambda tf: [
        tf.data.Dataset.from_tensors((np.int64(1), np.int64(2))),
        tf.data.Dataset.from_tensors((np.int64(1), (np.int64(2),)))]),
    "choose_dict_vs_tuple": _choose(lambda tf: [
        tf.data.Dataset.from_tensors({"a": np.int64(1)}),
        tf.data.Dataset.from_tensors((np.int64(1),))]),
    "sample_shapes_merge": _choose(lambda tf: [
        tf.data.Dataset.from_tensors(np.zeros([1, 4], np.float32)),
        tf.data.Dataset.from_tensors(np.ones([1, 4], np.float32)).batch(1)], sample=True),
    "sample_types": _choose(lambda tf: [
        tf.data.Dataset.range(3), tf.data.Dataset.from_tensors(1.0)], sample=True),
    # no datasets: TF indexes datasets[0] (IndexError, the container's own message)
    "choose_empty": _choose(lambda tf: []),
    "choose_empty_tuple": _choose(lambda tf: ()),
    "sample_empty": _choose(lambda tf: [], sample=True),
})


PROGRAMS.update({
    "filter_int": _fn_error(lambda tf: tf.data.Dataset.range(5).filter(lambda x: x)),
    "filter_vector": _fn_error(
        lambda tf: tf.data.Dataset.range(5).filter(lambda x: tf.stack([x > 1]))),
    "filter_tuple": _fn_error(
        lambda tf: tf.data.Dataset.range(5).filter(lambda x: (x > 1, x > 2))),
    "flat_map_tensor": _fn_error(lambda tf: tf.data.Dataset.range(5).flat_map(lambda x: x)),
    "flat_map_tuple": _fn_error(
        lambda tf: tf.data.Dataset.range(5).flat_map(lambda x: (x, {"a": x}))),
    "interleave_tensor": _fn_error(
        lambda tf: tf.data.Dataset.range(5).interleave(lambda x: x, cycle_length=2)),
    "interleave_parallel_calls": _fn_error(
        lambda tf: tf.data.Dataset.range(5).interleave(lambda x: x, cycle_length=2,
                                                        num_parallel_calls=2)),
    "parallel_interleave_tensor": _fn_error(
        lambda tf: tf.data.Dataset.range(5).apply(
            tf.data.experimental.parallel_interleave(lambda x: x, cycle_length=2))),
    "filter_ok": _fn_error(
        lambda tf: tf.data.Dataset.range(5).filter(lambda x: tf.reshape(x > 1, [-1])[0])),
})


def _generator_shapes(types, shapes):
    def run(tf):
        with tf.Graph().as_default():
            try:
                ds = tf.data.Dataset.from_generator(lambda: iter([1]), types(tf), shapes(tf))
                return str(ds.output_shapes)
            except Exception as e:  # noqa: BLE001 - the error is the golden
                return _plain("%s: %s" % (type(e).__name__, e))
    return run


PROGRAMS.update({
    "generator_shape_not_nested": _generator_shapes(
        lambda tf: (tf.int64, tf.int64), lambda tf: tf.TensorShape([])),
    "generator_shape_list": _generator_shapes(lambda tf: (tf.int64, tf.int64), lambda tf: [[], []]),
    "generator_shape_len": _generator_shapes(
        lambda tf: (tf.int64, tf.int64), lambda tf: ([], [], [])),
    "generator_shape_keys": _generator_shapes(lambda tf: {"a": tf.int64}, lambda tf: {"b": []}),
    "generator_shape_type": _generator_shapes(lambda tf: {"a": tf.int64}, lambda tf: ([],)),
    "generator_shape_nested": _generator_shapes(
        lambda tf: (tf.int64, (tf.int64,)), lambda tf: ([], ([4],))),
    "generator_shape_dict": _generator_shapes(
        lambda tf: {"a": tf.int64, "b": tf.int32}, lambda tf: {"b": [2], "a": [None]}),
})


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}
