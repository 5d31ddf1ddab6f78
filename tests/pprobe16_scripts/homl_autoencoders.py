"""Hands-On ML (1st ed.) ch. 15: a stacked autoencoder with tied weights written as in the
book (weights1/weights2 as tf.Variable from a variance_scaling initializer, weights3 =
tf.transpose(weights2), weights4 = tf.transpose(weights1), l2 regularizer on the free
weights, ELU), a sparse autoencoder with the KL-divergence sparsity loss on the mean
sigmoid codings, and a denoising input with tf.random_normal noise; Adam; op counts and
values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1641)
rs = np.random.RandomState(1642)
n_inputs, n_hidden1, n_hidden2 = 16, 8, 4
n_hidden3, n_outputs = n_hidden1, n_inputs
Xd = (rs.rand(60, n_inputs) > 0.6).astype(np.float32)
learning_rate, l2_reg = 0.01, 0.0005

activation = tf.nn.elu
regularizer = tf.contrib.layers.l2_regularizer(l2_reg)
initializer = tf.contrib.layers.variance_scaling_initializer(seed=1643)
X = tf.placeholder(tf.float32, shape=[None, n_inputs])
X_noisy = X + 0.2 * tf.random_normal(tf.shape(X), seed=1644)
weights1_init = initializer([n_inputs, n_hidden1])
weights2_init = initializer([n_hidden1, n_hidden2])
weights1 = tf.Variable(weights1_init, dtype=tf.float32, name="weights1")
weights2 = tf.Variable(weights2_init, dtype=tf.float32, name="weights2")
weights3 = tf.transpose(weights2, name="weights3")
weights4 = tf.transpose(weights1, name="weights4")
biases1 = tf.Variable(tf.zeros(n_hidden1), name="biases1")
biases2 = tf.Variable(tf.zeros(n_hidden2), name="biases2")
biases3 = tf.Variable(tf.zeros(n_hidden3), name="biases3")
biases4 = tf.Variable(tf.zeros(n_outputs), name="biases4")
hidden1 = activation(tf.matmul(X_noisy, weights1) + biases1)
hidden2 = activation(tf.matmul(hidden1, weights2) + biases2)
hidden3 = activation(tf.matmul(hidden2, weights3) + biases3)
outputs = tf.matmul(hidden3, weights4) + biases4
reconstruction_loss = tf.reduce_mean(tf.square(outputs - X))
reg_loss = regularizer(weights1) + regularizer(weights2)
loss = reconstruction_loss + reg_loss
training_op = tf.train.AdamOptimizer(learning_rate).minimize(loss)

sparsity_target, sparsity_weight = 0.1, 0.2


def kl_divergence(p, q):
    return p * tf.log(p / q) + (1 - p) * tf.log((1 - p) / (1 - q))


with tf.variable_scope("sparse"):
    sh = tf.layers.dense(X, 6, tf.nn.sigmoid,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=1645))
    sout = tf.layers.dense(sh, n_inputs,
                           kernel_initializer=tf.glorot_uniform_initializer(seed=1646))
    hidden1_mean = tf.reduce_mean(sh, axis=0)
    sparsity_loss = tf.reduce_sum(kl_divergence(sparsity_target, hidden1_mean))
    xent = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=X, logits=sout))
    sloss = xent + sparsity_weight * sparsity_loss
    strain = tf.train.AdamOptimizer(learning_rate).minimize(sloss)

g = tf.get_default_graph()
print(len(g.get_operations()), weights3.name, weights4.name, reg_loss.name,
      sparsity_loss.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(6):
        for i in range(0, 60, 15):
            sess.run([training_op, strain], feed_dict={X: Xd[i:i + 15]})
        lv, rl, sl, sp = sess.run([loss, reconstruction_loss, sloss, sparsity_loss],
                                  feed_dict={X: Xd})
        print(epoch, repr(float(lv)), repr(float(rl)), repr(float(sl)), repr(float(sp)))
    print(H(sess.run(outputs, feed_dict={X: Xd[:3]})), H(sess.run(weights1)),
          H(sess.run(hidden1_mean, feed_dict={X: Xd})))
    print(sess.run(hidden1_mean, feed_dict={X: Xd}).tolist())
