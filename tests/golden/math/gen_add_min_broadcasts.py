"""TF 1.14 goldens for Grappler's MinimizeBroadcasts on Add chains (the arithmetic
optimizer, on in a Session): AddOpsRewrite runs first and takes every Add tree it can, so
MinimizeBroadcasts regroups a chain of Adds only from a root AddOpsRewrite leaves, one
that is fetched (preserved) or that an op waits for (a control edge out; not one with a
control input: the stage asks each input's shape, and a control input has none); it then
absorbs the adds of the root's own op that nothing else reads (not fetched, no control
edges) and adds the leaves smallest first: `(a + b) + c`, c [16], a and b [4, 16], runs
as `(c + a) + b`. Grappler visits the root before the adds below it, so AddOpsRewrite
does not take those (`((a + c) + d) + b` fetched runs as `(c + d) + (a + b)`). Left as
written: a chain below a fed tensor, through a fetched, twice-read or control-edged inner
add, an AddV2 inside an Add, leaves of one shape, a root with a control input (a Mul's
too); and a root that AddOpsRewrite takes (`c + AddN(a, e)`, the same bits here). Each
case reads float32 Variables of its own (Grappler dedups an add written twice). Output:
add_min_broadcasts.json, read by tests/test_add_min_broadcasts.py.
"""
import numpy as np

from goldenio import host_vendor


def _arr(rng, *shape):
    return np.asarray(rng.randn(*shape) * 3.0 + 0.25, np.float32)


def build(tf):
    """({name: tensor}, feed_dict). Each case reads Variables of its own (Grappler dedups
    an add written twice: one node read twice, never absorbed)."""
    rng = np.random.RandomState(53)

    def leaves(case):
        with tf.name_scope(case):
            return [tf.Variable(_arr(rng, *shape), name=name).read_value()
                    for name, shape in [("a", [4, 16]), ("b", [4, 16]), ("e", [4, 16]),
                                        ("c", [16]), ("d", [4, 1]), ("s", [])]]

    out = {}
    a, b, e, c, d, s = leaves("fetched_root")
    out["fetched_root"] = (a + b) + c
    a, b, e, c, d, s = leaves("fetched_root_reversed")
    out["fetched_root_reversed"] = c + (b + a)
    a, b, e, c, d, s = leaves("fetched_root_scalar")
    out["fetched_root_scalar"] = (a + s) + d
    a, b, e, c, d, s = leaves("fetched_root_three_shapes")
    out["fetched_root_three_shapes"] = (a + c) + d
    a, b, e, c, d, s = leaves("drives_control")
    state = tf.Variable(np.zeros([3], np.float32), name="state")
    root = (b + e) + c
    with tf.control_dependencies([root]):
        tick = tf.assign_add(state, tf.ones([3]))
    out["drives_control"] = tf.identity(root)
    out["tick"] = tick
    a, b, e, c, d, s = leaves("driven_by_control")
    inner = e + a
    with tf.control_dependencies([tick]):
        driven = inner + d
    out["driven_by_control"] = tf.identity(driven)
    a, b, e, c, d, s = leaves("mul_driven_by_control")
    inner = a * c
    with tf.control_dependencies([tick]):
        driven = inner * d
    out["mul_driven_by_control"] = tf.identity(driven)
    a, b, e, c, d, s = leaves("mul_drives_control")
    root = (a * c) * d
    with tf.control_dependencies([root]):
        tock = tf.assign_add(tf.Variable(np.zeros([3], np.float32), name="state2"),
                             tf.ones([3]))
    out["mul_drives_control"] = tf.identity(root)
    out["tock"] = tock
    a, b, e, c, d, s = leaves("inner_driven_by_control")
    with tf.control_dependencies([tick]):
        driven = (e + a) + d
    out["inner_driven_by_control"] = tf.identity(driven)
    a, b, e, c, d, s = leaves("add_ops_rewrite")
    out["add_ops_rewrite"] = tf.identity((a + e) + c)
    a, b, e, c, d, s = leaves("fetched_inner")
    inner = a + b
    out["fetched_inner"] = inner + c
    out["inner"] = inner
    a, b, e, c, d, s = leaves("read_twice")
    twice = b + e
    out["read_twice"] = tf.identity((twice + c) * twice)
    a, b, e, c, d, s = leaves("add_v2_inside")
    out["add_v2_inside"] = tf.raw_ops.AddV2(x=e, y=a) + c
    a, b, e, c, d, s = leaves("four_leaves")
    out["four_leaves"] = ((a + c) + d) + b
    a, b, e, c, d, s = leaves("five_leaves")
    out["five_leaves"] = (((b + s) + a) + c) + (d + e)
    a, b, e, c, d, s = leaves("four_same_shapes")
    out["four_same_shapes"] = ((a + b) + e) + tf.abs(a)
    a, b, e, c, d, s = leaves("fed")
    ph = tf.placeholder(tf.float32, [4, 16], name="ph")
    out["fed"] = (ph + a) + c
    a, b, e, c, d, s = leaves("same_shapes")
    out["same_shapes"] = (a + b) + e
    return out, {ph: _arr(rng, 4, 16)}


def run(tf, config=None):
    out, feed = build(tf)
    with tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(out, feed)


def _off(tf):
    """The meta optimizer off (flowgrad names RewriterConfig at the top level)."""
    config = getattr(tf, "RewriterConfig", None)
    if config is None:
        from tensorflow.core.protobuf.rewriter_config_pb2 import RewriterConfig as config
    return tf.ConfigProto(graph_options=tf.GraphOptions(
        rewrite_options=config(disable_meta_optimizer=True)))


def cases(tf):
    tf.reset_default_graph()
    on = run(tf)
    tf.reset_default_graph()
    off = run(tf, _off(tf))
    return {"host": host_vendor(), "on": on, "off": off}
