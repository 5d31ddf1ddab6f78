"""Grappler's HoistCommonFactorOutOfAggregation on a gated gradient's sum, against TF 1.14
bit for bit.

With gate_gradients (an optimizer's minimize, or tf.gradients(gate_gradients=True)) the
terms of a gradient's AddN are read through the gates' `tuple/control_dependency`
Identities, each driven by the tuple's `group_deps` NoOp. ModelPruner keeps an Identity
with a control input, so Grappler's first round sees no Muls and hoists nothing; its
dependency optimizer removes the gate Identities at the end of that round and the second
round hoists the common factor: PixelCNN++'s `inv_stdv * (centered_x + 1/255)`,
`inv_stdv * (centered_x - 1/255)` and `inv_stdv * centered_x` give centered_x's gradient
`inv_stdv * AddN(AddN_3, AddN_4, AddN_5)` (the oracle's partition graph: no later round
regroups the inner AddN of AddNs, as the first round's hoist is). Ungated
(gate_gradients=False) the same sum is hoisted in the first round and its inner AddN
flattened in the second (`stop`: the inner AddN's inputs, AddNs read by the sum's Muls
alone, are absorbed into one); a quotient over one common denominator is hoisted the
same way.
The data is fed from a placeholder of full shape, or constant."""
import numpy as np

from goldenio import host_vendor

B, K = 3, 7
MODES = ["minimize", "gated", "plain"]


def _loss(tf, x, m, w, form):
    s = tf.exp(-w)
    if form == "stop":      # (the terms' other factors read by the sum's Muls only)
        s = tf.stop_gradient(s)
    c = x - m
    if form == "div":
        plus_in = (c + 0.1) / s
        mid_in = c / s
    else:
        plus_in = s * (c + 0.1)
        mid_in = s * c
    terms = tf.nn.sigmoid(plus_in) + (plus_in - tf.nn.softplus(plus_in))
    terms += mid_in - 2.0 * tf.nn.softplus(mid_in)
    if form == "three":
        min_in = s * (c - 0.1)
        terms += tf.nn.sigmoid(min_in) - tf.nn.softplus(min_in)
    return tf.reduce_sum(terms)


def _case(tf, form, mode, fed):
    rs = np.random.RandomState(11 + len(form))
    xd = rs.uniform(-1, 1, (B, K)).astype(np.float32)
    md = rs.normal(0, 0.5, (B, K)).astype(np.float32)
    wd = rs.normal(0, 0.5, (B, K)).astype(np.float32)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [B, K]) if fed else tf.constant(xd)
        m = tf.Variable(md)
        w = tf.Variable(wd)
        loss = _loss(tf, x, m, w, form)
        if mode == "minimize":
            train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
        else:
            grads = tf.gradients(loss, [m, w], gate_gradients=mode == "gated")
            train = tf.group(*[tf.assign_sub(v, 0.05 * g) for v, g in zip([m, w], grads)
                               if g is not None])
        feed = {x: xd} if fed else None
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = []
            for _ in range(3):
                got.append(sess.run([loss, train], feed)[0])
                got.extend(sess.run([m, w]))
            return got


def cases(tf):
    out = {}
    for form in ("two", "three", "div", "stop"):
        for mode in MODES:
            for fed in (True, False):
                key = "%s_%s_%s" % (form, mode, "fed" if fed else "const")
                out[key] = _case(tf, form, mode, fed)
    return {"host": host_vendor(), "cases": out}
