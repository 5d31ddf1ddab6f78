"""TF 1.14's conds made inside a control_dependencies block: the block's control inputs go
to the nodes made without an input from the block (the cond's Switch and pred_id of a
predicate from before the block, a branch's Consts and ops reading only tensors from
before it; not the pivots, the Switches or the Merge), nested conds too: tf.image.rot90,
tf.case(exclusive=True) and hand-written blocks. Per graph, the GraphDef's (name, op,
inputs) and get_operations()' (name, type)."""
import numpy as np


def _rot90(tf):
    img = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 3, 2), name="img")
    k = tf.placeholder(tf.int32, [], name="k")
    return [tf.image.rot90(img), tf.image.rot90(img, k)], {k: 3}


def _case(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    r = tf.case([(x < 0., lambda: -x), (x > 10., lambda: x * 0.5)], default=lambda: x + 1.,
                exclusive=True)
    return [r], {x: 12.}


def _block(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    before = x > 0.
    a = tf.assert_less(x, 100.)
    with tf.control_dependencies([a]):
        inside = x < 5.
        r1 = tf.cond(before, lambda: tf.identity(x), lambda: x * 2.)
        r2 = tf.cond(inside, lambda: tf.constant(1.), lambda: tf.cond(
            before, lambda: x - 1., lambda: tf.square(x)))
    return [r1, r2], {x: 7.}


def _update_ops(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    v = tf.Variable(0., name="v")
    upd = tf.assign_add(v, 1.)
    with tf.control_dependencies([upd]):
        y = tf.cond(tf.reduce_sum(x) > 1., lambda: tf.reduce_mean(x), lambda: 0.)
    return [y], {x: [1., 2., 3.]}


CALLS = [("rot90", _rot90), ("case_exclusive", _case), ("block", _block),
         ("update_ops", _update_ops)]


def cases(tf):
    out = {}
    for name, build in CALLS:
        with tf.Graph().as_default() as g:
            fetches, feed = build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                vals = [np.asarray(v).tolist() for v in sess.run(fetches, feed)]
            out[name] = {"nodes": [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node],
                         "ops": [[o.name, o.type] for o in g.get_operations()],
                         "values": vals}
    return out
