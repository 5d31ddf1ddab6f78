"""TF 1.14's tf.cond whose branches both return a ref (tf.assign of a ref variable): the
result is a RefMerge of the two Assigns, captured variables switched in by RefSwitch; one
ref and one plain result: a Merge. A cond nested in a branch and made inside a
control_dependencies block of that branch: its nodes made without an input from the block
(Consts, an Identity of a switched value) get the block's control inputs, as the outermost
cond's do (the dynamic loss scale of hand-written mixed-precision training). The gradient
of a dropout cond on a training placeholder and of a tied embedding (the lookup's slices
and a dense gradient summed as slices): the cond's zeros' Shape nodes numbered before the
dense gradient's Shape (`gradients/Shape_<k>`), in TF's walk order. tf.gradients with a
cond between the ys and an x made by a BiasAdd: no BiasAddGrad (TF's _StopOps: an x none
of whose inputs waits for a gradient). Per graph, the
GraphDef's (name, op, inputs), get_operations()' (name, type) and the values of two runs."""
import numpy as np


def _ref_merge(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    v = tf.Variable(0., name="v")
    r = tf.cond(p, lambda: tf.assign(v, 1.), lambda: tf.assign(v, v * 2. - 3.))
    return [r, v], [{p: True}, {p: False}]


def _ref_and_plain(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    v = tf.Variable(5., name="v")
    r = tf.cond(p, lambda: tf.assign_add(v, 1.), lambda: tf.identity(v))
    return [r], [{p: True}, {p: False}]


def _nested_in_block(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    scale = tf.Variable(4., name="scale")
    good = tf.Variable(0, name="good")
    w = tf.Variable(1., name="w")

    def ok():
        with tf.control_dependencies([tf.assign_sub(w, 0.1 * x / scale)]):
            grow = tf.equal(good + 1, 2)
            new = tf.cond(grow, lambda: scale * 2., lambda: tf.identity(scale))
            with tf.control_dependencies([tf.assign(scale, new)]):
                return tf.assign(good, tf.where(grow, 0, good + 1))

    def overflow():
        with tf.control_dependencies([tf.assign(scale, tf.maximum(scale / 2., 1.))]):
            return tf.assign(good, 0)

    r = tf.cond(tf.is_finite(x), ok, overflow)
    return [r, scale, w], [{x: 3.}, {x: np.inf}]


def _dropout_gather_grad(tf):
    ids = tf.placeholder(tf.int32, [None, 3], name="ids")
    training = tf.placeholder_with_default(True, [], name="training")
    emb = tf.Variable(np.arange(20, dtype=np.float32).reshape(5, 4) / 10., name="emb")
    h = tf.nn.embedding_lookup(emb, ids)
    a = tf.layers.dropout(h, 0.5, training=training, seed=3)
    b = tf.layers.dropout(tf.tanh(a), 0.25, training=training, seed=4)
    loss = tf.reduce_sum(b * b) + tf.reduce_sum(tf.tanh(emb))   # (slices and a dense one)
    g = tf.gradients(loss, emb)[0]
    return [tf.convert_to_tensor(g), loss], [{ids: [[1, 2, 2]], training: False},
                                             {ids: [[0, 4, 1], [3, 3, 2]], training: False}]


def _x_stop_op(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    p = tf.placeholder_with_default(True, [], name="p")
    z = tf.nn.bias_add(x * 2., tf.constant([0.5, -1., 2.]))
    e = tf.reduce_mean(z * z)
    r = tf.cond(p, lambda: tf.identity(0.25 * e), lambda: 0.5 * e)
    g = tf.gradients(r + tf.reduce_sum(z), z)[0]
    return [g], [{x: [[1., 2., 3.]]}, {x: [[1., 2., 3.], [0., -1., 4.]], p: False}]


CALLS = [("ref_merge", _ref_merge), ("ref_and_plain", _ref_and_plain),
         ("nested_in_block", _nested_in_block), ("dropout_gather_grad", _dropout_gather_grad),
         ("x_stop_op", _x_stop_op)]


def cases(tf):
    out = {}
    for name, build in CALLS:
        with tf.Graph().as_default() as g:
            fetches, feeds = build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                vals = []
                for feed in feeds:
                    vals.append(np.asarray(sess.run(fetches[0], feed)).tolist())
                    vals.append([np.asarray(v).tolist() for v in sess.run(fetches[1:], feed)])
            out[name] = {"nodes": [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node],
                         "ops": [[o.name, o.type] for o in g.get_operations()],
                         "values": vals}
    return out
