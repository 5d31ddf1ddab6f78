"""A character language model over raw bytes: tf.decode_raw of strings to uint8 ids,
tf.data windows (batch of shifted slices), a 2-layer MultiRNNCell of GRUCells with a seeded
DropoutWrapper (variational off), dynamic_rnn, contrib.seq2seq.sequence_loss with
average_across_timesteps=False and sum_over_timesteps / sum_over_batch variants over
sequence_mask weights, gradients clipped by clip_by_global_norm and clip_by_value, Adam,
and greedy plus seeded tf.random.categorical generation in a tf.while_loop."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1841)
text = b"the quick brown fox jumps over the lazy dog. pack my box with five dozen jugs."
V, T, B, Hd = 128, 10, 4, 12
ids = tf.cast(tf.decode_raw(tf.constant(text), tf.uint8), tf.int32)
ds = tf.data.Dataset.from_tensor_slices(ids).batch(T + 1, drop_remainder=True)
ds = ds.map(lambda c: (c[:-1], c[1:])).repeat().shuffle(7, seed=5).batch(B, drop_remainder=True)
xb, yb = ds.make_one_shot_iterator().get_next()
lens = tf.constant([10, 7, 10, 4])
w = tf.sequence_mask(lens, T, dtype=tf.float32)
emb = tf.get_variable("emb", [V, 8], initializer=tf.random_uniform_initializer(-0.1, 0.1,
                                                                               seed=1842))
keep = tf.placeholder_with_default(1.0, [])
cells = [tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(
    Hd, kernel_initializer=tf.glorot_uniform_initializer(seed=1843 + i)),
    output_keep_prob=keep, seed=1845 + i) for i in range(2)]
cell = tf.nn.rnn_cell.MultiRNNCell(cells)
out, st = tf.nn.dynamic_rnn(cell, tf.nn.embedding_lookup(emb, xb), dtype=tf.float32,
                            scope="rnn")
proj = tf.layers.Dense(V, kernel_initializer=tf.glorot_uniform_initializer(seed=1847))
logits = proj(out)
l_mean = tf.contrib.seq2seq.sequence_loss(logits, yb, w)
l_t = tf.contrib.seq2seq.sequence_loss(logits, yb, w, average_across_timesteps=False)
l_sum = tf.contrib.seq2seq.sequence_loss(logits, yb, w, average_across_timesteps=False,
                                         average_across_batch=False, sum_over_timesteps=True)
l_sb = tf.contrib.seq2seq.sequence_loss(logits, yb, w, average_across_timesteps=False,
                                        average_across_batch=False, sum_over_batch=True)
opt = tf.train.AdamOptimizer(0.01)
gv = opt.compute_gradients(l_mean)
g, v = zip(*gv)
gc, gnorm = tf.clip_by_global_norm(g, 1.0)
gc = [tf.clip_by_value(x, -0.05, 0.05) for x in gc]
step = opt.apply_gradients(zip(gc, v))


def gen(sample):
    def body(i, c, state, acc):
        o, state = cell(tf.nn.embedding_lookup(emb, c), state)
        lg = proj(o)
        nc = tf.cast(tf.random.categorical(lg * 3.0, 1, seed=1848)[:, 0] if sample
                     else tf.argmax(lg, 1), tf.int32)
        return i + 1, nc, state, acc.write(i, nc)
    c0 = tf.constant([116, 100], tf.int32)
    s0 = cell.zero_state(2, tf.float32)
    _, _, _, acc = tf.while_loop(lambda i, *a: i < 12, body,
                                 [0, c0, s0, tf.TensorArray(tf.int32, 12)])
    return tf.transpose(acc.stack())


greedy, sampled = gen(False), gen(True)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        r = s.run([l_mean, l_t, l_sum, l_sb, gnorm, step], {keep: 0.8})
        print(i, repr(float(r[0])), H(r[1]), H(r[2]), H(r[3]), repr(float(r[4])))
    gr, sa = s.run([greedy, sampled])
    print(gr.tolist(), sa.tolist())
    print(H(s.run(emb)))
