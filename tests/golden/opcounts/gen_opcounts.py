"""The ops (name, type) TF 1.14 creates for common API calls, one fresh graph per call.

With only a graph-level seed, a random op's seed2 is the graph's op counter at its
creation, so flowgrad must create exactly TF's ops (count and names) for a seeded
program to print TF's numbers. Each entry of CALLS is (name, fn(tf)); fn builds in a
fresh default graph and the case records [[op.name, op.type], ...] of the whole graph.
tools/opcounts.py runs the same calls under TF and flowgrad and prints the differences.
"""
import importlib

import numpy as np


def _x(tf, shape=(4, 3)):
    return tf.placeholder(tf.float32, shape, name="x")


def _mlp(tf):
    x = _x(tf)
    y = tf.placeholder(tf.float32, (4, 2), name="y")
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    b = tf.Variable(np.zeros(2, np.float32), name="b")
    pred = tf.matmul(x, w) + b
    return tf.reduce_mean(tf.square(pred - y))


def _opt(cls, **kw):
    def fn(tf):
        loss = _mlp(tf)
        getattr(tf.train, cls)(0.1, **kw).minimize(loss)
    return fn


def _opt_gs(cls, **kw):
    def fn(tf):
        loss = _mlp(tf)
        gs = tf.train.get_or_create_global_step()
        getattr(tf.train, cls)(0.1, **kw).minimize(loss, global_step=gs)
    return fn


def _compute_apply(tf):
    loss = _mlp(tf)
    opt = tf.train.GradientDescentOptimizer(0.1)
    gv = opt.compute_gradients(loss)
    opt.apply_gradients(gv)


def _get_variable(init):
    def fn(tf):
        tf.get_variable("v", (4, 3), initializer=init(tf))
    return fn


def _initializer(init):
    def fn(tf):
        init(tf)((4, 3))
    return fn


INITS = [
    ("zeros", lambda tf: tf.zeros_initializer()),
    ("ones", lambda tf: tf.ones_initializer()),
    ("constant", lambda tf: tf.constant_initializer(0.5)),
    ("random_normal", lambda tf: tf.random_normal_initializer()),
    ("random_uniform", lambda tf: tf.random_uniform_initializer()),
    ("truncated_normal", lambda tf: tf.truncated_normal_initializer()),
    ("glorot_uniform", lambda tf: tf.glorot_uniform_initializer()),
    ("glorot_normal", lambda tf: tf.glorot_normal_initializer()),
    ("variance_scaling", lambda tf: tf.variance_scaling_initializer()),
    ("orthogonal", lambda tf: tf.orthogonal_initializer()),
    ("variance_scaling_uniform_fan_avg", lambda tf: tf.variance_scaling_initializer(
        1.0, "fan_avg", "uniform")),
]


def _softmax_v2(tf):
    x = _x(tf)
    y = tf.placeholder(tf.float32, (4, 3), name="y")
    tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x))


def _softmax_v1(tf):
    x = _x(tf)
    y = tf.placeholder(tf.float32, (4, 3), name="y")
    tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=x)


def _sparse_softmax(tf):
    x = _x(tf)
    y = tf.placeholder(tf.int32, (4,), name="y")
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x)


def _sigmoid_xent(tf):
    x = _x(tf)
    y = tf.placeholder(tf.float32, (4, 3), name="y")
    tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x)


def _grad_mse(tf):
    loss = _mlp(tf)
    tf.gradients(loss, tf.trainable_variables())


def _grad_softmax(tf):
    x = _x(tf)
    y = tf.placeholder(tf.float32, (4, 2), name="y")
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=y, logits=tf.matmul(x, w)))
    tf.gradients(loss, [w])


def _grad_sparse(tf):
    x = _x(tf)
    y = tf.placeholder(tf.int32, (4,), name="y")
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=y, logits=tf.matmul(x, w)))
    tf.gradients(loss, [w])


def _moments(tf):
    tf.nn.moments(_x(tf), axes=[0])


def _batch_norm(tf):
    x = _x(tf)
    m, v = tf.nn.moments(x, axes=[0])
    tf.nn.batch_normalization(x, m, v, tf.zeros(3), tf.ones(3), 1e-3)


def _dropout(tf):
    tf.nn.dropout(_x(tf), keep_prob=0.5)


def _dropout_rate(tf):
    tf.nn.dropout(_x(tf), rate=0.5)


def _conv_pool(tf):
    x = tf.placeholder(tf.float32, (2, 8, 8, 3), name="x")
    w = tf.Variable(np.ones((3, 3, 3, 4), np.float32), name="w")
    h = tf.nn.relu(tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME"))
    h = tf.nn.max_pool(h, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    tf.nn.avg_pool(h, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")


def _dense(tf):
    x = _x(tf)
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    b = tf.Variable(np.zeros(2, np.float32), name="b")
    tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w), b))


def _reduces(tf):
    x = _x(tf)
    tf.reduce_sum(x)
    tf.reduce_sum(x, axis=1)
    tf.reduce_mean(x, axis=[0, 1])
    tf.reduce_max(x, 0, keepdims=True)
    tf.reduce_min(x)
    tf.reduce_prod(x, -1)
    tf.reduce_all(x > 0)
    tf.reduce_any(x > 0, axis=0)
    tf.argmax(x, 1)
    tf.argmin(x, axis=0)


def _binary_consts(tf):
    x = _x(tf)
    tf.maximum(x, 0.0)
    tf.minimum(0.5, x)
    tf.add(x, 1.0)
    tf.subtract(2.0, x)
    tf.multiply(x, 3.0)
    tf.div(x, 2.0)
    tf.truediv(x, 2.0)
    tf.pow(x, 2.0)
    tf.squared_difference(x, 1.0)
    tf.equal(x, 1.0)
    tf.less(x, 1.0)
    tf.greater_equal(x, 1.0)


def _operators(tf):
    x = _x(tf)
    _ = x + 1.0
    _ = 1.0 - x
    _ = x * 2
    _ = 2.0 / x
    _ = x ** 2
    _ = -x
    _ = x > 0.5
    _ = x[1:, 0]


def _clip_value(tf):
    tf.clip_by_value(_x(tf), -1.0, 1.0)


def _clip_norm(tf):
    tf.clip_by_norm(_x(tf), 1.0)


def _clip_global(tf):
    x = _x(tf)
    tf.clip_by_global_norm([x, x * 2.0], 1.0)


def _schedule(name, **kw):
    def fn(tf):
        gs = tf.train.get_or_create_global_step()
        getattr(tf.train, name)(0.1, gs, **kw)
    return fn


def _saver(tf):
    tf.Variable(np.ones((3, 2), np.float32), name="w")
    tf.Variable(np.zeros(2, np.float32), name="b")
    tf.train.Saver()


def _sharded_saver(tf):
    tf.Variable(np.ones((3, 2), np.float32), name="w")
    tf.Variable(np.zeros(2, np.float32), name="b", use_resource=True)
    tf.train.Saver(sharded=True)


def _checkpoint_save(tf):
    # TF 1.14's TrackableSaver.save in graph mode: two fed string Consts, the
    # functional_saver shards (resource variables saved from their Read/ReadVariableOp,
    # save_counter on /cpu:0 with the object graph), ops made again only for a new object
    # graph
    import os
    import shutil
    import tempfile
    ck = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0], name="v", use_resource=True),
                             r=tf.Variable([5.0], name="r"))
    d = tempfile.mkdtemp()
    try:
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            ck.save(os.path.join(d, "ck"), session=s)
            ck.write(os.path.join(d, "w"), session=s)
            ck.w = tf.Variable(3, name="w", use_resource=True)
            s.run(ck.w.initializer)
            ck.save(os.path.join(d, "ck"), session=s)
    finally:
        shutil.rmtree(d)


def _checkpoint_restore(tf):
    # TF 1.14's TrackableSaver.restore in graph mode: one file-prefix Const ("model", fed)
    # per Checkpoint; per object RestoreV2 + Identity + AssignVariableOp (Assign for a ref
    # variable); save_counter made (and restored); nothing new on a second restore; a
    # dependency added later restored as it is added
    import os
    import shutil
    import tempfile
    v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
    r = tf.Variable([5.0], name="r")
    d = tempfile.mkdtemp()
    try:
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            path = tf.train.Checkpoint(v=v, r=r).save(os.path.join(d, "ck"), session=s)
            ck = tf.train.Checkpoint(v=v)
            status = ck.restore(path)
            ck.restore(path)
            ck.r = r
            status.run_restore_ops(s)
    finally:
        shutil.rmtree(d)


def _checkpoint_restore_slots(tf):
    # Adam's beta powers and m / v made after Checkpoint.restore: their restore ops made
    # as each is made
    import os
    import shutil
    import tempfile
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default(), tf.Session() as s:
            v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
            opt = tf.train.AdamOptimizer(0.1)
            train = opt.minimize(tf.reduce_sum(v * v))
            ck = tf.train.Checkpoint(v=v, opt=opt)
            s.run(tf.global_variables_initializer())
            s.run(train)
            path = ck.save(os.path.join(d, "ck"), session=s)
        v = tf.Variable([0.0, 0.0], name="v", use_resource=True)
        opt = tf.train.AdamOptimizer(0.1)
        tf.train.Checkpoint(v=v, opt=opt).restore(path)
        opt.minimize(tf.reduce_sum(v * v))
    finally:
        shutil.rmtree(d)


def _keras_load_weights_tf(tf):
    # Keras load_weights of a TF-format checkpoint: the model's saver's restore ops made
    # at load (streamed to keras.backend.get_session), none when loaded again
    import os
    import shutil
    import tempfile
    K = tf.keras
    d = tempfile.mkdtemp()
    try:
        with tf.Session():
            m = K.Sequential([K.layers.Dense(3, input_shape=(2,), name="a"),
                              K.layers.Dense(1, name="b")])
            path = os.path.join(d, "w")
            m.save_weights(path)
            m.load_weights(path)
            m.load_weights(path)
    finally:
        shutil.rmtree(d)


def _hessians(tf):
    x = tf.Variable([1., 2., 3.], name="x")
    tf.hessians(tf.reduce_sum(x ** 3) + x[0] * x[1], x)


def _summaries(tf):
    x = _x(tf)
    tf.summary.scalar("loss", tf.reduce_mean(x))
    tf.summary.histogram("x", x)
    tf.summary.merge_all()


def _embedding(tf):
    params = tf.Variable(np.ones((10, 3), np.float32), name="emb")
    ids = tf.placeholder(tf.int32, (4,), name="ids")
    tf.nn.embedding_lookup(params, ids)


def _one_hot(tf):
    ids = tf.placeholder(tf.int32, (4,), name="ids")
    tf.one_hot(ids, 5)


def _nce(tf):
    x = _x(tf)
    w = tf.Variable(np.ones((10, 3), np.float32), name="w")
    b = tf.Variable(np.zeros(10, np.float32), name="b")
    y = tf.placeholder(tf.int64, (4, 1), name="y")
    tf.nn.nce_loss(w, b, y, x, num_sampled=3, num_classes=10)


def _sampled(tf):
    x = _x(tf)
    w = tf.Variable(np.ones((10, 3), np.float32), name="w")
    b = tf.Variable(np.zeros(10, np.float32), name="b")
    y = tf.placeholder(tf.int64, (4, 1), name="y")
    tf.nn.sampled_softmax_loss(w, b, y, x, num_sampled=3, num_classes=10)


def _sampled_partitioned(tf, loss):
    """Weights a PartitionedVariable: TF looks up its parts (DynamicPartition, a gather
    per part, DynamicStitch), not their concatenation."""
    x = _x(tf)
    w = tf.get_variable("w", (10, 3), partitioner=tf.fixed_size_partitioner(2))
    b = tf.Variable(np.zeros(10, np.float32), name="b")
    y = tf.placeholder(tf.int64, (4, 1), name="y")
    loss(w, b, y, x, num_sampled=3, num_classes=10)


