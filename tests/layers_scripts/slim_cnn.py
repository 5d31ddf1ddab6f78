"""A small slim CNN with arg_scope and batch_norm, UPDATE_OPS run with the train op."""
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
tf.set_random_seed(7)
rng = np.random.RandomState(1)
images = rng.rand(8, 12, 12, 1).astype(np.float32)
labels = rng.randint(0, 3, size=8)

x = tf.placeholder(tf.float32, [None, 12, 12, 1])
y = tf.placeholder(tf.int32, [None])
with slim.arg_scope([slim.conv2d, slim.fully_connected], normalizer_fn=slim.batch_norm,
                    normalizer_params={"is_training": True, "decay": 0.9}):
    net = slim.conv2d(x, 4, [3, 3], scope="conv1")
    net = slim.max_pool2d(net, [2, 2], scope="pool1")
    net = slim.conv2d(net, 8, [3, 3], scope="conv2")
    net = slim.flatten(net)
    logits = slim.fully_connected(net, 3, activation_fn=None, normalizer_fn=None, scope="fc")
onehot = slim.one_hot_encoding(y, 3)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=logits))
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, loss_value = sess.run([train, loss], {x: images, y: labels})
        print("step %d loss %.5f" % (step, loss_value))
    mm = slim.get_variables_by_name("moving_mean")
    print([v.op.name for v in mm])
    print(np.round(sess.run(mm[0]), 5))
    print(len(tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)), len(update_ops))
