"""DropoutWrapper(variational_recurrent=True) in float64 with distinct input / state /
output keep probs, input_size and a seed, around LSTMCell with a tuple state and with
state_is_tuple=False; a MultiRNNCell(state_is_tuple=False) of GRUCells; and
LayerNormBasicLSTMCell with dropout_keep_prob and dropout_prob_seed; trained three
SGD steps: op counts, losses, masks fixed within one run and redrawn across runs."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5021)
rs = np.random.RandomState(5022)
B, T, D, N = 2, 4, 3, 4
X64 = tf.constant(rs.randn(B, T, D))
X = tf.constant(rs.randn(B, T, D).astype(np.float32))
init = tf.glorot_uniform_initializer(seed=5023)
g = tf.get_default_graph()
res = {}
with tf.variable_scope("var64", initializer=init, dtype=tf.float64):
    c = tf.nn.rnn_cell.DropoutWrapper(
        tf.nn.rnn_cell.LSTMCell(N), input_keep_prob=0.8, state_keep_prob=0.6,
        output_keep_prob=0.7, variational_recurrent=True, input_size=D,
        dtype=tf.float64, seed=5024)
    res["var64"] = tf.nn.dynamic_rnn(c, X64, dtype=tf.float64)
print("var64", len(g.get_operations()))
with tf.variable_scope("flat", initializer=init):
    c = tf.nn.rnn_cell.DropoutWrapper(
        tf.nn.rnn_cell.LSTMCell(N, state_is_tuple=False, num_proj=2), state_keep_prob=0.5,
        variational_recurrent=True, dtype=tf.float32, seed=5025)
    res["flat"] = tf.nn.dynamic_rnn(c, X, dtype=tf.float32)
with tf.variable_scope("multi", initializer=init):
    c = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(N), tf.nn.rnn_cell.GRUCell(2)],
                                    state_is_tuple=False)
    print(c.state_size, c.zero_state(B, tf.float32).shape)
    res["multi"] = tf.nn.dynamic_rnn(c, X, dtype=tf.float32)
with tf.variable_scope("ln", initializer=init):
    c = tf.contrib.rnn.LayerNormBasicLSTMCell(N, dropout_keep_prob=0.6,
                                              dropout_prob_seed=5026, norm_gain=0.9)
    res["ln"] = tf.nn.dynamic_rnn(c, X, dtype=tf.float32)
print("ops", len(g.get_operations()))
loss = tf.add_n([tf.cast(tf.reduce_sum(tf.square(o)), tf.float32) for o, _ in res.values()])
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print("train", len(g.get_operations()))
for v in tf.trainable_variables():
    print(v.name, v.dtype.name, v.shape.as_list())
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    r = s.run(res)
    for k in sorted(r):
        o, st = r[k]
        print(k, H(o), [H(x) for x in tf.contrib.framework.nest.flatten(st)])
    print(repr(r["var64"][0][1].tolist()))
    print(repr(r["ln"][0][0, 3].tolist()))
    o1 = s.run(res["var64"][0])
    print(H(o1), bool(np.array_equal(o1, r["var64"][0])))
