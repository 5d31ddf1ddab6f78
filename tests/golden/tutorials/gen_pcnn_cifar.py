"""CNN image-classification scripts in the TF1 CIFAR-10 tutorial style (hand-rolled
variables with weight decay in the 'losses' collection, LRN, summaries, moving averages)
on small synthetic images: their op names and order, seeded results, errors."""
import numpy as np


def _cifar_loss(tf, images, labels, n_cls=3):
    """conv -> relu -> max_pool -> lrn -> dense with weight decay, the tutorial's losses."""
    def var(name, shape, stddev, wd):
        v = tf.get_variable(name, shape, initializer=tf.truncated_normal_initializer(
            stddev=stddev, seed=3))
        if wd is not None:
            tf.add_to_collection("losses", tf.multiply(tf.nn.l2_loss(v), wd, name="weight_loss"))
        return v

    with tf.variable_scope("conv1") as scope:
        k = var("weights", [3, 3, 3, 4], 5e-2, None)
        b = tf.get_variable("biases", [4], initializer=tf.constant_initializer(0.1))
        conv1 = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(images, k, [1, 1, 1, 1], "SAME"), b),
                           name=scope.name)
        tf.summary.scalar("conv1/sparsity", tf.nn.zero_fraction(conv1))
    pool1 = tf.nn.max_pool(conv1, [1, 3, 3, 1], [1, 2, 2, 1], "SAME", name="pool1")
    norm1 = tf.nn.lrn(pool1, 2, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name="norm1")
    with tf.variable_scope("local3") as scope:
        flat = tf.reshape(norm1, [images.get_shape().as_list()[0], -1])
        w = var("weights", [flat.get_shape()[1].value, n_cls], 0.04, 0.004)
        logits = tf.add(tf.matmul(flat, w), 0.1, name=scope.name)
    ce = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=labels, logits=logits), name="cross_entropy")
    tf.add_to_collection("losses", ce)
    return tf.add_n(tf.get_collection("losses"), name="total_loss"), logits


def _images(n=2, size=6):
    rng = np.random.RandomState(0)
    return (rng.rand(n, size, size, 3).astype(np.float32),
            rng.randint(0, 3, size=(n,)).astype(np.int64))


# -- gradients of a graph whose only tf.cond (zero_fraction's) is off the path: TF's walk --
def case_gradient_ops_with_cond_off_the_path(tf):
    x, y = _images()
    total, _ = _cifar_loss(tf, tf.constant(x), tf.constant(y))
    first = len(tf.get_default_graph().get_operations())
    grads = tf.gradients(total, tf.trainable_variables())
    ops = tf.get_default_graph().get_operations()[first:]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run([total] + grads)
    return {"ops": [[o.name, o.type] for o in ops], "grads": [g.name for g in grads],
            "values": vals}


def _try(fn):
    """What a call gives: its output's name, dtype and inputs, or the error."""
    try:
        t = fn()
    except Exception as e:  # noqa: BLE001
        return e
    return [t.name, t.dtype.name, [i.name for i in t.op.inputs]]


