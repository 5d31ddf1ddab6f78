"""The gradient of SparseSoftmaxCrossEntropyWithLogits multiplies the incoming gradient by
`array_ops.prevent_gradient(op.outputs[1], message=...)` (TF 1.14's nn_grad): the GraphDef
nodes of the gradient with their inputs (`_grad/mul` reads `_grad/PreventGradient`, made
before the ExpandDims), for tf.nn's op, tf.losses' (minimize), the op in a tf.cond branch
and in a tf.while_loop body (its PreventGradient's stack); a user's PreventGradient
(tf.raw_ops) raises LookupError with its message. Structure only (no arithmetic); the host
is recorded all the same."""
from goldenio import host_vendor


def _nodes(tf, marker):
    return [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node
            if marker in n.name]


def cases(tf):
    out = {"host": host_vendor()}
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3], "x")
        y = tf.placeholder(tf.int32, [None], "y")
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x))
        tf.gradients(loss, x)
        out["nn"] = _nodes(tf, "_grad")
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [4, 3], "x")
        w = tf.Variable(tf.ones([3, 3]), name="w")
        loss = tf.losses.sparse_softmax_cross_entropy([0, 2, 1, 2], tf.matmul(x, w),
                                                      weights=[1., 2., 0., 1.])
        tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        out["losses_minimize"] = _nodes(tf, "xentropy_grad")
    with tf.Graph().as_default():   # in a cond's branch and a while loop's body
        p = tf.placeholder(tf.bool, [], "p")
        x = tf.placeholder(tf.float32, [4, 3], "x")
        y = tf.constant([0, 1, 2, 1], name="y")

        def xent(logits):
            return tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y,
                                                                                logits=logits))
        tf.gradients(tf.cond(p, lambda: xent(x * 2.0), lambda: tf.reduce_sum(x)), x)
        out["cond"] = _nodes(tf, "WithLogits_grad")
        r = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a + xent(x * a)),
                          [tf.constant(0), tf.constant(1.0)])
        tf.gradients(r[1], x)
        out["while"] = [n for n in _nodes(tf, "WithLogits_grad") if n[0].startswith("gradients_1")]
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2], "x")
        p = tf.raw_ops.PreventGradient(input=x * 2.0, message="no second look")
        try:
            tf.gradients(tf.reduce_sum(p), x)
            out["user_prevent"] = None
        except LookupError as e:
            out["user_prevent"] = [type(e).__name__, str(e)]
    return out
