"""tf.cond's nodes in a GraphDef as TF 1.14 writes them (probe psrv; tests/test_psrv_cond_nodes.py
runs the same case functions with flowgrad): each node's name, op and inputs in GraphDef
order, for conds of tutorials (tf.layers dropout and batch normalization with a training
placeholder, branches reading or returning outer tensors, several results), and a frozen
model's listing (convert_variables_to_constants, extract_sub_graph, remove_training_nodes);
tf.while_loop's nodes (names, inputs, count)."""


def _listing(gd):
    return [[n.name, n.op, list(n.input)] for n in gd.node]


def captures(tf):
    """Branches reading outer tensors (once, twice, in both branches) and returning them."""
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [], name="p")
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable([1.0, 2.0, 3.0], name="w")
        y = tf.cond(p, lambda: tf.reduce_sum(x * w * 2.0), lambda: tf.reduce_sum(x - w))
        tf.cond(p, lambda: x, lambda: x + 1.0, name="c2")
        tf.cond(p, lambda: (x, y), lambda: (w.read_value(), y * 3.0), name="c3")
        tf.cond(tf.logical_not(p), lambda: [x, x], lambda: [tf.add(x, x), tf.add(x, y)])
        tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0), name="consts")
        return _listing(g.as_graph_def())


def layers(tf):
    """Dense, batch normalization and dropout under a training placeholder."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 4], name="input")
        training = tf.placeholder_with_default(False, [], name="is_training")
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="fc1")
        h = tf.layers.batch_normalization(h, training=training, name="bn")
        h = tf.layers.dropout(h, rate=0.5, training=training, name="drop")
        tf.nn.softmax(tf.layers.dense(h, 3, name="fc2"), name="output")
        return _listing(g.as_graph_def())


def frozen(tf):
    """The same model frozen for serving: the counts and nodes of each step."""
    from tensorflow.python.framework import graph_util
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 4], name="input")
        training = tf.placeholder_with_default(False, [], name="is_training")
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="fc1")
        h = tf.layers.batch_normalization(h, training=training, name="bn")
        h = tf.layers.dropout(h, rate=0.5, training=training, name="drop")
        tf.nn.softmax(tf.layers.dense(h, 3, name="fc2"), name="output")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            gd = g.as_graph_def()
            const = graph_util.convert_variables_to_constants(sess, gd, ["output"])
    sub = graph_util.extract_sub_graph(gd, ["output"])
    trimmed = graph_util.remove_training_nodes(const)
    return {"counts": [len(gd.node), len(const.node), len(sub.node), len(trimmed.node)],
            "frozen": [[n.name, n.op, list(n.input)] for n in const.node],
            "trimmed": [n.name for n in trimmed.node]}


def imported(tf):
    """A GraphDef with conds imported under a prefix: the graph's operations (only the
    nodes) and a run by tensor names."""
    import numpy as np
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [], name="p")
        x = tf.placeholder(tf.float32, [2], name="x")
        y = tf.cond(p, lambda: x * 2.0, lambda: tf.square(x))
        tf.cond(p, lambda: (y, x), lambda: (x, y), name="pair")
        gd = g.as_graph_def()
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="prefix")
        ops = [[op.name, op.type] for op in g.get_operations()]
        with tf.Session() as sess:
            feed = {"prefix/x:0": np.array([1.5, -2.0], np.float32)}
            runs = [sess.run(["prefix/cond/Merge:0", "prefix/pair/Merge_1:0"],
                             dict(feed, **{"prefix/p:0": v})) for v in (True, False)]
    return {"nodes": len(gd.node), "ops": ops, "runs": runs}


def text(tf):
    """write_graph(as_text=True) of conds, with and without add_shapes: a capture's Switch
    colocated with its data (`_class`), every node's `_output_shapes`."""
    import os
    import shutil
    import tempfile
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default() as g:
            x = tf.placeholder(tf.float32, [None, 3], name="x")
            t = tf.placeholder(tf.bool, [], name="t")
            w = tf.Variable(tf.ones([3, 2]) * 0.5, name="w")
            y = tf.layers.dropout(tf.matmul(x, w), 0.3, training=t)
            tf.cond(t, lambda: tf.reduce_sum(y), lambda: tf.reduce_mean(y * w), name="agg")
            tf.train.write_graph(g, d, "g.pbtxt", as_text=True)
            tf.train.write_graph(g.as_graph_def(add_shapes=True), d, "gs.pbtxt")
        out = []
        for name in ("g.pbtxt", "gs.pbtxt"):
            with open(os.path.join(d, name)) as f:
                out.append(f.read())
    finally:
        shutil.rmtree(d)
    return out


def loop(tf):
    """tf.while_loop's nodes (their order differs in flowgrad: sorted here): the Exits
    named while/Exit, while/Exit_k, and the count."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        i = tf.constant(0)
        _, acc, n = tf.while_loop(lambda i, a, n: i < 3,
                                  lambda i, a, n: (i + 1, a * 0.5 + x, n + tf.shape(a)[0]),
                                  [i, x, tf.constant(0)])
        tf.identity(tf.reduce_sum(acc, 1) + tf.cast(n, tf.float32), name="output")
        tf.while_loop(lambda k: k < 10, lambda k: k * 2, [tf.constant(1)], name="single")
        gd = g.as_graph_def()
    return {"count": len(gd.node), "nodes": sorted(_listing(gd))}


def cases(tf):
    return {"captures": captures(tf), "layers": layers(tf), "frozen": frozen(tf),
            "imported": imported(tf), "text": text(tf), "loop": loop(tf)}
