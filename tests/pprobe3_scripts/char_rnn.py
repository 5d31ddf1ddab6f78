"""char-RNN: MultiRNNCell of two LSTMCells, dynamic_rnn over one-hot-free embeddings,
sequence_loss, clip_by_global_norm, Adam; sampling with tf.multinomial. (Feeding the
final state back as the next batch's initial state differs from TF: see the pprobe3 report.)"""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
text = "hello world, this is a tiny char rnn probe. hello again world!"
chars = sorted(set(text))
V = len(chars)
data = np.array([chars.index(c) for c in text], np.int32)
B, T, U = 2, 6, 8
x = tf.placeholder(tf.int32, [B, T])
y = tf.placeholder(tf.int32, [B, T])
cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(U) for _ in range(2)])
init_state = cell.zero_state(B, tf.float32)
emb = tf.get_variable("emb", [V, U])
out, final = tf.nn.dynamic_rnn(cell, tf.nn.embedding_lookup(emb, x), initial_state=init_state)
logits = tf.layers.dense(out, V)
loss = tf.contrib.seq2seq.sequence_loss(logits, y, tf.ones([B, T]))
tv = tf.trainable_variables()
grads, gn = tf.clip_by_global_norm(tf.gradients(loss, tv), 5.0)
train = tf.train.AdamOptimizer(0.01).apply_gradients(zip(grads, tv))
sample = tf.multinomial(logits[:, -1, :], 3, seed=9)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        p = i * T
        bx = np.stack([data[p:p + T], data[p + 20:p + 20 + T]])
        by = np.stack([data[p + 1:p + T + 1], data[p + 21:p + 21 + T]])
        fd = {x: bx, y: by}
        lv, n, st, _ = s.run([loss, gn, final, train], fd)
        print(i, repr(float(lv)), repr(float(n)))
    print(s.run(sample, fd).tolist())
    for v in tv:
        print(v.name, H(s.run(v)))
