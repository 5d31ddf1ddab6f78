"""The gradient of a capture a tf.while_loop body gathers from is TF 1.14's IndexedSlices:
every iteration's indices and values concatenated (last iteration first, after TF's zero
slice at index 0), the dense shape the maximum; optimizers apply it sparsely
(tests/test_loop_sliced_grads.py)."""
import numpy as np

IDS = [[1, 2], [3, 3], [0, 6], [2, 2], [5, 1]]


def _build(tf, steps, known=True):
    emb = tf.get_variable("emb", [7, 3], initializer=tf.constant_initializer(
        np.arange(21.0).reshape(7, 3)))
    ids = tf.placeholder(tf.int32, [5, 2 if known else None], name="ids")
    n = tf.placeholder_with_default(steps, [], name="n")

    def body(i, h):
        return i + 1, h * 0.5 + tf.reduce_sum(tf.gather(emb, ids[i]), 0)
    out = tf.while_loop(lambda i, h: i < n, body, [0, tf.zeros([3])])[1]
    return emb, ids, tf.reduce_sum(out * out)


def _grad(tf, steps, known):
    g = tf.Graph()
    with g.as_default():
        emb, ids, loss = _build(tf, steps, known)
        gr = tf.gradients(loss, [emb])[0]
        shapes = [gr.indices.shape.as_list(), gr.values.shape.as_list(),
                  gr.dense_shape.shape.ndims]
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            i, v, d = s.run([gr.indices, gr.values, gr.dense_shape], {ids: IDS})
    return {"type": type(gr).__name__, "shapes": shapes, "indices": i, "values": v,
            "dense_shape": d}


def _cond_grad(tf, where):
    # a gather in a cond: TF merges the slices with the dead branch's zeros made slices
    # (every row of the capture); read by both branches, the two Switches' slices are
    # concatenated (the true branch's first)
    g = tf.Graph()
    with g.as_default():
        emb = tf.get_variable("emb", [7, 3], initializer=tf.constant_initializer(
            np.arange(21.0).reshape(7, 3)))
        ids = tf.placeholder(tf.int32, [5, 2], name="ids")
        if where == "loop":
            def body(i, h):
                e = tf.cond(i > 2, lambda: tf.reduce_sum(tf.gather(emb, ids[i]), 0),
                            lambda: tf.zeros([3]))
                return i + 1, h * 0.5 + e
            out = tf.while_loop(lambda i, h: i < 5, body, [0, tf.zeros([3])])[1]
            feeds = [{}]
        else:
            p = tf.placeholder(tf.bool, [], name="p")
            other = (lambda: tf.tanh(emb[:2]) * 2.0) if where == "both" else \
                (lambda: tf.zeros([2, 3]))
            out = tf.cond(p, lambda: tf.gather(emb, ids[0]) * 2.0, other)
            feeds = [{p: True}, {p: False}]
        gr = tf.gradients(tf.reduce_sum(out * out), [emb])[0]
        res = {"type": type(gr).__name__, "runs": []}
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            for f in feeds:
                f[ids] = IDS
                res["runs"].append(s.run([gr.indices, gr.values, gr.dense_shape], f))
    return res


def _train(tf, name):
    g = tf.Graph()
    with g.as_default():
        emb, ids, loss = _build(tf, 5)
        opt = {"sgd": tf.train.GradientDescentOptimizer(0.1),
               "momentum": tf.train.MomentumOptimizer(0.1, 0.9),
               "adagrad": tf.train.AdagradOptimizer(0.1),
               "adam": tf.train.AdamOptimizer(0.1)}[name]
        train = opt.minimize(loss)
        types = sorted(set(o.type for o in g.get_operations() if "Apply" in o.type or "Scatter" in o.type))
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            for _ in range(2):
                s.run(train, {ids: IDS})
            return {"apply": types, "emb": s.run(emb)}


def cases(tf):
    out = {}
    for steps in (5, 2, 0):
        for known in (True, False):
            out["grad_%d_%s" % (steps, "known" if known else "unknown")] = _grad(tf, steps, known)
    for where in ("loop", "one", "both"):
        out["cond_" + where] = _cond_grad(tf, where)
    for name in ("sgd", "momentum", "adagrad", "adam"):
        out["train_" + name] = _train(tf, name)
    return out
