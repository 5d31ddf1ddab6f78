"""GraphDefs TF 1.14 writes with more of its older op types (tests/test_prawops2_graphdefs.py):
Conv3DBackpropInput / Conv3DBackpropFilter (removed at GraphDef version 10: from a
producer-8 GraphDef), SelfAdjointEig and BatchSelfAdjointEig (removed at version 11: from a
producer-10 GraphDef; the eigenvalue row and v diag(e^2) v^T, as each eigenvector is defined
up to a sign), NonMaxSuppression, NonMaxSuppressionV2, QuantizeAndDequantizeV3 (with its
gradient), Empty (init=True), ScatterNdNonAliasingAdd (with its gradient) and RefIdentity. Case:
{"graph": the serialized GraphDef, "fetch": tensor names, "values": TF's values of them}."""
import numpy as np


def _values(rng, shape, low=-2.0, high=2.0):
    return rng.uniform(low, high, size=shape)


def _old_op(tf, op_type, inputs, attrs, producer):
    """One node of an op TF removed, imported from a GraphDef of `producer`."""
    gd = tf.GraphDef()
    gd.versions.producer = producer
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
        if isinstance(value, list):
            n.attr[key].list.i.extend(value)
        else:
            n.attr[key].s = value
    return tf.import_graph_def(gd, input_map=dict(zip(names, inputs)),
                               return_elements=["op:0"], name="old")[0]


def _case(tf, build):
    with tf.Graph().as_default() as g:
        rng = np.random.RandomState(11)
        fetch = build(tf, rng)
        init = tf.global_variables_initializer()   # (named "init")
        with tf.Session() as sess:
            sess.run(init)
            values = sess.run(fetch)
        return {"graph": g.as_graph_def().SerializeToString(),
                "fetch": [t.name for t in fetch], "values": values}


def _conv3d_v1(tf, rng):
    outs = []
    for dt in (np.float32, np.float64):
        x = tf.constant(_values(rng, (2, 4, 5, 4, 2)).astype(dt))
        f = tf.constant(_values(rng, (2, 3, 2, 2, 3)).astype(dt))
        for strides, padding, dy_shape in (([1, 1, 1, 1, 1], b"VALID", (2, 3, 3, 3, 3)),
                                           ([1, 2, 1, 2, 1], b"SAME", (2, 2, 5, 2, 3))):
            dy = tf.constant(_values(rng, dy_shape).astype(dt))
            attrs = {"strides": strides, "padding": padding}
            outs += [_old_op(tf, "Conv3DBackpropInput", [x, f, dy], attrs, 8),
                     _old_op(tf, "Conv3DBackpropFilter", [x, f, dy], attrs, 8)]
    return outs


def _eig_v1(tf, rng):
    outs = []
    for op_type, shape in (("SelfAdjointEig", (4, 4)), ("BatchSelfAdjointEig", (2, 3, 3))):
        for dt in (np.float32, np.float64):
            a = tf.constant(_values(rng, shape).astype(dt))
            spd = tf.matmul(a, a, adjoint_b=True) + 0.5 * tf.eye(shape[-1], dtype=a.dtype)
            out = _old_op(tf, op_type, [spd], {}, 10)
            e, v = out[..., 0, :], out[..., 1:, :]
            outs += [e, tf.matmul(v * tf.expand_dims(e * e, -2), v, adjoint_b=True)]
    return outs


def _nms_qdq_empty(tf, rng):
    R = tf.raw_ops
    centers = rng.uniform(0.0, 3.0, size=(12, 2))
    boxes = tf.constant(np.concatenate([centers - 0.5, centers + 0.5], 1).astype(np.float32))
    scores = tf.constant(rng.uniform(size=12).astype(np.float32))
    x = tf.constant(_values(rng, (3, 5)))
    q = R.QuantizeAndDequantizeV3(input=x, input_min=-1.0, input_max=1.5, num_bits=4)
    q2 = R.QuantizeAndDequantizeV3(input=tf.cast(x, tf.float32), input_min=0.0, input_max=0.0,
                                   num_bits=6, signed_input=False, range_given=False)
    return [R.NonMaxSuppression(boxes=boxes, scores=scores, max_output_size=6),
            R.NonMaxSuppression(boxes=boxes, scores=scores, max_output_size=10,
                                iou_threshold=0.2),
            R.NonMaxSuppressionV2(boxes=boxes, scores=scores, max_output_size=8,
                                  iou_threshold=tf.constant(0.3)),
            q, q2, tf.gradients(q * x, x)[0],
            R.Empty(shape=tf.constant([2, 0, 3]), dtype=tf.float64, init=True),
            R.Empty(shape=[4], dtype=tf.int32, init=True)] + _with_grad(
                tf, R.ScatterNdNonAliasingAdd(input=x, indices=[[2], [0], [2]],
                                              updates=tf.constant(_values(rng, (3, 5)))), x)


def _ref_identity(tf, rng):
    """An AssignAdd through RefIdentity writes the variable; the gradient passes through."""
    v = tf.Variable(_values(rng, (2, 3)).astype(np.float32), name="v")
    r = tf.raw_ops.RefIdentity(input=v)
    c = tf.constant(_values(rng, (2, 3)).astype(np.float32))
    return [tf.assign_add(r, c), tf.gradients(r * c, v)[0]]


def _with_grad(tf, y, x):
    return [y, tf.gradients(y * y, x)[0]]


def cases(tf):
    return {name: _case(tf, build) for name, build in (
        ("conv3d_v1", _conv3d_v1), ("eig_v1", _eig_v1), ("nms_qdq_empty", _nms_qdq_empty),
        ("ref_identity", _ref_identity))}
