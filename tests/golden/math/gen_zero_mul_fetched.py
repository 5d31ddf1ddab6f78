"""Grappler's constant folding on fetched nodes and on zeros it folded itself, against TF
1.14 bit for bit (signs of zero included: the values are stored as their bytes).

TF 1.14's constant folding rewrites a fetched node too: `sess.run(w * tf.zeros(..))` is a
Const of +0 (its partition graph holds `M Const`), `sess.run(tf.add_n([x, c1, y, c2]))`
reads `ConstantFolding/S_partial_split_2`. And IsZeros sees a Slice of tf.zeros once
FoldGraph has made it a Const: TimeFreqLSTMCell's first step reads its zero initial
state through Slices, so `w_f_diag * c_prev` is +0 and the gradient of the peephole
weights sums (fetched) with the first step's three zero terms folded into one. Made on
an Intel Xeon (the case "host" records the vendor); nothing here depends on it."""
import numpy as np
from goldenio import host_vendor


def _bytes(a):
    a = np.asarray(a)
    return [a.dtype.name, list(a.shape), a.tobytes().hex()]


def mul_case(tf, kind):
    """`w * zeros` for negative and positive w: fetched, or read through an Identity;
    zeros a Const or a Slice of one (padded to Grappler's minimum graph size)."""
    with tf.Graph().as_default():
        w = tf.Variable([-0.5, 0.5, -1.0])
        if kind.startswith("slice"):
            z = tf.slice(tf.zeros([2, 6]), [0, 3], [-1, 3])
        else:
            z = tf.zeros([2, 3])
        m = w * z
        out = m if kind.endswith("fetched") else tf.identity(m)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return _bytes(s.run(out))


def addn_case(tf, fetched):
    """add_n of two fed vectors and two constants named to sort last: the constants
    summed first (the split's name sorts first), which rounds otherwise than the
    canonical order of the unsplit inputs (x, y, zc1, zc2)."""
    rs = np.random.RandomState(11)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [64])
        y = tf.placeholder(tf.float32, [64])
        c1 = tf.constant(rs.normal(0, 1e4, 64).astype(np.float32), name="zc1")
        c2 = tf.constant(rs.normal(0, 1, 64).astype(np.float32), name="zc2")
        s = tf.add_n([x, c1, y, c2])
        out = s if fetched else tf.identity(s)
        with tf.Session() as sess:
            return _bytes(sess.run(out, {x: rs.normal(0, 1, 64).astype(np.float32),
                                         y: rs.normal(0, 1e-3, 64).astype(np.float32)}))


def time_freq_case(tf):
    """The fetched gradients of TimeFreqLSTMCell's weights through static_rnn from a
    zero initial state (peepholes, cell clip)."""
    rs = np.random.RandomState(3242)
    with tf.Graph().as_default():
        tf.set_random_seed(3241)
        x = tf.constant(rs.randn(2, 4, 6).astype(np.float32))
        with tf.variable_scope("tf", initializer=tf.glorot_uniform_initializer(seed=3243)):
            c = tf.contrib.rnn.TimeFreqLSTMCell(3, feature_size=2, frequency_skip=2,
                                                use_peepholes=True, cell_clip=1.0)
            o, _ = tf.nn.static_rnn(c, tf.unstack(x, axis=1), initial_state=tf.zeros([2, 18]))
        loss = tf.reduce_sum(tf.square(tf.stack(o, 1)))
        grads = tf.gradients(loss, tf.trainable_variables())
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return [_bytes(g) for g in s.run(grads)]


MUL_KINDS = ("const_fetched", "const_read", "slice_fetched", "slice_read")


def cases(tf):
    out = {"mul_" + k: mul_case(tf, k) for k in MUL_KINDS}
    out["addn_fetched"] = addn_case(tf, True)
    out["addn_read"] = addn_case(tf, False)
    out["time_freq_grads"] = time_freq_case(tf)
    out["host"] = host_vendor()
    return out