def _l2_loss(tf):
    tf.nn.l2_loss(_x(tf))


def _variable(tf):
    tf.Variable(np.ones((3, 2), np.float32), name="w")
    tf.Variable(1.0)
    tf.Variable(tf.zeros((2, 2)), name="z")
    tf.Variable(tf.random_normal((2, 2)), name="r")


def _resource_variable(tf):
    tf.Variable(np.ones((3, 2), np.float32), name="w", use_resource=True)
    tf.Variable(1.0, use_resource=True)
    v = tf.Variable(tf.random_normal((2, 2)), name="r", use_resource=True)
    v.value()
    v.read_value()
    v.assign(tf.zeros((2, 2)))
    v.assign_add(tf.ones((2, 2)), read_value=False)
    v.sparse_read([1])
    tf.random_normal((2, 2))


def _resource_get_variable(tf):
    tf.get_variable("v", (4, 3), use_resource=True)
    with tf.variable_scope("s", use_resource=True):
        tf.get_variable("u", (2,), initializer=tf.zeros_initializer())
        tf.get_variable("n", (2, 2), initializer=tf.random_normal_initializer())
    tf.random_normal((2, 2))


def _resource_saver(tf):
    tf.Variable(np.ones((3, 2), np.float32), name="w", use_resource=True)
    tf.Variable(np.zeros(2, np.float32), name="b")
    tf.train.Saver()


def _global_init(tf):
    tf.Variable(np.ones((3, 2), np.float32), name="w")
    tf.get_variable("v", (2,))
    tf.global_variables_initializer()
    tf.local_variables_initializer()


def _ema(tf):
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    ema = tf.train.ExponentialMovingAverage(0.9)
    ema.apply([w])
    ema.average(w)


def _ema_step(tf):
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    gs = tf.train.get_or_create_global_step()
    tf.train.ExponentialMovingAverage(0.9, num_updates=gs).apply([w])


def _cond(tf):
    x = _x(tf)
    p = tf.placeholder(tf.bool, (), name="p")
    tf.cond(p, lambda: x + 1.0, lambda: x * 2.0)


def _while(tf):
    i = tf.constant(0)
    tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])


def _random_ops(tf):
    tf.random_normal((2, 3))
    tf.random_uniform((2, 3), 0, 10, dtype=tf.int32)
    tf.truncated_normal((2, 3), stddev=0.1)
    tf.random_shuffle(tf.range(5))
    tf.multinomial(tf.zeros((2, 3)), 4)


def _array_misc(tf):
    x = _x(tf)
    tf.reshape(x, [-1])
    tf.transpose(x)
    tf.concat([x, x], 1)
    tf.stack([x, x])
    tf.expand_dims(x, 0)
    tf.squeeze(tf.expand_dims(x, 0))
    tf.cast(x, tf.int32)
    tf.zeros_like(x)
    tf.ones((2, 3))
    tf.fill((2, 3), 1.0)
    tf.range(5)
    tf.shape(x)
    tf.tile(x, [2, 1])
    tf.gather(x, [0, 2])
    tf.split(x, 3, axis=1)


def _activations(tf):
    x = _x(tf)
    tf.nn.softmax(x)
    tf.nn.log_softmax(x)
    tf.nn.sigmoid(x)
    tf.nn.tanh(x)
    tf.nn.relu6(x)
    tf.nn.elu(x)
    tf.nn.leaky_relu(x)
    tf.nn.softplus(x)
    tf.nn.swish(x)   # (a Defun: one call op)


def _layers_dense(tf):
    tf.layers.dense(_x(tf), 2, activation=tf.nn.relu)


CALLS = (
    [("variable", _variable), ("global_variables_initializer", _global_init)]
    + [("variable/use_resource", _resource_variable),
       ("get_variable/use_resource", _resource_get_variable),
       ("saver/use_resource", _resource_saver)]
    + [("get_variable/" + n, _get_variable(f)) for n, f in INITS]
    + [("initializer/" + n, _initializer(f)) for n, f in INITS]
    + [("minimize/GradientDescent", _opt("GradientDescentOptimizer")),
       ("minimize/Momentum", _opt("MomentumOptimizer", momentum=0.9)),
       ("minimize/Adam", _opt("AdamOptimizer")),
       ("minimize/Adagrad", _opt("AdagradOptimizer")),
       ("minimize/RMSProp", _opt("RMSPropOptimizer")),
       ("minimize/RMSProp_centered", _opt("RMSPropOptimizer", centered=True)),
       ("minimize/Adadelta", _opt("AdadeltaOptimizer")),
       ("minimize/Ftrl", _opt("FtrlOptimizer")),
       ("minimize/Adam_global_step", _opt_gs("AdamOptimizer")),
       ("minimize/GradientDescent_global_step", _opt_gs("GradientDescentOptimizer")),
       ("compute_apply_gradients", _compute_apply),
       ("gradients/mse", _grad_mse),
       ("gradients/softmax_xent", _grad_softmax),
       ("gradients/sparse_softmax_xent", _grad_sparse),
       ("softmax_cross_entropy_with_logits_v2", _softmax_v2),
       ("softmax_cross_entropy_with_logits", _softmax_v1),
       ("sparse_softmax_cross_entropy_with_logits", _sparse_softmax),
       ("sigmoid_cross_entropy_with_logits", _sigmoid_xent),
       ("l2_loss", _l2_loss),
       ("moments", _moments),
       ("batch_normalization", _batch_norm),
       ("dropout/keep_prob", _dropout),
       ("dropout/rate", _dropout_rate),
       ("conv2d_pool", _conv_pool),
       ("matmul_bias_add_relu", _dense),
       ("reduce", _reduces),
       ("binary_consts", _binary_consts),
       ("operators", _operators),
       ("activations", _activations),
       ("array_misc", _array_misc),
       ("clip_by_value", _clip_value),
       ("clip_by_norm", _clip_norm),
       ("clip_by_global_norm", _clip_global),
       ("schedule/exponential_decay", _schedule("exponential_decay", decay_steps=10,
                                                decay_rate=0.9)),
       ("schedule/exponential_decay_staircase", _schedule(
           "exponential_decay", decay_steps=10, decay_rate=0.9, staircase=True)),
       ("schedule/inverse_time_decay", _schedule("inverse_time_decay", decay_steps=10,
                                                 decay_rate=0.9)),
       ("schedule/natural_exp_decay", _schedule("natural_exp_decay", decay_steps=10,
                                                decay_rate=0.9)),
       ("schedule/polynomial_decay", _schedule("polynomial_decay", decay_steps=10)),
       ("schedule/cosine_decay", _schedule("cosine_decay", decay_steps=10)),
       ("saver", _saver),
       ("saver/sharded", _sharded_saver),
       ("checkpoint/save", _checkpoint_save),
       ("checkpoint/restore", _checkpoint_restore),
       ("checkpoint/restore_slots", _checkpoint_restore_slots),
       ("keras/load_weights_tf", _keras_load_weights_tf),
       ("hessians", _hessians),
       ("summaries", _summaries),
       ("embedding_lookup", _embedding),
       ("one_hot", _one_hot),
       ("nce_loss", _nce),
       ("sampled_softmax_loss", _sampled),
       ("nce_loss_partitioned", lambda tf: _sampled_partitioned(tf, tf.nn.nce_loss)),
       ("sampled_softmax_loss_partitioned",
        lambda tf: _sampled_partitioned(tf, tf.nn.sampled_softmax_loss)),
       ("random_ops", _random_ops),
       ("ExponentialMovingAverage", _ema),
       ("ExponentialMovingAverage_num_updates", _ema_step),
       ("layers_dense", _layers_dense),
       ("cond", _cond),
       ("while_loop", _while)]
)


# -- gradients of common ops (issue 10: TF's gradient subgraphs, op by op) ---------------
def _grad_of(build):
    """fn(tf): tf.gradients of build(tf) -> (y, xs)."""
    def fn(tf):
        y, xs = build(tf)
        tf.gradients(y, xs)
    return fn


def _xv(tf, shape=(4, 3), name="v"):
    return tf.Variable(np.ones(shape, np.float32), name=name)


def _bin(op, yshape):
    def build(tf):
        x = _xv(tf)
        y = _xv(tf, yshape, "u")
        return op(tf)(x, y), [x, y]
    return build


def _bin_const(op, c):
    def build(tf):
        x = _xv(tf)
        return op(tf)(x, c), [x]
    return build


def _un(op):
    def build(tf):
        x = _xv(tf)
        return op(tf)(x), [x]
    return build


def _red(op, **kw):
    def build(tf):
        x = _xv(tf)
        return op(tf)(x, **kw), [x]
    return build


def _matmul(**kw):
    def build(tf):
        a = _xv(tf, (3, 4) if kw.get("transpose_a") else (4, 3), "a")
        b = _xv(tf, (2, 3) if kw.get("transpose_b") else (3, 2), "b")
        return tf.matmul(a, b, **kw), [a, b]
    return build


def _matmul_one(tf):
    a = tf.placeholder(tf.float32, (4, 3), name="a")
    b = _xv(tf, (3, 2), "b")
    return tf.matmul(a, b), [b]


def _fan_in(tf):
    x = _xv(tf)
    return tf.reduce_sum(tf.tanh(x) * x + tf.sigmoid(x) + x), [x]


def _grad_ys(tf):
    x = _xv(tf)
    y = tf.tanh(x)
    tf.gradients(y, [x], grad_ys=tf.ones((4, 3)))


def _unknown_shape(tf):
    x = tf.placeholder(tf.float32, (None, 3), name="x")
    b = _xv(tf, (3,), "b")
    w = _xv(tf, (3, 2), "w")
    return tf.reduce_mean(tf.square(tf.matmul(x + b, w))), [b, w]


def _conv(tf):
    x = tf.placeholder(tf.float32, (2, 8, 8, 3), name="x")
    w = _xv(tf, (3, 3, 3, 4), "w")
    b = _xv(tf, (4,), "b")
    h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME"), b))
    h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    h = tf.nn.avg_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    return tf.reduce_sum(h), [w, b]


def _xent(kind):
    def build(tf):
        x = _xv(tf, (4, 3), "logits")
        if kind == "softmax":
            y = tf.placeholder(tf.float32, (4, 3), name="y")
            loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x)
        elif kind == "sparse":
            y = tf.placeholder(tf.int32, (4,), name="y")
            loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x)
        else:
            y = tf.placeholder(tf.float32, (4, 3), name="y")
            loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x)
        return tf.reduce_mean(loss), [x]
    return build


def _array(op):
    def build(tf):
        x = _xv(tf)
        return op(tf, x), [x]
    return build


def _mlp_train(opt, **kw):
    def fn(tf):
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, (8, 5), name="x")
        y = tf.placeholder(tf.int32, (8,), name="y")
        h = tf.layers.dense(x, 6, activation=tf.nn.relu)
        logits = tf.layers.dense(h, 3)
        loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
        gs = tf.train.get_or_create_global_step()
        getattr(tf.train, opt)(0.1, **kw).minimize(loss, global_step=gs)
        tf.nn.dropout(h, 0.5)
    return fn


def _conv_train(tf):
    tf.set_random_seed(1)
    x = tf.placeholder(tf.float32, (2, 8, 8, 3), name="x")
    y = tf.placeholder(tf.float32, (2, 2), name="y")
    h = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    logits = tf.layers.dense(tf.layers.flatten(h), 2)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
    tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    tf.random_normal((2,))


def _lstm_train(tf):
    tf.set_random_seed(1)
    xs = [tf.placeholder(tf.float32, (2, 3), name="x%d" % i) for i in range(3)]
    cell = tf.nn.rnn_cell.BasicLSTMCell(4)
    outs, _ = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
    loss = tf.reduce_mean(tf.square(outs[-1]))
    tf.train.AdamOptimizer(0.01).minimize(loss)
    tf.random_uniform((2,))


