"""A Transformer encoder by hand (multi-head self-attention with padding and causal masks,
layer norm from moments, positional encodings, ReLU feed-forward, tied softmax, label
smoothing, Noam learning-rate schedule, Adam): op counts, losses and values."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1234)
rng = np.random.RandomState(0)
B, T, V, D, NH, FF = 2, 6, 16, 8, 2, 16
ids = rng.randint(1, V, (B, T)).astype(np.int32)
ids[1, 4:] = 0
labels_np = rng.randint(1, V, (B, T)).astype(np.int32)


def positional_encoding(T, D):
    pos = np.arange(T)[:, None]
    i = np.arange(D)[None, :]
    ang = pos / np.power(10000, (2 * (i // 2)) / np.float32(D))
    ang[:, 0::2] = np.sin(ang[:, 0::2])
    ang[:, 1::2] = np.cos(ang[:, 1::2])
    return tf.constant(ang, dtype=tf.float32)


def layer_norm(x, scope, eps=1e-6):
    with tf.variable_scope(scope):
        g = tf.get_variable("gamma", [D], initializer=tf.ones_initializer())
        b = tf.get_variable("beta", [D], initializer=tf.zeros_initializer())
        mean, var = tf.nn.moments(x, [-1], keep_dims=True)
        return g * (x - mean) / tf.sqrt(var + eps) + b


def multihead(q, k, v, mask, scope):
    with tf.variable_scope(scope):
        Q = tf.layers.dense(q, D, use_bias=False, name="q")
        K = tf.layers.dense(k, D, use_bias=False, name="k")
        Vv = tf.layers.dense(v, D, use_bias=False, name="v")
        Q_ = tf.concat(tf.split(Q, NH, axis=2), axis=0)
        K_ = tf.concat(tf.split(K, NH, axis=2), axis=0)
        V_ = tf.concat(tf.split(Vv, NH, axis=2), axis=0)
        out = tf.matmul(Q_, tf.transpose(K_, [0, 2, 1])) / (D // NH) ** 0.5
        m = tf.tile(mask, [NH, 1])
        m = tf.tile(tf.expand_dims(m, 1), [1, tf.shape(q)[1], 1])
        pad = tf.ones_like(out) * (-2 ** 32 + 1)
        out = tf.where(tf.equal(m, 0), pad, out)
        diag = tf.ones_like(out[0, :, :])
        tril = tf.linalg.LinearOperatorLowerTriangular(diag).to_dense()
        fmask = tf.tile(tf.expand_dims(tril, 0), [tf.shape(out)[0], 1, 1])
        out = tf.where(tf.equal(fmask, 0), pad, out)
        out = tf.nn.softmax(out)
        out = out
        out = tf.matmul(out, V_)
        out = tf.concat(tf.split(out, NH, axis=0), axis=2)
        out = tf.layers.dense(out, D, name="o")
        out = out + q
        return layer_norm(out, "ln")


x_ids = tf.constant(ids)
mask = tf.to_float(tf.not_equal(x_ids, 0))
emb = tf.get_variable("emb", [V, D], initializer=tf.contrib.layers.xavier_initializer())
x = tf.nn.embedding_lookup(emb, x_ids) * D ** 0.5
x = x + positional_encoding(T, D)
print("emb", len(tf.get_default_graph().get_operations()))
for blk in range(2):
    with tf.variable_scope("block_%d" % blk):
        x = multihead(x, x, x, mask, "self_attn")
        h = tf.layers.dense(x, FF, activation=tf.nn.relu, name="ff1")
        h = tf.layers.dense(h, D, name="ff2")
        x = layer_norm(x + h, "ln_ff")
print("blocks", len(tf.get_default_graph().get_operations()))
logits = tf.matmul(tf.reshape(x, [-1, D]), emb, transpose_b=True)
logits = tf.reshape(logits, [B, T, V])
y = tf.constant(labels_np)
y_smooth = tf.one_hot(y, V) * (1 - 0.1) + 0.1 / V
ce = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_smooth, logits=logits)
loss = tf.reduce_sum(ce * mask) / (tf.reduce_sum(mask) + 1e-7)
gs = tf.train.get_or_create_global_step()
warm = 4.0
step = tf.cast(gs + 1, tf.float32)
lr = 0.05 * D ** -0.5 * tf.minimum(step * warm ** -1.5, step ** -0.5)
opt = tf.train.AdamOptimizer(lr, beta1=0.9, beta2=0.98, epsilon=1e-9)
train = opt.minimize(loss, global_step=gs)
print(len(tf.get_default_graph().get_operations()))
g_emb = tf.gradients(loss, emb)[0]
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, r, _ = s.run([loss, lr, train])
        print(i, repr(float(lv)), repr(float(r)))
    print(s.run(emb)[1, :4].astype(np.float64).tolist())
    print(s.run(tf.convert_to_tensor(g_emb))[3, :4].astype(np.float64).tolist())
