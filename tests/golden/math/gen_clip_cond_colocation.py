"""tf.global_norm and tf.clip_by_global_norm colocate their per-tensor ops with the tensor
(TF 1.14's clip_ops: `with ops.colocate_with(v)` around each L2Loss and each `v * scale`
/ identity): the GraphDef's nodes with their inputs and `_class` attrs, the clipped
tensors' colocation_groups(), for gradients, Variables, an IndexedSlices and None
entries; and a tf.cond branch returning an Operation (a no_op, a group, an Assert's
AssertGuard, tf.losses' weights check) returns TF's with_dependencies Identity
`control_dependency` of the branch's pivot, colocated with that pivot (switch_t /
switch_f); the Python inputs of ops in a cond's branches (TF's Switch of a tensor taken
from outside the branch, "cond_branch_inputs"). Structure only (no arithmetic: the same
on any host)."""


def _nodes(tf, prefixes):
    return [[n.name, n.op, list(n.input), [s.decode() for s in n.attr["_class"].list.s]]
            for n in tf.get_default_graph().as_graph_def().node
            if n.name.split("/")[0] in prefixes]


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        w = tf.Variable([[1.0, 2.0]], name="w")
        b = tf.Variable([3.0], name="b")
        loss = tf.reduce_sum(tf.matmul(w, [[1.0], [2.0]]) + b)
        grads = tf.gradients(loss, [w, b])
        clipped, _ = tf.clip_by_global_norm(grads + [None], 1.0)
        tf.global_norm([w, None, b])
        out["grads"] = _nodes(tf, {"global_norm", "clip_by_global_norm", "global_norm_1"})
        out["grads_groups"] = [[t.name, [s.decode() for s in t.op.colocation_groups()]]
                               for t in clipped[:2]]
    with tf.Graph().as_default():
        emb = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="emb")
        v = tf.Variable([0.5, 0.25], name="v")
        ids = tf.constant([0, 2], name="ids")
        loss = tf.reduce_sum(tf.gather(emb, ids)) + tf.reduce_sum(v * v)
        g_emb, g_v = tf.gradients(loss, [emb, v])
        norm = tf.global_norm([g_emb, g_v], name="gn")
        tf.clip_by_global_norm([g_emb, g_v], 2.0, use_norm=norm, name="clip")
        out["sparse_use_norm"] = _nodes(tf, {"gn", "clip"})
    with tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [], "p")
        x = tf.placeholder(tf.float32, [None], "x")
        w = tf.placeholder(tf.float32, [None], "w")
        tf.cond(p, lambda: tf.no_op(), lambda: tf.group(x + 1.0))
        with tf.name_scope("outer"):
            tf.cond(p, lambda: tf.no_op(), lambda: tf.group(x + 1.0), name="c")
        tf.Assert(tf.reduce_all(x > 0), [x])
        tf.losses.mean_squared_error(x, x * 2.0, weights=w)
        g = tf.get_default_graph()
        out["cond_pivot"] = [n for n in _nodes(tf, {"cond", "outer", "Assert",
                                                    "mean_squared_error"})
                             if "control_dependency" in n[0]]
        out["cond_pivot_groups"] = [[o.name, [s.decode() for s in o.colocation_groups()]]
                                    for o in g.get_operations()
                                    if "control_dependency" in o.name]
    with tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [], "p")
        x = tf.placeholder(tf.float32, [None], "x")
        tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
        out["cond_branch_inputs"] = [[o.name, o.type, [i.name for i in o.inputs]]
                                     for o in tf.get_default_graph().get_operations()]
    return out