_UNARY = ["square", "sqrt", "rsqrt", "exp", "log", "tanh", "sigmoid", "abs", "negative",
          "reciprocal", "sin", "cos", "log1p", "erf"]
_NN_UNARY = ["relu", "relu6", "elu", "selu", "leaky_relu", "softmax", "log_softmax",
             "softplus", "softsign", "l2_loss", "swish"]
_BINARY = ["add", "subtract", "multiply", "truediv", "maximum", "minimum",
           "squared_difference", "pow"]

GRAD_CALLS = (
    [("grad/%s/same" % n, _grad_of(_bin(lambda tf, n=n: getattr(tf, n), (4, 3))))
     for n in _BINARY]
    + [("grad/%s/bcast" % n, _grad_of(_bin(lambda tf, n=n: getattr(tf, n), (3,))))
       for n in _BINARY]
    + [("grad/%s/const" % n, _grad_of(_bin_const(lambda tf, n=n: getattr(tf, n), 2.0)))
       for n in _BINARY]
    + [("grad/%s" % n, _grad_of(_un(lambda tf, n=n: getattr(tf, n)))) for n in _UNARY]
    + [("grad/nn.%s" % n, _grad_of(_un(lambda tf, n=n: getattr(tf.nn, n))))
       for n in _NN_UNARY]
    + [("grad/reduce_sum", _grad_of(_red(lambda tf: tf.reduce_sum))),
       ("grad/reduce_sum_axis", _grad_of(_red(lambda tf: tf.reduce_sum, axis=1))),
       ("grad/reduce_mean", _grad_of(_red(lambda tf: tf.reduce_mean))),
       ("grad/reduce_mean_axis", _grad_of(_red(lambda tf: tf.reduce_mean, axis=0))),
       ("grad/reduce_max", _grad_of(_red(lambda tf: tf.reduce_max, axis=1))),
       ("grad/reduce_min", _grad_of(_red(lambda tf: tf.reduce_min))),
       ("grad/reduce_prod", _grad_of(_red(lambda tf: tf.reduce_prod, axis=1))),
       ("grad/reduce_logsumexp", _grad_of(_red(lambda tf: tf.reduce_logsumexp, axis=1))),
       ("grad/matmul", _grad_of(_matmul())),
       ("grad/matmul_ta", _grad_of(_matmul(transpose_a=True))),
       ("grad/matmul_tb", _grad_of(_matmul(transpose_b=True))),
       ("grad/matmul_one_input", _grad_of(_matmul_one)),
       ("grad/fan_in", _grad_of(_fan_in)),
       ("grad/grad_ys", _grad_ys),
       ("grad/unknown_shape", _grad_of(_unknown_shape)),
       ("grad/conv_pool", _grad_of(_conv)),
       ("grad/softmax_xent", _grad_of(_xent("softmax"))),
       ("grad/sparse_softmax_xent", _grad_of(_xent("sparse"))),
       ("grad/sigmoid_xent", _grad_of(_xent("sigmoid"))),
       ("grad/reshape", _grad_of(_array(lambda tf, x: tf.reshape(x, [-1])))),
       ("grad/transpose", _grad_of(_array(lambda tf, x: tf.transpose(x)))),
       ("grad/concat", _grad_of(_array(lambda tf, x: tf.concat([x, x * 2.0], 1)))),
       ("grad/split", _grad_of(_array(lambda tf, x: tf.split(x, 3, axis=1)[1]))),
       ("grad/gather", _grad_of(_array(lambda tf, x: tf.gather(x, [0, 2])))),
       ("grad/strided_slice", _grad_of(_array(lambda tf, x: x[1:, 0]))),
       ("grad/slice", _grad_of(_array(lambda tf, x: tf.slice(x, [1, 0], [2, 2])))),
       ("grad/expand_squeeze", _grad_of(_array(
           lambda tf, x: tf.squeeze(tf.expand_dims(x, 0))))),
       ("grad/tile", _grad_of(_array(lambda tf, x: tf.tile(x, [2, 1])))),
       ("grad/pad", _grad_of(_array(lambda tf, x: tf.pad(x, [[1, 0], [0, 2]])))),
       ("grad/cast", _grad_of(_array(lambda tf, x: tf.cast(x, tf.float64)))),
       ("grad/identity", _grad_of(_array(lambda tf, x: tf.identity(x)))),
       ("grad/stack_unstack", _grad_of(_array(lambda tf, x: tf.unstack(tf.stack([x, x]))[0]))),
       ("grad/where", _grad_of(_array(lambda tf, x: tf.where(x > 0.5, x, x * 3.0)))),
       ("grad/clip_by_value", _grad_of(_array(lambda tf, x: tf.clip_by_value(x, 0.1, 0.9)))),
       ("grad/bias_add", _grad_of(_array(lambda tf, x: tf.nn.bias_add(x, _xv(tf, (3,), "b"))))),
       ("grad/l2_normalize", _grad_of(_array(lambda tf, x: tf.nn.l2_normalize(x, 1)))),
       ("train/conv_momentum", _conv_train),
       ("train/lstm_adam", _lstm_train)]
    + [("train/mlp_%s" % o, _mlp_train(o, **kw)) for o, kw in [
        ("GradientDescentOptimizer", {}), ("MomentumOptimizer", {"momentum": 0.9}),
        ("AdamOptimizer", {}), ("AdagradOptimizer", {}), ("RMSPropOptimizer", {}),
        ("AdadeltaOptimizer", {}), ("FtrlOptimizer", {})]]
)
CALLS = CALLS + GRAD_CALLS


def ops_of(tf, fn):
    """[[name, type], ...] of a fresh default graph after fn(tf), or the error's repr."""
    tf.reset_default_graph()
    try:
        fn(tf)
    except Exception as e:  # a call flowgrad lacks shows as a difference, not a crash
        return "error: %s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()]


def cases(tf):
    return dict((name, ops_of(tf, fn)) for name, fn in CALLS)


# -- issue 16: lookup tables and feature columns --------------------------------------------
def _fc_features(tf):
    return {"price": tf.placeholder(tf.float32, (None, 1), name="price"),
            "color": tf.placeholder(tf.string, (None, 2), name="color")}


def _fc_input_layer_indicator(tf):
    fc = tf.feature_column
    fc.input_layer(_fc_features(tf), [
        fc.numeric_column("price"),
        fc.indicator_column(fc.categorical_column_with_hash_bucket("color", 5))])


def _fc_input_layer_embedding(tf):
    fc = tf.feature_column
    tf.set_random_seed(1)
    fc.input_layer(_fc_features(tf), [
        fc.embedding_column(fc.categorical_column_with_vocabulary_list("color", ["R", "G"]), 2)])


def _fc_linear_model(tf):
    fc = tf.feature_column
    fc.linear_model(_fc_features(tf), [
        fc.numeric_column("price"),
        fc.categorical_column_with_vocabulary_list("color", ["R", "G"], num_oov_buckets=1)])


def _lookup_index_table(tf):
    t = tf.contrib.lookup.index_table_from_tensor(["a", "b"], num_oov_buckets=2)
    t.lookup(tf.placeholder(tf.string, (3,), name="k"))
    tf.tables_initializer()


CALLS = CALLS + [
    ("feature_column/input_layer_indicator", _fc_input_layer_indicator),
    ("feature_column/input_layer_embedding", _fc_input_layer_embedding),
    ("feature_column/linear_model", _fc_linear_model),
    ("lookup/index_table_from_tensor", _lookup_index_table),
]


# -- issue 10 leftovers: asin/acos/atan/atanh op order, gather along other axes, Prod -------
def _xv3(tf):
    return _xv(tf, (4, 3, 2))


def _gather_axis(axis, ishape=(2,)):
    def build(tf):
        x = _xv3(tf)
        return tf.gather(x, np.zeros(ishape, np.int32), axis=axis), [x]
    return build


def _prod(**kw):
    def build(tf):
        x = _xv3(tf)
        return tf.reduce_prod(x, **kw), [x]
    return build


CALLS = CALLS + (
    [("grad/%s" % n, _grad_of(_un(lambda tf, n=n: getattr(tf, n))))
     for n in ["asin", "acos", "atan", "atanh"]]
    + [("grad/gather_axis%s" % a, _grad_of(_gather_axis(a))) for a in (1, 2, -1)]
    + [("grad/gather_axis1_2d_indices", _grad_of(_gather_axis(1, (2, 2))))]
    + [("grad/reduce_prod_all", _grad_of(_prod())),
       ("grad/reduce_prod_axes", _grad_of(_prod(axis=[0, 2]))),
       ("grad/reduce_prod_neg_keepdims", _grad_of(_prod(axis=-1, keepdims=True)))]
)


def _einsum(eq, *shapes):
    """tf.einsum over placeholders (TF 1.14 builds Transpose/Reshape/MatMul/Mul/Sum)."""
    def build(tf):
        xs = [tf.placeholder(tf.float32, s, name="e%d" % i) for i, s in enumerate(shapes)]
        return tf.einsum(eq, *xs), xs
    return build


EINSUMS = [("matmul", "ij,jk->ik", (2, 3), (3, 4)), ("batch", "bij,bjk->bik", (2, 2, 3), (2, 3, 4)),
           ("transpose", "ij->ji", (2, 3)), ("outer", "i,j->ij", (2,), (3,)),
           ("trace", "ii", (3, 3)), ("chain", "ij,jk,kl->il", (2, 3), (3, 4), (4, 5)),
           ("sum", "ij->j", (2, 3)), ("dynamic", "ij,jk->ik", (None, 3), (3, None)),
           ("dynamic_batch", "bij,bjk->bik", (None, 2, 3), (None, 3, 4)),
           ("ellipsis", "...ij,...jk->...ik", (5, 2, 3), (5, 3, 4)),
           ("three_way", "i,i,i->", (3,), (3,), (3,)), ("abc_cd", "abc,cd->abd", (2, 3, 4), (4, 5)),
           ("implicit", "ij,jk", (2, 3), (3, 4)), ("hadamard_sum", "ij,ij->i", (2, 3), (2, 3))]
CALLS = CALLS + (
    [("einsum/" + n, lambda tf, b=_einsum(eq, *s): b(tf)) for n, eq, *s in EINSUMS]
    + [("grad/einsum_" + n, _grad_of(_einsum(eq, *s))) for n, eq, *s in EINSUMS
       if n not in ("dynamic", "dynamic_batch", "trace")]
)


def _tensordot(sa, sb, axes):
    def fn(tf):
        a = tf.placeholder(tf.float32, sa, name="a")
        b = tf.placeholder(tf.float32, sb, name="b")
        tf.tensordot(a, b, axes)
    return fn


CALLS = CALLS + [
    ("tensordot/partial_a", _tensordot((None, 3), (3, 4), 1)),
    ("tensordot/partial_b", _tensordot((2, 3), (3, None), 1)),
    ("tensordot/partial_a_2axes", _tensordot((None, 3, 4), (3, 4, 5), 2)),
    ("tensordot/partial_b_lists", _tensordot((2, 3, 4), (4, None), [[2], [0]])),
    ("tensordot/static", _tensordot((2, 3, 4), (4, 5), 1)),
]


def _optimize_loss_fused_bn(tf):
    x = _x(tf, (4, 6))
    y = tf.placeholder(tf.float32, (4, 1), name="y")
    h = tf.contrib.layers.fully_connected(x, 8, normalizer_fn=tf.contrib.layers.batch_norm,
                                          normalizer_params={"is_training": True})
    loss = tf.losses.mean_squared_error(y, tf.contrib.layers.fully_connected(h, 1))
    tf.contrib.layers.optimize_loss(loss, tf.train.get_or_create_global_step(), 0.05, "Adam")


CALLS = CALLS + [("optimize_loss/fused_batch_norm", _optimize_loss_fused_bn)]


