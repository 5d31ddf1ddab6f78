"""sampled_softmax_loss (seeded, with and without remove_accidental_hits), nce_loss
(num_true=2; a div-partitioned weight list), learned and fixed unigram candidate samplers
and three Adagrad steps: op counts, losses and weights at full precision."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(6)
N, D, V, S = 6, 8, 40, 5
x = tf.constant(rng.randn(N, D).astype(np.float32))
labels = tf.constant(rng.randint(0, V, (N, 1)).astype(np.int64))
labels2 = tf.constant(rng.randint(0, V, (N, 2)).astype(np.int64))
w = tf.get_variable("w", [V, D], initializer=tf.truncated_normal_initializer(stddev=0.2, seed=1))
b = tf.get_variable("b", [V], initializer=tf.zeros_initializer())
l1 = tf.reduce_mean(tf.nn.sampled_softmax_loss(w, b, labels, x, S, V, seed=9))
print("ssl", len(tf.get_default_graph().get_operations()))
l2 = tf.reduce_mean(tf.nn.nce_loss(w, b, labels2, x, S, V, num_true=2))
print("nce", len(tf.get_default_graph().get_operations()))
sv = tf.nn.learned_unigram_candidate_sampler(labels, 1, S, True, V, seed=3)
sv2 = tf.nn.fixed_unigram_candidate_sampler(labels2, 2, S, False, V,
                                            unigrams=list(range(1, V + 1)),
                                            distortion=0.75, seed=2)
l3 = tf.reduce_mean(tf.nn.sampled_softmax_loss(w, b, labels, x, S, V,
                                               remove_accidental_hits=False, seed=11))
l4 = tf.reduce_mean(tf.nn.nce_loss([w[:20], w[20:]], b, labels, x, S, V, partition_strategy="div"))
print("more", len(tf.get_default_graph().get_operations()))
tot = l1 + l2 + l3 + l4
train = tf.train.AdagradOptimizer(0.3).minimize(tot)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        a = s.run([l1, l2, l3, l4, train])
        print(i, [repr(float(q)) for q in a[:4]])
    print([q.tolist() for q in s.run(sv)])
    print([q.tolist() for q in s.run(sv2)])
    print(s.run(w)[:3, :3].astype(np.float64).tolist())
