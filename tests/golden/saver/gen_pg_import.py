"""tf.import_graph_def and tf.graph_util.remove_training_nodes as TF 1.14 (probe pg;
tests/test_pg_train_io.py): name="" imports uniquified (x_1), input_map values that are
not Tensors made constants in <name>/_inputs, TF's errors for a mapped tensor of another
dtype and a return output the node lacks (each failed import still takes its name scope),
and remove_training_nodes' CheckNumerics removal (the consumer's input dropped) and
Identity splicing."""


def _graph_def(tf):
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        i = tf.identity(x, name="id1")
        i2 = tf.identity(i, name="id2")
        c = tf.check_numerics(i2, "msg", name="cn")
        y = tf.reduce_sum(c, axis=1, name="y")
        z = tf.stop_gradient(y, name="sg")
        with tf.control_dependencies([y]):
            tf.identity(z, name="w")
        with tf.control_dependencies([i]):
            tf.identity(y, name="v")
        return g.as_graph_def()


def _err(fn):
    try:
        return ["ok", fn()]
    except (ValueError, TypeError, KeyError) as e:
        return [type(e).__name__, str(e).splitlines()[0]]


def imports(tf):
    gd = _graph_def(tf)
    out = {}
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.float32, [None, 4], name="p")
        q = tf.placeholder(tf.int32, [None, 3], name="q")

        def names(r):
            return [t.name for t in r] if r else r
        out["mapped"] = _err(lambda: names(tf.import_graph_def(
            gd, input_map={"x:0": p}, return_elements=["y:0", "w"])))
        out["dtype"] = _err(lambda: tf.import_graph_def(gd, input_map={"x:0": q}))
        out["missing_key"] = _err(lambda: tf.import_graph_def(gd, input_map={"nope:0": p}))
        out["missing_return"] = _err(lambda: tf.import_graph_def(gd, return_elements=["n:0"]))
        out["bad_index"] = _err(lambda: tf.import_graph_def(gd, return_elements=["y:5"]))
        out["values"] = _err(lambda: names(tf.import_graph_def(
            gd, input_map={"x:0": [[1.0, 2.0, 3.0]]}, return_elements=["y:0"], name="m")))
        out["values_no_name"] = _err(lambda: tf.import_graph_def(
            gd, input_map={"x:0": [[1.0, 2.0, 3.0]]}, name=""))
        tf.import_graph_def(gd, name="")
        out["twice_no_name"] = _err(lambda: names(tf.import_graph_def(
            gd, name="", return_elements=["y:0", "id1"])))
        out["ops"] = [o.name for o in g.get_operations()]
        with tf.Session() as sess:
            out["run"] = sess.run("m/y:0").tolist()
    return out


def training_nodes(tf):
    gd = _graph_def(tf)
    r = tf.graph_util.remove_training_nodes
    return {"plain": [[n.name, list(n.input)] for n in r(gd).node],
            "protected": [[n.name, list(n.input)] for n in r(gd, ["id2", "cn"]).node]}


def cases(tf):
    return {"imports": imports(tf), "training_nodes": training_nodes(tf)}
