"""Grappler's push-down through the first round's Identities of `y - 0`, `y * 1`, `y / 1`
(y an Add) and `y + 0` in Add chains, against TF 1.14 bit for bit.

TF's first-round constant folding makes each an Identity (SimplifyArithmeticOperations),
its dependency optimizer removes it, and the second round's ConstantPushDown pushes the
reader's constant into y: `0.3 + ((x + 0.7) - 0)` runs as `x + 1.0`. The first round's
arithmetic optimizer deduplicates the graph before (not its fetched nodes): two equal
`x + 0.7` fetched in one run are one node read twice, which nothing is pushed into."""
import numpy as np


def _chains(tf, x, w, z, p, pu):
    return {
        "sub": lambda: 0.3 + ((x + 0.7) - 0.0),
        "sub_zeros": lambda: 0.3 + ((x + 0.7) - z),
        "sub_right": lambda: ((x + 0.7) - 0.0) + 0.3,
        "sub_mul": lambda: 0.3 * ((x * 0.7) - 0.0),
        "sub_sub": lambda: 0.3 + (((x + 0.7) - 0.0) - 0.0),
        "sub_of_mul1": lambda: 0.3 + (((x + 0.7) * 1.0) - 0.0),
        "mul1_of_sub": lambda: 0.3 * (((x * 0.7) - 0.0) * 1.0),
        "add0_of_sub": lambda: 0.3 * (((x * 0.7) - 0.0) + 0.0),
        "sub_w": lambda: 0.3 * ((x * w) - 0.0),
        "sub_broadcast": lambda: 0.3 + ((tf.reduce_sum(x) + 0.7) - z),
        "sub_fed": lambda: 0.3 + ((p + 0.7) - 0.0),
        "sub_fed_unknown": lambda: 0.3 + ((pu + 0.7) - 0.0),
        "sub_f64": lambda: tf.constant(0.3, tf.float64) +
        ((tf.cast(x, tf.float64) + 0.7) - 0.0),
        "sub_int": lambda: 3 + ((tf.cast(x * 100, tf.int32) + 7) - 0),
        "sub_nested": lambda: (0.3 + ((x + 0.7) - 0.0)) * 1.1 + 0.9,
        "sub_nonzero": lambda: 0.3 + ((x + 0.7) - 0.1),
        "sub_grad": lambda: tf.gradients(
            tf.reduce_sum(tf.square((x * 0.7 - 0.0) * 1.3)), x)[0],
        "mul1_add": lambda: 0.3 + ((x + 0.7) * 1.0),
        "div1_add": lambda: 0.3 + ((x + 0.7) / 1.0),
        "mul1_add0": lambda: 0.3 + ((x + 0.7) * 1.0 + 0.0),
        "mul1_mul_w": lambda: ((x + 0.7) * 1.0) * w * 0.3,
        "mul1_in_mul": lambda: 0.3 * ((x + 0.7) * 1.0),
    }


