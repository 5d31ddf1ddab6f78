"""A small transformer encoder block: sinusoidal positions, multi-head self-attention with a
padding mask (split heads by reshape/transpose), residual + layer_norm, position-wise FFN
with dropout, Adam with warmup rsqrt schedule."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(101)
V, D, NH, B, T = 20, 8, 2, 2, 5
rs = np.random.RandomState(4)
ids = tf.constant(rs.randint(1, V, (B, T)).astype(np.int32) * np.array([[1] * 5, [1, 1, 1, 0, 0]]))
tgt = tf.constant(rs.randint(0, 3, B).astype(np.int32))
emb = tf.get_variable("emb", [V, D], initializer=tf.random_normal_initializer(0, D ** -0.5))
x = tf.nn.embedding_lookup(emb, ids) * D ** 0.5
pos = np.arange(T)[:, None] / np.power(10000.0, 2 * (np.arange(D)[None] // 2) / D)
pos[:, 0::2] = np.sin(pos[:, 0::2])
pos[:, 1::2] = np.cos(pos[:, 1::2])
x = x + tf.constant(pos.astype(np.float32))
pad = tf.cast(tf.equal(ids, 0), tf.float32)
bias = pad[:, None, None, :] * -1e9


def split(t):
    return tf.transpose(tf.reshape(t, [B, T, NH, D // NH]), [0, 2, 1, 3])


with tf.variable_scope("block"):
    q = split(tf.layers.dense(x, D, use_bias=False, name="q"))
    k = split(tf.layers.dense(x, D, use_bias=False, name="k"))
    v = split(tf.layers.dense(x, D, use_bias=False, name="v"))
    w = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) * (D // NH) ** -0.5 + bias)
    a = tf.reshape(tf.transpose(tf.matmul(w, v), [0, 2, 1, 3]), [B, T, D])
    a = tf.layers.dense(a, D, name="o")
    h = tf.contrib.layers.layer_norm(x + tf.nn.dropout(a, keep_prob=0.9, seed=1),
                                     begin_norm_axis=-1)
    f = tf.layers.dense(tf.layers.dense(h, 16, tf.nn.relu, name="ff1"), D, name="ff2")
    h = tf.contrib.layers.layer_norm(h + tf.layers.dropout(f, 0.1, training=True),
                                     begin_norm_axis=-1)
pooled = tf.reduce_sum(h * (1 - pad)[:, :, None], 1) / tf.reduce_sum(1 - pad, 1, keepdims=True)
logits = tf.layers.dense(pooled, 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tgt, logits=logits))
gs = tf.train.get_or_create_global_step()
step = tf.cast(gs + 1, tf.float32)
lr = D ** -0.5 * tf.minimum(step ** -0.5, step * 4.0 ** -1.5)
train = tf.train.AdamOptimizer(lr, 0.9, 0.98, 1e-9).minimize(loss, global_step=gs)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, r, _ = s.run([loss, lr, train])
        print(i, repr(float(lv)), repr(float(r)))
    print(H(s.run(w)))
    for v_ in tf.trainable_variables():
        print(v_.name, H(s.run(v_)))
