"""Conditional GANs with tf.contrib.gan: a conditional gan_model whose generator takes
(noise, one_hot_labels) and whose discriminator conditions its features with
tfgan.features.condition_tensor_from_onehot, trained with least_squares losses and
separate minimax-loss numbers; then an acgan_model with the classifier head and
gan_loss's aux_cond weights, minimax losses, gan_train_ops with GANTrainSteps(2, 1);
names, shapes, the errors of a conditioning with the wrong rank and of a missing
one_hot_labels, and the losses over a few steps."""
import numpy as np
import tensorflow as tf

tfgan = tf.contrib.gan

np.random.seed(1)
tf.set_random_seed(17)
rs = np.random.RandomState(12)
N, C = 10, 4
lab = rs.randint(0, C, N).astype(np.int32)
real = tf.constant((rs.randn(N, 5) * 0.4 + lab[:, None] * 0.2).astype(np.float32),
                   name="real")
one_hot = tf.one_hot(tf.constant(lab), C, name="one_hot_labels")
noise = tf.random_normal([N, 6], seed=2, name="noise")
init = tf.variance_scaling_initializer(seed=5)


def cond_generator(inputs):
    z, y = inputs
    h = tf.layers.dense(tf.concat([z, y], 1), 12, tf.nn.relu, kernel_initializer=init)
    return tf.layers.dense(h, 5, kernel_initializer=init)


def cond_discriminator(x, conditioning):
    _, y = conditioning
    h = tf.layers.dense(x, 12, tf.nn.leaky_relu, kernel_initializer=init, name="h")
    h = tfgan.features.condition_tensor_from_onehot(h, y)
    return tf.layers.dense(h, 1, kernel_initializer=init, name="logit")


with tf.variable_scope("cgan"):
    cmodel = tfgan.gan_model(cond_generator, cond_discriminator, real_data=real,
                             generator_inputs=(noise, one_hot))
print(cmodel.generator_scope.name, cmodel.discriminator_scope.name)
print([v.name for v in cmodel.discriminator_variables])
print([op.name for op in tf.get_default_graph().get_operations()
       if "condition_tensor" in op.name][:8])
closs = tfgan.gan_loss(cmodel,
                       generator_loss_fn=tfgan.losses.least_squares_generator_loss,
                       discriminator_loss_fn=tfgan.losses.least_squares_discriminator_loss,
                       add_summaries=False)
mm_g = tfgan.losses.minimax_generator_loss(cmodel, add_summaries=False)
mm_d = tfgan.losses.minimax_discriminator_loss(cmodel, add_summaries=False)
print(closs.generator_loss.op.name, mm_g.op.name, mm_d.op.name)
try:
    tfgan.features.condition_tensor_from_onehot(tf.zeros([N, 3]), tf.zeros([N, C, 1]))
except ValueError as e:
    print("ValueError:", e)


def ac_generator(inputs):
    z, y = inputs
    h = tf.layers.dense(tf.concat([z, y], 1), 12, tf.nn.relu, kernel_initializer=init)
    return tf.layers.dense(h, 5, kernel_initializer=init)


def ac_discriminator(x, unused_conditioning):
    h = tf.layers.dense(x, 12, tf.nn.leaky_relu, kernel_initializer=init)
    return (tf.layers.dense(h, 1, kernel_initializer=init),
            tf.layers.dense(h, C, kernel_initializer=init))


with tf.variable_scope("acgan"):
    amodel = tfgan.acgan_model(ac_generator, ac_discriminator, real_data=real,
                               generator_inputs=(noise, one_hot), one_hot_labels=one_hot)
print(type(amodel).__name__, amodel.generator_scope.name,
      amodel.discriminator_real_classification_logits.shape,
      amodel.discriminator_gen_classification_logits.op.name)
aloss = tfgan.gan_loss(amodel,
                       generator_loss_fn=tfgan.losses.minimax_generator_loss,
                       discriminator_loss_fn=tfgan.losses.minimax_discriminator_loss,
                       aux_cond_generator_weight=0.5, aux_cond_discriminator_weight=1.0,
                       add_summaries=False)
print(aloss.generator_loss.op.name, aloss.discriminator_loss.op.name)
print(len(tf.get_collection(tf.GraphKeys.LOSSES)))
try:
    tfgan.gan_loss(cmodel, aux_cond_generator_weight=1.0)
except ValueError as e:
    print("ValueError:", e)
global_step = tf.train.get_or_create_global_step()
cops = tfgan.gan_train_ops(cmodel, closs, tf.train.AdamOptimizer(1e-2, beta1=0.5),
                           tf.train.AdamOptimizer(1e-2, beta1=0.5),
                           summarize_gradients=False)
aops = tfgan.gan_train_ops(amodel, aloss, tf.train.AdamOptimizer(1e-2, beta1=0.5),
                           tf.train.AdamOptimizer(1e-2, beta1=0.5),
                           summarize_gradients=False)
print(len(tf.get_default_graph().get_operations()))
step_fn = tfgan.get_sequential_train_steps(tfgan.GANTrainSteps(2, 1))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        v = sess.run([closs.generator_loss, closs.discriminator_loss, mm_g, mm_d,
                      aloss.generator_loss, aloss.discriminator_loss])
        print(i, " ".join("%.7f" % x for x in v))
        total, _ = step_fn(sess, cops, global_step, {})
        total2, _ = step_fn(sess, aops, global_step, {})
        print("  %.7f %.7f" % (total, total2), sess.run(global_step))
