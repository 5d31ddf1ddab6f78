"""GraphDefs TF 1.14 writes with its older op types (tests/test_prawops_graphdefs.py):
Gather, Reverse, Snapshot, InTopK, TopK (removed at version 7: from a producer-6 GraphDef),
BatchMatrixInverse/Solve/Determinant/DiagPart, BatchCholesky, BatchSvd (producer 12),
MaxPoolV2 and its gradient ops,
Div, Mod, Inv, InvGrad, ApproximateEqual, ClipByValue, BatchMatMul, Concat, BiasAddV1,
SpaceToBatch, BatchToSpace, DataFormatDimMap, DataFormatVecPermute, FusedBatchNormV3
(what TF 1.15 and later write; TF 1.14 has it), and the Inception-2015
era's BatchNormWithGlobalNormalization (removed at GraphDef version 9: imported from a
GraphDef of producer 8, so the graph TF writes keeps producer 8), each with the gradients
TF adds where it has them. Case: {"graph": the serialized GraphDef, "fetch": tensor names,
"values": TF's values of them}."""
import numpy as np


def _values(rng, shape, low=-2.0, high=2.0):
    return rng.uniform(low, high, size=shape)


def _old_op(tf, op_type, inputs, attrs):
    """One node of an op TF removed, imported from a GraphDef of producer 8."""
    gd = tf.GraphDef()
    gd.versions.producer = 8
    names = []
    for k, t in enumerate(inputs):
        n = gd.node.add()
        n.name, n.op = "in%d" % k, "Placeholder"
        n.attr["dtype"].type = t.dtype.as_datatype_enum
        names.append(n.name)
    n = gd.node.add()
    n.name, n.op = "op", op_type
    n.input.extend(names)
    n.attr["T"].type = inputs[0].dtype.as_datatype_enum
    for key, value in attrs.items():
        if isinstance(value, bool):
            n.attr[key].b = value
        else:
            n.attr[key].f = value
    return tf.import_graph_def(gd, input_map=dict(zip(names, inputs)),
                               return_elements=["op:0"], name="inception")[0]


def _case(tf, build):
    with tf.Graph().as_default() as g:
        rng = np.random.RandomState(7)
        fetch = build(tf, rng)
        with tf.Session() as sess:
            values = sess.run(fetch)
        return {"graph": g.as_graph_def().SerializeToString(),
                "fetch": [t.name for t in fetch], "values": values}


def _with_grads(tf, ys, xs, rng):
    gs = tf.gradients(ys, xs, grad_ys=[tf.constant(_values(rng, y.shape.as_list()).astype(
        y.dtype.as_numpy_dtype)) for y in ys])
    out = list(ys)
    for g in gs:
        if isinstance(g, tf.IndexedSlices):   # (Gather's: its three tensors)
            out += [g.values, g.indices, g.dense_shape]
        elif g is not None:
            out.append(g)
    return out


def _arith(tf, rng):
    R = tf.raw_ops
    x = tf.constant(_values(rng, (2, 3)), name="x")
    y = tf.constant(_values(rng, (3,), 0.5, 2.0), name="y")
    i = tf.constant([7, -7, 7, -7, 5], name="i")
    j = tf.constant([2, 2, -2, -2, 3], name="j")
    ys = [R.Div(x=x, y=y), R.Inv(x=y), R.InvGrad(y=x, dy=x * 3.0)]
    return _with_grads(tf, ys, [x, y], rng) + [
        R.Div(x=i, y=j), R.Mod(x=i, y=j), R.Mod(x=x, y=y),
        R.ApproximateEqual(x=x, y=x + 0.3, tolerance=0.5),
        R.ClipByValue(t=x, clip_value_min=-0.5, clip_value_max=tf.constant(1.0, tf.float64))]


def _matmul_concat_bias(tf, rng):
    R = tf.raw_ops
    a = tf.constant(_values(rng, (2, 3, 4)), name="a")
    b = tf.constant(_values(rng, (2, 4, 5)), name="b")
    bias = tf.constant(_values(rng, (5,)), name="bias")
    mm = R.BatchMatMul(x=a, y=b)
    mt = R.BatchMatMul(x=b, y=a, adj_x=True, adj_y=True)
    cat = R.Concat(concat_dim=tf.constant(-1), values=[mm, a[:, :, :1], mm])
    out = R.BiasAddV1(value=mm, bias=bias)
    return _with_grads(tf, [mt, cat, out], [a, b, bias], rng)


def _space(tf, rng):
    R = tf.raw_ops
    x = tf.constant(_values(rng, (2, 4, 2, 3)), name="x")
    s2b = R.SpaceToBatch(input=x, paddings=[[0, 0], [1, 1]], block_size=2)
    b2s = R.BatchToSpace(input=s2b * 2.0, crops=[[0, 1], [1, 0]], block_size=2)
    fmt = [R.DataFormatDimMap(x=[-1, 0, 1, 2, 3]),
           R.DataFormatVecPermute(x=tf.shape(x)),
           R.DataFormatVecPermute(x=[[0, 1], [2, 3], [4, 5], [6, 7]], src_format="NCHW",
                                  dst_format="NHWC")]
    return _with_grads(tf, [s2b, b2s], [x], rng) + fmt


