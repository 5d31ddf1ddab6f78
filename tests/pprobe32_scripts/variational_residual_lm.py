"""A word-level LM as the PTB variational-dropout scripts write it: MultiRNNCell of
LSTMCells, each in DropoutWrapper(variational_recurrent=True, input/output/state keep
probs from a placeholder, seed, input_size, dtype) with the upper layer a
ResidualWrapper; a keep-prob of 1 at eval; trained with SGD and clip_by_global_norm,
the state carried across batches through feed_dict; the dropout masks are fixed per
session.run (the same mask every step): op counts, perplexities, hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3231)
rs = np.random.RandomState(3232)
V, E, B, T = 11, 6, 2, 5
words = rs.randint(0, V, 4 * T * B + 1).astype(np.int32)
x = tf.placeholder(tf.int32, [B, T])
y = tf.placeholder(tf.int32, [B, T])
kp = tf.placeholder_with_default(1.0, [], name="keep_prob")


def layer(i):
    c = tf.nn.rnn_cell.LSTMCell(E, forget_bias=0.0, name="lstm%d" % i)
    c = tf.nn.rnn_cell.DropoutWrapper(c, input_keep_prob=kp, output_keep_prob=kp,
                                      state_keep_prob=kp, variational_recurrent=True,
                                      input_size=E, dtype=tf.float32, seed=3233 + i)
    return tf.nn.rnn_cell.ResidualWrapper(c) if i else c


with tf.variable_scope("lm", initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=3235)):
    emb = tf.get_variable("embedding", [V, E])
    cell = tf.nn.rnn_cell.MultiRNNCell([layer(0), layer(1)])
    init = cell.zero_state(B, tf.float32)
    inp = tf.nn.dropout(tf.nn.embedding_lookup(emb, x), keep_prob=kp, seed=3236)
    out, fin = tf.nn.dynamic_rnn(cell, inp, initial_state=init)
    logits = tf.layers.dense(out, V, name="softmax")
cost = tf.reduce_sum(tf.contrib.seq2seq.sequence_loss(
    logits, y, tf.ones([B, T]), average_across_timesteps=False, average_across_batch=True))
tv = tf.trainable_variables()
grads, gn = tf.clip_by_global_norm(tf.gradients(cost, tv), 1.0)
train = tf.train.GradientDescentOptimizer(0.5).apply_gradients(
    zip(grads, tv), global_step=tf.train.get_or_create_global_step())
print("ops", len(tf.get_default_graph().get_operations()))
print([v.name for v in tv])


def epoch(s, keep, do_train):
    st = s.run(init)
    costs = 0.0
    for b in range(4):
        p = b * T * B
        bx = words[p:p + B * T].reshape(B, T)
        by = words[p + 1:p + B * T + 1].reshape(B, T)
        fd = {x: bx, y: by, kp: keep, init: st}
        if do_train:
            c, st, n, _ = s.run([cost, fin, gn, train], fd)
            print(" ", b, repr(float(c)), repr(float(n)))
        else:
            c, st = s.run([cost, fin], fd)
        costs += float(c)
    return np.exp(costs / (4 * T)), st


with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for e in range(2):
        ppl, st = epoch(s, 0.7, True)
        print("train", e, repr(float(ppl)), H(st[1].h))
        ppl, st = epoch(s, 1.0, False)
        print("valid", e, repr(float(ppl)), H(st[0].c))
    a = s.run(out, {x: words[:B * T].reshape(B, T), kp: 0.5})
    print(H(a), repr(a[1, 3].tolist()))
    print(s.run(tf.train.get_global_step()))
