"""Less common contrib RNN cells in a classifier: NASCell (with and without projection),
GridLSTMCell (share_time_frequency_weights, num_frequency_blocks), IndRNNCell/IndyLSTMCell/
IndyGRUCell, UGRNNCell, in dynamic_rnn and a MultiRNNCell, trained with Momentum: op counts,
losses, final output hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1011)
rs = np.random.RandomState(1012)
B, T, D = 3, 5, 4
X = tf.placeholder(tf.float32, [B, T, D])
Y = tf.placeholder(tf.int32, [B])
cr = tf.contrib.rnn
cells = {
    "nas": lambda: cr.NASCell(5),
    "nas_proj": lambda: cr.NASCell(5, num_proj=3),
    "grid": lambda: cr.GridLSTMCell(3, use_peepholes=True, share_time_frequency_weights=True,
                                    feature_size=2, frequency_skip=2, num_frequency_blocks=[2],
                                    state_is_tuple=True),
    "indrnn": lambda: cr.IndRNNCell(5, activation=tf.nn.relu),
    "indylstm": lambda: cr.IndyLSTMCell(4),
    "indygru": lambda: cr.IndyGRUCell(4),
    "ugrnn": lambda: cr.UGRNNCell(5, forget_bias=0.5),
    "multi": lambda: tf.nn.rnn_cell.MultiRNNCell([cr.UGRNNCell(4), cr.IndRNNCell(3)]),
}
feats = []
init = tf.glorot_uniform_initializer(seed=1013)
for name in sorted(cells):
    with tf.variable_scope(name, initializer=init):
        o, st = tf.nn.dynamic_rnn(cells[name](), X, dtype=tf.float32)
        feats.append(o[:, -1])
    print(name, len(tf.get_default_graph().get_operations()), o.shape)
logits = tf.layers.dense(tf.concat(feats, 1), 3, kernel_initializer=init)
loss = tf.losses.sparse_softmax_cross_entropy(Y, logits)
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = rs.randn(B, T, D).astype(np.float32)
y = rs.randint(0, 3, B).astype(np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {X: x, Y: y})
        print(i, repr(float(lv)))
    for name, f in zip(sorted(cells), s.run(feats, {X: x})):
        print(name, H(f), f[0].tolist())