# -- issue 10 item 3, the sweep of composite calls made before a seeded initializer --------
def _keras_train_function(optimizer):
    def fn(tf):
        model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                                     tf.keras.layers.Dense(2)])
        model.compile(optimizer=optimizer(tf) if callable(optimizer) else optimizer, loss="mse")
        model._make_train_function()
    return fn


def _keras_sequential_on_tensor(tf):
    model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu"),
                                 tf.keras.layers.Dense(2)])
    model(_x(tf))


def _identity_init(tf):
    tf.get_variable("square", (3, 3), initializer=tf.keras.initializers.Identity(2.0))
    tf.get_variable("wide", (3, 5), initializer=tf.initializers.identity())


def _at_k(tf):
    y = tf.placeholder(tf.int64, (4, 1), name="y")
    p = tf.placeholder(tf.float32, (4, 5), name="p")
    tf.metrics.recall_at_k(y, p, 2)
    tf.metrics.precision_at_k(y, p, 3, class_id=1)
    tf.metrics.average_precision_at_k(y, p, 2)


def _dilated(tf):
    img = tf.placeholder(tf.float32, (2, 9, 8, 3), name="img")
    w = tf.ones((3, 3, 3, 4))
    tf.nn.atrous_conv2d(img, w, 2, "SAME")
    tf.nn.convolution(img, w, "VALID", dilation_rate=[2, 1])
    tf.nn.convolution(tf.placeholder(tf.float32, (None, None, None, 3), name="dyn"), w, "SAME",
                      dilation_rate=[2, 2])
    tf.nn.convolution(img[:, 0], w[0], "SAME", dilation_rate=[2])


CALLS = CALLS + (
    [("keras/train_function/" + o, _keras_train_function(o))
     for o in ["sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamax", "nadam"]]
    + [("keras/train_function/tf.train.AdamOptimizer",
        _keras_train_function(lambda tf: tf.train.AdamOptimizer(0.01))),
       ("keras/Sequential_on_tensor", _keras_sequential_on_tensor),
       ("initializer/identity", _identity_init),
       ("metrics/at_k", _at_k),
       ("convolution/dilated", _dilated)]
)


def _nn_losses_moments(tf):
    a = _x(tf)
    b = tf.placeholder(tf.float32, (4, 3), name="b")
    tf.nn.weighted_cross_entropy_with_logits(b, a, 2.0)
    tf.nn.log_poisson_loss(b, a, compute_full_loss=True)
    tf.nn.softmax_cross_entropy_with_logits_v2(labels=b, logits=a, axis=0)
    tf.nn.weighted_moments(a, [0], tf.ones((4, 3)))


CALLS = CALLS + [("nn/losses_axis0_weighted_moments", _nn_losses_moments)]


def _cudnn_compatible(make):
    def fn(tf):   # static_rnn: flowgrad's while loop is one op, TF's is its frame of ops
        xs = [tf.placeholder(tf.float32, (2, 4), name="x%d" % i) for i in range(3)]
        outs, state = tf.nn.static_rnn(make(tf), xs, dtype=tf.float32)
        tf.gradients(tf.reduce_sum(outs[-1]) + tf.add_n([tf.reduce_sum(s) for s in
                                                         tf.nest.flatten(state)]),
                     xs + tf.trainable_variables())
    return fn


CALLS = CALLS + [
    ("contrib/cudnn_rnn/compatible_lstm_grad",
     _cudnn_compatible(lambda tf: tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(5))),
    ("contrib/cudnn_rnn/compatible_gru_grad",
     _cudnn_compatible(lambda tf: tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(5)))]


def _cudnn_layer(make, **call_kw):
    def fn(tf):
        x = tf.placeholder(tf.float32, (4, 2, 5), name="x")
        layer = make(tf)
        out, _ = layer(x, **call_kw)
        tf.gradients(tf.reduce_sum(out), [x, layer.kernel])
    return fn


def _cudnn_converter(tf):
    conv = tf.contrib.cudnn_rnn.CudnnParamsFormatConverterLSTM(2, 2, 3)
    opaque = conv.tf_canonical_to_opaque([tf.ones((5, 8)), tf.ones((4, 8)), tf.ones((8,)),
                                          tf.ones((8,))])
    conv.opaque_to_tf_canonical(opaque)


CALLS = CALLS + [
    ("contrib/cudnn_rnn/CudnnLSTM_grad",
     _cudnn_layer(lambda tf: tf.contrib.cudnn_rnn.CudnnLSTM(2, 3))),
    ("contrib/cudnn_rnn/CudnnGRU_bidirectional_grad",
     _cudnn_layer(lambda tf: tf.contrib.cudnn_rnn.CudnnGRU(1, 3, direction="bidirectional"))),
    ("contrib/cudnn_rnn/CudnnRNNTanh_batch_major_grad",
     _cudnn_layer(lambda tf: tf.contrib.cudnn_rnn.CudnnRNNTanh(1, 3), time_major=False)),
    ("contrib/cudnn_rnn/CudnnRNNRelu_sequence_lengths_grad",
     _cudnn_layer(lambda tf: tf.contrib.cudnn_rnn.CudnnRNNRelu(1, 3),
                  sequence_lengths=[2, 1])),
    ("contrib/cudnn_rnn/converter_lstm", _cudnn_converter)]


# -- TensorArray loops and their gradients (issue 10: GraphDefs node for node) ----------
def _rnn_input(tf, shape=(2, 5, 3)):
    return tf.placeholder(tf.float32, shape, name="x")


def _dynamic_rnn(make, grad=True, **kw):
    def fn(tf):
        out, _ = tf.nn.dynamic_rnn(make(tf), _rnn_input(tf), dtype=tf.float32, **kw)
        if grad:
            tf.gradients(tf.reduce_sum(out), tf.trainable_variables())
    return fn


def _dynamic_rnn_seq_len(tf):
    x = _rnn_input(tf)
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), x, sequence_length=[5, 3],
                               dtype=tf.float32)
    tf.gradients(tf.reduce_sum(out), tf.trainable_variables())


def _bidirectional(tf):
    x = _rnn_input(tf)
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.BasicLSTMCell(4), tf.nn.rnn_cell.GRUCell(3), x, dtype=tf.float32)
    tf.gradients(tf.reduce_sum(fw) + tf.reduce_sum(bw), tf.trainable_variables())


def _multi_rnn(tf):
    return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(4),
                                        tf.nn.rnn_cell.GRUCell(3)])


def _raw_rnn(tf):
    x = tf.placeholder(tf.float32, (5, 2, 3), name="x")
    inputs_ta = tf.TensorArray(tf.float32, size=5).unstack(x)
    cell = tf.nn.rnn_cell.BasicLSTMCell(4)

    def loop_fn(time, cell_output, cell_state, loop_state):
        emit = cell_output
        state = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
        finished = time >= 5
        inp = tf.cond(finished, lambda: tf.zeros((2, 3)), lambda: inputs_ta.read(time))
        return finished, inp, state, emit, None

    outputs_ta, _, _ = tf.nn.raw_rnn(cell, loop_fn)
    tf.gradients(tf.reduce_sum(outputs_ta.stack()), tf.trainable_variables())


def _map_fn(grad):
    def fn(tf):
        x = _x(tf)
        y = tf.map_fn(lambda r: r * r + 1.0, x)
        if grad:
            tf.gradients(tf.reduce_sum(y), x)
    return fn


def _scan(grad):
    def fn(tf):
        x = _x(tf)
        y = tf.scan(lambda a, r: a * r + 1.0, x)
        if grad:
            tf.gradients(tf.reduce_sum(y), x)
    return fn


def _foldl(grad):
    def fn(tf):
        x = _x(tf)
        y = tf.foldl(lambda a, r: a * r, x)
        if grad:
            tf.gradients(tf.reduce_sum(y), x)
    return fn


def _while_tensor_array(grad):
    def fn(tf):
        x = _x(tf)
        ta = tf.TensorArray(tf.float32, size=4)

        def body(i, ta):
            return i + 1, ta.write(i, tf.sin(x[i]) * 2.0)

        _, ta = tf.while_loop(lambda i, ta: i < 4, body, [tf.constant(0), ta])
        y = ta.stack()
        if grad:
            tf.gradients(tf.reduce_sum(y), x)
    return fn


def _nested_while_grad(tf):
    x = tf.placeholder(tf.float32, (), name="x")

    def inner(j, a):
        return tf.while_loop(lambda k, b: k < 3, lambda k, b: (k + 1, b * x), [0, a])

    _, y = tf.while_loop(lambda j, a: j < 2, inner, [tf.constant(0), x])
    tf.gradients(y, x)


def _while_gated_grad(tf):
    # gate_gradients=True (Optimizer.minimize's GATE_OP) in a loop body: the tuples of
    # the gradients only a StopGradient reads are built in TF's gradient frame (no Enter)
    w = tf.Variable(tf.ones([3, 3]))
    x = tf.placeholder(tf.float32, (4, 3), name="x")

    def body(i, s):
        return i + 1, tf.reduce_logsumexp(tf.expand_dims(s, 2) + w, [1])

    _, y = tf.while_loop(lambda i, s: i < 3, body, [0, x])
    tf.gradients(tf.reduce_sum(y), [w, x], gate_gradients=True)


CALLS = CALLS + [
    ("loops/dynamic_rnn_lstm", _dynamic_rnn(lambda tf: tf.nn.rnn_cell.BasicLSTMCell(4),
                                            grad=False)),
    ("loops/dynamic_rnn_lstm_grad", _dynamic_rnn(lambda tf: tf.nn.rnn_cell.BasicLSTMCell(4))),
    ("loops/dynamic_rnn_gru_grad", _dynamic_rnn(lambda tf: tf.nn.rnn_cell.GRUCell(3))),
    ("loops/dynamic_rnn_lstm_peepholes_grad", _dynamic_rnn(
        lambda tf: tf.nn.rnn_cell.LSTMCell(4, use_peepholes=True))),
    ("loops/dynamic_rnn_multi_grad", _dynamic_rnn(_multi_rnn)),
    ("loops/dynamic_rnn_sequence_length_grad", _dynamic_rnn_seq_len),
    ("loops/bidirectional_dynamic_rnn_grad", _bidirectional),
    ("loops/raw_rnn_grad", _raw_rnn),
    ("loops/map_fn", _map_fn(False)),
    ("loops/map_fn_grad", _map_fn(True)),
    ("loops/scan", _scan(False)),
    ("loops/scan_grad", _scan(True)),
    ("loops/foldl", _foldl(False)),
    ("loops/foldl_grad", _foldl(True)),
    ("loops/while_tensor_array", _while_tensor_array(False)),
    ("loops/while_tensor_array_grad", _while_tensor_array(True)),
    ("loops/nested_while_grad", _nested_while_grad),
    ("loops/while_gated_grad", _while_gated_grad)]


def _cond_branch_outside_control(tf):
    # control_dependencies inside a branch on an op outside the cond
    # (batch_normalization(renorm=True)'s update): TF's layout, the control edge on that op
    p = tf.placeholder_with_default(False, [], name="p")
    x = tf.placeholder(tf.float32, (3,), name="x")
    xi = tf.identity(x)

    def t():
        with tf.control_dependencies([xi]):
            c = tf.constant(1.0)
        return xi * c

    tf.cond(p, t, lambda: tf.identity(x))


def _conv1d_dilated_run_time_width(tf):
    # a dilated conv layer over a width known only at run time: TF's with_space_to_batch
    # with its paddings computed by ops
    x = tf.placeholder(tf.float32, (None, None, 3), name="x")
    y = tf.layers.conv1d(x, 2, 2, dilation_rate=2, padding="same")
    tf.gradients(tf.reduce_sum(y), [x])


CALLS = CALLS + [
    ("cond/branch_outside_control", _cond_branch_outside_control),
    ("layers/conv1d_dilated_run_time_width", _conv1d_dilated_run_time_width)]


