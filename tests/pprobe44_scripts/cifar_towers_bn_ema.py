"""cifar10_multi_gpu_train-style towers run on CPU: `with tf.device('/gpu:%d')` under
allow_soft_placement, tf.name_scope('%s_%d' % (TOWER, i)), weights made by _variable_on_cpu
(tf.device('/cpu:0') + get_variable with weight decay in a 'losses' collection), sharing by
tf.get_variable_scope().reuse_variables(), batch-norm update ops of the last tower's scope,
average_gradients with expand_dims/concat, Momentum + ExponentialMovingAverage grouped into
one train op; device strings, collection sizes, losses and weights at full precision."""
import hashlib
import re

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(441)
rs = np.random.RandomState(442)
TOWER = "tower"
NGPU = 2
B = 4


def _variable_on_cpu(name, shape, initializer):
    with tf.device("/cpu:0"):
        return tf.get_variable(name, shape, initializer=initializer, dtype=tf.float32)


def _variable_with_weight_decay(name, shape, stddev, wd):
    var = _variable_on_cpu(name, shape,
                           tf.truncated_normal_initializer(stddev=stddev, seed=7))
    if wd is not None:
        weight_decay = tf.multiply(tf.nn.l2_loss(var), wd, name="weight_loss")
        tf.add_to_collection("losses", weight_decay)
    return var


def inference(images, training):
    with tf.variable_scope("conv1") as scope:
        kernel = _variable_with_weight_decay("weights", [3, 3, 3, 4], 5e-2, None)
        conv = tf.nn.conv2d(images, kernel, [1, 1, 1, 1], padding="SAME")
        biases = _variable_on_cpu("biases", [4], tf.constant_initializer(0.1))
        pre = tf.nn.bias_add(conv, biases)
        bn = tf.layers.batch_normalization(pre, training=training, momentum=0.9, name="bn")
        conv1 = tf.nn.relu(bn, name=scope.name)
    pool1 = tf.nn.max_pool(conv1, [1, 3, 3, 1], [1, 2, 2, 1], "SAME", name="pool1")
    with tf.variable_scope("local") as scope:
        reshape = tf.reshape(pool1, [B, -1])
        dim = reshape.get_shape()[1].value
        weights = _variable_with_weight_decay("weights", [dim, 10], 0.04, 0.004)
        biases = _variable_on_cpu("biases", [10], tf.constant_initializer(0.0))
        logits = tf.add(tf.matmul(reshape, weights), biases, name=scope.name)
    return logits


def tower_loss(scope, images, labels):
    logits = inference(images, True)
    ce = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits,
                                                        name="cross_entropy_per_example")
    tf.add_to_collection("losses", tf.reduce_mean(ce, name="cross_entropy"))
    losses = tf.get_collection("losses", scope)
    total_loss = tf.add_n(losses, name="total_loss")
    for lt in losses + [total_loss]:
        name = re.sub("%s_[0-9]*/" % TOWER, "", lt.op.name)
        tf.summary.scalar(name, lt)
    return total_loss


def average_gradients(tower_grads):
    average_grads = []
    for grad_and_vars in zip(*tower_grads):
        grads = []
        for g, _ in grad_and_vars:
            grads.append(tf.expand_dims(g, 0))
        grad = tf.concat(axis=0, values=grads)
        grad = tf.reduce_mean(grad, 0)
        average_grads.append((grad, grad_and_vars[0][1]))
    return average_grads


with tf.Graph().as_default() as g, tf.device("/cpu:0"):
    global_step = tf.get_variable("global_step", [], initializer=tf.constant_initializer(0),
                                  trainable=False, dtype=tf.int64)
    lr = tf.train.exponential_decay(0.1, global_step, 2, 0.5, staircase=True)
    opt = tf.train.MomentumOptimizer(lr, 0.9)
    images = tf.placeholder(tf.float32, [B * NGPU, 6, 6, 3])
    labels = tf.placeholder(tf.int32, [B * NGPU])
    im_split = tf.split(images, NGPU)
    lb_split = tf.split(labels, NGPU)
    tower_grads = []
    with tf.variable_scope(tf.get_variable_scope()):
        for i in range(NGPU):
            with tf.device("/gpu:%d" % i):
                with tf.name_scope("%s_%d" % (TOWER, i)) as scope:
                    loss = tower_loss(scope, im_split[i], lb_split[i])
                    tf.get_variable_scope().reuse_variables()
                    summaries = tf.get_collection(tf.GraphKeys.SUMMARIES, scope)
                    bn_updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope)
                    grads = opt.compute_gradients(loss)
                    tower_grads.append(grads)
    grads = average_gradients(tower_grads)
    summaries.append(tf.summary.scalar("learning_rate", lr))
    apply_gradient_op = opt.apply_gradients(grads, global_step=global_step)
    variable_averages = tf.train.ExponentialMovingAverage(0.9, global_step)
    # (the averages read the weights after the update: cifar10's own graph leaves it a race)
    with tf.control_dependencies([apply_gradient_op]):
        variables_averages_op = variable_averages.apply(tf.trainable_variables())
    with tf.control_dependencies(bn_updates):
        train_op = tf.group(apply_gradient_op, variables_averages_op)
    summary_op = tf.summary.merge(summaries)

    ops = g.get_operations()
    print(len(ops), len(tf.trainable_variables()), len(tf.global_variables()))
    print(len(summaries), len(bn_updates), [u.name for u in bn_updates])
    print(len(tf.get_collection("losses")), [lt.op.name for lt in tf.get_collection("losses")])
    for v in tf.global_variables():
        print(v.op.name, v.device)
    for name in ["tower_0/conv1/Conv2D", "tower_1/conv1/Conv2D", "tower_1/total_loss",
                 "tower_1/gradients/tower_1/conv1/Conv2D_grad/Conv2DBackpropFilter",
                 "concat", "Mean"]:
        print(name, g.get_operation_by_name(name).device)
    print(sorted({o.device for o in ops}))
    X = rs.rand(B * NGPU, 6, 6, 3).astype(np.float32)
    Y = rs.randint(0, 10, B * NGPU).astype(np.int32)
    cfg = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
    with tf.Session(config=cfg) as s:
        s.run(tf.global_variables_initializer())
        for step in range(4):
            _, lv, sm = s.run([train_op, loss, summary_op], {images: X, labels: Y})
            summ = tf.Summary.FromString(sm)
            print(step, repr(float(lv)), [(v.tag, repr(v.simple_value)) for v in summ.value])
        print(s.run(global_step), repr(float(s.run(lr))))
        for v in tf.global_variables():
            print(v.op.name, H(s.run(v)))
        shadow = variable_averages.variables_to_restore()
        print(sorted(shadow)[:4])
