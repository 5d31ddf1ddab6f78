"""TF 1.14's tf.ragged parts that need no tf.RaggedTensor: constant_value over nested
lists (ragged_rank, inner_shape, dtype, row_splits_dtype, empty lists, its errors), the
RaggedTensorValue it returns (values, row_splits, flat_values, nested_row_splits,
ragged_rank, shape, dtype, to_list, str), and row_splits_to_segment_ids /
segment_ids_to_row_splits (values and dtypes). tests/test_ragged.py runs the same
programs in flowgrad."""
from __future__ import absolute_import

import numpy as np


def _plain(a):
    return a.tolist() if a.dtype.kind in "SUO" else a    # strings: as a list


def _describe(v):
    if hasattr(v, "row_splits"):
        return ["ragged", v.ragged_rank, [None if d is None else int(d) for d in v.shape],
                str(v.dtype), v.to_list(), [s for s in v.nested_row_splits],
                _plain(v.flat_values), str(v)]
    return ["array", _plain(v)]


def _cv(*args, **kw):
    def run(tf):
        try:
            return _describe(tf.ragged.constant_value(*args, **kw))
        except (ValueError, TypeError) as e:
            return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return run


def _segments(tf):
    out = []
    with tf.Graph().as_default():
        fetches = [
            tf.ragged.row_splits_to_segment_ids([0, 2, 2, 5]),
            tf.ragged.row_splits_to_segment_ids(np.array([0, 0, 3, 3, 4], np.int32)),
            tf.ragged.row_splits_to_segment_ids([0, 1], out_type=tf.int32),
            tf.ragged.row_splits_to_segment_ids([0]),
            tf.ragged.segment_ids_to_row_splits([0, 0, 2, 2, 2], num_segments=4),
            tf.ragged.segment_ids_to_row_splits([0, 0, 2]),
            tf.ragged.segment_ids_to_row_splits(np.array([1, 1], np.int32)),
            tf.ragged.segment_ids_to_row_splits([0, 1], out_type=tf.int32),
            tf.ragged.segment_ids_to_row_splits(np.zeros([0], np.int64), num_segments=2),
        ]
        with tf.Session() as sess:
            for f in fetches:
                v = sess.run(f)
                out.append([str(v.dtype), v])
    return out


PROGRAMS = {
    "cv/rank1": _cv([[1, 2], [3], []]),
    "cv/rank2": _cv([[[1, 2], [3]], [[4]], []]),
    "cv/inner_rank": _cv([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1),
    "cv/inner_shape": _cv([[[1, 2], [3, 4]], [[5, 6]]], inner_shape=(2,)),
    "cv/both": _cv([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1, inner_shape=(2,)),
    "cv/float32": _cv([[1.5, 2], []], dtype=np.float32),
    "cv/strings": _cv([[b"a"], [b"bc", b"d"]]),
    "cv/dense": _cv([1, 2]),
    "cv/scalar": _cv(3),
    "cv/mixed_depth": _cv([[1, [2]]]),
    "cv/int32_splits": _cv([[1, 2], [3]], row_splits_dtype="int32"),
    "cv/empty_row": _cv([[]]),
    "cv/empty": _cv([]),
    "cv/empty_deep": _cv([[[]], []]),
    "cv/deeper_empty": _cv([[1], [[]]]),
    "cv/rank0": _cv([[1, 2], [3, 4]], ragged_rank=0),
    "cv/negative": _cv([[1]], ragged_rank=-1),
    "cv/too_ragged": _cv([[1, 2], [3]], ragged_rank=2),
    "cv/bad_inner": _cv([[[1, 2], [3]]], ragged_rank=1),
    "cv/scalar_rank": _cv(3, ragged_rank=1),
    "cv/incompatible": _cv([[1, 2]], ragged_rank=1, inner_shape=(2,)),
    "cv/tuples": _cv(([1, 2], (3,))),
    "cv/bool": _cv([[True], [False, True]]),
    "segments": _segments,
}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}
