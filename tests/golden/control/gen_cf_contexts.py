"""TF 1.14's `cond_context` / `while_context` collections (tests/test_cf_contexts.py runs
the same builders with flowgrad): which contexts a graph's collections hold (the outermost
only: two CondContexts per cond, a nested cond or a cond in a loop body as nested_contexts),
their public attributes, and the CondContextDef / WhileContextDef protos
tf.train.export_meta_graph writes, each serialized deterministically (TF writes the
external_values map in hash order, so the test compares parsed protos): a cond, a cond
differentiated, a nested cond, a branch returning an outer tensor, a cond in a loop, a
loop, a loop differentiated (its counter and stacks added to the forward context),
dynamic_rnn differentiated (maximum_iterations), map_fn; a loop's TF-made meta graph
imported again: the contexts read back, re-exported, and tf.gradients of the loop run; the
training models of tests/golden/ckpt/train_model.py."""
from goldenio import host_vendor


def build(tf, case):
    """Builds `case` in the default graph; the tensors to run, if any."""
    x = tf.placeholder(tf.float32, [], name="x")
    if case == "cond":
        tf.cond(x > 0, lambda: x * 2., lambda: x - 1.)
    elif case == "cond_grad":
        y = tf.cond(x > 0, lambda: x * 2., lambda: x - 1.)
        return tf.gradients(y, x)
    elif case == "nested_cond":
        tf.cond(x > 0, lambda: tf.cond(x > 1, lambda: x * 2., lambda: x + 3.),
                lambda: x - 1.)
    elif case == "outer_result":
        tf.cond(x > 0, lambda: x, lambda: x - 1.)
    elif case == "cond_in_while":
        tf.while_loop(lambda i, s: i < 3,
                      lambda i, s: (i + 1, tf.cond(s > 1., lambda: s * x, lambda: s + 1.)),
                      [0, x])
    elif case == "while":
        tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * x), [0, x])
    elif case == "while_grad":
        _, s = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * x), [0, x],
                             parallel_iterations=4)
        return tf.gradients(s, x)
    elif case == "dynamic_rnn_grad":
        xs = tf.placeholder(tf.float32, [2, 3, 4], name="xs")
        cell = tf.nn.rnn_cell.BasicRNNCell(5)
        o, _ = tf.nn.dynamic_rnn(cell, xs, dtype=tf.float32)
        return tf.gradients(o, xs)
    elif case == "map_fn":
        tf.map_fn(lambda e: e * 2., tf.reshape(x, [1]))
    return None


CASES = ["cond", "cond_grad", "nested_cond", "outer_result", "cond_in_while", "while",
         "while_grad", "dynamic_rnn_grad", "map_fn"]
KEYS = ("cond_context", "while_context")


def _t(t):
    return None if t is None else t.name


def attributes(tf):
    """The collections' objects: their class and public attributes."""
    out = []
    for c in tf.get_collection("cond_context"):
        out.append([type(c).__name__, c.name, _t(c.pred), _t(c.pivot), c.branch,
                    c.outer_context is None])
    for c in tf.get_collection("while_context"):
        out.append([type(c).__name__, c.name, _t(c.pivot), c.parallel_iterations,
                    c.back_prop, c.swap_memory, _t(c.maximum_iterations),
                    [_t(t) for t in c.loop_enters], [_t(t) for t in c.loop_exits],
                    c.outer_context is None])
    return out


def exported(tf, pb, mg):
    """Per key: each proto of the MetaGraphDef's collection, deterministically serialized."""
    out = {}
    for key in KEYS:
        cls = pb.CondContextDef if key == "cond_context" else pb.WhileContextDef
        out[key] = [cls.FromString(b).SerializeToString(deterministic=True)
                    for b in (mg.collection_def[key].bytes_list.value
                              if key in mg.collection_def else [])]
    return out


def cases(tf):
    from tensorflow.core.protobuf import control_flow_pb2 as pb
    res = {"vendor": host_vendor()}
    for case in CASES:
        with tf.Graph().as_default():
            build(tf, case)
            mg = tf.train.export_meta_graph()
            res[case] = {"attributes": attributes(tf), "protos": exported(tf, pb, mg)}
            if case == "while":
                res["while_meta_graph"] = mg.SerializeToString()
    with tf.Graph().as_default() as g:   # the loop's meta graph read back
        tf.train.import_meta_graph(tf.MetaGraphDef.FromString(res["while_meta_graph"]))
        imported = {"attributes": attributes(tf),
                    "protos": exported(tf, pb, tf.train.export_meta_graph())}
        s, x = g.get_tensor_by_name("while/Exit_1:0"), g.get_tensor_by_name("x:0")
        grad = tf.gradients(s, x)
        with tf.Session() as sess:
            imported["run"] = sess.run([s, grad[0]], {x: 2.0})
        imported["after_gradients"] = {"attributes": attributes(tf)}
    res["imported_while"] = imported
    res["train_models"] = train_models(tf, pb)
    return res


TRAIN_MODELS = ["bn", "nested", "rnn"]


def train_models(tf, pb):
    """The contexts of tests/golden/ckpt/train_model.py's models built by TF (a batch-norm
    net's conds, nested conds, loops in loops and conds in loops differentiated by an
    optimizer): test_train_graph_interop compares the .meta flowgrad writes."""
    import os
    import sys
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ckpt")
    sys.path.insert(0, here)
    try:
        import train_model
    finally:
        sys.path.remove(here)
    out = {}
    for model in TRAIN_MODELS:
        with tf.Graph().as_default():
            train_model.BUILDERS[model](tf)
            out[model] = exported(tf, pb, tf.train.export_meta_graph())
    return out
