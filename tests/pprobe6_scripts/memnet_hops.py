"""An end-to-end memory network (bAbI style) on made-up stories: bag-of-words sentence
embeddings with position encoding and temporal encoding, 3 hops with adjacent weight tying,
softmax attention over memories via tf.einsum and matmul, answer prediction with a
softmax over the vocabulary; trained with SGD and clip_by_norm per gradient."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(81)
rs = np.random.RandomState(82)
V, M, J, D, B = 12, 5, 4, 6, 3
stories = rs.randint(1, V, size=(B, M, J)).astype(np.int32)
stories[:, :, 3] = 0
query = rs.randint(1, V, size=(B, J)).astype(np.int32)
ans = rs.randint(1, V, size=(B,)).astype(np.int32)
pe = np.ones((J, D), np.float32)
for j in range(1, J + 1):
    for k in range(1, D + 1):
        pe[j - 1, k - 1] = (1 - j / J) - (k / D) * (1 - 2 * j / J)
st = tf.constant(stories)
q = tf.constant(query)
init = tf.random_normal_initializer(0, 0.1, seed=5)
embs = [tf.get_variable("A%d" % k, [V, D], initializer=init) for k in range(4)]
TA = tf.get_variable("TA", [M, D], initializer=init)
TC = tf.get_variable("TC", [M, D], initializer=init)
u = tf.reduce_sum(tf.nn.embedding_lookup(embs[0], q) * pe, 1)
attn = []
for hop in range(3):
    m_in = tf.reduce_sum(tf.nn.embedding_lookup(embs[hop], st) * pe, 2) + TA
    c_out = tf.reduce_sum(tf.nn.embedding_lookup(embs[hop + 1], st) * pe, 2) + TC
    p = tf.nn.softmax(tf.einsum("bmd,bd->bm", m_in, u))
    attn.append(p)
    o = tf.squeeze(tf.matmul(p[:, None, :], c_out), 1)
    u = u + o
logits = tf.matmul(u, embs[3], transpose_b=True)
loss = tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ans, logits=logits))
opt = tf.train.GradientDescentOptimizer(0.05)
gv = [(tf.clip_by_norm(g, 1.0), v) for g, v in opt.compute_gradients(loss)]
train = opt.apply_gradients(gv)
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(10):
        lv, _ = s.run([loss, train])
        if i % 3 == 0:
            print("step", i, repr(float(lv)))
    a = s.run(attn)
    print("attn", [H(x) for x in a], a[0][0].tolist())
    print("pred", s.run(tf.argmax(logits, 1)).tolist(), ans.tolist())
