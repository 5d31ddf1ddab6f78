"""tf.contrib.factorization.WALSModel on a sparse ratings matrix as in the WALS
recommender tutorial: row and column sweeps (gramian prep, initialize_*_update_op,
update_*_factors) with an unobserved weight, regularization and row/column weights:
op counts, losses and factor hashes."""
import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.contrib.factorization import WALSModel


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(981)
rs = np.random.RandomState(982)
R, C, K = 6, 5, 3
idx = np.array(sorted(set((int(rs.randint(R)), int(rs.randint(C))) for _ in range(16))))
vals = rs.rand(len(idx)).astype(np.float32) * 4 + 1
sp = tf.SparseTensor(idx.astype(np.int64), vals, [R, C])
m = WALSModel(R, C, K, unobserved_weight=0.1, regularization=0.05,
              row_init="random", col_init="random",
              row_weights=list(rs.rand(R).astype(np.float32) + 0.5),
              col_weights=list(rs.rand(C).astype(np.float32) + 0.5))
row_up = m.update_row_factors(sp_input=sp)
col_up = m.update_col_factors(sp_input=sp)
print("wals", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(m.worker_init)
    for i in range(3):
        s.run(m.row_update_prep_gramian_op)
        s.run(m.initialize_row_update_op)
        _, _, ul, rl = s.run(row_up[1:])
        s.run(m.col_update_prep_gramian_op)
        s.run(m.initialize_col_update_op)
        _, _, ul2, rl2 = s.run(col_up[1:])
        print(i, repr(float(ul)), repr(float(rl)), repr(float(ul2)), repr(float(rl2)))
    print(H(s.run(m.row_factors[0])), H(s.run(m.col_factors[0])))
