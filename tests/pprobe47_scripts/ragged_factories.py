"""Ragged tensors built every way in TF1 graph mode: tf.ragged.constant (ragged_rank 1 and 2,
inner_shape), RaggedTensor.from_row_splits / from_value_rowids / from_row_lengths /
from_row_starts / from_row_limits / from_nested_row_lengths / from_nested_row_splits /
from_tensor (lengths, padding), their row_lengths / value_rowids / nrows / row_starts /
bounding_shape / nested_row_splits, to_tensor / to_sparse / to_list, tf.ragged.range and
tf.gather on ragged rows: op counts and values."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4701)
np.random.seed(4701)
g = tf.get_default_graph()
n0 = len(g.get_operations())
a = tf.ragged.constant([[1, 2, 3], [], [4, 5], [6]])
b = tf.ragged.constant([[[1.5, 2.5], [3.5]], [], [[4.5, 5.5, 6.5]]], dtype=tf.float32)
c = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
print("constant ops", len(g.get_operations()) - n0, a.ragged_rank, b.ragged_rank, c.ragged_rank)
vals = tf.constant(np.random.RandomState(1).randint(0, 50, size=9).astype(np.int64))
n1 = len(g.get_operations())
r1 = tf.RaggedTensor.from_row_splits(vals, [0, 2, 2, 5, 9])
r2 = tf.RaggedTensor.from_value_rowids(vals, [0, 0, 1, 1, 1, 3, 3, 3, 3], nrows=5)
r3 = tf.RaggedTensor.from_row_lengths(vals, [4, 0, 3, 2])
r4 = tf.RaggedTensor.from_row_starts(vals, [0, 1, 1, 6])
r5 = tf.RaggedTensor.from_row_limits(vals, [3, 3, 7, 9])
r6 = tf.RaggedTensor.from_nested_row_lengths(vals, [[2, 0, 1], [3, 2, 4]])
r7 = tf.RaggedTensor.from_nested_row_splits(vals, [[0, 1, 3], [0, 4, 4, 9]])
print("factory ops", len(g.get_operations()) - n1)
dense = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) - 5.0)
r8 = tf.RaggedTensor.from_tensor(dense, lengths=[1, 4, 2])
r9 = tf.RaggedTensor.from_tensor(tf.constant([[1, 0, 0], [2, 3, 0], [0, 0, 0]]), padding=0)
rr = tf.ragged.range([0, 3, 5], [4, 3, 11], [1, 1, 2])
gat = tf.gather(r3, [3, 0, 0, 2])
gat2 = tf.gather(b, [2, 0])
print("op count", len(g.get_operations()))
with tf.Session() as s:
    for name, r in [("a", a), ("b", b), ("c", c), ("r1", r1), ("r2", r2), ("r3", r3),
                    ("r4", r4), ("r5", r5), ("r6", r6), ("r7", r7), ("r8", r8), ("r9", r9),
                    ("rr", rr), ("gat", gat), ("gat2", gat2)]:
        v = s.run(r)
        print(name, v.to_list(), r.dtype.name, r.shape)
    print(s.run([r2.row_lengths(), r2.value_rowids(), r2.nrows(), r2.row_starts(),
                 r2.row_limits()]))
    print(s.run(list(r6.nested_row_splits)), s.run(r6.nested_row_lengths()))
    print(s.run([a.bounding_shape(), b.bounding_shape(), r6.bounding_shape()]))
    print(s.run(r1.to_tensor(default_value=-1)).tolist())
    print(s.run(b.to_tensor()).tolist())
    sp = s.run(r6.to_sparse())
    print(sp.indices.tolist(), sp.values.tolist(), sp.dense_shape.tolist())
    sp2 = s.run(c.to_sparse())
    print(sp2.indices.tolist(), sp2.values.tolist(), sp2.dense_shape.tolist())
