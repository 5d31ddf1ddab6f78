"""TF 1.14's SparseAddGrad (the gradient of tf.sparse.add of two SparseTensors) on index
lists as they come, unsorted and with repeated rows: the kernel walks a's, b's and the
sum's indices in step (sparse_add_grad_op.cc) rather than matching rows by key, so a row
of a that the walk passes by gets a zero gradient. Through tf.gradients of tf.sparse.add
(the sum's indices are SparseAdd's own merge of the same lists) and through
tf.raw_ops.SparseAddGrad with sum indices of any order; the op's shape function's and
kernel's errors. The values are copies (no
arithmetic), so the host does not change them; the vendor is recorded all the same.
tests/test_sparse_add_grad.py runs these cases with flowgrad."""
import numpy as np

from goldenio import host_vendor

SHAPE = [4, 4]

# name: (a's indices, b's indices), 2-D index rows in [0, 4)
PAIRS = {
    "sorted": ([[0, 1], [1, 0], [2, 2]], [[0, 1], [1, 3], [3, 0]]),
    "a_unsorted": ([[2, 2], [0, 1], [1, 3]], [[1, 3], [3, 0]]),
    "b_unsorted": ([[0, 1], [1, 3]], [[3, 0], [1, 3], [0, 1], [0, 0]]),
    "both_unsorted": ([[3, 3], [0, 0], [2, 1], [1, 1]], [[2, 1], [3, 3], [0, 2]]),
    "a_repeated": ([[1, 1], [1, 1], [2, 0]], [[1, 1], [0, 0]]),
    "b_repeated": ([[0, 2], [3, 1]], [[0, 2], [0, 2], [3, 1], [3, 1]]),
    "both_repeated": ([[0, 1], [0, 1]], [[0, 1], [0, 1], [0, 1]]),
    "repeated_unsorted": ([[2, 2], [1, 0], [2, 2], [0, 3]], [[1, 0], [2, 2], [1, 0]]),
    "disjoint_unsorted": ([[3, 0], [1, 1]], [[2, 2], [0, 0], [3, 3]]),
    "a_empty": (np.zeros([0, 2], np.int64), [[1, 2], [0, 1]]),
    "b_empty": ([[1, 2], [0, 1], [1, 2]], np.zeros([0, 2], np.int64)),
}

# name: (a's indices, b's indices, sum's indices) for the bare op
RAW = {
    "sum_unsorted": ([[0, 1], [1, 0], [2, 2]], [[0, 1], [3, 0]],
                     [[2, 2], [0, 1], [1, 0], [3, 0]]),
    "sum_reversed": ([[0, 0], [1, 1], [2, 2]], [[1, 1], [3, 3]],
                     [[3, 3], [2, 2], [1, 1], [0, 0]]),
    "sum_repeated": ([[0, 1], [1, 1]], [[1, 1], [2, 0]], [[0, 1], [0, 1], [1, 1], [2, 0]]),
    "sum_foreign_rows": ([[0, 1], [2, 2]], [[1, 0], [2, 2]], [[0, 0], [1, 0], [3, 3]]),
    "sum_short": ([[0, 0], [1, 1], [2, 2]], [[0, 0], [1, 2]], [[1, 1]]),
    "rank1": ([[3], [1], [1]], [[1], [0]], [[0], [1], [3], [1]]),
    "rank3": ([[0, 1, 0], [0, 0, 2]], [[0, 0, 2], [1, 0, 0]],
              [[0, 0, 2], [0, 1, 0], [1, 0, 0]]),
}


def _ind(rows, rank=2):
    return np.array(rows, np.int64).reshape(-1, rank)