# -- the wrappers of conv2d, max_pool, avg_pool, lrn: input conversion, names, errors --------
def case_wrapper_names_and_errors(tf):
    a = np.ones([1, 4, 4, 2], np.float32)
    x = tf.placeholder(tf.float32, [1, 5, 5, 2])
    w = tf.ones([3, 3, 2, 2])
    calls = [
        lambda: tf.nn.max_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        lambda: tf.nn.max_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "same"),
        lambda: tf.nn.max_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "SAME", data_format="NCWH"),
        lambda: tf.nn.max_pool(a, [1, 2, 2], [1, 2, 2, 1], "SAME"),
        lambda: tf.nn.max_pool(a.astype(np.int64), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        lambda: tf.nn.max_pool(tf.constant(a > 0), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        lambda: tf.nn.max_pool(tf.constant(a, tf.uint32), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        lambda: tf.nn.avg_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"),
        lambda: tf.nn.avg_pool(a.astype(np.int32), [1, 2, 2, 1], [1, 2, 2, 1], "VALID"),
        lambda: tf.nn.lrn(a),
        lambda: tf.nn.lrn(a.astype(np.int32)),
        lambda: tf.nn.lrn(tf.constant(a, tf.float64)),
        lambda: tf.nn.conv2d(a, np.ones([1, 1, 2, 2], np.float32), [1, 1, 1, 1], "SAME"),
        lambda: tf.nn.conv2d(x, w, 1, "same"),
        lambda: tf.nn.conv2d(x, w, 1, "SAME", data_format="NWHC"),
        lambda: tf.nn.conv2d(tf.cast(x, tf.int32), tf.cast(w, tf.int32), 1, "SAME"),
        lambda: tf.nn.conv2d(x, w, [1, 1, 1], "SAME"),
        lambda: tf.nn.conv2d(x, w, 1, "EXPLICIT"),
        lambda: tf.nn.conv2d(x, w, 1, [0, 0, 0, 0]),
        lambda: tf.nn.conv2d(x, w, 1, [[0, 0, 0], [0, 0], [0, 0], [0, 0]]),
        lambda: tf.nn.conv2d(x, w, 1, [[0, 0], [0, 0], [0, 0]]),
        lambda: tf.nn.conv2d(x, w, 1, [[1, 0], [0, 0], [0, 0], [0, 0]]),
        lambda: tf.nn.conv2d(x, w, 1, [[0, 0], [-1, 0], [0, 0], [0, 0]]),
        lambda: tf.nn.conv2d(x, w, 1, [[0, 0], [1, 2], [0, 1], [0, 0]]),
        lambda: tf.nn.separable_conv2d(x, tf.ones([3, 3, 2, 2]), tf.ones([2, 1, 4, 3]),
                                       [1, 1, 1, 1], "SAME"),
        lambda: tf.nn.separable_conv2d(x, tf.ones([3, 3, 2, 2]), tf.ones([1, 3, 4, 3]),
                                       [1, 1, 1, 1], "SAME"),
        lambda: tf.train.exponential_decay(0.1, None, 10, 0.9),
        lambda: tf.train.piecewise_constant(None, [1], [0.1, 0.2]),
        lambda: tf.nn.max_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        lambda: tf.nn.conv2d(x, w, 1, "SAME"),
    ]
    out = [_try(c) for c in calls]
    return {"calls": out, "ops": [o.name for o in tf.get_default_graph().get_operations()]}


# -- windows larger than an input known only at run time: the kernels' checks ---------------
def case_run_time_window_sizes(tf):
    p = tf.placeholder(tf.float32, name="pp")
    feed = {p: np.ones([1, 5, 5, 3], np.float32)}
    runs = [
        tf.nn.max_pool(p, [1, 9, 9, 1], [1, 1, 1, 1], "VALID"),
        tf.nn.max_pool(p, [1, 10, 10, 1], [1, 2, 2, 1], "VALID"),
        tf.nn.max_pool(p, [1, 6, 6, 1], [1, 1, 1, 1], "VALID"),
        tf.nn.avg_pool(p, [1, 9, 9, 1], [1, 1, 1, 1], "VALID"),
        tf.nn.conv2d(p, tf.ones([7, 7, 3, 2]), [1, 1, 1, 1], "VALID"),
        tf.nn.conv2d(p, tf.ones([6, 6, 3, 2]), [1, 1, 1, 1], "VALID"),
        tf.nn.conv2d(p, tf.ones([3, 3, 3, 2]), [1, 1, 1, 1], "VALID", dilations=[1, 3, 3, 1]),
        tf.nn.conv2d(p, tf.ones([9, 9, 3, 2]), [1, 1, 1, 1], [[0, 0], [1, 1], [1, 1], [0, 0]]),
        tf.nn.depthwise_conv2d(p, tf.ones([7, 7, 3, 1]), [1, 1, 1, 1], "VALID"),
    ]
    out = []
    with tf.Session() as sess:
        for r in runs:
            try:
                out.append(list(sess.run(r, feed).shape))
            except tf.errors.OpError as e:
                out.append([type(e).__name__, e.message.split("\n")[0]])
    return out


# -- the tutorial's train(): staircase decay, loss averages, variable averages, in_top_k ----
def case_train_steps(tf):
    x, y = _images(4, 6)
    gs = tf.train.get_or_create_global_step()
    total, logits = _cifar_loss(tf, tf.constant(x), tf.constant(y))
    lr = tf.train.exponential_decay(0.1, gs, 2, 0.5, staircase=True)
    loss_avg = tf.train.ExponentialMovingAverage(0.9, name="avg")
    losses = tf.get_collection("losses")
    loss_avg_op = loss_avg.apply(losses + [total])
    with tf.control_dependencies([loss_avg_op]):
        opt = tf.train.GradientDescentOptimizer(lr)
        grads = opt.compute_gradients(total)
    apply_op = opt.apply_gradients(grads, global_step=gs)
    var_avg = tf.train.ExponentialMovingAverage(0.9999, gs)
    with tf.control_dependencies([apply_op]):
        train_op = tf.group(var_avg.apply(tf.trainable_variables()), name="train")
    top1 = tf.reduce_sum(tf.cast(tf.nn.in_top_k(logits, tf.cast(y, tf.int32), 1), tf.int32))
    # printed as a script prints them (the dense layer's MatMul is not TF's bits: its last
    # bits drift over the steps)
    out = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            _, loss, rate, hits = sess.run([train_op, total, lr, top1])
            out.append(["%.5f" % loss, float(rate), int(hits)])
        out.append(["%.5f" % v for v in sess.run(
            [tf.reduce_sum(v) for v in tf.trainable_variables()] + [loss_avg.average(total)])])
        out.append(["%.5f" % v for v in sess.run(var_avg.average(tf.trainable_variables()[0]))
                    .ravel()[:8]])
    out.append(sorted(var_avg.variables_to_restore()))
    return out


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
