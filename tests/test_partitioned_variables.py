"""Partitioned variables against TF 1.14 (tests/golden/partitioned/gen_partitioned.py):
parts, save-slice specs, concatenated reads, embedding_lookup over parts, optimizer slots,
the checkpoint files byte for byte, restore into another partitioning, and the errors."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "partitioned"))
import gen_partitioned  # noqa: E402

GOLD = goldens.load("partitioned", "partitioned")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_partitioned.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_partitioned_matches_tf(ours, case):
    goldens.same_close(ours[case], GOLD[case], case)


def test_partitioned_variable_api():
    with tf.Graph().as_default():
        with tf.variable_scope("v", partitioner=tf.fixed_size_partitioner(2)):
            v = tf.get_variable("x", [4, 3], initializer=tf.zeros_initializer())
        assert isinstance(v, tf.PartitionedVariable)
        assert [p._get_save_slice_info().var_offset for p in v] == [[0, 0], [2, 0]]
        ops = v.assign(tf.ones([4, 3]))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            s.run(ops)
            assert s.run(v.as_tensor()).sum() == 12.0
        assert tf.Variable.SaveSliceInfo("a", [4], [2], [2]).spec == "4 2,2"