def _through_gradients(tf, a_rows, b_rows):
    a_ind, b_ind = _ind(a_rows), _ind(b_rows)
    av = tf.constant(np.arange(1.0, 1.0 + a_ind.shape[0]))
    bv = tf.constant(np.arange(-1.0, -1.0 - b_ind.shape[0], -1.0))
    total = tf.sparse.add(tf.SparseTensor(a_ind, av, SHAPE), tf.SparseTensor(b_ind, bv, SHAPE))
    weights = tf.cast(tf.range(1, tf.size(total.values) + 1), tf.float64) * 10.0
    ga, gb = tf.gradients(total.values, [av, bv], grad_ys=weights)
    with tf.Session() as sess:
        return sess.run({"sum_indices": total.indices, "sum_values": total.values,
                         "a_grad": ga, "b_grad": gb})


def _bare(tf, a_rows, b_rows, sum_rows):
    rank = len(sum_rows[0])
    s_ind = _ind(sum_rows, rank)
    grad = tf.constant(np.arange(10.0, 10.0 * (s_ind.shape[0] + 1), 10.0))
    ga, gb = tf.raw_ops.SparseAddGrad(
        backprop_val_grad=grad, a_indices=tf.constant(_ind(a_rows, rank)),
        b_indices=tf.constant(_ind(b_rows, rank)), sum_indices=tf.constant(s_ind))
    with tf.Session() as sess:
        return sess.run({"a_grad": ga, "b_grad": gb})


def _dyn(tf, value, dtype=np.int64):
    """A tensor of unknown shape: its errors come from the kernel."""
    return tf.placeholder_with_default(np.asarray(value, dtype), None)


# name: (backprop_val_grad, a's, b's, sum's indices, static shapes?): TF's shape function
# wants a's and b's indices of rank 2; its kernel checks all three matrices, the gradient
# a vector, one number of columns, the gradient's size the sum's rows, in that order
ERRORS = {
    "static_a_rank": ([1.0], [0], [[0]], [[0]], True),
    "static_b_rank": ([1.0], [[0]], [[[0]]], [[0]], True),
    "static_sum_rank": ([1.0], [[0]], [[0]], [0], True),
    "a_vector": ([1.0], [0], [[0]], [[0]], False),
    "sum_vector": ([1.0], [[0]], [[0]], [0, 1], False),
    "grad_matrix": ([[1.0]], [[0]], [[0]], [[0]], False),
    "grad_scalar": (1.0, [[0]], [[0]], [[0]], False),
    "ndims_a": ([1.0], [[0, 1]], [[0]], [[0]], False),
    "ndims_sum": ([1.0], [[0, 1]], [[0, 1]], [[0, 1, 2]], False),
    "nnz": ([1.0, 2.0], [[0]], [[0]], [[0]], False),
}


def _error(tf, grad, a_rows, b_rows, sum_rows, static):
    try:
        if static:
            ins = [tf.constant(np.asarray(grad, np.float64))] + [
                tf.constant(np.asarray(r, np.int64)) for r in (a_rows, b_rows, sum_rows)]
        else:
            ins = [_dyn(tf, grad, np.float64)] + [_dyn(tf, r) for r in (a_rows, b_rows,
                                                                          sum_rows)]
        ga, gb = tf.raw_ops.SparseAddGrad(backprop_val_grad=ins[0], a_indices=ins[1],
                                          b_indices=ins[2], sum_indices=ins[3])
        with tf.Session() as sess:
            return sess.run({"a_grad": ga, "b_grad": gb})
    except Exception as e:  # noqa: BLE001 - TF's error is the golden
        return e


def cases(tf):
    out = {"vendor": host_vendor()}
    for name, (a_rows, b_rows) in sorted(PAIRS.items()):
        with tf.Graph().as_default():
            out["add/" + name] = _through_gradients(tf, a_rows, b_rows)
    for name, (a_rows, b_rows, sum_rows) in sorted(RAW.items()):
        with tf.Graph().as_default():
            out["raw/" + name] = _bare(tf, a_rows, b_rows, sum_rows)
    for name, args in sorted(ERRORS.items()):
        with tf.Graph().as_default():
            out["error/" + name] = _error(tf, *args)
    return out
