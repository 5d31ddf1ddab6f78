"""A contrib.layers CNN with batch_norm, layer_norm, l2 weight decay and optimize_loss
(Adam, decayed learning rate, gradient clipping, summaries), as TF 1.x tutorials wrote it."""
import numpy as np
import tensorflow as tf

layers = tf.contrib.layers
tf.set_random_seed(3)
rng = np.random.RandomState(5)
images = rng.rand(10, 8, 8, 2).astype(np.float32)
labels = rng.randint(0, 4, size=10)

x = tf.placeholder(tf.float32, [None, 8, 8, 2])
y = tf.placeholder(tf.int64, [None])
with tf.contrib.framework.arg_scope([layers.conv2d, layers.fully_connected],
                                    weights_regularizer=layers.l2_regularizer(1e-3)):
    net = layers.conv2d(x, 6, [3, 3], normalizer_fn=layers.batch_norm,
                        normalizer_params={"is_training": True, "decay": 0.8})
    net = layers.max_pool2d(net, [2, 2])
    net = layers.flatten(net)
    net = layers.fully_connected(net, 16)
    net = layers.layer_norm(net)
    logits = layers.fully_connected(net, 4, activation_fn=None)
xent = tf.losses.sparse_softmax_cross_entropy(y, logits)
loss = tf.losses.get_total_loss()
global_step = tf.train.get_or_create_global_step()
train_op = layers.optimize_loss(
    loss, global_step, learning_rate=0.05, optimizer="Adam", clip_gradients=5.0,
    learning_rate_decay_fn=lambda lr, step: tf.train.exponential_decay(lr, step, 2, 0.7),
    summaries=["loss", "learning_rate", "gradient_norm"])
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
merged = tf.summary.merge_all()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        loss_value, _ = sess.run([train_op, merged], {x: images, y: labels})
        print("step %d total loss %.5f" % (step, loss_value))
    print("accuracy %.3f" % sess.run(accuracy, {x: images, y: labels}))
    print("global step", sess.run(global_step))
    print(sorted(v.op.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)))
    print(len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)),
          len(tf.get_collection(tf.GraphKeys.SUMMARIES)))
    print(np.round(sess.run(tf.contrib.framework.get_variables("OptimizeLoss/learning_rate")),
                   5))
