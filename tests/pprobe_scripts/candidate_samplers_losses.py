"""fixed_unigram (distortion, reserved ids), learned_unigram, all and log_uniform candidate
samplers over two runs, compute_accidental_hits, sampled_softmax_loss and nce_loss with and
without remove_accidental_hits, three SGD steps: op counts and values at full precision."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
g = tf.get_default_graph()
B, V, D, K = 4, 15, 5, 6
rs = np.random.RandomState(4)
lab = tf.constant(rs.randint(0, V, (B, 2)).astype(np.int64))
inp = tf.constant(rs.randn(B, D).astype(np.float32))
W = tf.get_variable("W", [V, D], initializer=tf.truncated_normal_initializer(stddev=0.3))
b = tf.get_variable("b", [V], initializer=tf.zeros_initializer())
print(len(g.get_operations()))
samp = {}
samp["fixed"] = tf.nn.fixed_unigram_candidate_sampler(
    lab, 2, K, True, V, distortion=0.75, unigrams=list(range(1, V + 1))
)
print(len(g.get_operations()))
samp["fixed_nu"] = tf.nn.fixed_unigram_candidate_sampler(
    lab, 2, K, False, V, distortion=0.5, num_reserved_ids=2, unigrams=list(range(1, V - 1)), seed=3
)
print(len(g.get_operations()))
samp["learned"] = tf.nn.learned_unigram_candidate_sampler(lab, 2, K, True, V)
print(len(g.get_operations()))
samp["all"] = tf.nn.all_candidate_sampler(lab, 2, K, True)
print(len(g.get_operations()))
samp["loguni"] = tf.nn.log_uniform_candidate_sampler(lab, 2, K, False, V, seed=5)
print(len(g.get_operations()))
acc = tf.nn.compute_accidental_hits(lab, samp["loguni"][0], num_true=2)
print(len(g.get_operations()))
loss1 = tf.reduce_sum(
    tf.nn.sampled_softmax_loss(
        W, b, lab, inp, K, V, num_true=2, sampled_values=samp["fixed"], remove_accidental_hits=True
    )
)
print(len(g.get_operations()))
loss2 = tf.reduce_sum(
    tf.nn.nce_loss(
        W,
        b,
        lab,
        inp,
        K,
        V,
        num_true=2,
        sampled_values=samp["learned"],
        remove_accidental_hits=True,
    )
)
print(len(g.get_operations()))
loss3 = tf.reduce_sum(tf.nn.nce_loss(W, b, lab, inp, K, V, num_true=2))
print(len(g.get_operations()))
loss4 = tf.reduce_sum(
    tf.nn.sampled_softmax_loss(W, b, lab, inp, K, V, num_true=2, remove_accidental_hits=False)
)
print(len(g.get_operations()))
tot = loss1 + loss2 + loss3 + loss4
train = tf.train.GradientDescentOptimizer(0.1).minimize(tot)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for r in range(2):
        for k in sorted(samp):
            a, t, e = s.run(samp[k])
            print(
                r,
                k,
                a.tolist(),
                t.astype(np.float64).ravel().tolist(),
                e.astype(np.float64).tolist(),
            )
        ai, aid, aw = s.run(acc)
        print(r, "acc", ai.tolist(), aid.tolist(), aw.tolist())
    for i in range(3):
        print(i, [repr(float(v)) for v in s.run([loss1, loss2, loss3, loss4, train])[:4]])