def _inception_batch_norm(tf, rng):
    ts = []
    for scale, dtype in ((True, tf.float32), (False, tf.float64), (True, tf.float64)):
        t = tf.constant(_values(rng, (2, 3, 3, 4)), dtype)
        m, beta, gamma = (tf.constant(_values(rng, (4,)), dtype) for _ in range(3))
        v = tf.constant(_values(rng, (4,), 0.2, 2.0), dtype)
        y = _old_op(tf, "BatchNormWithGlobalNormalization", [t, m, v, beta, gamma],
                    {"variance_epsilon": 0.001, "scale_after_normalization": scale})
        ts += [y] if dtype == tf.float32 else _with_grads(tf, [y], [t, m, v, beta, gamma], rng)
    return ts


def _fused_batch_norm_v3(tf, rng):
    R = tf.raw_ops
    x = tf.constant(_values(rng, (2, 3, 3, 4)).astype(np.float32))
    s, o, m = (tf.constant(_values(rng, (4,)).astype(np.float32)) for _ in range(3))
    v = tf.constant(_values(rng, (4,), 0.2, 2.0).astype(np.float32))
    train = R.FusedBatchNormV3(x=x, scale=s, offset=o, mean=[], variance=[], epsilon=0.001)
    infer = R.FusedBatchNormV3(x=x * 2.0, scale=s, offset=o, mean=m, variance=v,
                               is_training=False)
    ys = [train[0], infer[0]]
    first = _with_grads(tf, ys, [x, s, o], rng)
    second = tf.gradients(first[2:4], [x, s], grad_ys=[
        tf.constant(_values(rng, t.shape.as_list()).astype(np.float32)) for t in first[2:4]])
    return first + list(train[1:5]) + second


def _gather_reverse_top_k(tf, rng):
    R = tf.raw_ops
    p = tf.constant(_values(rng, (5, 3)), name="params")
    i = tf.constant([[4, 0], [2, 4]], name="indices")
    g = R.Gather(params=p, indices=i)
    r = R.Reverse(tensor=g, dims=[False, True, True])
    snap = R.Snapshot(input=r * 2.0)
    top = _old_op_outputs(tf, "TopK", [tf.cast(p, tf.float32)], {"k": 2}, 6, 2)
    hit = R.InTopK(predictions=top[0], targets=[1, 0, 1, 1, 0], k=1)
    return _with_grads(tf, [g, r], [p], rng) + [snap] + list(top) + [hit]


def _old_op_outputs(tf, op_type, inputs, int_attrs, producer, n_out):
    """An op of a GraphDef of `producer` (int attrs), imported; its first n_out outputs."""
    gd = tf.GraphDef()
    gd.versions.producer = producer
    for k, t in enumerate(inputs):
        n = gd.node.add()
        n.name, n.op = "in%d" % k, "Placeholder"
        n.attr["dtype"].type = t.dtype.as_datatype_enum
    n = gd.node.add()
    n.name, n.op = "op", op_type
    n.input.extend("in%d" % k for k in range(len(inputs)))
    n.attr["T"].type = inputs[0].dtype.as_datatype_enum
    for key, value in int_attrs.items():
        n.attr[key].i = value
    return tf.import_graph_def(gd, input_map={"in%d" % k: t for k, t in enumerate(inputs)},
                               return_elements=["op:%d" % k for k in range(n_out)],
                               name="old")


def _batch_matrix(tf, rng):
    """BatchMatrix* ops (removed at version 13/14) of a producer-12 GraphDef."""
    a = tf.constant(_values(rng, (2, 3, 3)) + 3.0 * np.eye(3))
    b = tf.constant(_values(rng, (2, 3, 2)))
    spd = tf.matmul(a, a, adjoint_b=True)
    outs = []
    for op_type, inputs, n_out in (("BatchMatrixInverse", [a], 1), ("BatchMatrixSolve", [a, b], 1),
                                   ("BatchMatrixDeterminant", [a], 1),
                                   ("BatchCholesky", [spd], 1), ("BatchSvd", [a], 1),
                                   ("BatchMatrixDiagPart", [a], 1)):
        outs += list(_old_op_outputs(tf, op_type, inputs, {}, 12, n_out))
    return outs


def _max_pool_v2(tf, rng):
    R = tf.raw_ops
    x = tf.constant(_values(rng, (2, 5, 4, 3)), name="x")
    y = R.MaxPoolV2(input=x, ksize=tf.constant([1, 3, 2, 1]), strides=[1, 2, 2, 1],
                    padding="SAME")
    first = _with_grads(tf, [y], [x], rng)
    second = tf.gradients(first[1], x, grad_ys=tf.constant(_values(rng, (2, 5, 4, 3))))
    return first + second


def cases(tf):
    return {name: _case(tf, build) for name, build in (
        ("arith", _arith), ("matmul_concat_bias", _matmul_concat_bias), ("space", _space),
        ("inception_batch_norm", _inception_batch_norm),
        ("fused_batch_norm_v3", _fused_batch_norm_v3),
        ("gather_reverse_top_k", _gather_reverse_top_k), ("batch_matrix", _batch_matrix),
        ("max_pool_v2", _max_pool_v2))}