def _cond_unread_op(tf):
    # a branch op whose value no branch result needs reads a tensor from outside the
    # cond through its own Switch (cond/add/Switch), as every op made in the branch
    pred = tf.equal(tf.raw_ops.Size(input=tf.zeros([2])), 2)
    s = tf.stack([3, 4])

    def t():
        tf.zeros(s + 1)
        return tf.zeros([])

    def f():
        tf.zeros(s + 2)
        return tf.zeros([])

    tf.cond(pred, t, f)


def _cond_resource_gather_grad(tf):
    # a resource variable gathered in a branch, outside any loop: the gather's gradient
    # reads the handle's Switch (VariableShape), the other side's zeros are TF's
    # ZerosLikeOutsideLoop of a resource (Switch, Identity, VariableShape, zeros), merged
    # as slices (Shape, range, Merge_1, Merge_2)
    p = tf.get_variable("p", [5, 3], use_resource=True)
    x = tf.placeholder(tf.float32, [3], name="x")
    r = tf.cond(x[0] > 0.5, lambda: tf.gather(p, 1) * 2., lambda: x * 0.5)
    tf.gradients(tf.reduce_sum(r), [p])


def _cond_loop_unused_exit_grad(tf):
    # a loop in a cond outside loops, one of its results unused: TF's ZerosLikeForExit
    # has no outer gradient state, its zeros of a fully known shape are a Const
    # (gradients/zeros, not zeros_like), numbered before the cond's other zeros
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    p = tf.placeholder_with_default(True, [], name="p")

    def loop():
        _, a, _ = tf.while_loop(lambda i, a, b: i < 3,
                                lambda i, a, b: (i + 1, a * x, b + a), [0, x, x])
        return a

    out = tf.cond(p, loop, lambda: x * 2.)
    tf.gradients(tf.reduce_sum(out), [x])


def _cond_unread_assign(tf):
    # an assign no branch result needs, to a variable made before the cond: a branch op,
    # its variable read through a RefSwitch, x through a Switch the next reader shares
    x = tf.placeholder(tf.float32, [3], name="x")
    v = tf.Variable(tf.zeros([3]), name="v")
    tf.cond(x[0] > 0, lambda: (tf.assign(v, x), x + 1.)[1], lambda: x * 2.)


CALLS = CALLS + [
    ("cond/unread_assign", _cond_unread_assign),
    ("cond/unread_branch_op", _cond_unread_op),
    ("cond/resource_gather_grad", _cond_resource_gather_grad),
    ("cond/loop_unused_exit_grad", _cond_loop_unused_exit_grad)]


# -- gradients through tf.cond: gathers (IndexedSlices) gated or in both branches, loops in
# a branch whose body's gradient TF does not take to an input (pgathcond) ---------------------
def _gather_cond_var(tf, resource):
    return tf.get_variable("p", [5, 3], use_resource=resource,
                           initializer=tf.constant_initializer(
                               np.arange(15, dtype=np.float32).reshape(5, 3) / 10.))


def _gather_cond_loss(tf, resource, both):
    # the gather in the true branch (and with other indices in the false one)
    p = _gather_cond_var(tf, resource)
    x = tf.placeholder(tf.float32, [3], name="x")
    other = (lambda: tf.gather(p, [2, 3])[0] * x) if both else (lambda: x * 0.5)
    r = tf.cond(x[0] > 0.5, lambda: tf.gather(p, 1) * 2., other)
    return tf.reduce_sum(r * r), p


def _gather_cond(kind, resource, both=False):
    # TF's gradient of a gather in a cond: IndexedSlices merged part by part with the dead
    # side's zeros made slices; gated (GATE_OP) by TF's tuples; two Switches' slices
    # concatenated (gradients/concat, concat_1)
    def fn(tf):
        loss, p = _gather_cond_loss(tf, resource, both)
        if kind == "gate":
            tf.gradients(loss, [p], gate_gradients=True)
        elif kind == "compute":
            tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, [p])
        elif kind == "adam":
            tf.train.AdamOptimizer(0.1).minimize(loss)
        else:
            tf.gradients(loss, [p])
    return fn


def _rnn_in_cond(cell):
    # an RNN in a branch differentiated for its weights only: TF's body gradient does not
    # reach the input array's read (no TensorArrayGradV3 of it)
    def fn(tf):
        x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
        q = tf.placeholder(tf.bool, [], name="q")

        def t():
            c = getattr(tf.nn.rnn_cell, cell)(5)
            out, _ = tf.nn.dynamic_rnn(c, x, dtype=tf.float32)
            return tf.reduce_sum(out)
        r = tf.cond(q, t, lambda: tf.reduce_sum(x))
        tf.gradients(r, tf.trainable_variables())
    return fn


def _gru_in_cond_minimize(tf):
    x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
    q = tf.placeholder(tf.bool, [], name="q")

    def t():
        c = tf.nn.rnn_cell.GRUCell(5, kernel_initializer=tf.constant_initializer(0.1))
        out, _ = tf.nn.dynamic_rnn(c, x, dtype=tf.float32)
        return tf.reduce_sum(out)
    tf.train.AdamOptimizer(0.1).minimize(tf.cond(q, t, lambda: tf.reduce_sum(x)))


def _map_fn_in_cond(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    w = tf.get_variable("w", [3], initializer=tf.constant_initializer(0.5))
    q = tf.placeholder(tf.bool, [], name="q")
    r = tf.cond(q, lambda: tf.reduce_sum(tf.map_fn(lambda e: e * w, x)),
                lambda: tf.reduce_sum(x))
    tf.gradients(r, [w])


def _gather_cond_xs(resource, computed, gate, both):
    # the cond's capture x an x itself (or computed from x0, whose gradient ops TF makes
    # between the cond's nodes: its op is taken once its Switches' gradients are in), beside
    # the gathered variable: TF's sum of x's Merges among the cond's nodes
    def fn(tf):
        p = tf.get_variable("p", [5, 3], use_resource=resource)
        x0 = tf.placeholder(tf.float32, [3], name="x0")
        x = x0 * 2. if computed else x0
        w = tf.placeholder(tf.float32, [3], name="w")
        f = (lambda: tf.gather(p, 2) * w + x) if both else (lambda: x * 0.5 + w)
        r = tf.cond(x0[0] > 0.5, lambda: tf.gather(p, 1) * x, f)
        tf.gradients(tf.reduce_sum(r), [p, x0, w], gate_gradients=gate)
    return fn


GATHER_COND_CALLS = [
    ("cond/gather_grad_gated_ref", _gather_cond("gate", False)),
    ("cond/gather_grad_gated_resource", _gather_cond("gate", True)),
    ("cond/gather_compute_gradients_ref", _gather_cond("compute", False)),
    ("cond/gather_compute_gradients_resource", _gather_cond("compute", True)),
    ("cond/gather_both_branches_ref", _gather_cond("compute", False, True)),
    ("cond/gather_both_branches_resource", _gather_cond("compute", True, True)),
    ("cond/gather_both_branches_ungated", _gather_cond("grad", True, True)),
    ("cond/gather_adam_ref", _gather_cond("adam", False)),
    ("cond/gather_adam_resource", _gather_cond("adam", True)),
    ("cond/gather_both_branches_adam", _gather_cond("adam", True, True)),
    ("cond/gru_in_branch", _rnn_in_cond("GRUCell")),
    ("cond/basic_rnn_in_branch", _rnn_in_cond("BasicRNNCell")),
    ("cond/gru_in_branch_adam", _gru_in_cond_minimize),
    ("cond/map_fn_in_branch", _map_fn_in_cond),
    ("cond/gather_resource_xs_p_x", _gather_cond_xs(True, False, False, False)),
    ("cond/gather_resource_xs_computed_x", _gather_cond_xs(True, True, False, False)),
    ("cond/gather_resource_xs_gated", _gather_cond_xs(True, False, True, False)),
    ("cond/gather_both_xs_p_x", _gather_cond_xs(False, False, False, True)),
    ("cond/gather_both_xs_computed_x", _gather_cond_xs(False, True, False, True)),
    ("cond/gather_both_resource_xs_gated", _gather_cond_xs(True, True, True, True))]
CALLS = CALLS + GATHER_COND_CALLS


# -- gated gradients in a branch of ops whose gradient passes the output's gradient on
# unchanged (TF's tuple holds it): a BiasAdd's, a Sub's of equal shapes, an Add's whose
# output's gradient is a sum; a concat's gradient copying its axis; a sparse cross entropy's
# PreventGradient (pgathcond2) ----------------------------------------------------------------
def _passed_in_cond(kind, opt=None):
    def fn(tf):
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        v = tf.get_variable("v", [2, 3], initializer=tf.constant_initializer(0.3))
        b = tf.get_variable("b", [2, 3] if kind == "sub" else [3],
                            initializer=tf.constant_initializer(0.2))
        q = tf.placeholder(tf.bool, [], name="q")

        def t():
            if kind == "bias":
                y = tf.nn.bias_add(v * x, b)
            elif kind == "bias_capture":   # (the first input a captured variable)
                y = tf.nn.bias_add(v, b)
            elif kind == "sub":
                y = v * x - b
            else:   # (an Add of equal shapes whose output two reads share)
                y = tf.nn.bias_add(v * x, b) + v * x
            return tf.reduce_sum(y * y)
        r = tf.cond(q, t, lambda: tf.reduce_sum(x * v))
        if opt == "adam":
            tf.train.AdamOptimizer(0.1).minimize(r, name="train")
        else:
            return tf.gradients(r, [v, b], gate_gradients=True)
    return fn


def _dense_in_cond(rnn):
    def fn(tf):
        x = tf.placeholder(tf.float32, [2, 4, 3] if rnn else [2, 3], name="x")
        q = tf.placeholder(tf.bool, [], name="q")

        def t():
            h = x
            if rnn:
                _, h = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(5), x, dtype=tf.float32)
            return tf.reduce_sum(tf.layers.dense(h, 2))
        tf.train.AdamOptimizer(0.1).minimize(tf.cond(q, t, lambda: tf.reduce_sum(x)))
    return fn


def _concat_in_cond(tf):
    # TF's concat gradient copies a constant axis made in the branch (another context than
    # the gradient's): concat_grad/Const; an outer axis is switched in and read as is
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    q = tf.placeholder(tf.bool, [], name="q")
    w = tf.get_variable("w", [3], initializer=tf.constant_initializer(0.5))
    ax = tf.constant(1, name="ax")
    r = tf.cond(q, lambda: tf.reduce_sum(tf.concat([x * w, x], ax)),
                lambda: tf.reduce_sum(tf.concat([tf.concat([x * w, x], 0), x], 0)))
    tf.train.GradientDescentOptimizer(0.1).minimize(r)


def _sparse_xent_in_cond(opt):
    # the gradient's PreventGradient is no gradient of its own: no tuple (GATE_OP)
    def fn(tf):
        x = tf.placeholder(tf.float32, [4, 3], name="x")
        y = tf.placeholder(tf.int32, [4], name="y")
        q = tf.placeholder(tf.bool, [], name="q")
        w = tf.get_variable("w", [3, 3], initializer=tf.constant_initializer(0.1))
        r = tf.cond(q, lambda: tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=y, logits=tf.matmul(x, w))), lambda: tf.reduce_sum(x))
        getattr(tf.train, opt)(0.1).minimize(r)
    return fn


def _sigmoid_loss_in_cond(opt):
    # the sigmoid cross entropy's Add (xentropy) takes a Mul's tuple gradient on unchanged:
    # TF's tuple of it for each input
    def fn(tf):
        x = tf.placeholder(tf.float32, [2, 4], name="x")
        q = tf.placeholder(tf.bool, [], name="q")
        r = tf.cond(q, lambda: tf.losses.sigmoid_cross_entropy(
            tf.ones([2, 3]), tf.layers.dense(x, 3)), lambda: tf.reduce_sum(x))
        getattr(tf.train, opt)(0.1).minimize(r)
    return fn


