"""tf.bitwise and tf.sets under TF 1.14: values (SparseTensorValues as their three parts),
the (name, type) of every op built, and each misuse's error class and first message line.
test_bitwise_sets.py reruns them with flowgrad."""
import numpy as np

from c2kit import run_cases


def _a(tf):
    return tf.SparseTensor([[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 0], [1, 1, 1]],
                           [1, 2, 3, 4, 5, 6], [2, 2, 2])


def _b(tf):
    return tf.SparseTensor([[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0],
                            [1, 1, 1], [1, 1, 2], [1, 1, 3]], [1, 3, 2, 4, 5, 5, 6, 7, 8],
                           [2, 2, 4])


def _sp(r):
    return [r.indices, r.values, r.dense_shape]


CASES = {
    "intersection_sparse": lambda tf: _sp(tf.sets.intersection(_a(tf), _b(tf))),
    "union_sparse": lambda tf: _sp(tf.sets.set_union(_a(tf), _b(tf))),
    "difference_sparse": lambda tf: _sp(tf.sets.difference(_a(tf), _b(tf))),
    "difference_sparse_ba": lambda tf: _sp(tf.sets.set_difference(_a(tf), _b(tf),
                                                                   aminusb=False)),
    "size": lambda tf: tf.sets.size(_a(tf)),
    "size_v1": lambda tf: tf.sets.set_size(_b(tf), validate_indices=False),
    "intersection_dense": lambda tf: _sp(tf.sets.set_intersection(
        tf.constant([[1, 2, 2, 3], [4, 5, 6, 4]]), tf.constant([[2, 3, 9], [7, 7, 7]]))),
    "union_dense_int64": lambda tf: _sp(tf.sets.union(
        tf.constant([[3, 1], [5, 5]], tf.int64), tf.constant([[2, 3, 9], [7, 7, 7]], tf.int64))),
    "difference_dense_sparse": lambda tf: _sp(tf.sets.difference(
        tf.constant([[1, 2], [4, 5]]), tf.SparseTensor([[0, 0], [1, 1]], [2, 9], [2, 3]))),
    "difference_sparse_dense": lambda tf: _sp(tf.sets.difference(
        tf.SparseTensor([[0, 0], [1, 1]], [2, 9], [2, 3]), tf.constant([[1, 2], [4, 5]]))),
    "union_strings": lambda tf: _sp(tf.sets.union(tf.constant([["b", "a"]]),
                                                  tf.constant([["c", "a"]]))),
    "intersection_3d": lambda tf: _sp(tf.sets.intersection(
        tf.constant([[[1, 2]], [[3, 3]]], tf.int8), tf.constant([[[2, 2]], [[3, 1]]], tf.int8))),
    "intersection_empty": lambda tf: _sp(tf.sets.intersection(tf.constant([[1, 2]]),
                                                              tf.constant([[3, 4]]))),
    "bitwise_and": lambda tf: tf.bitwise.bitwise_and(tf.constant([5, 12], tf.uint8),
                                                     tf.constant([3, 10], tf.uint8)),
    "bitwise_or": lambda tf: tf.bitwise.bitwise_or(tf.constant([5, -12], tf.int64), 3,
                                                   name="o"),
    "bitwise_xor_broadcast": lambda tf: tf.bitwise.bitwise_xor(tf.constant([[1], [2]]),
                                                               tf.constant([3, 4, 5])),
    "left_shift": lambda tf: tf.bitwise.left_shift(tf.constant([1, -3, 7, 1], tf.int8),
                                                   tf.constant([2, 1, 9, -1], tf.int8)),
    "right_shift": lambda tf: tf.bitwise.right_shift(tf.constant([-16, 16, 7, 100]),
                                                     tf.constant([2, 40, -1, 31])),
    "right_shift_unsigned": lambda tf: tf.bitwise.right_shift(
        tf.constant([200, 16], tf.uint16), tf.constant([2, 17], tf.uint16)),
    "invert": lambda tf: tf.bitwise.invert(tf.constant([0, 5, -1], tf.int16)),
    "invert_uint": lambda tf: tf.bitwise.invert(tf.constant([0, 5, 255], tf.uint8),
                                                name="inv"),
}

ERRORS = {
    "size_dense": lambda tf: tf.sets.size(tf.constant([[1, 2]])),
    "union_float": lambda tf: tf.sets.union(tf.constant([[1.]]), tf.constant([[1.]])),
    "union_mismatch": lambda tf: tf.sets.union(tf.constant([[1, 2], [3, 4]]),
                                               tf.constant([[1, 2, 3]])),
    "union_mismatch_dynamic": lambda tf: tf.sets.union(
        tf.placeholder_with_default([[1, 2], [3, 4]], None), tf.constant([[1, 2, 3]])),
    "union_rank1": lambda tf: tf.sets.union(tf.constant([1, 2]), tf.constant([1, 3])),
    "union_types": lambda tf: tf.sets.union(tf.constant([[1, 2]]),
                                            tf.constant([[1, 2]], tf.int64)),
    "size_unsorted": lambda tf: tf.sets.size(tf.SparseTensor([[0, 1], [0, 0]], [1, 2], [1, 2])),
    "size_repeated": lambda tf: tf.sets.size(tf.SparseTensor([[0, 1], [0, 1]], [1, 2], [1, 2])),
    "bitwise_float": lambda tf: tf.bitwise.bitwise_or(tf.constant([1.]), tf.constant([2.])),
    "invert_float": lambda tf: tf.bitwise.invert(tf.constant([1.])),
    "shift_types": lambda tf: tf.bitwise.left_shift(tf.constant([1]),
                                                    tf.constant([1], tf.int64)),
}


def cases(tf):
    out = run_cases(tf, CASES, ERRORS)
    return out
