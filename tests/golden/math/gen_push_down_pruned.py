"""TF 1.14's constant push-down through an Identity or StopGradient: Grappler's model
pruner removes one with no control edge (not fetched, not reading a variable's ref
output) before constant folding runs, and its dependency optimizer one with a control
input before the second round's constant folding, so `tf.identity(x * 0.35) * 0.7` runs
as `x * (0.7 * 0.35)` like `x * 0.35 * 0.7` (golden math/pcnn_push_down). Not when the
Identity is fetched or the product is read twice. Each case in a graph of its own, with
the meta optimizer on and off. Read by tests/test_push_down_pruned.py.

`select_folded`: Grappler folds every pure op of constant inputs, Select included, so
per_image_standardization of a constant image is constant and its gradient's
`Mean_grad/truediv` divides exactly (no ReciprocalDiv rewrite of a non-constant
numerator). `select_divisor`: `x / tf.where(c, a, b)` of constants c, a, b: the Select
folds, so ReciprocalDiv makes it `x * (1 / where)`.
"""
import numpy as np


def _x():
    return (np.random.RandomState(0).rand(300) * 255).astype(np.float32)


def _plain(tf, x):
    return [tf.negative(tf.identity(x * 0.35) * 0.7)]


def _stop_gradient(tf, x):
    return [tf.negative(tf.stop_gradient(x * 0.33) * 0.7)]


def _chain2(tf, x):
    return [tf.negative(tf.identity(tf.identity(x * 0.34)) * 0.7)]


def _add_chain(tf, x):
    return [tf.negative(tf.identity(x + 0.1) + 0.7)]


def _two_level(tf, x):
    return [tf.negative(tf.identity(tf.identity(x * 0.37) * 0.7) * 1.3)]


def _read_twice(tf, x):
    i = tf.identity(x * 0.3)
    return [tf.negative(i * 0.7), tf.negative(i + 1.0)]


def _fetched_identity(tf, x):
    i = tf.identity(x * 0.31)
    return [i, tf.negative(i * 0.7)]


def _control_input(tf, x):
    m = x * 0.32
    with tf.control_dependencies([tf.reduce_sum(x)]):
        i = tf.identity(m)
    return [tf.negative(i * 0.7)]


def _control_no_op(tf, x):
    # the pruner removes a NoOp of no inputs, and the Identity's control edge with it
    m = x * 0.32
    with tf.control_dependencies([tf.no_op()]):
        i = tf.identity(m)
    return [tf.negative(i * 0.7)]


def _fetched_parent(tf, x):
    return [tf.identity(x * 0.35) * 0.7]


def _select_folded(tf, x):
    img = tf.constant(np.random.RandomState(3).rand(8, 7, 3).astype(np.float32))
    y = tf.image.per_image_standardization(img)
    return [tf.gradients(tf.reduce_sum(y * y), img)[0]]


def _select_divisor(tf, x):
    rs = np.random.RandomState(5)
    c = tf.constant(rs.rand(300) > 0.5)
    d = tf.where(c, tf.constant((rs.rand(300) * 3 + 0.5).astype(np.float32)),
                 tf.constant((rs.rand(300) + 2).astype(np.float32)))
    return [tf.negative(x / d)]


CASES = {"plain": _plain, "stop_gradient": _stop_gradient, "chain2": _chain2,
         "add_chain": _add_chain, "two_level": _two_level, "read_twice": _read_twice,
         "fetched_identity": _fetched_identity, "control_input": _control_input,
         "control_no_op": _control_no_op,
         "fetched_parent": _fetched_parent, "select_folded": _select_folded,
         "select_divisor": _select_divisor}


def run(tf, name, config=None):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [300], name="x")
        out = CASES[name](tf, x)
        with tf.Session(config=config) as sess:
            return sess.run(out, {x: _x()})


def cases(tf):
    off = tf.ConfigProto()
    off.graph_options.rewrite_options.disable_meta_optimizer = True
    return {"on": {k: run(tf, k) for k in sorted(CASES)},
            "off": {k: run(tf, k, off) for k in sorted(CASES)}}
