"""tf.contrib.graph_editor on a small graph: walks, filters, regex selections, boundaries,
subgraph views and their remaps, reroute/swap (with can_modify), control inputs added and
removed, TF's errors, bypass and detach with placeholders, copies into a scope and into
another graph, copy_with_input_replacements and graph_replace; the ops (names, types,
inputs, control inputs, shapes) after each edit and the values a Session computes."""
import numpy as np
import tensorflow as tf
from tensorflow.contrib import graph_editor as ge


def show(g):
    for op in g.get_operations():
        print(op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs],
              [str(t.shape) for t in op.outputs])


def names(xs):
    return sorted(x.name for x in xs)


g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    w = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) / 10, name="w")
    with tf.name_scope("layer"):
        h = tf.matmul(x, w, name="mm")
        r = tf.nn.relu(h, name="relu")
        s = tf.reduce_sum(r, name="sum")
    t = tf.tanh(s, name="t")
    with tf.control_dependencies([t]):
        u = tf.identity(h, name="u")
    print(names(ge.get_forward_walk_ops([x.op])))
    print(names(ge.get_forward_walk_ops(x, inclusive=False)))
    print(names(ge.get_backward_walk_ops([t.op])))
    print(names(ge.get_backward_walk_ops([t.op], stop_at_ts=[h])))
    print(names(ge.get_backward_walk_ops([u.op], control_inputs=True)))
    co = ge.ControlOutputs(g)
    print(names(ge.get_forward_walk_ops([s.op], control_outputs=co)))
    print(names(ge.get_walks_intersection_ops([x.op], [s.op])))
    print(names(ge.get_walks_union_ops([r.op], [h.op])))
    print(names(ge.get_within_boundary_ops(g, [r.op], [h.op, t.op])))
    print(names(ge.get_name_scope_ops(g, "layer")))
    print(names(ge.filter_ts(g, lambda t: t.dtype == tf.float32 and t.shape.ndims == 2)))
    print(names(ge.filter_ts_from_regex([h.op, r.op], "relu")))
    print(names(ge.filter_ops_from_regex(g, "^layer/")))
    print(names(ge.select_ops("^layer/", graph=g)), names(ge.select_ts("(?#ts)^x", graph=g)))
    print([names(v) for v in ge.compute_boundary_ts([h.op, r.op])])
    print(names(ge.get_ops_ios([r.op], control_inputs=True)))
    print(names(ge.make_list_of_op(g)), names(ge.make_list_of_t([x, h.op], ignore_ops=True)))
    print(names(ge.get_consuming_ops([h])), names(ge.get_generating_ops([h, s])))
    print(ge.placeholder_name(h), ge.placeholder_name(scope="foo"),
          ge.placeholder_name(h, scope="a"))
    v = ge.sgv_scope("layer", g)
    print(str(v).split("\n", 1)[1])
    print(str(ge.sgv(h.op, r.op).remap_inputs([0]).remap_outputs_to_consumers()).split("\n", 1)[1])
    print(str(v.remove_unused_ops()).split("\n", 1)[1], v.input_index(x), v.output_index(h))
    print(names(v.consumers()), bool(ge.sgv()), str(ge.sgv()))
    # reroute: the relu reads a new tensor
    y = tf.placeholder(tf.float32, [2, 4], name="y")
    print(ge.reroute_ts([y], [h], can_modify=[r.op]))
    show(g)
    feed = {x: np.ones((2, 3), np.float32),
            y: np.full((2, 4), -0.5, np.float32) + np.eye(2, 4, dtype=np.float32)}
    with tf.Session() as sess:
        print(sess.run([t, u], feed))
    ge.swap_ts([y], [h])
    show(g)
    ge.add_control_inputs(s.op, [y.op])
    ge.remove_control_inputs(u.op, [t.op])
    try:
        ge.remove_control_inputs(u.op, [t.op])
    except ValueError as e:
        print(e)
    try:
        ge.add_control_inputs(s.op, [y.op])
    except ValueError as e:
        print(e)
    try:
        ge.reroute_ts([x], [h])
    except ValueError as e:
        print(e)
    try:
        ge.reroute_ts([x, y], [h])
    except ValueError as e:
        print(e)
    show(g)
    # bypass the relu, detach, connect
    sg, phs = ge.bypass(ge.sgv(r.op))
    print([p.name for p in phs], str(sg).split("\n", 1)[1])
    show(g)
    with tf.Session() as sess:
        print(sess.run([t, u], feed))

g2 = tf.Graph()
with g2.as_default():
    a = tf.placeholder(tf.float32, [None, 2], name="a")
    b = tf.placeholder(tf.float32, [None, 2], name="b")
    with tf.name_scope("f"):
        m = tf.multiply(a, 2.0, name="m")
        n = tf.add(m, b, name="n")
        o = tf.reduce_mean(tf.square(n), name="o")
    sgv_, info = ge.copy(ge.sgv_scope("f", g2), dst_scope="g", src_scope="f")
    print(str(sgv_).split("\n", 1)[1])
    print(str(info).split("\n", 2)[2])
    c = tf.constant([[1.0, -1.0]], name="c")
    sgv2, info2 = ge.copy_with_input_replacements(ge.sgv_scope("f", g2), {a: c})
    print(str(sgv2).split("\n", 1)[1])
    o2 = info2.transformed(o)
    print(o2.name, info2.original(o2).name, info2.transformed([m.op])[0].name)
    (o3, n3), = [ge.graph_replace((o, n), {b: c})]
    print(o3.name, n3.name)
    r1 = ge.graph_replace({"k": o}, {m: c}, dst_scope="rep")
    print(r1["k"].name)
    g3 = tf.Graph()
    sgv4, info4 = ge.copy(ge.sgv_scope("f", g2), dst_graph=g3)
    show(g3)
    sgv5, phs_in, phs_out = ge.detach(ge.sgv(m.op))
    print([p.name for p in phs_in], [p.name for p in phs_out])
    show(g2)
    with tf.Session() as sess:
        fd = {a: [[1., 2.], [3., 4.]], b: [[0.5, 0.5], [1., 1.]]}
        print(sess.run([o, o2, o3, n3, r1["k"]], {**fd, phs_out[0]: [[1., 1.], [2., 2.]]}))
