"""TF 1.14's graphs and numbers of gradients through tf.cond that gen_opcounts'
GATHER_COND_CALLS list (tests/test_pgathcond.py): a tf.gather of a ref or resource
variable in a branch differentiated under gate_gradients (an optimizer's GATE_OP), in both
branches (two Switches' IndexedSlices concatenated), an Adam step; RNNs and map_fn in a
branch differentiated for their weights only. Per call gen_pcondgd.describe's ops, the
details of the control-flow nodes and every GraphDef node's inputs; "values": the
gradients and optimizer steps run on both sides of the predicate."""
import numpy as np

import gen_opcounts
import gen_pcondgd

CALLS = gen_opcounts.GATHER_COND_CALLS + gen_opcounts.PASSED_COND_CALLS


def _x_value(taken):
    return np.asarray([0.9, -0.3, 0.4] if taken else [0.1, 0.7, -0.2], np.float32)


def _round_trip(tf, g):
    """A fresh graph holding g's GraphDef (TF's node names)."""
    g2 = tf.Graph()
    with g2.as_default():
        tf.import_graph_def(g.as_graph_def(), name="")
    return g2


def _gather_graph(tf, kind, resource, both):
    """(graph, the names of its gradient's values, indices and dense shape, or of its train
    op): the program of gen_opcounts._gather_cond_loss, an init op and p's value."""
    g = tf.Graph()
    with g.as_default():
        loss, p = gen_opcounts._gather_cond_loss(tf, resource, both)
        if kind == "adam":
            names = [tf.train.AdamOptimizer(0.1).minimize(loss, name="train").name]
        else:
            gr = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, [p])[0][0]
            names = [gr.values.name, gr.indices.name, gr.dense_shape.name]
        tf.identity(p, name="p_value")
        tf.global_variables_initializer()
    return g, names


def run_gather(tf, kind, resource, both, names=None):
    """The program's GraphDef read back and run by TF's names (`names`: TF's, else the
    graph's own): {"names", "True"/"False": the gradient's parts, or p after two steps}."""
    g, own = _gather_graph(tf, kind, resource, both)
    names = own if names is None else names
    g2 = _round_trip(tf, g)
    out = {"names": names}
    with tf.Session(graph=g2) as s:
        for taken in (True, False):
            s.run("init")
            feed = {"x:0": _x_value(taken)}
            if kind == "adam":
                for _ in range(2):
                    s.run(names[0], feed)
                out[str(taken)] = s.run("p_value:0")
            else:
                out[str(taken)] = [np.asarray(v) for v in s.run(names, feed)]
    return out


def _gru_graph(tf):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
        q = tf.placeholder(tf.bool, [], name="q")

        def t():
            c = tf.nn.rnn_cell.GRUCell(5, kernel_initializer=tf.constant_initializer(0.1))
            o, _ = tf.nn.dynamic_rnn(c, x, dtype=tf.float32)
            return tf.reduce_sum(o * o)
        r = tf.cond(q, t, lambda: tf.reduce_sum(x))
        vs = tf.trainable_variables()
        names = [gr.name for gr in tf.gradients(r, vs)]
        tf.train.AdamOptimizer(0.1).minimize(r, name="train")
        values = [tf.identity(v, name="value_%d" % i).name for i, v in enumerate(vs)]
        tf.global_variables_initializer()
    return g, names, values


def run_gru(tf, names=None):
    """A GRU in a branch: its GraphDef read back and run by TF's names: the weights'
    gradients and their values after an Adam step, on both sides of the predicate."""
    g, own, values = _gru_graph(tf)
    names = own if names is None else names
    g2 = _round_trip(tf, g)
    xv = (np.arange(24, dtype=np.float32).reshape(2, 4, 3) - 12.) / 10.
    out = {"names": names}
    with tf.Session(graph=g2) as s:
        for taken in (True, False):
            s.run("init")
            feed = {"x:0": xv, "q:0": taken}
            grads = s.run(names, feed)
            s.run("train", feed)
            out[str(taken)] = {"grads": grads, "after_adam": s.run(values)}
    return out


def run_passed(tf, names=None):
    """gen_opcounts' cond/add_summed_grad_gated and cond/add_summed_adam (a gated BiasAdd
    and an Add of a summed gradient in a branch): the GraphDef read back and run by TF's
    names: the gradients and TF's tuples of the passed gradients, and the variables after
    two Adam steps, on both sides."""
    out = {}
    for kind in ("grad", "adam"):
        g = tf.Graph()
        with g.as_default():
            grads = gen_opcounts._passed_in_cond("twice", kind)(tf)
            vs = tf.trainable_variables()
            # (and TF's tuples of the gradients passed on: the Add's, the BiasAdd's)
            own = [t.name for t in grads] + [
                "gradients/cond/add_grad/tuple/control_dependency_1:0",
                "gradients/cond/BiasAdd_grad/tuple/control_dependency:0",
                "gradients/cond/BiasAdd_grad/tuple/control_dependency_1:0"] \
                if kind == "grad" else ["train"]
            values = [tf.identity(v, name="value_%d" % i).name for i, v in enumerate(vs)]
            tf.global_variables_initializer()
        use = own if names is None else names[kind]
        g2 = _round_trip(tf, g)
        res = {}
        with tf.Session(graph=g2) as s:
            for taken in (True, False):
                s.run("init")
                feed = {"x:0": np.arange(6, dtype=np.float32).reshape(2, 3) / 5.,
                        "q:0": taken}
                if kind == "grad":
                    # (the branch's tuples: dead when it is not taken)
                    res[str(taken)] = s.run(use if taken else use[:2], feed)
                else:
                    for _ in range(2):
                        s.run(use[0], feed)
                    res[str(taken)] = s.run(values)
        res["names"] = use
        out[kind] = res
    return out


def describe(tf, fn):
    """gen_pcondgd.describe, and "outputs": [[name, [[dtype, shape], ...]]] of every op
    get_operations() lists."""
    out = gen_pcondgd.describe(tf, fn)
    g = tf.Graph()
    with g.as_default():
        fn(tf)
    out["outputs"] = [[o.name, [[t.dtype.name, str(t.shape)] for t in o.outputs]]
                      for o in g.get_operations()]
    return out


def cases(tf):
    out = dict((name, describe(tf, fn)) for name, fn in CALLS)
    values = {}
    for res in (False, True):
        tag = "resource" if res else "ref"
        values["gather_" + tag] = run_gather(tf, "grad", res, False)
        values["gather_both_" + tag] = run_gather(tf, "grad", res, True)
        values["adam_" + tag] = run_gather(tf, "adam", res, False)
        values["adam_both_" + tag] = run_gather(tf, "adam", res, True)
    values["gru"] = run_gru(tf)
    values["passed"] = run_passed(tf)
    out["values"] = values
    return out
