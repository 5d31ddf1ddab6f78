"""A Transformer encoder-decoder block written by hand as in TF 1.x research code (tensor2tensor
-style einsum projections): multi-head attention with tf.einsum ('btd,dhe->bthe',
'bqhe,bkhe->bhqk', 'bhqk,bkhe->bqhe', 'bthe,hed->btd'), key padding masks from
tf.sequence_mask of lengths, a causal mask from tf.matrix_band_part, tf.contrib.layers.layer_norm
with begin_norm_axis=-1, GELU by tanh, dropout with op seeds, a masked cross-entropy with
tf.sequence_mask weights in tf.losses.sparse_softmax_cross_entropy, Adam with
clip_by_global_norm; op counts, einsum op types, losses and gradient hashes."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1231)
rs = np.random.RandomState(1232)
B, S, T, D, NH, V = 3, 5, 4, 8, 2, 11
K = D // NH
src = tf.placeholder(tf.int32, [None, None], "src")
tgt = tf.placeholder(tf.int32, [None, None], "tgt")
src_len = tf.placeholder(tf.int32, [None], "src_len")
tgt_len = tf.placeholder(tf.int32, [None], "tgt_len")
training = tf.placeholder_with_default(True, [], "training")
init = tf.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=21)
emb = tf.get_variable("emb", [V, D],
                      initializer=tf.random_normal_initializer(0, D ** -0.5, seed=22))


def gelu(x):
    return 0.5 * x * (1.0 + tf.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3))))


def attention(q_in, kv_in, bias, scope):
    with tf.variable_scope(scope):
        wq = tf.get_variable("wq", [D, NH, K], initializer=init)
        wk = tf.get_variable("wk", [D, NH, K], initializer=init)
        wv = tf.get_variable("wv", [D, NH, K], initializer=init)
        wo = tf.get_variable("wo", [NH, K, D], initializer=init)
        q = tf.einsum("btd,dhe->bthe", q_in, wq) * K ** -0.5
        k = tf.einsum("btd,dhe->bthe", kv_in, wk)
        v = tf.einsum("btd,dhe->bthe", kv_in, wv)
        logits = tf.einsum("bqhe,bkhe->bhqk", q, k) + bias
        w = tf.nn.softmax(logits)
        w = tf.layers.dropout(w, 0.1, training=training, seed=23)
        ctx = tf.einsum("bhqk,bkhe->bqhe", w, v)
        return tf.einsum("bthe,hed->btd", ctx, wo), w


def ln(x, scope):
    return tf.contrib.layers.layer_norm(x, begin_norm_axis=-1, begin_params_axis=-1,
                                        scope=scope)


def block(x, kv, self_bias, cross_bias, scope):
    with tf.variable_scope(scope):
        a, w1 = attention(x, x, self_bias, "self")
        x = ln(x + a, "ln1")
        w2 = None
        if kv is not None:
            c, w2 = attention(x, kv, cross_bias, "cross")
            x = ln(x + c, "ln2")
        f = tf.layers.dense(gelu(tf.layers.dense(x, 2 * D, kernel_initializer=init, name="ff1")), D,
                            kernel_initializer=init, name="ff2")
        f = tf.layers.dropout(f, 0.1, training=training, seed=24)
        return ln(x + f, "ln3"), w1, w2


n0 = len(tf.get_default_graph().get_operations())
src_mask = tf.sequence_mask(src_len, tf.shape(src)[1], dtype=tf.float32)
print("ops sequence_mask", len(tf.get_default_graph().get_operations()) - n0, src_mask.shape)
enc_bias = (1.0 - src_mask)[:, None, None, :] * -1e9
tl = tf.shape(tgt)[1]
causal = tf.matrix_band_part(tf.ones([tl, tl]), -1, 0)
dec_bias = (1.0 - causal)[None, None] * -1e9
x = tf.nn.embedding_lookup(emb, src) * D ** 0.5
n0 = len(tf.get_default_graph().get_operations())
enc, ew, _ = block(x, None, enc_bias, None, "enc")
print("ops enc block", len(tf.get_default_graph().get_operations()) - n0)
y = tf.nn.embedding_lookup(emb, tgt) * D ** 0.5
dec, dw, cw = block(y, enc, dec_bias, enc_bias, "dec")
logits = tf.einsum("btd,vd->btv", dec, emb)
tgt_out = tf.concat([tgt[:, 1:], tf.zeros_like(tgt[:, :1])], 1)
weights = tf.sequence_mask(tgt_len - 1, tl, dtype=tf.float32)
loss = tf.losses.sparse_softmax_cross_entropy(tgt_out, logits, weights=weights)
tv = tf.trainable_variables()
grads = tf.gradients(loss, tv)
clipped, gnorm = tf.clip_by_global_norm(grads, 1.0)
train = tf.train.AdamOptimizer(3e-3).apply_gradients(zip(clipped, tv))
ops = tf.get_default_graph().get_operations()
print("ops total", len(ops))
print("einsum types", sorted(set(o.type for o in ops if "einsum" in o.name.lower())))
print("vars", [(v.op.name, v.shape.as_list()) for v in tv])
feed = {src: rs.randint(1, V, (B, S)), tgt: rs.randint(1, V, (B, T)),
        src_len: [5, 3, 2], tgt_len: [4, 4, 2]}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("mask", sess.run(src_mask, feed).tolist())
    for i in range(5):
        lv, g, _ = sess.run([loss, gnorm, train], feed)
        print(i, repr(float(lv)), repr(float(g)))
    feed[training] = False
    print("eval", repr(float(sess.run(loss, feed))))
    a, b, c = sess.run([ew, dw, cw], feed)
    print("attn", H(a), H(b), H(c))
    print("cross row", c[2, 0, 1].tolist())
    gv = sess.run(grads, feed)
    print("emb grad", type(gv[0]).__name__, H(gv[0].values), gv[0].indices.tolist(),
          gv[0].dense_shape.tolist())
    print("grads", [H(g) for g in gv[1:]])
