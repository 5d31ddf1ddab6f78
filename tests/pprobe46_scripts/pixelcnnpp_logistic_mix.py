"""PixelCNN++ (openai/pixel-cnn nn.py): concat_elu, down_shift / right_shift with tf.concat of
zeros and slices, down / down-right shifted convs (tf.pad + conv2d VALID), gated resnet
blocks, the discretized logistic mixture likelihood (log_sum_exp, log_prob_from_logits,
softplus, sigmoid differences, nested tf.where over edge cases) on a seeded 4x4 RGB batch,
Adamax-like Adam training a few steps, then sample_from_discretized_mix_logistic with seeded
tf.random_uniform, argmax over -log(-log(u)) + logits, one_hot selection and clipping."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def int_shape(x):
    return list(map(int, x.get_shape()))


def concat_elu(x):
    axis = len(x.get_shape()) - 1
    return tf.nn.elu(tf.concat([x, -x], axis))


def log_sum_exp(x):
    axis = len(x.get_shape()) - 1
    m = tf.reduce_max(x, axis)
    m2 = tf.reduce_max(x, axis, keep_dims=True)
    return m + tf.log(tf.reduce_sum(tf.exp(x - m2), axis))


def log_prob_from_logits(x):
    axis = len(x.get_shape()) - 1
    m = tf.reduce_max(x, axis, keep_dims=True)
    return x - m - tf.log(tf.reduce_sum(tf.exp(x - m), axis, keep_dims=True))


def discretized_mix_logistic_loss(x, lo, sum_all=True):
    xs = int_shape(x)
    ls = int_shape(lo)
    nr_mix = int(ls[-1] / 10)
    logit_probs = lo[:, :, :, :nr_mix]
    lo = tf.reshape(lo[:, :, :, nr_mix:], xs + [nr_mix * 3])
    means = lo[:, :, :, :, :nr_mix]
    log_scales = tf.maximum(lo[:, :, :, :, nr_mix:2 * nr_mix], -7.)
    coeffs = tf.nn.tanh(lo[:, :, :, :, 2 * nr_mix:3 * nr_mix])
    x = tf.reshape(x, xs + [1]) + tf.zeros(xs + [nr_mix])
    m2 = tf.reshape(means[:, :, :, 1, :] + coeffs[:, :, :, 0, :] * x[:, :, :, 0, :],
                    [xs[0], xs[1], xs[2], 1, nr_mix])
    m3 = tf.reshape(means[:, :, :, 2, :] + coeffs[:, :, :, 1, :] * x[:, :, :, 0, :]
                    + coeffs[:, :, :, 2, :] * x[:, :, :, 1, :], [xs[0], xs[1], xs[2], 1, nr_mix])
    m1 = tf.reshape(means[:, :, :, 0, :], [xs[0], xs[1], xs[2], 1, nr_mix])
    means = tf.concat([m1, m2, m3], 3)
    centered_x = x - means
    inv_stdv = tf.exp(-log_scales)
    plus_in = inv_stdv * (centered_x + 1. / 255.)
    cdf_plus = tf.nn.sigmoid(plus_in)
    min_in = inv_stdv * (centered_x - 1. / 255.)
    cdf_min = tf.nn.sigmoid(min_in)
    log_cdf_plus = plus_in - tf.nn.softplus(plus_in)
    log_one_minus_cdf_min = -tf.nn.softplus(min_in)
    cdf_delta = cdf_plus - cdf_min
    mid_in = inv_stdv * centered_x
    log_pdf_mid = mid_in - log_scales - 2. * tf.nn.softplus(mid_in)
    log_probs = tf.where(x < -0.999, log_cdf_plus, tf.where(
        x > 0.999, log_one_minus_cdf_min, tf.where(
            cdf_delta > 1e-5, tf.log(tf.maximum(cdf_delta, 1e-12)),
            log_pdf_mid - math.log(127.5))))
    log_probs = tf.reduce_sum(log_probs, 3) + log_prob_from_logits(logit_probs)
    if sum_all:
        return -tf.reduce_sum(log_sum_exp(log_probs))
    return -tf.reduce_sum(log_sum_exp(log_probs), [1, 2])


def sample_from_discretized_mix_logistic(lo, nr_mix, seed):
    ls = int_shape(lo)
    xs = ls[:-1] + [3]
    logit_probs = lo[:, :, :, :nr_mix]
    lo = tf.reshape(lo[:, :, :, nr_mix:], xs + [nr_mix * 3])
    sel = tf.one_hot(tf.argmax(logit_probs - tf.log(-tf.log(tf.random_uniform(
        logit_probs.get_shape(), minval=1e-5, maxval=1. - 1e-5, seed=seed))), 3),
        depth=nr_mix, dtype=tf.float32)
    sel = tf.reshape(sel, xs[:-1] + [1, nr_mix])
    means = tf.reduce_sum(lo[:, :, :, :, :nr_mix] * sel, 4)
    log_scales = tf.maximum(tf.reduce_sum(lo[:, :, :, :, nr_mix:2 * nr_mix] * sel, 4), -7.)
    coeffs = tf.reduce_sum(tf.nn.tanh(lo[:, :, :, :, 2 * nr_mix:3 * nr_mix]) * sel, 4)
    u = tf.random_uniform(means.get_shape(), minval=1e-5, maxval=1. - 1e-5, seed=seed + 1)
    x = means + tf.exp(log_scales) * (tf.log(u) - tf.log(1. - u))
    x0 = tf.minimum(tf.maximum(x[:, :, :, 0], -1.), 1.)
    x1 = tf.minimum(tf.maximum(x[:, :, :, 1] + coeffs[:, :, :, 0] * x0, -1.), 1.)
    x2 = tf.minimum(tf.maximum(
        x[:, :, :, 2] + coeffs[:, :, :, 1] * x0 + coeffs[:, :, :, 2] * x1, -1.), 1.)
    return tf.concat([tf.reshape(x0, xs[:-1] + [1]), tf.reshape(x1, xs[:-1] + [1]),
                      tf.reshape(x2, xs[:-1] + [1])], 3)


def down_shift(x):
    xs = int_shape(x)
    return tf.concat([tf.zeros([xs[0], 1, xs[2], xs[3]]), x[:, :xs[1] - 1, :, :]], 1)


def right_shift(x):
    xs = int_shape(x)
    return tf.concat([tf.zeros([xs[0], xs[1], 1, xs[3]]), x[:, :, :xs[2] - 1, :]], 2)


def conv(x, nf, fs, name, pad):
    with tf.variable_scope(name):
        w = tf.get_variable("W", fs + [int(x.get_shape()[-1]), nf],
                            initializer=tf.random_normal_initializer(0, 0.05, seed=len(name) * 7))
        b = tf.get_variable("b", [nf], initializer=tf.constant_initializer(0.))
        return tf.nn.bias_add(tf.nn.conv2d(tf.pad(x, pad), w, [1, 1, 1, 1], "VALID"), b)


def down_shifted_conv2d(x, nf, name, fs=(2, 3)):
    half = (fs[1] - 1) // 2
    return conv(x, nf, list(fs), name, [[0, 0], [fs[0] - 1, 0], [half, half], [0, 0]])


def down_right_shifted_conv2d(x, nf, name, fs=(2, 2)):
    return conv(x, nf, list(fs), name, [[0, 0], [fs[0] - 1, 0], [fs[1] - 1, 0], [0, 0]])


def nin(x, nf, name):
    s = int_shape(x)
    with tf.variable_scope(name):
        w = tf.get_variable("W", [s[-1], nf],
                            initializer=tf.random_normal_initializer(0, 0.05, seed=5))
        b = tf.get_variable("b", [nf], initializer=tf.zeros_initializer())
        y = tf.matmul(tf.reshape(x, [-1, s[-1]]), w) + b
        return tf.reshape(y, s[:-1] + [nf])


def gated_resnet(x, conv_fn, name, a=None):
    num_filters = int(x.get_shape()[-1])
    c1 = conv_fn(concat_elu(x), num_filters, name + "_c1")
    if a is not None:
        c1 += nin(concat_elu(a), num_filters, name + "_nin")
    c1 = concat_elu(c1)
    c2 = conv_fn(c1, num_filters * 2, name + "_c2")
    a_, b_ = tf.split(c2, 2, 3)
    return x + a_ * tf.nn.sigmoid(b_)


tf.set_random_seed(4611)
rs = np.random.RandomState(4612)
B, S, F, NR = 2, 4, 6, 3
imgs = (rs.randint(0, 256, size=(B, S, S, 3)).astype(np.float32) / 127.5 - 1.).astype(np.float32)
x_in = tf.placeholder(tf.float32, [B, S, S, 3])
xp = tf.concat([x_in, tf.ones([B, S, S, 1])], 3)
u = down_shift(down_shifted_conv2d(xp, F, "u0", fs=(2, 3)))
ul = down_shift(down_shifted_conv2d(xp, F, "ul0", fs=(1, 3))) + \
    right_shift(down_right_shifted_conv2d(xp, F, "ul1", fs=(2, 1)))
u = gated_resnet(u, down_shifted_conv2d, "gr_u")
ul = gated_resnet(ul, down_right_shifted_conv2d, "gr_ul", a=u)
l_out = nin(tf.nn.elu(ul), 10 * NR, "out")
loss = discretized_mix_logistic_loss(x_in, l_out)
bpd = loss / (math.log(2.) * B * S * S * 3)
train = tf.train.AdamOptimizer(0.002, beta1=0.95, beta2=0.9995).minimize(loss)
samp = sample_from_discretized_mix_logistic(l_out, NR, seed=31)
loss_ps = discretized_mix_logistic_loss(x_in, l_out, sum_all=False)
print("ops", len(tf.get_default_graph().get_operations()), samp.shape, loss_ps.shape)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(4):
        b, _ = s.run([bpd, train], {x_in: imgs})
        print("step", step, repr(float(b)))
    lp = s.run(loss_ps, {x_in: imgs})
    print("per-image", [repr(float(v)) for v in lp])
    cur = np.zeros_like(imgs)
    for yy in range(2):
        for xx in range(S):
            sv = s.run(samp, {x_in: cur})
            cur[:, yy, xx, :] = sv[:, yy, xx, :]
    print("samples", H(cur), [repr(float(v)) for v in cur[0, 0, :2].ravel()])
    print("l_out", H(s.run(l_out, {x_in: imgs})))
