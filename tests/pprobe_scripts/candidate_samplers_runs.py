"""uniform (unique and not), log_uniform over a large range, learned_unigram and fixed_unigram
(distortion 0) candidate samplers with num_true=3 over four runs (the learned counts grow)."""
import tensorflow as tf

tf.set_random_seed(103)
g = tf.get_default_graph()
lab = tf.constant([[1, 5, 9], [0, 2, 2]], tf.int64)
s = {}
s["uni_u"] = tf.nn.uniform_candidate_sampler(lab, 3, 6, True, 20)
s["uni_nu"] = tf.random.uniform_candidate_sampler(lab, 3, 8, False, 10, seed=3)
s["log_big"] = tf.nn.log_uniform_candidate_sampler(lab, 3, 7, True, 1000000)
s["learned"] = tf.nn.learned_unigram_candidate_sampler(lab, 3, 5, False, 12, seed=2)
s["fixed_u"] = tf.nn.fixed_unigram_candidate_sampler(
    lab, 3, 4, True, 10, unigrams=[5, 1, 1, 1, 1, 8, 1, 1, 1, 3], distortion=0.0
)
print(len(g.get_operations()))
with tf.Session() as sess:
    for r in range(4):
        for k in sorted(s):
            a, t, e = sess.run(s[k])
            print(
                r, k, a.tolist(), [repr(float(v)) for v in t.ravel()], [repr(float(v)) for v in e]
            )
