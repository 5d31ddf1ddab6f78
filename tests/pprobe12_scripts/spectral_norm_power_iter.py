"""Spectral normalization as in the SN-GAN TF1 reference code (taki0112 / minhnhat93
ports): a non-trainable `u` vector variable per weight, one power-iteration step with
l2_normalize, sigma = u^T W v with stop_gradient on u and v, tf.assign(u, u_hat) inside
tf.control_dependencies before the normalized weight is formed; a dense and a conv2d
critic, a hinge loss, Adam; sigma per step, u after updates, op counts, UPDATE_OPS style
collections of the assign ops. (Real and fake batches go through the critic in one call:
two calls would each assign `u` and race with the other's read.)"""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1221)
rs = np.random.RandomState(1222)


def spectral_norm(w, iteration=1, name="sn"):
    w_shape = w.shape.as_list()
    w = tf.reshape(w, [-1, w_shape[-1]])
    u = tf.get_variable(name + "_u", [1, w_shape[-1]],
                        initializer=tf.random_normal_initializer(seed=31), trainable=False)
    u_hat = u
    v_hat = None
    for i in range(iteration):
        v_ = tf.matmul(u_hat, tf.transpose(w))
        v_hat = tf.nn.l2_normalize(v_)
        u_ = tf.matmul(v_hat, w)
        u_hat = tf.nn.l2_normalize(u_)
    u_hat = tf.stop_gradient(u_hat)
    v_hat = tf.stop_gradient(v_hat)
    sigma = tf.matmul(tf.matmul(v_hat, w), tf.transpose(u_hat))
    with tf.control_dependencies([u.assign(u_hat)]):
        w_norm = w / sigma
        w_norm = tf.reshape(w_norm, w_shape)
    tf.add_to_collection("SN_SIGMAS", sigma)
    return w_norm


def conv(x, ch, k, s, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("kernel", [k, k, x.shape[-1], ch],
                            initializer=tf.truncated_normal_initializer(stddev=0.2, seed=32))
        b = tf.get_variable("bias", [ch], initializer=tf.constant_initializer(0.0))
        return tf.nn.bias_add(tf.nn.conv2d(x, spectral_norm(w), [1, s, s, 1], "SAME"), b)


def dense(x, units, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("kernel", [x.shape[-1], units],
                            initializer=tf.glorot_uniform_initializer(seed=33))
        b = tf.get_variable("bias", [units], initializer=tf.zeros_initializer())
        return tf.matmul(x, spectral_norm(w, iteration=2)) + b


def critic(x, reuse=False):
    with tf.variable_scope("critic", reuse=reuse):
        h = tf.nn.leaky_relu(conv(x, 4, 3, 2, "c1"), 0.1)
        h = tf.nn.leaky_relu(conv(h, 6, 3, 2, "c2"), 0.1)
        h = tf.layers.flatten(h)
        return dense(h, 1, "fc")


xr = tf.constant(rs.rand(4, 8, 8, 2).astype(np.float32))
xf = tf.constant(rs.rand(4, 8, 8, 2).astype(np.float32) * 0.5)
n0 = len(tf.get_default_graph().get_operations())
d = critic(tf.concat([xr, xf], 0))
print("ops critic", len(tf.get_default_graph().get_operations()) - n0)
dr, df = tf.split(d, 2)
loss = tf.reduce_mean(tf.nn.relu(1.0 - dr)) + tf.reduce_mean(tf.nn.relu(1.0 + df))
tv = tf.trainable_variables()
print("trainable", [v.op.name for v in tv])
print("all", [v.op.name for v in tf.global_variables()])
train = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(loss)
sig = tf.get_collection("SN_SIGMAS")
print("sigmas", len(sig), [s.op.name for s in sig])
grads = tf.gradients(loss, tv)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    us = [v for v in tf.global_variables() if v.op.name.endswith("sn_u")]
    print("u0", [H(u) for u in sess.run(us)])
    for step in range(5):
        lv, s, _ = sess.run([loss, sig, train])
        print(step, repr(float(lv)), [repr(float(x)) for x in np.ravel(s)])
    print("u", [H(u) for u in sess.run(us)])
    print("grads", [H(g) for g in sess.run(grads)])
    print("w", [H(v) for v in sess.run(tv)])
    d2 = critic(tf.concat([xf, xr], 0), reuse=True)
    print("ops reuse", len(tf.get_default_graph().get_operations()))
    print("d2", H(sess.run(d2)))
    print("u2", [H(u) for u in sess.run(us)])