PASSED_COND_CALLS = [
    ("cond/concat_grad_axis", _concat_in_cond),
    ("cond/sigmoid_loss_gd", _sigmoid_loss_in_cond("GradientDescentOptimizer")),
    ("cond/bias_add_grad_gated", _passed_in_cond("bias")),
    ("cond/bias_add_capture_grad_gated", _passed_in_cond("bias_capture")),
    ("cond/sub_grad_gated", _passed_in_cond("sub")),
    ("cond/add_summed_grad_gated", _passed_in_cond("twice")),
    ("cond/add_summed_adam", _passed_in_cond("twice", "adam")),
    ("cond/dense_adam", _dense_in_cond(False)),
    ("cond/gru_dense_adam", _dense_in_cond(True))]
CALLS = CALLS + PASSED_COND_CALLS + [
    ("cond/sparse_xent_gd", _sparse_xent_in_cond("GradientDescentOptimizer")),
    ("cond/sparse_xent_adam", _sparse_xent_in_cond("AdamOptimizer")),
    ("cond/sigmoid_loss_adam", _sigmoid_loss_in_cond("AdamOptimizer"))]


def _contrib_opt_gs(cls, **kw):
    def fn(tf):
        loss = _mlp(tf)
        gs = tf.train.get_or_create_global_step()
        getattr(tf.contrib.opt, cls)(global_step=gs, **kw).minimize(loss, global_step=gs)
    return fn


def _optimizer_v2(cls, *args, **kw):
    def fn(tf):
        loss = _mlp(tf)
        getattr(tf.contrib.optimizer_v2, cls)(*args, **kw).minimize(
            loss, global_step=tf.train.get_or_create_global_step())
    return fn


def _ggt(**kw):
    def fn(tf):
        loss = _mlp(tf)
        tf.contrib.opt.GGTOptimizer(0.1, **kw).minimize(loss)
    return fn


CALLS = CALLS + [
    ("contrib/opt/ggt", _ggt()),
    ("contrib/opt/ggt_window3", _ggt(window=3)),
    ("contrib/opt/shampoo", _contrib_opt_gs("ShampooOptimizer", learning_rate=0.1)),
    ("contrib/opt/shampoo_svd2", _contrib_opt_gs("ShampooOptimizer", svd_interval=2,
                                                  precond_update_interval=2)),
    ("contrib/opt/shampoo_diag", _contrib_opt_gs("ShampooOptimizer", max_matrix_size=2,
                                                  gbar_decay=0.9, mat_gbar_decay=0.5)),
    ("contrib/opt/shampoo_iter", _contrib_opt_gs("ShampooOptimizer", use_iterative_root=True,
                                                  svd_interval=2)),
    ("contrib/optimizer_v2/gd", _optimizer_v2("GradientDescentOptimizer", 0.1)),
    ("contrib/optimizer_v2/momentum", _optimizer_v2("MomentumOptimizer", 0.1, 0.9)),
    ("contrib/optimizer_v2/adam", _optimizer_v2("AdamOptimizer", 0.1)),
    ("contrib/optimizer_v2/adagrad", _optimizer_v2("AdagradOptimizer", 0.1)),
    ("contrib/optimizer_v2/adadelta", _optimizer_v2("AdadeltaOptimizer", 0.1)),
    ("contrib/optimizer_v2/rmsprop_centered", _optimizer_v2("RMSPropOptimizer", 0.1,
                                                             centered=True))]


# -- tf.contrib.factorization.WALSModel -----------------------------------------------------
def _wals(update=None, **kwargs):
    """WALSModel's variables, caches and gramian ops, then one update or projection call."""
    def fn(tf):
        sp = tf.SparseTensor([[0, 1], [2, 0], [3, 2]], [1.0, 2.0, 3.0], [5, 4])
        model = tf.contrib.factorization.WALSModel(5, 4, 3, **kwargs)
        if update == "row":
            model.update_row_factors(sp_input=sp)
        elif update == "col_transposed":
            model.update_col_factors(sp_input=tf.sparse.transpose(sp), transpose_input=True)
        elif update == "project":
            model.project_row_factors(sp_input=sp, projection_weights=[1.0, 2.0, 0.5])
            model.project_col_factors(sp_input=sp)
        model.initialize_op
    return fn


CALLS = CALLS + [
    ("wals/model", _wals()),
    ("wals/model_scoped_no_caches", _wals(use_scoped_vars=True, use_factors_weights_cache=False,
                                          use_gramian_cache=False, regularization=0.1)),
    ("wals/update_row", _wals("row", regularization=0.1, row_weights=2.0,
                              col_weights=[0.5, 1.0, 1.5, 2.0])),
    ("wals/update_col_sharded", _wals("col_transposed", num_row_shards=2, num_col_shards=3)),
    ("wals/update_row_als", _wals("row", row_weights=None, col_weights=None, num_row_shards=2)),
    ("wals/project", _wals("project", regularization=0.05)),
]


# -- ops on a SparseTensor's values; tf.rank of Python values ----------------------------------
def _sparse_unary(tf):
    # TF's sparse_ops dispatches these on a SparseTensor after the ordinary op has failed
    # (its name scope used up): Square_1, Abs_1, ...
    sp = tf.SparseTensor([[0, 0], [1, 2]], [1.0, -4.0], [2, 3])
    for fn in (tf.square, tf.abs, tf.sqrt, tf.negative, tf.sign, tf.math.erf):
        fn(sp)


def _dense_times_sparse(tf):
    # Tensor * SparseTensor: TF's _mul_dispatch, a SparseDenseCwiseMul named mul
    sp = tf.SparseTensor([[0, 0], [1, 2]], [1.0, -4.0], [2, 3])
    tf.constant([[2.0], [3.0]]) * sp
    tf.Variable([[1.0, 2.0, 3.0]]) * sp


def _rank_of_python_values(tf):
    # converted inside the Rank scope (Rank/Const), then a Const Rank
    tf.rank(1)
    tf.rank(2.5)
    tf.rank([1.0, 2.0])
    tf.rank(tf.constant([1, 2]))


CALLS = CALLS + [
    ("sparse/unary_dispatch", _sparse_unary),
    ("sparse/dense_times_sparse", _dense_times_sparse),
    ("rank/python_values", _rank_of_python_values),
]


# -- tf.contrib.solvers: tf.while_loop programs over a matrix operator -------------------------
def _solver(call):
    def fn(tf):
        S = tf.contrib.solvers
        a = tf.constant([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
        call(tf, S, S.util.create_operator(a), a)
    return fn


CALLS = CALLS + [
    ("contrib/solvers/conjugate_gradient", _solver(
        lambda tf, S, op, a: S.linear_equations.conjugate_gradient(op, tf.ones([3])))),
    ("contrib/solvers/conjugate_gradient_preconditioned", _solver(
        lambda tf, S, op, a: S.linear_equations.conjugate_gradient(
            op, tf.ones([3]), S.util.identity_operator(a), tf.zeros([3]), max_iter=5))),
    ("contrib/solvers/cgls", _solver(lambda tf, S, op, a: S.least_squares.cgls(
        op, tf.ones([3]), tol=1e-3))),
    ("contrib/solvers/lanczos_bidiag", _solver(
        lambda tf, S, op, a: S.lanczos.lanczos_bidiag(op, 2, starting_vector=tf.ones([3])))),
    ("contrib/solvers/lanczos_bidiag_plain_random", _solver(
        lambda tf, S, op, a: S.lanczos.lanczos_bidiag(op, 2, orthogonalize=False))),
    ("contrib/solvers/bidiag_matmul", _solver(lambda tf, S, op, a: [
        S.lanczos.bidiag_matmul(a, tf.ones([2]), tf.ones([2])),
        S.lanczos.bidiag_matmul(a, tf.ones([3]), tf.ones([3]), adjoint_b=True)])),
]


def _matrix_transpose_unknown_rank(tf):
    # TF's perm of an unknown rank: rank - 2 by Python's `-`, a raw Range, the list packed
    # by concat (concat/values_1)
    p = tf.placeholder(tf.float32)
    tf.linalg.matrix_transpose(p)
    tf.linalg.adjoint(tf.placeholder(tf.complex64))


CALLS = CALLS + [("linalg/matrix_transpose_unknown_rank", _matrix_transpose_unknown_rank)]


def _keras_sequential_build(tf):
    # Sequential.build(input_shape) without an input: TF's Network.build, a 'Placeholder'
    # and each layer built and run in its own scope ('a/MatMul'); a later call runs in
    # the model's scope ('sequential/a/MatMul')
    K = tf.keras
    m = K.Sequential([K.layers.Dense(3, name="a"), K.layers.Dense(2, name="b")])
    m.build((None, 4))
    m(_x(tf, (2, 4)))


def _keras_subclassed_build(tf):
    # a subclassed model's build(input_shape): its call on a 'Placeholder', training=False
    K = tf.keras

    class M(K.Model):
        def __init__(self):
            super(M, self).__init__()
            self.d = K.layers.Dense(3)
            self.ls = [K.layers.Dropout(0.5), K.layers.Dense(2)]

        def call(self, x, training=None):
            return self.ls[1](self.ls[0](self.d(x), training=training))
    M().build((None, 4))


def _keras_subclassed_load_weights(tf):
    # load_weights of a subclassed model before its first call: the restore ops of each
    # weight made as it is, in the layer's scope ('m_1/d/RestoreV2')
    import os
    import shutil
    import tempfile
    K = tf.keras

    class M(K.Model):
        def __init__(self):
            super(M, self).__init__()
            self.d = K.layers.Dense(3)
            self.ls = [K.layers.Dense(2)]

        def call(self, x):
            return self.ls[0](self.d(x))
    d = tempfile.mkdtemp()
    try:
        m = M()
        m(_x(tf, (2, 4)))
        path = os.path.join(d, "w")
        m.save_weights(path)
        m2 = M()
        m2.load_weights(path)
        m2(_x(tf, (2, 4)))
    finally:
        shutil.rmtree(d)


CALLS = CALLS + [
    ("keras/Sequential_build", _keras_sequential_build),
    ("keras/subclassed_build", _keras_subclassed_build),
    ("keras/subclassed_load_weights", _keras_subclassed_load_weights),
]


# -- tf.contrib.training's state saver (the Barrier ops) and static_state_saving_rnn -------
def _sequence_inputs(tf):
    key = tf.placeholder(tf.string, [], name="key")
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    return key, x, tf.placeholder(tf.int64, [2], name="c")


def _batch_sequences_with_states(tf):
    key, x, c = _sequence_inputs(tf)
    b = tf.contrib.training.batch_sequences_with_states(
        input_key=key, input_sequences={"x": x}, input_context={"c": c}, input_length=None,
        initial_states={"s": tf.zeros([3])}, num_unroll=2, batch_size=2)
    b.save_state("s", b.state("s") + 1.0)
    tf.random_normal([2])   # graph-seeded: its seed follows the op count


def _sequence_queueing_state_saver(tf):
    key, x, c = _sequence_inputs(tf)
    saver = tf.contrib.training.SequenceQueueingStateSaver(
        batch_size=2, num_unroll=2, input_length=tf.shape(x)[0], input_key=key,
        input_sequences={"x": x}, input_context={"c": c},
        initial_states={"h": tf.zeros([3]), "g": tf.ones([1])}, capacity=4)
    cell = tf.nn.rnn_cell.BasicRNNCell(3)
    tf.contrib.rnn.static_state_saving_rnn(
        cell, tf.unstack(saver.next_batch.sequences["x"], axis=1), saver.next_batch, "h")
    saver.close()


CALLS = CALLS + [
    ("contrib/training/batch_sequences_with_states", _batch_sequences_with_states),
    ("contrib/training/SequenceQueueingStateSaver", _sequence_queueing_state_saver),
]


# -- tf.train batching of SparseTensors (the SparseTensorsMap ops) --------------------------
def _sparse_input(tf, shift=0.0):
    return tf.SparseTensor(tf.placeholder(tf.int64, [None, 2], name="i"),
                           tf.placeholder(tf.float32, [None], name="v") + shift,
                           tf.placeholder(tf.int64, [2], name="s"))


def _batch_sparse(tf):
    b = tf.train.batch([_sparse_input(tf), tf.placeholder(tf.int32, [2])], batch_size=4)
    tf.sparse_tensor_to_dense(b[0])
    tf.random_normal([2])   # graph-seeded: its seed follows the op count


def _maybe_batch_sparse_many(tf):
    tf.train.maybe_batch([_sparse_input(tf), tf.placeholder(tf.int32, [None])],
                         tf.placeholder(tf.bool, [None]), batch_size=3, enqueue_many=True)
    tf.train.maybe_batch([_sparse_input(tf)], tf.placeholder(tf.bool, []), batch_size=3,
                         enqueue_many=True)
    tf.random_normal([2])


def _shuffle_batch_join_sparse(tf):
    tf.train.shuffle_batch_join([[_sparse_input(tf)], [_sparse_input(tf, 1.0)]],
                                batch_size=2, capacity=8, min_after_dequeue=2, seed=1)
    tf.random_normal([2])


CALLS = CALLS + [
    ("train/batch_sparse", _batch_sparse),
    ("train/maybe_batch_sparse_many", _maybe_batch_sparse_many),
    ("train/shuffle_batch_join_sparse", _shuffle_batch_join_sparse),
]


# -- tf.contrib.gan (TF-GAN's models, losses and train ops) ---------------------------------
def _gan_nets(tf):
    def generator(z):
        return tf.layers.dense(tf.layers.dense(z, 4, activation=tf.nn.relu), 2)

    def discriminator(x, _):
        return tf.layers.dense(tf.layers.dense(x, 3, activation=tf.nn.leaky_relu), 1)
    return generator, discriminator


def _gan_train_ops(tf):
    G = tf.contrib.gan
    generator, discriminator = _gan_nets(tf)
    model = G.gan_model(generator, discriminator, tf.placeholder(tf.float32, [4, 2]),
                        tf.random_normal([4, 3]))
    loss = G.gan_loss(model, G.losses.minimax_generator_loss,
                      G.losses.minimax_discriminator_loss, gradient_penalty_weight=1.0)
    G.gan_train_ops(model, loss, tf.train.AdamOptimizer(0.1), tf.train.AdamOptimizer(0.1),
                    summarize_gradients=True)
    tf.random_normal([2])   # graph-seeded: its seed follows the op count


def _gan_acgan(tf):
    G = tf.contrib.gan
    generator, _ = _gan_nets(tf)

    def discriminator(x, _):
        h = tf.layers.dense(x, 3)
        return tf.layers.dense(h, 1), tf.layers.dense(h, 3)
    model = G.acgan_model(generator, discriminator, tf.zeros([4, 2]), tf.zeros([4, 3]),
                          tf.one_hot([0, 1, 2, 0], 3))
    loss = G.gan_loss(model, aux_cond_generator_weight=tf.constant(1.0),
                      aux_cond_discriminator_weight=1.0)
    G.gan_train_ops(model, loss, tf.train.GradientDescentOptimizer(0.1),
                    tf.train.GradientDescentOptimizer(0.1))
    tf.random_normal([2])


def _gan_cyclegan(tf):
    G = tf.contrib.gan
    _, discriminator = _gan_nets(tf)
    model = G.cyclegan_model(lambda x: tf.layers.dense(x, 2), discriminator,
                             tf.ones([4, 2]), tf.zeros([4, 2]))
    loss = G.cyclegan_loss(model)
    G.gan_train_ops(model, loss, tf.train.GradientDescentOptimizer(0.1),
                    tf.train.GradientDescentOptimizer(0.1))
    tf.random_normal([2])


def _gan_stargan(tf):
    G = tf.contrib.gan

    def generator(x, target):
        return tf.layers.dense(tf.concat([x, target], 1), 2)

    def discriminator(x, num_domains):
        h = tf.layers.dense(x, 3)
        return tf.layers.dense(h, 1), tf.layers.dense(h, num_domains)
    model = G.stargan_model(generator, discriminator, tf.zeros([4, 2]),
                            tf.one_hot([0, 1, 2, 0], 3))
    G.stargan_loss(model)
    tf.random_normal([2])


def _gan_sync_replicas(tf):
    G = tf.contrib.gan
    generator, discriminator = _gan_nets(tf)
    model = G.gan_model(generator, discriminator, tf.zeros([4, 2]), tf.zeros([4, 3]))
    loss = G.gan_loss(model, add_summaries=False)
    sync = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1), 2)
    ops = G.gan_train_ops(model, loss, sync, tf.train.GradientDescentOptimizer(0.1))
    assert len(ops.train_hooks) == 1
    tf.random_normal([2])


