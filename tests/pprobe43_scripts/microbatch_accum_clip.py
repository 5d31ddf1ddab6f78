"""Gradient accumulation over micro-batches with non-trainable accumulator variables, as
in public BERT / GPT-2 fine-tuning forks: compute_gradients with gate_gradients GATE_OP
(an MLP) and GATE_GRAPH (the same gradients again), accumulators zeroed / accumulated with
assign_add of each micro-batch's gradients, then averaged, clipped with
tf.clip_by_global_norm and applied with Adam on a step counter. Prints the op counts, the
names, the global norms and the weights' hashes."""
import collections
import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
rng = np.random.RandomState(9)
X = rng.uniform(-1, 1, (4, 5, 6)).astype(np.float32)     # 4 micro-batches of 5
Y = (X.sum(axis=2) > 0).astype(np.int64)
MICRO = 4

x = tf.placeholder(tf.float32, [None, 6], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
h = tf.layers.dense(x, 8, activation=tf.nn.tanh, name="h",
                    kernel_initializer=tf.glorot_uniform_initializer(seed=4))
logits = tf.layers.dense(h, 2, name="out",
                         kernel_initializer=tf.truncated_normal_initializer(stddev=0.3, seed=5))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
step = tf.train.get_or_create_global_step()
opt = tf.train.AdamOptimizer(0.05, epsilon=1e-6)
gvs = opt.compute_gradients(loss, gate_gradients=tf.train.Optimizer.GATE_OP)
gvs_graph = opt.compute_gradients(loss, gate_gradients=tf.train.Optimizer.GATE_GRAPH)
tvars = [v for _, v in gvs]
accum = [tf.Variable(tf.zeros_like(v.initialized_value()), trainable=False,
                     name=v.op.name.replace("/", "_") + "_acc") for v in tvars]
zero = tf.group(*[a.assign(tf.zeros_like(a)) for a in accum], name="zero")
add = tf.group(*[a.assign_add(g) for a, (g, _) in zip(accum, gvs)], name="accumulate")
avg = [a / MICRO for a in accum]
clipped, norm = tf.clip_by_global_norm(avg, 0.5)
train = opt.apply_gradients(zip(clipped, tvars), global_step=step, name="apply")

g = tf.get_default_graph()
print(len(g.get_operations()))
print(sorted(collections.Counter(op.type for op in g.get_operations()).items()))
print([gg.name for gg, _ in gvs])
print([gg.name for gg, _ in gvs_graph])
print([v.name for v in tf.global_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    same = sess.run([gg for gg, _ in gvs] + [gg for gg, _ in gvs_graph],
                    {x: X[0], y: Y[0]})
    print(all(np.array_equal(a, b) for a, b in zip(same[:4], same[4:])))
    for epoch in range(3):
        sess.run(zero)
        losses = []
        for i in range(MICRO):
            lv, _ = sess.run([loss, add], {x: X[i], y: Y[i]})
            losses.append(repr(float(lv)))
        n, _ = sess.run([norm, train])
        print(epoch, losses, repr(float(n)))
    for v in sess.run(tvars):
        print(v.shape, hashlib.sha1(v.tobytes()).hexdigest()[:16])
    print(sess.run(step), repr(sess.run(tf.global_norm(accum)).item()))
