"""Grappler's second round regroups the sum HoistCommonFactor made, against TF 1.14 bit
for bit.

Bayes-by-backprop draws `w = mu + softplus(rho) * eps` several times from one `rho`. TF's
dedup makes the `softplus(rho)` of every draw one node (a random op between them writes no
variable), and so the gradients' `Sigmoid(rho)` factors: rho's gradient, an AddN of
`AddN_k * Sigmoid(rho)`, is hoisted to `Sigmoid(rho) * AddN(AddN_a, AddN_b, ...)` in the
first round. The new AddN has no shape properties in that round; in the second its inputs
are sorted by name and AddOpsRewrite absorbs the per-draw AddNs into one flat AddN (not
sorted again), whose kernel sums from the first input whose buffer it takes over (the
kl terms are one deduped node read by each draw's sum, so not theirs)."""
import numpy as np

SHAPES = [(1, 16), (7, 5)]


def _case(tf, shape, draws, random, gated, kl):
    rs = np.random.RandomState(sum(shape) + draws)
    mu0 = rs.normal(0, 0.3, shape).astype(np.float32)
    rho0 = rs.uniform(-4, -1, shape).astype(np.float32)
    x0 = rs.normal(0, 1, (6, shape[0])).astype(np.float32)
    eps = [rs.normal(0, 1, shape).astype(np.float32) for _ in range(draws)]
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        mu = tf.Variable(mu0)
        rho = tf.Variable(rho0)
        x = tf.constant(x0)
        terms = []
        for k in range(draws):
            sigma = tf.nn.softplus(rho)
            e = tf.random_normal(list(shape)) if random else tf.constant(eps[k])
            w = mu + sigma * e
            out = tf.matmul(x, w)
            term = tf.reduce_sum(tf.square(out - 0.5))
            if kl:
                term += tf.reduce_sum(-tf.log(sigma) + tf.square(sigma) / 2.0) / 20.0
            terms.append(term)
        loss = tf.add_n(terms) / float(draws)
        opt = tf.train.GradientDescentOptimizer(0.01)
        if gated:
            train = opt.minimize(loss)
        else:
            g_mu, g_rho = tf.gradients(loss, [mu, rho])
            train = tf.group(tf.assign_sub(mu, 0.01 * g_mu), tf.assign_sub(rho, 0.01 * g_rho))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = []
            for _ in range(8):
                sess.run(train)
                got.extend(sess.run([mu, rho]))
            return got


def cases(tf):
    out = {}
    for shape in SHAPES:
        for draws in (2, 3, 4):
            for random in (True, False):
                for gated in (True, False):
                    for kl in (True, False):
                        key = "s%dx%d_d%d_%s_%s_%s" % (
                            shape + (draws, "rand" if random else "const",
                                     "gated" if gated else "plain", "kl" if kl else "nokl"))
                        out[key] = _case(tf, shape, draws, random, gated, kl)
    return out
