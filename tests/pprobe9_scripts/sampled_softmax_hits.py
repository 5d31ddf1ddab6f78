"""A word-level language model's output layer trained with tf.nn.sampled_softmax_loss:
remove_accidental_hits True and False, num_true 1 and 2, explicit sampled_values from
log_uniform/uniform/fixed_unigram candidate samplers with seeds, a partitioned softmax
weight (div), and the full-softmax evaluation loss; Momentum: op counts, losses, weights."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1061)
rs = np.random.RandomState(1062)
V, D, B, NS = 20, 5, 6, 8
Xf = tf.placeholder(tf.float32, [B, D])
Y1 = tf.placeholder(tf.int64, [B, 1])
Y2 = tf.placeholder(tf.int64, [B, 2])
init = tf.truncated_normal_initializer(stddev=0.3, seed=1063)
W = tf.get_variable("W", [V, D], initializer=init)
b = tf.get_variable("b", [V], initializer=tf.zeros_initializer())
Wp = tf.get_variable("Wp", [V, D], initializer=init, partitioner=tf.fixed_size_partitioner(2))
h = tf.layers.dense(Xf, D, tf.tanh, kernel_initializer=tf.glorot_uniform_initializer(seed=1064))
sv_u = tf.nn.uniform_candidate_sampler(Y1, 1, NS, True, V, seed=1065)
sv_f = tf.nn.fixed_unigram_candidate_sampler(Y2, 2, NS, False, V,
                                             unigrams=list(range(1, V + 1)), distortion=0.75,
                                             seed=1066)
losses = {
    "hits": tf.nn.sampled_softmax_loss(W, b, Y1, h, NS, V, remove_accidental_hits=True, seed=1067),
    "nohits": tf.nn.sampled_softmax_loss(W, b, Y1, h, NS, V, remove_accidental_hits=False,
                                         seed=1067),
    "true2": tf.nn.sampled_softmax_loss(W, b, Y2, h, NS, V, num_true=2, seed=1068),
    "uniform": tf.nn.sampled_softmax_loss(W, b, Y1, h, NS, V, sampled_values=sv_u),
    "fixed": tf.nn.sampled_softmax_loss(W, b, Y2, h, NS, V, num_true=2, sampled_values=sv_f),
    "part": tf.nn.sampled_softmax_loss(list(Wp), b, Y1, h, NS, V, partition_strategy="div",
                                       seed=1069),
}
full = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.squeeze(Y1, 1), logits=tf.matmul(h, W, transpose_b=True) + b))
total = tf.add_n([tf.reduce_mean(losses[k]) for k in sorted(losses)])
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(total)
print(len(tf.get_default_graph().get_operations()))
x = rs.randn(B, D).astype(np.float32)
y2 = rs.randint(0, V, (B, 2)).astype(np.int64)
fd = {Xf: x, Y1: y2[:, :1], Y2: y2}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        f = s.run(full, fd)
        vals, _ = s.run([losses, train], fd)
        print(i, repr(float(f)))
        for k in sorted(vals):
            print(" ", k, vals[k].tolist())
    print(H(s.run(W)), H(s.run(b)), [H(p) for p in s.run(list(Wp))])
