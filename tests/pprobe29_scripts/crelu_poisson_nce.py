"""A count model and a sampled-softmax word model from the smaller tf.nn ops:
tf.nn.crelu (axis -1 and axis 1) and tf.nn.relu_layer as hidden layers, a Poisson
regression head by tf.nn.log_poisson_loss (compute_full_loss False and True, the Stirling
term where targets > 1), then tf.nn.nce_loss with remove_accidental_hits=True on
fixed sampled candidates (tf.nn.fixed_unigram_candidate_sampler with unigrams,
distortion 0.75, seeded), num_true 2 (its logits less log Q); trained by GradientDescent and
Adam; gradients of the Poisson loss w.r.t. the log rates; op counts, op types, losses and
values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2941)
rs = np.random.RandomState(2942)

X = rs.randn(10, 5).astype(np.float32)
C = rs.poisson(2.0, size=(10, 1)).astype(np.float32)
x = tf.constant(X)
counts = tf.constant(C)

init = tf.glorot_uniform_initializer
with tf.variable_scope("pois"):
    w1 = tf.get_variable("w1", [5, 6], initializer=init(seed=1))
    b1 = tf.get_variable("b1", [6], initializer=tf.constant_initializer(0.05))
    h = tf.nn.relu_layer(x, w1, b1, name="rl")
    h2 = tf.nn.crelu(h, name="cr")
    h3 = tf.nn.crelu(tf.reshape(h2, [10, 3, 4]), axis=1)
    log_rate = tf.layers.dense(tf.reshape(h3, [10, -1]), 1, kernel_initializer=init(seed=2))
lp = tf.reduce_mean(tf.nn.log_poisson_loss(counts, log_rate))
lpf = tf.nn.log_poisson_loss(counts, log_rate, compute_full_loss=True)
g_lr = tf.gradients(tf.reduce_sum(lpf), log_rate)[0]
train_p = tf.train.GradientDescentOptimizer(0.05).minimize(lp)

V, D, B = 30, 8, 6
ctx = tf.constant(rs.randint(0, V, size=[B]).astype(np.int64))
lab = tf.constant(rs.randint(0, V, size=[B, 2]).astype(np.int64))
unigrams = (np.arange(V, 0, -1) ** 1.2).tolist()
sampled = tf.nn.fixed_unigram_candidate_sampler(lab, 2, 10, True, V, distortion=0.75,
                                                unigrams=unigrams, seed=3)
with tf.variable_scope("nce"):
    emb = tf.get_variable("emb", [V, D], initializer=tf.random_uniform_initializer(-1, 1, seed=4))
    nw = tf.get_variable("nw", [V, D], initializer=tf.truncated_normal_initializer(0, 0.3,
                                                                                    seed=5))
    nb = tf.get_variable("nb", [V], initializer=tf.zeros_initializer())
    inp = tf.nn.embedding_lookup(emb, ctx)
    nce = tf.reduce_mean(tf.nn.nce_loss(nw, nb, lab, inp, 10, V, num_true=2,
                                        sampled_values=sampled,
                                        remove_accidental_hits=True))
train_n = tf.train.AdamOptimizer(0.05).minimize(nce)

g = tf.get_default_graph()
print(len(g.get_operations()), h2.shape.as_list(), h3.shape.as_list())
print(sorted(set(op.type for op in g.get_operations() if op.name.startswith("nce")
                 or "Candidate" in op.type or "Accidental" in op.type)))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    s = sess.run(sampled)
    print(s[0].tolist(), s[1].ravel().tolist(), s[2].tolist())
    print(sess.run(h3)[0].ravel().tolist())
    print(sess.run(lpf).ravel().tolist())
    print(sess.run(g_lr).ravel().tolist())
    for it in range(6):
        a, _ = sess.run([lp, train_p])
        b, _ = sess.run([nce, train_n])
        print(it, repr(a), repr(b))
    print(sess.run(log_rate).ravel().tolist())
    print(sess.run(nb).tolist())
