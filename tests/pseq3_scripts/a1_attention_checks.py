"""Attention score masking's length check is check_ops.assert_positive (assert_less(0, x):
TF's op names and types) and fails when run, not when built, for a constant length of 0;
dynamic_rnn's state dtype inference error carries TF's message."""
import numpy as np
import tensorflow as tf

mem = tf.constant(np.ones((3, 5, 4), np.float32))
m = tf.contrib.seq2seq.LuongAttention(4, mem, memory_sequence_length=tf.constant([5, 0, 4]))
n0 = len(tf.get_default_graph().get_operations())
al, _ = m(tf.ones([3, 4]), m.initial_alignments(3, tf.float32))
for op in tf.get_default_graph().get_operations()[n0:]:
    print(op.name, op.type)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    try:
        s.run(al)
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])
cell = tf.nn.rnn_cell.GRUCell(2)
for state in [(tf.zeros([3, 2]), tf.zeros([3, 2], tf.int32)), ()]:
    try:
        tf.nn.dynamic_rnn(cell, tf.ones([3, 4, 2]), initial_state=state)
    except ValueError as e:
        print(type(e).__name__, e)
