"""A WGAN-GP on 2-D points as tf.contrib.gan examples write it: tfgan.gan_model with
scoped generator / discriminator functions, tfgan.gan_loss with wasserstein losses and
gradient_penalty_weight, gan_train_ops with Adam(beta1=0.5), GANTrainSteps(1, 3) and
get_sequential_train_hooks driving a MonitoredSession; the model's scopes and variable
names, the loss collection, op counts and the losses over a few steps."""
import numpy as np
import tensorflow as tf

tfgan = tf.contrib.gan

np.random.seed(3)
tf.set_random_seed(11)
rs = np.random.RandomState(5)
data = (rs.randn(16, 2) * 0.3 + np.array([1.0, -0.5])).astype(np.float32)
real = tf.constant(data, name="real")
noise = tf.random_normal([16, 3], seed=4, name="noise")
init = tf.glorot_uniform_initializer(seed=7)


def generator_fn(z):
    h = tf.layers.dense(z, 8, tf.nn.relu, kernel_initializer=init, name="g1")
    return tf.layers.dense(h, 2, kernel_initializer=init, name="g2")


def discriminator_fn(x, unused_conditioning):
    h = tf.layers.dense(x, 8, tf.nn.leaky_relu, kernel_initializer=init, name="d1")
    return tf.layers.dense(h, 1, kernel_initializer=init, name="d2")


global_step = tf.train.get_or_create_global_step()
model = tfgan.gan_model(generator_fn, discriminator_fn, real_data=real,
                        generator_inputs=noise)
print(model.generator_scope.name, model.discriminator_scope.name)
print([v.name for v in model.generator_variables])
print([v.name for v in model.discriminator_variables])
print(model.generated_data.name, model.discriminator_real_outputs.name,
      model.discriminator_gen_outputs.name)
loss = tfgan.gan_loss(model,
                      generator_loss_fn=tfgan.losses.wasserstein_generator_loss,
                      discriminator_loss_fn=tfgan.losses.wasserstein_discriminator_loss,
                      gradient_penalty_weight=10.0, add_summaries=False)
print(loss.generator_loss.op.name, loss.discriminator_loss.op.name)
print([t.op.name for t in tf.get_collection(tf.GraphKeys.LOSSES)])
ops = tfgan.gan_train_ops(model, loss,
                          generator_optimizer=tf.train.AdamOptimizer(1e-3, beta1=0.5),
                          discriminator_optimizer=tf.train.AdamOptimizer(1e-3, beta1=0.5),
                          summarize_gradients=False)
print(type(ops).__name__, ops.generator_train_op.op.name,
      ops.discriminator_train_op.op.name, ops.global_step_inc_op.op.name)
print(len(tf.get_default_graph().get_operations()))
print(sorted(v.op.name for v in tf.global_variables())[:8])
hooks = tfgan.get_sequential_train_hooks(tfgan.GANTrainSteps(1, 3))(ops)
print([type(h).__name__ for h in hooks])
with tf.train.MonitoredSession(hooks=hooks) as sess:
    for i in range(4):
        gl, dl = sess.run([loss.generator_loss, loss.discriminator_loss])
        step = sess.run(global_step)
        print(i, step, "%.7f %.7f" % (gl, dl))
        sess.run(ops.global_step_inc_op)
    print(sess.run(global_step))
    print(sess.run(model.generated_data)[:2])
