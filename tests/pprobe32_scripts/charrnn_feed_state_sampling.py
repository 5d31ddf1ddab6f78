"""char-rnn inference as the classic scripts write it: a MultiRNNCell of two LSTMCells
with zero_state on a placeholder batch size, trained a few steps carrying the final
state (a nested tuple of LSTMStateTuples) back through feed_dict keyed by the nested
initial_state; then sampling one character per session.run with tf.multinomial over
logits / temperature (seeded), the state fed back each step, batch size 1."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3201)
text = "the quick brown fox jumps over the lazy dog; the dog sleeps."
chars = sorted(set(text))
V = len(chars)
data = np.array([chars.index(c) for c in text], np.int32)
U = 8
bs = tf.placeholder(tf.int32, [], name="batch_size")
x = tf.placeholder(tf.int32, [None, None], name="x")
y = tf.placeholder(tf.int32, [None, None], name="y")
temp = tf.placeholder_with_default(1.0, [], name="temperature")
with tf.variable_scope("rnn", initializer=tf.glorot_uniform_initializer(seed=3202)):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(U) for _ in range(2)])
    initial_state = cell.zero_state(bs, tf.float32)
    emb = tf.get_variable("emb", [V, U])
    out, final_state = tf.nn.dynamic_rnn(cell, tf.nn.embedding_lookup(emb, x),
                                         initial_state=initial_state)
    logits = tf.layers.dense(out, V, name="proj")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.AdamOptimizer(0.02).minimize(loss)
last = logits[:, -1, :] / temp
sample = tf.squeeze(tf.multinomial(last, 1, seed=3203), axis=1)
probs = tf.nn.softmax(last)
print("ops", len(tf.get_default_graph().get_operations()))
print([t.name for t in tf.contrib.framework.nest.flatten(initial_state)])
print([t.name for t in tf.contrib.framework.nest.flatten(final_state)])
B, T = 2, 5
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    st = s.run(initial_state, {bs: B})
    print(type(st).__name__, type(st[0]).__name__, H(st[1].h))
    for i in range(5):
        p = i * T
        bx = np.stack([data[p:p + T], data[p + 27:p + 27 + T]])
        by = np.stack([data[p + 1:p + T + 1], data[p + 28:p + 28 + T]])
        lv, st, _ = s.run([loss, final_state, train], {x: bx, y: by, initial_state: st})
        print(i, repr(float(lv)), H(st[0].c), H(st[1].h))
    # sampling: the PTB way, feeding each c and h by hand
    st = s.run(initial_state, {bs: 1})
    c = chars.index("t")
    outs = []
    for k in range(12):
        fd = {x: [[c]], temp: 0.7}
        for j, (ci, hi) in enumerate(initial_state):
            fd[ci] = st[j].c
            fd[hi] = st[j].h
        c, st, pv = s.run([sample, final_state, probs], fd)
        c = int(c[0])
        outs.append(chars[c])
        if k % 4 == 0:
            print(k, c, H(pv), repr(float(pv[0].max())))
    print(repr("".join(outs)))
    # greedy with temperature 1 and the whole nested tuple fed at once
    st = s.run(initial_state, {bs: 1})
    c = chars.index("d")
    g = []
    for k in range(8):
        pv, st = s.run([probs, final_state], {x: [[c]], initial_state: st})
        c = int(np.argmax(pv[0]))
        g.append(chars[c])
    print(repr("".join(g)), H(st[0].h), H(st[1].c))