def _gan_features(tf):
    F = tf.contrib.gan.features
    x = tf.zeros([4, 3, 2])
    F.VBN(tf.ones([5, 3, 2]), axis=1)(x)
    with tf.variable_scope("c"):
        F.condition_tensor_from_onehot(x, tf.one_hot([0, 1, 2, 0], 3), embedding_size=4)
    F.tensor_pool([x, {"y": tf.ones([4])}], pool_size=3)
    F.spectral_normalize(tf.get_variable("w", [3, 2]), power_iteration_rounds=2)
    v = tf.get_variable("v", [2])
    F.clip_variables(tf.train.GradientDescentOptimizer(0.1), [v], 0.5).minimize(
        tf.reduce_sum(v * v))
    tf.random_normal([2])


def _gan_eval_metrics(tf):
    E = tf.contrib.gan.eval
    a, b = tf.ones([5, 3]), tf.zeros([4, 3])
    E.frechet_classifier_distance_from_activations(a, b)
    E.kernel_classifier_distance_and_std_from_activations(a, b, max_block_size=2)
    E.classifier_score(tf.ones([4, 2, 2, 3]), lambda x: tf.layers.flatten(x), num_batches=2)
    E.sliced_wasserstein_distance(tf.ones([2, 16, 16, 3]), tf.zeros([2, 16, 16, 3]),
                                  resolution_min=8, patches_per_image=2)
    tf.random_normal([2])


def _gan_eval_summaries(tf):
    G = tf.contrib.gan
    model = G.gan_model(lambda z: tf.layers.conv2d(z, 1, 3, padding="same"),
                        lambda x, _: tf.layers.dense(tf.layers.flatten(x), 1),
                        tf.ones([4, 4, 4, 1]), tf.zeros([4, 4, 4, 1]))
    G.eval.add_gan_model_image_summaries(model, grid_size=2)
    G.eval.add_image_comparison_summaries(model, display_diffs=True)
    G.eval.add_regularization_loss_summaries(model)
    tf.random_normal([2])


def _gan_estimator(mode):
    def fn(tf):
        G = tf.contrib.gan
        generator, discriminator = _gan_nets(tf)
        est = G.estimator.GANEstimator(
            "/nonexistent/gan_estimator", generator_fn=generator,
            discriminator_fn=discriminator,
            generator_loss_fn=G.losses.modified_generator_loss,
            discriminator_loss_fn=G.losses.modified_discriminator_loss,
            generator_optimizer=tf.train.AdamOptimizer(0.1),
            discriminator_optimizer=tf.train.GradientDescentOptimizer(0.1),
            add_summaries=G.estimator.SummaryType.VARIABLES)
        tf.train.get_or_create_global_step()
        labels = None if mode == "infer" else tf.placeholder(tf.float32, [4, 2])
        est.model_fn(tf.random_normal([4, 3]), labels, mode, est.config)
        tf.random_normal([2])
    return fn


def _gan_head(tf):
    G = tf.contrib.gan
    generator, discriminator = _gan_nets(tf)
    tf.train.get_or_create_global_step()
    model = G.gan_model(generator, discriminator, tf.placeholder(tf.float32, [4, 2]),
                        tf.random_normal([4, 3]))
    head = G.estimator.gan_head(G.losses.least_squares_generator_loss,
                                G.losses.least_squares_discriminator_loss,
                                tf.train.RMSPropOptimizer(0.1), tf.train.AdamOptimizer(0.1),
                                name="h")
    for mode in ("train", "eval", "infer"):
        head.create_estimator_spec(None, mode, model)
    tf.random_normal([2])


CALLS = CALLS + [
    ("contrib/gan/estimator_train", _gan_estimator("train")),
    ("contrib/gan/estimator_eval", _gan_estimator("eval")),
    ("contrib/gan/estimator_infer", _gan_estimator("infer")),
    ("contrib/gan/gan_head", _gan_head),
    ("contrib/gan/features", _gan_features),
    ("contrib/gan/eval_metrics", _gan_eval_metrics),
    ("contrib/gan/eval_summaries", _gan_eval_summaries),
    ("contrib/gan/sync_replicas", _gan_sync_replicas),
    ("contrib/gan/gan_train_ops", _gan_train_ops),
    ("contrib/gan/acgan", _gan_acgan),
    ("contrib/gan/cyclegan", _gan_cyclegan),
    ("contrib/gan/stargan", _gan_stargan),
]


# -- tf.contrib.model_pruning: masked layers, the mask update ops and their gradients ---
def _pruning_model(tf):
    mp = tf.contrib.model_pruning
    x = tf.placeholder(tf.float32, (2, 5, 5, 2), name="x")
    h = tf.reshape(mp.masked_conv2d(x, 3, 3), [2, -1])
    y = mp.masked_fully_connected(h, 2, activation_fn=None)
    loss = tf.reduce_sum(y)
    gs = tf.train.get_or_create_global_step()
    tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
    return mp


def _pruning_conditional(tf):
    mp = _pruning_model(tf)
    p = mp.Pruning(mp.get_pruning_hparams().parse("pruning_frequency=2"))
    p.conditional_mask_update_op()
    p.add_pruning_summaries()
    mp.get_weight_sparsity()


def _pruning_blocks(pooling, use_tpu):
    def fn(tf):
        mp = tf.contrib.model_pruning
        mp.apply_mask(tf.Variable(tf.ones([6, 5]), name="w"), "layer")
        spec = mp.get_pruning_hparams().parse(
            "block_height=2,block_width=3,block_pooling_function=%s,use_tpu=%s,"
            "weight_sparsity_map=[w:0.3]" % (pooling, use_tpu))
        mp.Pruning(spec, global_step=tf.Variable(0, name="step")).mask_update_op()
    return fn


def _masked_layer_options(tf):
    mp = tf.contrib.model_pruning
    x = tf.placeholder(tf.float32, (2, 7, 7, 2), name="x")
    mp.masked_conv2d(x, 3, 3, rate=2, padding="VALID",
                     normalizer_fn=tf.contrib.layers.batch_norm, outputs_collections="outs")
    mp.masked_conv2d(x, 3, [2, 3], stride=2,
                     weights_regularizer=tf.contrib.layers.l2_regularizer(0.1),
                     variables_collections=["vc"])
    for reuse in (None, True):
        mp.masked_fully_connected(tf.placeholder(tf.float32, (2, 3, 4)), 5, scope="fc3",
                                  reuse=reuse)


def _masked_lstm(tf):
    mp = tf.contrib.model_pruning
    return mp.MaskedLSTMCell(4, use_peepholes=True, num_proj=4)


CALLS = CALLS + [
    ("contrib/model_pruning/conditional_mask_update", _pruning_conditional),
    ("contrib/model_pruning/layer_options", _masked_layer_options),
    ("contrib/model_pruning/block_avg", _pruning_blocks("AVG", "false")),
    ("contrib/model_pruning/block_max_tpu", _pruning_blocks("MAX", "true")),
    ("contrib/model_pruning/masked_basic_lstm_grad",
     _dynamic_rnn(lambda tf: tf.contrib.model_pruning.MaskedBasicLSTMCell(4))),
    ("contrib/model_pruning/masked_lstm_grad", _dynamic_rnn(_masked_lstm)),
]
def _quantize(train):
    """tf.contrib.quantize's rewrite of a conv + relu6 and a final dense layer: training
    (with quant_delay: the conds on fake_quantization_step) and its gradients, or eval."""
    def fn(tf):
        img = tf.placeholder(tf.float32, (2, 6, 6, 3), name="img")
        h = tf.layers.conv2d(img, 4, 3, activation=tf.nn.relu6)
        y = tf.layers.dense(tf.reshape(h, [2, 64]), 2)
        if train:
            tf.contrib.quantize.create_training_graph(quant_delay=5)
            tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))
        else:
            tf.contrib.quantize.create_eval_graph()
    return fn


