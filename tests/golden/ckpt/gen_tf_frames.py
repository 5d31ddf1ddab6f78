"""Graphs TF 1.14 writes with its own control flow (Switch, Merge, Enter, Exit,
NextIteration, LoopCond; stacks for loop gradients): tf.cond, tf.while_loop, nested,
differentiated, a .meta with a loop and its training op, a frozen graph. Each case holds
the serialized GraphDef / MetaGraphDef, the feeds, the fetched names and TF's values
(tests/test_tf_frames.py imports them into flowgrad and runs them)."""
import numpy as np


def _graph_case(tf, build, feeds, fetches):
    g = tf.Graph()
    with g.as_default():
        build(tf)
        with tf.Session(graph=g) as s:
            vals = s.run(fetches, {k: v for k, v in feeds.items()})
        gd = g.as_graph_def()
    return {"graph": gd.SerializeToString(deterministic=True), "feeds": feeds,
            "fetches": list(fetches), "values": [np.asarray(v) for v in vals],
            "op_types": sorted({n.op for n in gd.node})}


def _cond_simple(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: x * 2.0, lambda: -x, name="c1")
    tf.identity(y, name="y")
    z = tf.cond(tf.reduce_sum(x) > 0,
                lambda: tf.cond(p, lambda: x + 1.0, lambda: x * x),
                lambda: tf.constant([7.0, 8.0, 9.0]))
    tf.identity(z, name="z")
    a, b = tf.cond(p, lambda: (x[0], tf.reduce_max(x)), lambda: (x[1], tf.reduce_min(x)))
    tf.add(a, b, name="ab")


def _cond_grad(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.reduce_sum(tf.sin(x) * x), lambda: tf.reduce_sum(x * x * x))
    tf.identity(y, name="y")
    g = tf.gradients(y, x)[0]
    tf.identity(g, name="g")


