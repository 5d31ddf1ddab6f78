"""Two AddN orders of TF 1.14's Grappler and AddN kernel, on the machine that made this
golden (its CPU vendor recorded: the test runs flowgrad with FLOWGRAD_CPU set to it).

- `running_sum_*`: a hand-written running sum over layers, `o = matmul(tanh(h), W[i]);
  g = g + o; h = h + o` (a WaveNet generation graph's skip sum), fetching g only.
  AddOpsRewrite makes `AddN(MatMul, MatMul_1, MatMul_2, MatMul_3)`; each MatMul is also
  read by its `h + o`, which has run before the AddN does (the next layer's MatMul reads
  its result), so the kernel takes over MatMul's buffer (its first input) and sums in
  the written order. The last `h + o` is read by nothing fetched (pruned): MatMul_3 is
  no earlier candidate. `_fetch_h` fetches every h too; `_arith_off` keeps the adds.
  `_zero_assign` starts g from 0.0 in a run that also runs an Assign: Grappler's constant
  folding makes `0.0 + MatMul` a Snapshot then (the graph has a ref-input op), a leaf the
  dependency optimizer keeps: `AddN(MatMul_1, MatMul_2, MatMul_3, add)`.
- `log_sum_exp_*`: the gradient of PixelCNN++'s discretized logistic mixture loss
  (openai/pixel-cnn nn.py; pprobe46's pixelcnnpp_logistic_mix) on a constant image and
  a variable's l. Its log_sum_exp's AddN reads `Max_1_grad/mul`, `sub_10_grad/Reshape`
  (a Reshape of a Sum over no axes of `Exp_2_grad/mul`: no-ops Grappler removes) and
  `Max_2_grad/mul`; TF's second round sorts it by the names it reads then:
  `Exp_2_grad/mul` first.
Read by tests/test_addn_running_sum.py.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor


def _weights(seed):
    rs = np.random.RandomState(seed)
    w = [(rs.randn(8, 8) * 10. ** (i - 2)).astype(np.float32) for i in range(5)]
    return w, rs.randn(1, 8).astype(np.float32)


def _running_sum(tf, seed, fetch_h=False, config=None, assign=False):
    w, h0 = _weights(seed)
    h = tf.Variable(h0) * 1.0
    g, hs = (0.0 if assign else None), []
    for i in range(4):
        o = tf.matmul(tf.tanh(h), tf.constant(w[i]))
        g = o if g is None else g + o
        h = h + o
        hs.append(h)
    out = tf.identity(g)
    extra = hs if fetch_h else []
    if assign:
        state = tf.Variable(np.zeros((1, 8), np.float32))
        extra = [tf.assign(state, state * 2.0)]
    with tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out] + extra)[:1 if assign else None]


def _log_sum_exp(tf, x):
    axis = len(x.get_shape()) - 1
    m = tf.reduce_max(x, axis)
    m2 = tf.reduce_max(x, axis, keep_dims=True)
    return m + tf.log(tf.reduce_sum(tf.exp(x - m2), axis))


def _log_prob_from_logits(tf, x):
    axis = len(x.get_shape()) - 1
    m = tf.reduce_max(x, axis, keep_dims=True)
    return x - m - tf.log(tf.reduce_sum(tf.exp(x - m), axis, keep_dims=True))


def _mix_logistic_loss(tf, x, l):
    xs = x.get_shape().as_list()
    ls = l.get_shape().as_list()
    nr_mix = int(ls[-1] / 10)
    logit_probs = l[:, :, :, :nr_mix]
    l = tf.reshape(l[:, :, :, nr_mix:], xs + [nr_mix * 3])
    means = l[:, :, :, :, :nr_mix]
    log_scales = tf.maximum(l[:, :, :, :, nr_mix:2 * nr_mix], -7.)
    coeffs = tf.nn.tanh(l[:, :, :, :, 2 * nr_mix:3 * nr_mix])
    x = tf.reshape(x, xs + [1]) + tf.zeros(xs + [nr_mix])
    m2 = tf.reshape(means[:, :, :, 1, :] + coeffs[:, :, :, 0, :] * x[:, :, :, 0, :],
                    [xs[0], xs[1], xs[2], 1, nr_mix])
    m3 = tf.reshape(means[:, :, :, 2, :] + coeffs[:, :, :, 1, :] * x[:, :, :, 0, :]
                    + coeffs[:, :, :, 2, :] * x[:, :, :, 1, :], [xs[0], xs[1], xs[2], 1, nr_mix])
    means = tf.concat([tf.reshape(means[:, :, :, 0, :], [xs[0], xs[1], xs[2], 1, nr_mix]), m2, m3], 3)
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
            log_pdf_mid - np.log(127.5))))
    log_probs = tf.reduce_sum(log_probs, 3) + _log_prob_from_logits(tf, logit_probs)
    return -tf.reduce_sum(_log_sum_exp(tf, log_probs))


def _lse_grad(tf, seed):
    rs = np.random.RandomState(seed)
    imgs = (rs.randint(0, 256, size=(2, 4, 4, 3)) / 127.5 - 1.).astype(np.float32)
    l = tf.Variable(rs.randn(2, 4, 4, 30).astype(np.float32)) * 1.0
    loss = _mix_logistic_loss(tf, tf.constant(imgs), l)
    g = tf.gradients(loss, l)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([loss, g])


def cases(tf):
    off = tf.ConfigProto()
    off.graph_options.rewrite_options.arithmetic_optimization = 2   # OFF
    out = {"vendor": host_vendor()}
    for seed in (1, 2, 3):
        with tf.Graph().as_default():
            out["running_sum_%d" % seed] = _running_sum(tf, seed)
        with tf.Graph().as_default():
            out["running_sum_fetch_h_%d" % seed] = _running_sum(tf, seed, True)
        with tf.Graph().as_default():
            out["running_sum_arith_off_%d" % seed] = _running_sum(tf, seed, config=off)
        with tf.Graph().as_default():
            out["running_sum_zero_assign_%d" % seed] = _running_sum(tf, seed, assign=True)
    for seed in (4, 5, 6):
        with tf.Graph().as_default():
            out["log_sum_exp_%d" % seed] = _lse_grad(tf, seed)
    return out
