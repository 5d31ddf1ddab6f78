"""A pointer network over variable-length sets: an LSTM encoder with sequence_length, a
decoder loop unrolled in Python feeding back the pointed-at input (gather_nd with
tf.stack of batch indices), additive attention masked with sequence_mask (-1e9 fill via
tf.where), pointer cross-entropy with a mask over decoding steps, trained with Adam;
greedy decoding prints the argmax pointers."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(731)
rs = np.random.RandomState(732)
B, T, D, U = 4, 6, 2, 8
x = tf.placeholder(tf.float32, [B, T, D])
lens = tf.placeholder(tf.int32, [B])
tgt = tf.placeholder(tf.int32, [B, T])
enc_cell = tf.nn.rnn_cell.LSTMCell(U)
enc, st = tf.nn.dynamic_rnn(enc_cell, x, sequence_length=lens, dtype=tf.float32)
mask = tf.sequence_mask(lens, T)
W1 = tf.layers.Dense(U, use_bias=False, name="W1")
W2 = tf.layers.Dense(U, use_bias=False, name="W2")
v = tf.get_variable("v", [U])
dec_cell = tf.nn.rnn_cell.LSTMCell(U, name="dec")
enc_proj = W1(enc)
state = st
inp = tf.zeros([B, D])
bidx = tf.range(B)
losses, ptrs = [], []
for t in range(T):
    out, state = dec_cell(inp, state)
    e = tf.reduce_sum(v * tf.tanh(enc_proj + tf.expand_dims(W2(out), 1)), 2)
    e = tf.where(mask, e, tf.fill([B, T], -1e9))
    losses.append(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tgt[:, t], logits=e))
    p = tf.argmax(e, 1, output_type=tf.int32)
    ptrs.append(p)
    inp = tf.gather_nd(x, tf.stack([bidx, tgt[:, t]], 1))
step_mask = tf.cast(mask, tf.float32)
loss = tf.reduce_sum(tf.stack(losses, 1) * step_mask) / tf.reduce_sum(step_mask)
ptr = tf.stack(ptrs, 1)
train = tf.train.AdamOptimizer(0.02).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.rand(B, T, D).astype(np.float32)
L = np.array([6, 4, 5, 3], np.int32)
TG = np.zeros((B, T), np.int32)
for b in range(B):
    order = np.argsort(X[b, : L[b], 0])
    TG[b, : L[b]] = order
fd = {x: X, lens: L, tgt: TG}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
    print(s.run(ptr, fd).tolist())
    print(H(s.run(enc_proj, fd)))