def _pairs(x, w):
    return {
        "add0_pair": lambda: [0.3 + ((x + 0.7) + 0.0), 0.3 + (0.0 + (x + 0.7))],
        "sub0_pair": lambda: [0.3 + ((x + 0.7) - 0.0), 0.3 + ((x + 0.7) - 0.0)],
        "mul1_pair": lambda: [0.3 + ((x + 0.7) * 1.0), 0.3 + ((x + 0.7) * 1.0)],
        "mixed_pair": lambda: [0.3 + ((x + 0.7) + 0.0), 0.3 + ((x + 0.7) - 0.0)],
        "add0_other_reader": lambda: [0.3 + ((x + 0.7) + 0.0), (x + 0.7) * 2.0],
        "add0_other_const": lambda: [0.3 + ((x + 0.7) + 0.0), 0.2 + ((x + 0.7) + 0.0)],
        "mul1_mul_pair": lambda: [0.3 * ((x * 0.7) * 1.0), 0.3 * ((x * 0.7) * 1.0)],
        "sub_mul_pair": lambda: [0.3 * ((x * 0.7) - 0.0), 0.2 * ((x * 0.7) - 0.0)],
        "plain_pair": lambda: [0.3 + (x + 0.7), 0.3 + (x + 0.7)],
        "w_pair": lambda: [0.3 + ((x + w) + 0.0), 0.3 + ((x + w) + 0.0)],
    }


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        rng = np.random.RandomState(2)
        v = tf.Variable(rng.randn(30).astype(np.float32))
        w = tf.constant(rng.randn(30).astype(np.float32))
        p = tf.placeholder(tf.float32, [30])
        pu = tf.placeholder(tf.float32, [None])
        x = v * 1.0
        feed = {p: rng.randn(30).astype(np.float32), pu: rng.randn(30).astype(np.float32)}
        chains = _chains(tf, x, w, tf.zeros([30]), p, pu)
        pairs = _pairs(x, w)
        with tf.Session() as s:
            s.run(v.initializer)
            for k in sorted(chains):       # one run each
                out["chain_" + k] = np.asarray(s.run(chains[k](), feed))
            for k in sorted(pairs):        # the pair in one run
                out["pair_" + k] = np.stack(s.run(pairs[k]()))
            # with an Assign in the run: Snapshots, nothing pushed through them
            exprs = [chains[k]() for k in ("sub", "mul1_add", "sub_mul")]
            with tf.control_dependencies(exprs):
                bump = tf.assign_add(v, tf.ones([30]) * 0.25)
            out["snapshot_kept"] = np.stack(s.run(exprs + [bump])[:-1])
    out.update(_conds(tf))
    return out


def _conds(tf):
    out = {}
    with tf.Graph().as_default():
        rng = np.random.RandomState(5)
        v = tf.Variable(rng.uniform(1.5, 40, 200).astype(np.float32))
        w = tf.Variable(3.0)
        t = tf.constant(2.0)
        c3 = tf.constant(3.0)
        pb = tf.placeholder(tf.bool, [])
        pwd = tf.placeholder_with_default(True, [])
        cwd = tf.placeholder_with_default(3.0, [])
        yes, no = tf.constant(True), tf.constant(False)
        cases = {
            "log_div": lambda: tf.cond(yes, lambda: tf.log(v) / tf.log(t), lambda: v),
            "floor_log_div": lambda: tf.cond(
                yes, lambda: tf.floor(tf.log(v * (t - 1) / 3.0 + 1) / tf.log(t)), lambda: v),
            "div_const": lambda: tf.cond(yes, lambda: v / c3, lambda: v),
            "div_expr": lambda: tf.cond(yes, lambda: v / (c3 * 1.7), lambda: v),
            "div_false": lambda: tf.cond(no, lambda: v, lambda: v / tf.sqrt(c3)),
            "div_pred_expr": lambda: tf.cond(tf.equal(t, 2.0), lambda: v / tf.log(t + 1.0),
                                             lambda: v),
            "push": lambda: tf.cond(yes, lambda: (v * 0.3) * 0.7, lambda: v),
            "nested": lambda: tf.cond(yes, lambda: tf.cond(no, lambda: v, lambda: v / c3),
                                      lambda: v),
            "fed_pred": lambda: tf.cond(pb, lambda: v / c3, lambda: v),
            "pwd_pred": lambda: tf.cond(pwd, lambda: v / c3, lambda: v),
            "pwd_capture": lambda: tf.cond(yes, lambda: v / cwd, lambda: v),
            "var_capture": lambda: tf.cond(yes, lambda: v / w, lambda: v),
            "var_pred": lambda: tf.cond(w > 2.0, lambda: v / c3, lambda: v),
        }
        with tf.Session() as s:
            s.run([v.initializer, w.initializer])
            for k in sorted(cases):
                out["cond_" + k] = np.asarray(s.run(cases[k](), {pb: True}))
    return out
