"""A character-level CNN text classifier (Zhang et al. style): one-hot characters from a
string alphabet via tf.string_split/lookup-free byte decoding (tf.decode_raw of padded
strings), tf.one_hot, conv1d stacks with max_pooling1d, a Kim-style multi-width branch with
reduce_max over time, dropout with seed, dense layers, Nesterov momentum with exponential_decay:
op counts, losses, predictions."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1041)
rs = np.random.RandomState(1042)
L = 24
texts = [b"the cat sat on the mat", b"a dog ran far away", b"flowers bloom in spring",
         b"stocks fell sharply today", b"rain again in the city", b"cats chase the mice"]
labels = np.array([0, 0, 1, 2, 1, 0], np.int32)
S = tf.placeholder(tf.string, [None])
Y = tf.placeholder(tf.int32, [None])
padded = tf.strings.substr(tf.strings.join([S, tf.fill(tf.shape(S), " " * L)]), 0, L)
codes = tf.reshape(tf.cast(tf.decode_raw(padded, tf.uint8), tf.int32), [-1, L])
cid = tf.where(codes >= 97, codes - 96, tf.zeros_like(codes))
x = tf.one_hot(cid, 27)
init = tf.glorot_uniform_initializer(seed=1043)
h = tf.layers.conv1d(x, 8, 5, activation=tf.nn.relu, kernel_initializer=init, name="c1")
h = tf.layers.max_pooling1d(h, 2, 2)
h = tf.layers.conv1d(h, 8, 3, padding="same", activation=tf.nn.relu, kernel_initializer=init,
                     name="c2")
h = tf.layers.max_pooling1d(h, 3, 3)
kim = [tf.reduce_max(tf.layers.conv1d(x, 4, w, activation=tf.nn.relu, kernel_initializer=init,
                                      name="k%d" % w), 1) for w in (2, 3, 4)]
f = tf.concat([tf.layers.flatten(h)] + kim, 1)
f = tf.layers.dropout(f, 0.3, training=True, seed=1044)
f = tf.layers.dense(f, 16, tf.nn.relu, kernel_initializer=init)
logits = tf.layers.dense(f, 3, kernel_initializer=init)
loss = tf.losses.sparse_softmax_cross_entropy(Y, logits)
gs = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(0.01, gs, 3, 0.7, staircase=True)
train = tf.train.MomentumOptimizer(lr * 10, 0.9, use_nesterov=True).minimize(loss, global_step=gs)
pred = tf.argmax(logits, 1)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(padded, {S: texts[:2]}).tolist())
    print(s.run(cid, {S: texts[:1]}).tolist())
    for i in range(8):
        lv, r, _ = s.run([loss, lr, train], {S: texts, Y: labels})
        print(i, repr(float(lv)), repr(float(r)))
    print(s.run(pred, {S: texts}).tolist())
    print(H(s.run(logits, {S: texts})))
