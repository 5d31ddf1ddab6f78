"""Sampled softmax language-model head (the ptb / seq2seq style): tf.nn.sampled_softmax_loss
with the default sampler and with explicit seeded samplers (learned_unigram, fixed_unigram
with unigrams, uniform), remove_accidental_hits on and off, trained by Adagrad for a few
steps (sparse updates); the candidate samplers' outputs and tf.nn.compute_accidental_hits."""
import numpy as np
import tensorflow as tf

np.random.seed(11)
tf.set_random_seed(13)
V, D, B = 12, 6, 5
x = tf.constant(np.random.randn(B, D).astype(np.float32))
labels = tf.constant(np.random.randint(0, V, (B, 1)).astype(np.int64))
W = tf.get_variable("softmax_w", [V, D], initializer=tf.random_normal_initializer(seed=3))
b = tf.get_variable("softmax_b", [V], initializer=tf.zeros_initializer())

samplers = {
    "log_uniform": tf.nn.log_uniform_candidate_sampler(labels, 1, 4, True, V, seed=21),
    "learned": tf.nn.learned_unigram_candidate_sampler(labels, 1, 4, False, V, seed=22),
    "fixed": tf.nn.fixed_unigram_candidate_sampler(labels, 1, 4, True, V, seed=23,
                                                   unigrams=[float(i + 1) for i in range(V)]),
    "uniform": tf.nn.uniform_candidate_sampler(labels, 1, 4, False, V, seed=24),
}
losses = {}
for name, s in sorted(samplers.items()):
    for rah in (True, False):
        losses[name, rah] = tf.reduce_mean(tf.nn.sampled_softmax_loss(
            W, b, labels, x, 4, V, sampled_values=s, remove_accidental_hits=rah))
default = tf.reduce_mean(tf.nn.sampled_softmax_loss(W, b, labels, x, 4, V, seed=31))
print("names", sorted(n.name for n in [default] + list(losses.values()))[:3])
acc = tf.nn.compute_accidental_hits(labels, samplers["log_uniform"][0], 1, seed=5)
opt = tf.train.AdagradOptimizer(0.3)
train = opt.minimize(default)
print("slots", sorted(opt.get_slot_names()), opt.get_slot(W, "accumulator").name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for name in sorted(samplers):
        sc, tec, sec = sess.run(samplers[name])
        print(name, sc.tolist(), tec.ravel().tolist(), sec.tolist())
    print("acc", [a.tolist() for a in sess.run(acc)])
    for k in sorted(losses):
        print("loss", k, repr(float(sess.run(losses[k]))))
    for step in range(5):
        _, lv = sess.run([train, default])
        print("step", step, repr(float(lv)))
    print("acc W", sess.run(opt.get_slot(W, "accumulator"))[:2].tolist())