def _quantize_batch_norm(tf):
    """An eval graph's fused batch norm folded into its conv (mul_fold, Conv2D_Fold,
    add_fold), then quantized."""
    img = tf.placeholder(tf.float32, (2, 6, 6, 3), name="img")
    tf.contrib.layers.conv2d(img, 4, 3, normalizer_fn=tf.contrib.layers.batch_norm,
                             normalizer_params={"fused": True, "is_training": False})
    tf.contrib.quantize.create_eval_graph()


CALLS = CALLS + [("contrib/quantize/training_graph", _quantize(True)),
                 ("contrib/quantize/eval_graph", _quantize(False)),
                 ("contrib/quantize/eval_graph_batch_norm", _quantize_batch_norm)]


def _sequence_input_layer(tf):
    """tf.contrib.feature_column.sequence_input_layer of an embedding column (sequence ids)
    and an indicator and a numeric sequence column, into a GRU and its gradients."""
    sfc = tf.contrib.feature_column
    idx = [[0, 0], [0, 1], [1, 0]]
    ids = tf.SparseTensor(indices=idx, values=[1, 3, 2], dense_shape=[2, 2])
    nums = tf.SparseTensor(indices=idx, values=[.5, 1.5, -1.], dense_shape=[2, 2])
    cat = sfc.sequence_categorical_column_with_identity("ids", 5)
    x, length = sfc.sequence_input_layer(
        {"ids": ids, "nums": nums},
        [tf.feature_column.embedding_column(cat, 3), tf.feature_column.indicator_column(cat),
         sfc.sequence_numeric_column("nums")])
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), x, sequence_length=length,
                               dtype=tf.float32)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(out))


def _staging_area(tf):
    """A tf.contrib.staging.StagingArea pipeline: put, get, peek, size, clear (the areas'
    root NoOps and the NoOp each get makes)."""
    area = tf.contrib.staging.StagingArea([tf.float32, tf.int32], shapes=[[2], []],
                                          capacity=2)
    area.put([tf.random_uniform([2]), tf.constant(1)])
    y, _ = area.get()
    area.peek(0)
    area.size()
    area.clear()
    named = tf.contrib.staging.StagingArea([tf.float32], names=["a"], shared_name="s")
    named.put({"a": y * 2.0})
    tf.reduce_sum(named.get()["a"])


def _map_staging_area(tf, ordered):
    """data_flow_ops.MapStagingArea: put (whole, partial, by name), get by key, get of
    the first key, peek, size, incomplete_size, clear (the areas' root NoOps, the NoOp
    each get and peek makes, the key and indices Consts)."""
    dfo = importlib.import_module("tensorflow.python.ops.data_flow_ops"
                                  if tf.__name__ == "tensorflow" else
                                  "flowgrad.ops.data_flow_ops")
    area = dfo.MapStagingArea([tf.float32, tf.int32], shapes=[[2], []], capacity=2,
                              ordered=ordered)
    key = tf.placeholder(tf.int64, [])
    area.put(key, [tf.random_uniform([2]), tf.constant(1)], indices=[0, 1])
    area.put(3, [tf.constant(2)], indices=[1])
    _, (y, _) = area.get(key)
    area.get(indices=[1])
    area.peek(key, indices=[0])
    area.size()
    area.incomplete_size()
    area.clear()
    named = dfo.MapStagingArea([tf.float32], names=["a"], shared_name="s", ordered=ordered)
    named.put(1, {"a": y * 2.0})
    tf.reduce_sum(named.get()[1]["a"])


def _kernel_mapper(tf):
    """tf.contrib.kernel_methods: random Fourier features of a dense layer's input and the
    multiclass hinge loss of its logits, minimized."""
    x = tf.placeholder(tf.float32, (4, 3), name="x")
    feats = tf.contrib.kernel_methods.RandomFourierFeatureMapper(3, 6, seed=2).map(x)
    logits = tf.layers.dense(feats, 3)
    loss = tf.contrib.kernel_methods.sparse_multiclass_hinge_loss(tf.constant([0, 2, 1, 1]),
                                                                  logits)
    tf.train.GradientDescentOptimizer(0.1).minimize(loss)


CALLS = CALLS + [("contrib/feature_column/sequence_input_layer_gru_grad",
                  _sequence_input_layer),
                 ("contrib/staging/staging_area", _staging_area),
                 ("data_flow_ops/map_staging_area",
                  lambda tf: _map_staging_area(tf, False)),
                 ("data_flow_ops/map_staging_area_ordered",
                  lambda tf: _map_staging_area(tf, True)),
                 ("contrib/kernel_methods/rff_hinge_grad", _kernel_mapper)]

# -- binary element-wise ops on RaggedTensors (ragged_dispatch, ragged_tensor_shape) -------
def _ragged_binary(tf):
    """Two RaggedTensors (broadcast through RaggedTensorDynamicShape, an Assert per
    dimension), a RaggedTensor and a Tensor of its rank, and one and a scalar."""
    a = tf.ragged.constant([[1., 2.], [3.]])
    b = tf.ragged.constant([[10., 20.], [30.]])
    tf.maximum(a + b, tf.constant([[1.], [2.]]))
    a * 2.


def _ragged_add_n(tf):
    """tf.add_n of RaggedTensors: assert_equal of their splits, AddN of the flat values."""
    tf.add_n([tf.ragged.constant([[1, 2], [3]]), tf.ragged.constant([[4, 5], [6]])])


CALLS = CALLS + [("ragged/binary_broadcast", _ragged_binary),
                 ("ragged/add_n", _ragged_add_n)]


# -- contrib.distributions.bijectors' matrix bijectors ------------------------------------
def _tril_bijector(make, x, inverse=None, event_ndims=None):
    def fn(tf):
        b = make(tf.contrib.distributions.bijectors)
        t = tf.constant(np.array(x, np.float32), name="x")
        y = b.forward(t)
        b.forward_log_det_jacobian(t, event_ndims=event_ndims or b.forward_min_event_ndims)
        b.inverse(y if inverse is None else tf.constant(np.array(inverse, np.float32)))
        b.inverse_log_det_jacobian(y, event_ndims=b.inverse_min_event_ndims)
    return fn


def _fill_triangular_shapes(tf):
    b = tf.contrib.distributions.bijectors.FillTriangular(validate_args=True)
    b.forward_event_shape_tensor(tf.placeholder(tf.int32, [2], name="s"))
    b.inverse_event_shape_tensor(tf.placeholder(tf.int32, [3], name="t"))


_SPD = [[4.0, 2.0], [2.0, 5.0]]
CALLS = CALLS + [
    ("contrib/distributions/bijectors/cholesky_outer_product",
     _tril_bijector(lambda tfb: tfb.CholeskyOuterProduct(), [[1.0, 0.0], [0.5, 2.0]], _SPD)),
    ("contrib/distributions/bijectors/cholesky_outer_product_validate",
     _tril_bijector(lambda tfb: tfb.CholeskyOuterProduct(validate_args=True),
                    [[[1.0, 0.0], [0.5, 2.0]]], [_SPD])),
    ("contrib/distributions/bijectors/fill_triangular",
     _tril_bijector(lambda tfb: tfb.FillTriangular(upper=True), [1.0, 2.0, 3.0])),
    ("contrib/distributions/bijectors/fill_triangular_shapes", _fill_triangular_shapes),
    ("contrib/distributions/bijectors/transform_diagonal",
     _tril_bijector(lambda tfb: tfb.TransformDiagonal(tfb.Exp()), [[1.0, 0.0], [0.5, 2.0]])),
    ("contrib/distributions/bijectors/matrix_inverse_tril",
     _tril_bijector(lambda tfb: tfb.MatrixInverseTriL(), [[[2.0, 0.0], [0.5, -4.0]]])),
    ("contrib/distributions/bijectors/matrix_inverse_tril_validate",
     _tril_bijector(lambda tfb: tfb.MatrixInverseTriL(validate_args=True),
                    [[2.0, 0.0], [0.5, -4.0]])),
    ("contrib/distributions/bijectors/scale_tril",
     _tril_bijector(lambda tfb: tfb.ScaleTriL(), [0.1, 0.2, 0.3])),
    ("contrib/distributions/bijectors/scale_tril_exp",
     _tril_bijector(lambda tfb: tfb.ScaleTriL(tfb.Exp(), diag_shift=None), [[0.1, 0.2, 0.3]],
                    event_ndims=2))]


# -- contrib.distributions.bijectors' shape bijectors -------------------------------------
def _reshape_validated(tf):
    tfb = tf.contrib.distributions.bijectors
    b = tfb.Reshape(event_shape_out=tf.placeholder(tf.int32, name="s"),
                    event_shape_in=[-1, 3], validate_args=True)
    t = tf.placeholder(tf.float32, name="x")
    b.forward(t)
    b.inverse(t)
    b.forward_event_shape_tensor([2, 3])


def _absolute_value(tf):
    b = tf.contrib.distributions.bijectors.AbsoluteValue(validate_args=True)
    t = tf.constant(np.array([[1.0, -2.0]], np.float32), name="x")
    b.forward(t)
    b.inverse(t)
    b.inverse_log_det_jacobian(t, event_ndims=1)


def _inline(tfb):
    return tfb.Inline(forward_fn=lambda x: x * 2.0, inverse_fn=lambda y: y / 2.0,
                      forward_log_det_jacobian_fn=lambda x: 0.69 * x,
                      forward_min_event_ndims=0)


CALLS = CALLS + [
    ("contrib/distributions/bijectors/reshape",
     _tril_bijector(lambda tfb: tfb.Reshape([3, 2], event_shape_in=[2, 3]),
                    [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]], event_ndims=2)),
    ("contrib/distributions/bijectors/reshape_validate", _reshape_validated),
    ("contrib/distributions/bijectors/softmax_centered",
     _tril_bijector(lambda tfb: tfb.SoftmaxCentered(), [[1.0, -2.0, 0.5]],
                    [[0.25, 0.25, 0.125, 0.375]])),
    ("contrib/distributions/bijectors/absolute_value", _absolute_value),
    ("contrib/distributions/bijectors/inline",
     _tril_bijector(_inline, [[1.0, 2.0]], event_ndims=1))]


def _batch_normalization(tf):
    b = tf.contrib.distributions.bijectors.BatchNormalization()
    t = tf.constant(np.array([[1.0, -2.0], [0.5, 3.0]], np.float32), name="x")
    b.forward(t)
    b.inverse(t * 2.0)
    b.inverse_log_det_jacobian(t * 3.0, event_ndims=1)
    b.forward_log_det_jacobian(t, event_ndims=2)


CALLS = CALLS + [("contrib/distributions/bijectors/batch_normalization", _batch_normalization)]


# -- tf.CriticalSection: the MutexV2, and execute's MutexLock, fn's ops (their outside
# inputs grouped before the lock), ConsumeMutexLock and the tuple of Identities ----------
def _critical_section(tf):
    v = tf.Variable(1.0, name="v", use_resource=True)
    cs = tf.CriticalSection(name="cs")
    cs.execute(lambda: v.assign_add(2.0))
    cs.execute(lambda: (v.read_value() * 3.0, [tf.no_op()]), name="pair")
    cs.execute(lambda: v + 1.0, exclusive_resource_access=False)


CALLS = CALLS + [("CriticalSection", lambda tf: tf.CriticalSection()),
                 ("CriticalSection.execute", _critical_section)]
