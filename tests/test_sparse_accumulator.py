"""tf.SparseConditionalAccumulator against TF 1.14 (tests/golden/accumulators/gen_sparse.py):
op names, TF's merge order of indices, the mean per index, stale gradients dropped, shape
errors."""
import pytest

import flowgrad as tf
import goldens
from goldens import generator, load
from test_layers import _compare


def test_sparse_conditional_accumulator_matches_tf114():
    _compare(generator("accumulators", "sparse").cases(tf), load("accumulators", "sparse"))


def test_sparse_conditional_accumulator_cases_match_tf114():
    """tests/golden/accumulators/gen_sparse_cases.py: take's shape, duplicates, stale
    gradients, set_global_step, every check, static shapes, blocking take, tf.sparse."""
    goldens.same_exact(generator("accumulators", "sparse_cases").cases(tf),
                       load("accumulators", "sparse_cases"))


def test_no_kernel_for_integer_dtypes():
    with tf.Graph().as_default():
        acc = tf.SparseConditionalAccumulator(tf.int32, shape=[2, 1])
        with tf.Session() as s:
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="No OpKernel was registered to support Op "
                                     "'SparseConditionalAccumulator'"):
                s.run(acc.num_accumulated())


def test_values_of_another_dtype_fail_when_run():
    """TF makes the op's dtype the values' own (float32 for Python floats); its kernel
    aborts on the mismatch, flowgrad raises InvalidArgumentError."""
    with tf.Graph().as_default():
        acc = tf.SparseConditionalAccumulator(tf.float64, shape=[2, 1])
        op = acc.apply_grad([0], [[1.]])
        assert op.get_attr("dtype") == tf.float32
        with tf.Session() as s:
            with pytest.raises(tf.errors.InvalidArgumentError, match="dtype"):
                s.run(op)


def test_accumulator_runs_from_an_imported_graph_def():
    with tf.Graph().as_default() as g:
        acc = tf.SparseConditionalAccumulator(tf.float32, shape=[3, 1])
        apply = acc.apply_grad([1], [[2.]])
        take = acc.take_grad(1)
    with tf.Graph().as_default():
        tf.import_graph_def(g.as_graph_def(), name="")
        with tf.Session() as s:
            s.run(apply.name)
            idx, vals, shape = s.run([t.name for t in take])
    assert idx.tolist() == [1] and vals.tolist() == [[2.]] and shape.tolist() == [3, 1]
