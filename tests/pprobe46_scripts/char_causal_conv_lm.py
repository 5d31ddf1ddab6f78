"""A char-level causal convolutional LM (ByteNet-decoder style): byte ids from a seeded text,
tf.nn.embedding_lookup, residual blocks of tf.nn.atrous_conv2d on [batch, 1, time, ch] with
left-only tf.pad (causal), tf.contrib.layers.layer_norm, ReLU and 1x1 convs, a softmax over
the vocabulary with sequence_loss-style masking (tf.sequence_mask weights), Adam with
clip_by_global_norm; then greedy and temperature generation inside one tf.while_loop
carrying a growing id sequence (shape_invariants) and a TensorArray of per-step entropies,
with tf.multinomial (op seed) and argmax chosen by tf.cond."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4631)
rs = np.random.RandomState(4632)
text = "the cat sat on the mat. a dog ate the hat; the rat ran at the bat."
chars = sorted(set(text))
V, E, C, T, B = len(chars), 8, 12, 16, 4
ids = np.array([chars.index(c) for c in text], np.int32)
starts = rs.randint(0, len(ids) - T - 1, size=B)
xb = np.stack([ids[s:s + T] for s in starts])
yb = np.stack([ids[s + 1:s + T + 1] for s in starts])
lens = np.array([T, T - 3, T, T - 7], np.int32)

emb = tf.get_variable("emb", [V, E], initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=1))
blocks = []
with tf.variable_scope("dec"):
    w_in = tf.get_variable("w_in", [1, 1, E, C], initializer=tf.glorot_uniform_initializer(seed=2))
    for i, d in enumerate([1, 2, 4, 8]):
        blocks.append((d, tf.get_variable("w%d" % i, [1, 2, C, C],
                                          initializer=tf.glorot_uniform_initializer(seed=10 + i)),
                       tf.get_variable("p%d" % i, [1, 1, C, C],
                                       initializer=tf.glorot_uniform_initializer(seed=20 + i))))
    w_out = tf.get_variable("w_out", [C, V], initializer=tf.glorot_uniform_initializer(seed=3))
    b_out = tf.get_variable("b_out", [V], initializer=tf.zeros_initializer())


def decoder(tok, reuse):
    h = tf.nn.embedding_lookup(emb, tok)[:, None]
    h = tf.nn.conv2d(h, w_in, [1, 1, 1, 1], "SAME")
    for i, (d, w, p) in enumerate(blocks):
        with tf.variable_scope("blk%d" % i, reuse=reuse):
            n = tf.nn.relu(tf.contrib.layers.layer_norm(h, begin_norm_axis=-1))
            n = tf.pad(n, [[0, 0], [0, 0], [d, 0], [0, 0]])
            n = tf.nn.atrous_conv2d(n, w, d, "VALID")
            n = tf.nn.conv2d(tf.nn.relu(n), p, [1, 1, 1, 1], "SAME")
            h = h + n
    h = tf.squeeze(h, 1)
    flat = tf.reshape(h, [-1, C])
    return tf.reshape(tf.matmul(flat, w_out) + b_out, tf.concat([tf.shape(h)[:2], [V]], 0))


x = tf.placeholder(tf.int32, [None, None])
y = tf.placeholder(tf.int32, [None, None])
ln = tf.placeholder(tf.int32, [None])
logits = decoder(x, False)
w = tf.sequence_mask(ln, tf.shape(x)[1], dtype=tf.float32)
loss = tf.contrib.seq2seq.sequence_loss(logits, y, w)
opt = tf.train.AdamOptimizer(0.02)
gv = opt.compute_gradients(loss)
gs, gn = tf.clip_by_global_norm([g for g, _ in gv], 1.0)
train = opt.apply_gradients(zip(gs, [v for _, v in gv]))
print("ops", len(tf.get_default_graph().get_operations()))

temp = tf.placeholder_with_default(0.0, [])
seed_ids = tf.placeholder(tf.int32, [1, None])


def cond_fn(i, seq, ta):
    return i < 10


def body(i, seq, ta):
    lg = decoder(seq, True)[:, -1]
    p = tf.nn.softmax(lg)
    ent = -tf.reduce_sum(p * tf.log(p + 1e-9))
    nxt = tf.cond(temp > 0.0,
                  lambda: tf.to_int32(tf.multinomial(lg / tf.maximum(temp, 1e-3), 1, seed=5)),
                  lambda: tf.to_int32(tf.argmax(lg, -1))[:, None])
    return i + 1, tf.concat([seq, nxt], 1), ta.write(i, ent)


_, gen, ents = tf.while_loop(
    cond_fn, body, [tf.constant(0), seed_ids, tf.TensorArray(tf.float32, 10)],
    shape_invariants=[tf.TensorShape([]), tf.TensorShape([1, None]), tf.TensorShape(None)])
ents = ents.stack()
print("gen ops", len(tf.get_default_graph().get_operations()), gen.shape)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: xb, y: yb, ln: lens}
    for step in range(6):
        lo, n, _ = s.run([loss, gn, train], fd)
        print("step", step, repr(float(lo)), repr(float(n)))
    print("logits", H(s.run(logits, fd)))
    start = [[chars.index(c) for c in "the "]]
    g0, e0 = s.run([gen, ents], {seed_ids: start})
    print("greedy", repr("".join(chars[i] for i in g0[0])), H(e0))
    g1, e1 = s.run([gen, ents], {seed_ids: start, temp: 0.8})
    print("sampled", repr("".join(chars[i] for i in g1[0])), [repr(float(v)) for v in e1[:3]])
