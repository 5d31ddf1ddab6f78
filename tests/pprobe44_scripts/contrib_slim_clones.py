"""slim model_deploy-style clones with tf.contrib helpers, run on CPU with
allow_soft_placement: per-clone tf.device('/gpu:%d') + name_scope('clone_%d'), weights kept on
'/cpu:0' by arg_scope(device=) over tf.contrib.framework.model_variable / variable,
tf.contrib.framework.arg_scope over tf.contrib.layers.conv2d / batch_norm / fully_connected
with an l2 regularizer, the first clone's UPDATE_OPS and each clone's REGULARIZATION_LOSSES
by scope, gradients summed over clones (tf.add_n under colocate_with the variable) and
tf.contrib.training.create_train_op with update_ops and clip_gradient_norms; values at full
precision."""
import hashlib

import numpy as np
import tensorflow as tf

layers = tf.contrib.layers
framework = tf.contrib.framework


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(450)
rs = np.random.RandomState(451)
NCLONES = 2
X = rs.rand(6, 5, 5, 2).astype(np.float32)
Y = rs.randint(0, 4, 6).astype(np.int32)


def model(images, labels):
    with framework.arg_scope([layers.conv2d, layers.fully_connected],
                             weights_initializer=tf.truncated_normal_initializer(
                                 stddev=0.3, seed=11),
                             weights_regularizer=layers.l2_regularizer(0.01)):
        with framework.arg_scope([layers.conv2d], normalizer_fn=layers.batch_norm,
                                 normalizer_params={"is_training": True, "decay": 0.8,
                                                    "scale": True}):
            net = layers.conv2d(images, 3, [3, 3], scope="conv")
        net = layers.flatten(net)
        logits = layers.fully_connected(net, 4, activation_fn=None, scope="logits")
    scale = framework.model_variable("temp", [], initializer=tf.ones_initializer())
    return tf.losses.sparse_softmax_cross_entropy(labels, logits * scale)


with tf.Graph().as_default() as g:
    gs = tf.train.get_or_create_global_step()
    opt = tf.train.RMSPropOptimizer(0.01, decay=0.9, momentum=0.5)
    xs = tf.split(tf.constant(X), NCLONES)
    ys = tf.split(tf.constant(Y), NCLONES)
    clone_grads, clone_losses, update_ops = [], [], []
    for i in range(NCLONES):
        with tf.name_scope("clone_%d" % i) as scope:
            with tf.device("/gpu:%d" % i):
                with tf.variable_scope(tf.get_variable_scope(), reuse=i > 0):
                    with framework.arg_scope([framework.model_variable, framework.variable],
                                             device="/cpu:0"):
                        loss = model(xs[i], ys[i])
                reg = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES, scope)
                losses = tf.get_collection(tf.GraphKeys.LOSSES, scope)
                total = tf.add_n(losses + ([tf.add_n(reg)] if reg else []),
                                 name="clone_loss") / NCLONES
                clone_losses.append(total)
                if i == 0:   # (model_deploy keeps the first clone's: two would race)
                    update_ops += tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope)
                clone_grads.append(opt.compute_gradients(total))
                print(i, len(reg), len(losses), len(update_ops))
    summed = []
    for gv in zip(*clone_grads):
        v = gv[0][1]
        with tf.name_scope(v.op.name + "/clone_grad"), tf.colocate_with(v):
            summed.append((tf.add_n([gg for gg, _ in gv]), v))
    total_loss = tf.add_n(clone_losses, name="total_loss")
    train = tf.contrib.training.create_train_op(
        total_loss, opt, global_step=gs, update_ops=update_ops,
        transform_grads_fn=lambda gvs: tf.contrib.training.clip_gradient_norms(gvs, 0.5))
    # (create_train_op recomputes gradients of total_loss; the hand-summed clone gradients
    # are fetched beside it for comparison)
    print(len(g.get_operations()), len(tf.global_variables()), len(tf.model_variables()),
          len(tf.trainable_variables()))
    for v in tf.global_variables():
        print(v.op.name, v.device)
    print(sorted({s[0].op.device for s in summed}))
    print(summed[0][0].op.name, summed[0][0].op.colocation_groups())
    with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(4):
            sg = sess.run([s[0] for s in summed])
            lv = sess.run(train)
            print(step, repr(float(lv)), sess.run(gs), H(np.concatenate([a.ravel() for a in sg])))
        for v in tf.global_variables():
            print(v.op.name, H(sess.run(v)))
