"""The order in which tf.gradients sums a variable's gradient contributions when a tf.cond
lies between the loss and the variable (probe book: Hands-On ML chapter 11 style DNNs,
a weight penalty on each kernel and batch normalization or dropout under a `training`
placeholder; tests/test_book_grad_order.py runs the same case functions with flowgrad).
TF's walk is a FIFO queue from the loss: the penalty's short path reaches the kernel
first, so its AddN reads [L2Loss_grad, Abs_grad, MatMul_grad]. (The AddN kernel then
sums in an order of its own: it moves the first input whose buffer it can reuse to the
front, after Grappler's arithmetic optimizer has rewritten the node; flowgrad sums left
to right, so three-term sums may round 1 ulp apart.)"""
import numpy as np

VARIANTS = ["plain", "cond", "batch_norm", "dropout", "layers_batch_norm"]


def _model(tf, variant):
    """A two-layer classifier; returns (loss, kernel, feeds)."""
    rnd = np.random.RandomState(1)
    xd = rnd.randn(32, 6).astype(np.float32)
    yd = (xd.sum(1) > 0).astype(np.int32)
    tf.set_random_seed(3)
    x = tf.placeholder(tf.float32, [None, 6], name="X")
    y = tf.placeholder(tf.int32, [None], name="y")
    training = tf.placeholder(tf.bool, [], name="training")
    feeds = {x: xd, y: yd, training: True}
    if variant == "layers_batch_norm":
        h = tf.layers.dense(x, 8, name="h1",
                            kernel_regularizer=tf.contrib.layers.l2_regularizer(0.05))
        h = tf.nn.elu(tf.layers.batch_normalization(h, training=training, momentum=0.9))
        logits = tf.layers.dense(h, 2, name="out")
        kernel = tf.get_default_graph().get_tensor_by_name("h1/kernel:0")
    else:
        kw = {}
        if variant == "batch_norm":
            kw = dict(normalizer_fn=tf.contrib.layers.batch_norm,
                      normalizer_params={"is_training": training, "decay": 0.99})
        h = tf.contrib.layers.fully_connected(
            x, 8, scope="h1", activation_fn=tf.nn.leaky_relu,
            weights_regularizer=tf.contrib.layers.l1_l2_regularizer(0.01, 0.02), **kw)
        if variant == "dropout":
            h = tf.contrib.layers.dropout(h, 0.8, is_training=training, seed=5)
        if variant == "cond":
            h = tf.cond(training, lambda: h * 2.0, lambda: h)
        logits = tf.contrib.layers.fully_connected(h, 2, activation_fn=None, scope="out")
        kernel = tf.get_default_graph().get_tensor_by_name("h1/weights:0")
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits) + \
        tf.losses.get_regularization_loss()
    return loss, kernel, feeds


def grad_order(tf, variant):
    """The kernel gradient's summed inputs, its value and the kernel after 3 GD steps."""
    with tf.Graph().as_default():
        loss, kernel, feeds = _model(tf, variant)
        g = tf.gradients(loss, [kernel])[0]
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            grad = sess.run(g, feeds)
            for _ in range(3):
                sess.run([train] + updates, feeds)
            trained = sess.run(kernel)
        return {"op": g.op.type, "inputs": [t.name for t in g.op.inputs],
                "grad": grad, "trained": trained}


def incompatible_grad(tf):
    """A rule's gradient whose static shape the input's does not take: TF's ValueError
    (the labels [1, 3] of a cross-entropy broadcast to the logits' [2, 3])."""
    with tf.Graph().as_default():
        logits = tf.constant([[1., 2., 3.], [1., 1., 0.]])
        labels = tf.constant([[0.2, 0.3, 0.5]])
        loss = tf.raw_ops.SoftmaxCrossEntropyWithLogits(features=logits, labels=labels)[0]
        try:
            tf.gradients(loss, [labels])
        except ValueError as e:
            return e
        return None


def cases(tf):
    out = {v: grad_order(tf, v) for v in VARIANTS}
    out["incompatible_grad"] = incompatible_grad(tf)
    return out
