"""Gatys-style texture synthesis with a fixed random two-layer conv net: Gram matrices
three ways (tf.einsum 'bijc,bijd->bcd', tf.linalg.einsum on a reshaped matrix and
tf.matmul with transpose_a), a weighted style loss over the layers, an edge-preserving
term from tf.image.image_gradients and tf.image.sobel_edges, total_variation, the image
as a variable optimized by Adam with var_list and clipped with tf.assign; losses and
hashes of the image at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1461)
rs = np.random.RandomState(1462)
target = tf.constant(rs.uniform(size=(1, 14, 14, 3)).astype(np.float32))
img = tf.Variable(tf.random_uniform([1, 14, 14, 3], seed=1), name="img")
k1 = tf.constant(rs.normal(scale=0.4, size=(3, 3, 3, 6)).astype(np.float32))
k2 = tf.constant(rs.normal(scale=0.3, size=(3, 3, 6, 8)).astype(np.float32))


def features(t):
    f1 = tf.nn.relu(tf.nn.conv2d(t, k1, [1, 1, 1, 1], "SAME"))
    p = tf.nn.avg_pool(f1, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    f2 = tf.nn.relu(tf.nn.conv2d(p, k2, [1, 1, 1, 1], "SAME"))
    return [f1, f2]


def gram_einsum(f):
    n = tf.cast(tf.shape(f)[1] * tf.shape(f)[2], tf.float32)
    return tf.einsum('bijc,bijd->bcd', f, f) / n


def gram_matmul(f):
    c = f.shape[-1].value
    flat = tf.reshape(f, [-1, c])
    return tf.matmul(flat, flat, transpose_a=True) / tf.cast(tf.shape(flat)[0], tf.float32)


def gram_linalg(f):
    c = f.shape[-1].value
    flat = tf.reshape(f, [-1, c])
    return tf.linalg.einsum('nc,nd->cd', flat, flat) / tf.cast(tf.shape(flat)[0], tf.float32)


tf_feats = features(target)
im_feats = features(img)
style = tf.add_n([w * tf.reduce_mean(tf.square(gram_einsum(a) - gram_einsum(b)))
                  for w, a, b in zip([1.0, 0.5], im_feats, tf_feats)])
g_check = [gram_matmul(tf_feats[1]), gram_linalg(tf_feats[1]), gram_einsum(tf_feats[1])[0]]
dy, dx = tf.image.image_gradients(img)
tdy, tdx = tf.image.image_gradients(target)
edge = tf.reduce_mean(tf.abs(dy - tdy)) + tf.reduce_mean(tf.abs(dx - tdx))
sob = tf.image.sobel_edges(img)
sob_loss = 0.01 * tf.reduce_mean(tf.square(sob - tf.image.sobel_edges(target)))
tv = 1e-4 * tf.reduce_sum(tf.image.total_variation(img))
loss = style + 0.1 * edge + sob_loss + tv
opt = tf.train.AdamOptimizer(0.02, beta1=0.9, beta2=0.99, epsilon=1e-1)
step = opt.minimize(loss, var_list=[img])
with tf.control_dependencies([step]):
    clip = tf.assign(img, tf.clip_by_value(img, 0.0, 1.0))
print("ops", len(tf.get_default_graph().get_operations()))
print("sobel", sob.shape, "slots", sorted(opt.get_slot_names()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    gm = sess.run(g_check)
    print("gram", [h(a) for a in gm], repr(float(gm[0][2, 5])), repr(float(gm[1][2, 5])),
          repr(float(gm[2][2, 5])))
    for i in range(12):
        _, lv, sv, ev, tv_ = sess.run([clip, loss, style, edge, tv])
        print(i, repr(float(lv)), repr(float(sv)), repr(float(ev)), repr(float(tv_)))
    final = sess.run(img)
    print("img", h(final), [repr(float(v)) for v in final[0, 7, 7]])