def _while_grad(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    n = tf.placeholder(tf.int32, [], name="n")
    _, acc = tf.while_loop(lambda i, a: i < n, lambda i, a: (i + 1, a * x + tf.sin(a)),
                           [tf.constant(0), tf.ones([2])])
    tf.identity(acc, name="acc")
    tf.identity(tf.gradients(tf.reduce_sum(acc), x)[0], name="g")


def _nested(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def outer_body(i, a):
        inner = tf.while_loop(lambda j, b: j < i, lambda j, b: (j + 1, b + x), [0, a])[1]
        c = tf.cond(tf.equal(i % 2, 0), lambda: inner * 0.5, lambda: inner + 1.0)
        return i + 1, c
    _, r = tf.while_loop(lambda i, a: i < 4, outer_body, [tf.constant(0), x])
    tf.identity(r, name="r")
    tf.identity(tf.gradients(r, x)[0], name="g")


def _while_in_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.while_loop(lambda v: v < 100.0, lambda v: v * 3.0, [x]),
                lambda: x - 1.0)
    tf.identity(y, name="y")
    tf.identity(tf.gradients(y, x)[0], name="g")


def _map_fn(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    y = tf.map_fn(lambda r: tf.reduce_sum(r * r), x)
    tf.identity(y, name="y")
    s = tf.scan(lambda a, r: a + r, x)
    tf.identity(s, name="s")


def _train_meta(tf):
    """A .meta with a while loop, its gradient and a GradientDescent training op."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [3], name="x")
        w = tf.Variable(np.array([0.5, -0.25, 0.75], np.float32), name="w")
        _, acc = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w + x),
                               [tf.constant(0), tf.zeros([3])])
        loss = tf.reduce_sum(tf.square(acc - 1.0), name="loss")
        train = tf.train.GradientDescentOptimizer(0.05).minimize(loss, name="train")
        init = tf.global_variables_initializer()
        mg = tf.train.export_meta_graph()
        feed = {x: np.array([0.1, 0.2, -0.3], np.float32)}
        steps = []
        with tf.Session(graph=g) as s:
            s.run(init)
            for _ in range(4):
                _, lv = s.run([train, loss], feed)
                steps.append((np.float32(lv), s.run(w)))
    return {"meta": mg.SerializeToString(deterministic=True), "init": init.name,
            "train": train.name, "steps": steps,
            "op_types": sorted({n.op for n in mg.graph_def.node})}


def _frozen(tf):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        w = tf.Variable(np.array([1.5, -0.5], np.float32), name="w")
        _, acc = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, a * w + x),
                               [tf.constant(0), tf.ones([2])])
        y = tf.cond(tf.reduce_sum(acc) > 0, lambda: acc * 2.0, lambda: acc, name="pick")
        tf.identity(y, name="out")
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(s, g.as_graph_def(),
                                                                  ["out"])
            v = s.run("out:0", {x: np.array([0.5, 2.0], np.float32)})
    return {"graph": frozen.SerializeToString(deterministic=True),
            "feeds": {"x:0": np.array([0.5, 2.0], np.float32)}, "fetches": ["out:0"],
            "values": [v], "op_types": sorted({n.op for n in frozen.node})}


def _rnn_frozen(tf):
    """A frozen inference graph of an LSTM run by dynamic_rnn (TensorArrays in a loop)."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [2, 5, 3], name="x")
        n = tf.placeholder(tf.int32, [2], name="n")
        cell = tf.nn.rnn_cell.LSTMCell(4)
        out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=n, dtype=tf.float32)
        tf.identity(out, name="out")
        tf.identity(state.h, name="h")
        feeds = {"x:0": np.linspace(-1, 1, 30).astype(np.float32).reshape(2, 5, 3),
                 "n:0": np.array([5, 3], np.int32)}
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(s, g.as_graph_def(),
                                                                  ["out", "h"])
            vals = s.run(["out:0", "h:0"], feeds)
    return {"graph": frozen.SerializeToString(deterministic=True), "feeds": feeds,
            "fetches": ["out:0", "h:0"], "values": vals,
            "op_types": sorted({n.op for n in frozen.node})}


def _rnn_train_meta(tf):
    """A .meta with an LSTM run by dynamic_rnn and its Adam training op (TensorArray
    gradients, TensorArrayGradV3), and TF's losses and weights over 3 steps."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
        cell = tf.nn.rnn_cell.LSTMCell(3)
        out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        loss = tf.reduce_mean(tf.square(out - 0.5), name="loss")
        train = tf.train.AdamOptimizer(0.05).minimize(loss, name="train")
        init = tf.global_variables_initializer()
        mg = tf.train.export_meta_graph()
        feed = {x: np.linspace(-1, 1, 24).astype(np.float32).reshape(2, 4, 3)}
        kernel = [v for v in tf.global_variables() if v.op.name.endswith("lstm_cell/kernel")]
        steps = []
        with tf.Session(graph=g) as s:
            s.run(init)
            for _ in range(3):
                _, lv = s.run([train, loss], feed)
                steps.append((np.float32(lv), s.run(kernel[0])))
    return {"meta": mg.SerializeToString(deterministic=True), "init": init.name,
            "train": train.name, "steps": steps, "kernel": kernel[0].name,
            "feed": feed[x], "op_types": sorted({n.op for n in mg.graph_def.node})}


def cases(tf):
    xs = np.array([0.5, -1.0, 2.0], np.float32)
    out = {}
    for p in (True, False):
        for sign in (1, -1):
            out["cond_simple_%s_%d" % (p, sign)] = _graph_case(
                tf, _cond_simple, {"x:0": xs * sign, "p:0": p}, ["y:0", "z:0", "ab:0"])
        out["cond_grad_%s" % p] = _graph_case(tf, _cond_grad, {"x:0": xs, "p:0": p},
                                              ["y:0", "g:0"])
        out["while_in_cond_%s" % p] = _graph_case(
            tf, _while_in_cond, {"x:0": np.float32(2.0), "p:0": p}, ["y:0", "g:0"])
    for n in (0, 1, 3):
        out["while_grad_%d" % n] = _graph_case(
            tf, _while_grad, {"x:0": np.array([0.5, -1.5], np.float32), "n:0": n},
            ["acc:0", "g:0"])
    out["nested"] = _graph_case(tf, _nested, {"x:0": np.float32(1.5)}, ["r:0", "g:0"])
    out["map_fn"] = _graph_case(tf, _map_fn, {"x:0": np.arange(12, dtype=np.float32)
                                              .reshape(4, 3) / 4.0}, ["y:0", "s:0"])
    out["train_meta"] = _train_meta(tf)
    out["frozen"] = _frozen(tf)
    out["rnn_frozen"] = _rnn_frozen(tf)
    out["rnn_train_meta"] = _rnn_train_meta(tf)
    return out
