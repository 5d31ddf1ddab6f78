"""Float16 layers as mixed-precision TF1 models build them: tf.layers.batch_normalization on
float16 conv activations (fused and unfused; the float32 moving statistics and their update
ops), tf.contrib.layers.batch_norm on half input, tf.nn.moments / tf.nn.batch_normalization
in float16, softmax_cross_entropy_with_logits_v2 and the sparse variant on float16 logits
with their gradients, tf.losses on logits cast back to float32, log_softmax and
reduce_logsumexp in half; op types and dtypes, values and hashes at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5121)
rs = np.random.RandomState(5122)
X = (rs.randn(4, 5, 5, 3) * 3.0).astype(np.float16)
x = tf.constant(X)
tr = tf.placeholder_with_default(True, [])
g = tf.get_default_graph()
with tf.variable_scope("net", dtype=tf.float16):
    c = tf.layers.conv2d(x, 4, 3, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    n0 = len(g.get_operations())
    bf = tf.layers.batch_normalization(c, training=tr, fused=True)
    print("bn fused ops", len(g.get_operations()) - n0,
          sorted({o.type for o in g.get_operations()[n0:]}))
    n1 = len(g.get_operations())
    bu = tf.layers.batch_normalization(c, training=tr, fused=False, momentum=0.5)
    print("bn unfused ops", len(g.get_operations()) - n1, bu.dtype.name)
    bc = tf.contrib.layers.batch_norm(c, is_training=True, scale=True)
    print("contrib bn", bc.dtype.name, bc.op.type)
print("bn vars", [(v.op.name, v.dtype.base_dtype.name) for v in tf.global_variables()
                  if "batch" in v.op.name.lower()])
upd = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print("update ops", [o.name for o in upd])
mean, var = tf.nn.moments(c, [0, 1, 2])
bn2 = tf.nn.batch_normalization(c, mean, var, tf.constant(0.5, tf.float16),
                                tf.constant(2.0, tf.float16), 1e-3)
print("moments", mean.dtype.name, var.dtype.name, bn2.dtype.name)
logits = tf.layers.dense(tf.layers.flatten(bf), 3,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=2))
print("logits", logits.dtype.name)
Lab = np.eye(3, dtype=np.float16)[rs.randint(0, 3, 4)]
xe = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(Lab), logits=logits)
sxe = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.argmax(Lab, 1), logits=logits)
print("xe", xe.dtype.name, xe.op.type, sxe.dtype.name, sxe.op.type)
l32 = tf.losses.softmax_cross_entropy(tf.constant(Lab.astype(np.float32)),
                                      tf.cast(logits, tf.float32), label_smoothing=0.1)
gx = tf.gradients(tf.reduce_sum(xe) + tf.reduce_sum(sxe), [logits, c])
gl = [a for a in tf.gradients(l32, tf.trainable_variables()) if a is not None]
print("grad dtypes", [a.dtype.name for a in gx], [a.dtype.name for a in gl])
lsm = tf.nn.log_softmax(logits)
lse = tf.reduce_logsumexp(logits, 1)
big = tf.constant([[60000.0, 1.0, -60000.0], [3.0, 3.0, 3.0]], tf.float16)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run({"bf": bf, "bu": bu, "bc": bc, "bn2": bn2, "mean": mean, "var": var})
    for k in sorted(r):
        print(k, H(r[k]))
    print("mean", r["mean"].tolist())
    print("var", r["var"].tolist())
    for i in range(2):
        sess.run(upd)
    mv = [v for v in tf.global_variables() if "moving" in v.op.name]
    for v, val in zip(mv, sess.run(mv)):
        print(v.op.name, val.dtype.name, val.tolist())
    print("infer", H(sess.run(bf, {tr: False})), H(sess.run(bu, {tr: False})))
    print("logits", sess.run(logits).tolist())
    print("xe", sess.run(xe).tolist(), sess.run(sxe).tolist())
    print("l32", repr(float(sess.run(l32))))
    print("gx", [H(a) for a in sess.run(gx)])
    print("gl", [H(a) for a in sess.run(gl)])
    print("lsm", sess.run(lsm).tolist())
    print("lse", sess.run(lse).tolist())
    print("big", sess.run(tf.nn.softmax(big)).tolist(), sess.run(tf.nn.log_softmax(big)).tolist())
    print("bigxe", sess.run(tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=tf.constant([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], tf.float16),
        logits=big)).tolist())
