"""An InfoGAN as the tfgan examples write it: tfgan.infogan_model with unstructured noise
and a structured categorical code (tf.one_hot of seeded labels), a discriminator that
returns logits and a list of OneHotCategorical predictions, tfgan.gan_loss with the
modified losses and mutual_information_penalty_weight, gan_train_ops with
GANTrainSteps(1, 1); the model's fields, the loss names and the losses over a few steps."""
import numpy as np
import tensorflow as tf

tfgan = tf.contrib.gan
ds = tf.contrib.distributions

np.random.seed(8)
tf.set_random_seed(21)
rs = np.random.RandomState(2)
data = (rs.randn(12, 4) * 0.5).astype(np.float32)
real = tf.constant(data, name="real")
unstructured = tf.random_uniform([12, 3], -1.0, 1.0, seed=3, name="unstructured")
labels = tf.constant(rs.randint(0, 3, 12).astype(np.int32), name="code_labels")
code = tf.one_hot(labels, 3, name="code")
init = tf.truncated_normal_initializer(stddev=0.3, seed=9)


def generator_fn(inputs):
    z = tf.concat(inputs, axis=1)
    h = tf.layers.dense(z, 10, tf.nn.relu, kernel_initializer=init, name="fc")
    return tf.layers.dense(h, 4, tf.tanh, kernel_initializer=init, name="out")


def discriminator_fn(x, unused_conditioning):
    h = tf.layers.dense(x, 10, tf.nn.leaky_relu, kernel_initializer=init, name="fc")
    logits = tf.layers.dense(h, 1, kernel_initializer=init, name="logit")
    q = tf.layers.dense(h, 3, kernel_initializer=init, name="q")
    return logits, [ds.OneHotCategorical(logits=q)]


model = tfgan.infogan_model(generator_fn, discriminator_fn, real_data=real,
                            unstructured_generator_inputs=[unstructured],
                            structured_generator_inputs=[code])
print(type(model).__name__, model.generator_scope.name, model.discriminator_scope.name)
print([t.name for t in model.generator_inputs])
print(model.discriminator_real_outputs.name, model.discriminator_gen_outputs.name)
print([type(d).__name__ for d in model.predicted_distributions])
print(len(model.generator_variables), len(model.discriminator_variables))
loss = tfgan.gan_loss(model,
                      generator_loss_fn=tfgan.losses.modified_generator_loss,
                      discriminator_loss_fn=tfgan.losses.modified_discriminator_loss,
                      mutual_information_penalty_weight=1.0, add_summaries=False)
print(loss.generator_loss.op.name, loss.discriminator_loss.op.name)
print([t.op.name for t in tf.get_collection(tf.GraphKeys.LOSSES)])
mi = tfgan.losses.mutual_information_penalty(model, add_summaries=False)
print(mi.op.name, mi.shape)
global_step = tf.train.get_or_create_global_step()
ops = tfgan.gan_train_ops(model, loss,
                          generator_optimizer=tf.train.AdamOptimizer(2e-3, beta1=0.5),
                          discriminator_optimizer=tf.train.AdamOptimizer(2e-3, beta1=0.5),
                          summarize_gradients=False)
print(len(tf.get_default_graph().get_operations()))
train_step_fn = tfgan.get_sequential_train_steps(tfgan.GANTrainSteps(1, 1))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        gl, dl, m = sess.run([loss.generator_loss, loss.discriminator_loss, mi])
        print(i, "%.7f %.7f %.7f" % (gl, dl, m))
        total, should_stop = train_step_fn(sess, ops, global_step, {})
        print("  %.7f" % total, should_stop, sess.run(global_step))
