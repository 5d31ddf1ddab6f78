"""The "state placeholder" pattern of stateful LSTM scripts: one placeholder of shape
[layers, 2, batch, units] unstacked into a tuple of LSTMStateTuples for a MultiRNNCell of
LSTMBlockCell / LSTMCell (num_proj), the final state fetched as NumPy and fed back each
batch; a GRU layer beside it whose state is a [batch, units] placeholder with a
placeholder_with_default of zeros; Momentum with gradient clipping by value; then a
generation loop feeding one step at a time with tf.random.categorical (seeded)."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3251)
rs = np.random.RandomState(3252)
V, U, P, L = 7, 6, 4, 2
seq = rs.randint(0, V, 80).astype(np.int32)
x = tf.placeholder(tf.int32, [None, None])
y = tf.placeholder(tf.int32, [None, None])
sp = tf.placeholder(tf.float32, [L, 2, None, U], name="lstm_state")
batch = tf.shape(x)[0]
g0 = tf.placeholder_with_default(tf.zeros([batch, U]), [None, U], name="gru_state")
per = tf.unstack(sp, axis=0)
init = tuple(tf.nn.rnn_cell.LSTMStateTuple(per[i][0], per[i][1]) for i in range(L))
with tf.variable_scope("m", initializer=tf.truncated_normal_initializer(stddev=0.3, seed=3253)):
    emb = tf.get_variable("emb", [V, U])
    cells = tf.nn.rnn_cell.MultiRNNCell([tf.contrib.rnn.LSTMBlockCell(U),
                                         tf.nn.rnn_cell.LSTMCell(U, num_proj=U)])
    h, fin = tf.nn.dynamic_rnn(cells, tf.nn.embedding_lookup(emb, x), initial_state=init)
    h2, gfin = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(U), h, initial_state=g0,
                                 scope="gru")
    logits = tf.layers.dense(h2, V)
fin_stack = tf.stack([tf.stack([s.c, s.h]) for s in fin])
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
opt = tf.train.MomentumOptimizer(0.2, 0.9)
gv = [(tf.clip_by_value(g, -0.5, 0.5), v) for g, v in opt.compute_gradients(loss)]
train = opt.apply_gradients(gv)
nxt = tf.random.categorical(logits[:, -1] / 0.8, 1, seed=3254)
print("ops", len(tf.get_default_graph().get_operations()), fin_stack.shape, sp.name, g0.name)
B, T = 2, 6
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    st = np.zeros([L, 2, B, U], np.float32)
    gs = np.zeros([B, U], np.float32)
    for i in range(5):
        p = i * T
        bx = np.stack([seq[p:p + T], seq[p + 40:p + 40 + T]])
        by = np.stack([seq[p + 1:p + T + 1], seq[p + 41:p + 41 + T]])
        lv, st, gs, _ = s.run([loss, fin_stack, gfin, train], {x: bx, y: by, sp: st, g0: gs})
        print(i, repr(float(lv)), H(st), H(gs))
    st = np.zeros([L, 2, 1, U], np.float32)
    c, out = seq[:1].reshape(1, 1), []
    for k in range(10):
        c, st = s.run([nxt, fin_stack], {x: c, sp: st})
        out.append(int(c[0, 0]))
    print(out, H(st), repr(st[1, 1, 0].tolist()))
