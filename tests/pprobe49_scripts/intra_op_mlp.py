"""An MLP trained by Momentum under ConfigProto(intra_op_parallelism_threads=1 / 2 / unset,
inter_op_parallelism_threads=1, allow_soft_placement, log_device_placement=False,
device_count={'GPU': 0}): Eigen shards TF's float32 MatMul by its thread count, so the bits
of a product may differ between one thread and the host's default; hashes of the weights'
bytes and a few values at full precision per configuration."""
import hashlib

import numpy as np
import tensorflow as tf

np.random.seed(3)
X = np.random.randn(96, 160).astype(np.float32)
Y = np.random.randint(0, 10, size=96).astype(np.int32)


def h(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()[:16]


def train(config):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        x = tf.placeholder(tf.float32, [None, 160], name="x")
        y = tf.placeholder(tf.int32, [None], name="y")
        h1 = tf.layers.dense(x, 384, activation=tf.nn.relu, name="h1",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        h2 = tf.layers.dense(h1, 700, activation=tf.nn.relu, name="h2",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        logits = tf.layers.dense(h2, 10, name="out",
                                 kernel_initializer=tf.glorot_uniform_initializer(seed=3))
        loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
        step = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
        init = tf.global_variables_initializer()
        n_ops = len(g.get_operations())
    with tf.Session(graph=g, config=config) as sess:
        sess.run(init)
        losses = [sess.run([loss, step], {x: X, y: Y})[0] for _ in range(4)]
        ws = sess.run([g.get_tensor_by_name(n + ":0") for n in
                       ("h1/kernel", "h2/kernel", "out/kernel", "out/bias")])
    return n_ops, losses, ws


configs = [
    ("default", None),
    ("intra1", tf.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1,
                              allow_soft_placement=True, log_device_placement=False,
                              device_count={"GPU": 0})),
    ("intra2", tf.ConfigProto(intra_op_parallelism_threads=2, inter_op_parallelism_threads=2,
                              allow_soft_placement=True)),
]
res = {}
for name, cfg in configs:
    n_ops, losses, ws = train(cfg)
    res[name] = ws
    print(name, n_ops, [repr(float(v)) for v in losses])
    print(" ", [h(w) for w in ws])
    print(" ", repr(ws[2][0, :3].tolist()), repr(ws[3][:3].tolist()))
print("same 1 vs default", [bool(np.array_equal(a, b))
                            for a, b in zip(res["intra1"], res["default"])])
print("same 2 vs default", [bool(np.array_equal(a, b))
                            for a, b in zip(res["intra2"], res["default"])])
