"""A text classifier in the Kim-CNN style with extras: embeddings with a padding mask,
conv1d filters of widths 2/3/4, k-max pooling via tf.nn.top_k over the transposed time
axis, a causal self-attention block with tf.einsum and tf.linalg.band_part, dropout with
an op seed, label smoothing in softmax_cross_entropy, Adam with an l2 penalty from
tf.add_n over the kernels; argmax predictions and a confusion matrix."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(861)
rs = np.random.RandomState(862)
V, E, T, B, C = 30, 8, 12, 6, 3
tok = tf.placeholder(tf.int32, [B, T])
lab = tf.placeholder(tf.int32, [B])
emb = tf.get_variable("emb", [V, E])
mask = tf.cast(tf.not_equal(tok, 0), tf.float32)[:, :, None]
x = tf.nn.embedding_lookup(emb, tok) * mask
q = tf.layers.dense(x, E, use_bias=False, name="q")
k = tf.layers.dense(x, E, use_bias=False, name="k")
att = tf.einsum("btd,bsd->bts", q, k) / np.sqrt(E).astype(np.float32)
causal = tf.linalg.band_part(tf.ones([T, T]), -1, 0)
att = att * causal - 1e9 * (1 - causal)
x = x + tf.einsum("bts,bsd->btd", tf.nn.softmax(att), x)
feats = []
for w in (2, 3, 4):
    c = tf.layers.conv1d(x, 5, w, activation=tf.nn.relu, name="conv%d" % w)
    top, _ = tf.nn.top_k(tf.transpose(c, [0, 2, 1]), k=2)
    feats.append(tf.reshape(top, [B, 10]))
h = tf.nn.dropout(tf.concat(feats, 1), keep_prob=0.8, seed=7)
logits = tf.layers.dense(h, C)
l2 = tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables() if "kernel" in v.name])
loss = tf.losses.softmax_cross_entropy(tf.one_hot(lab, C), logits, label_smoothing=0.1)
loss = loss + 1e-3 * l2
train = tf.train.AdamOptimizer(0.01).minimize(loss)
pred = tf.argmax(logits, 1, output_type=tf.int32)
cm = tf.confusion_matrix(lab, pred, num_classes=C)
print(len(tf.get_default_graph().get_operations()))
TOK = rs.randint(1, V, (B, T)).astype(np.int32)
for b, n in enumerate([12, 9, 7, 12, 5, 10]):
    TOK[b, n:] = 0
LAB = np.array([0, 1, 2, 0, 1, 2], np.int32)
fd = {tok: TOK, lab: LAB}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
    print(s.run(cm, fd).tolist(), H(s.run(att, fd)))
