"""DeepLab-v3 style segmentation head as TF1 repositories write it: an ASPP of atrous
slim.conv2d (rate=) and slim.separable_conv2d under arg_scope with batch_norm, tf.nn.atrous_conv2d,
image pooling upsampled by tf.image.resize_bilinear(align_corners=True), logits upsampled to
the label size, softmax cross entropy with the ignore label 255 dropped by tf.boolean_mask,
a few Momentum steps with the batch_norm update ops."""
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim

np.random.seed(0)
tf.set_random_seed(7)
rs = np.random.RandomState(3)
IMG = rs.rand(2, 16, 16, 3).astype(np.float32)
LAB = rs.randint(0, 4, size=(2, 16, 16)).astype(np.int32)
LAB[:, :3, :] = 255
NUM_CLASSES = 4

images = tf.placeholder(tf.float32, [None, 16, 16, 3], name="images")
labels = tf.placeholder(tf.int32, [None, 16, 16], name="labels")
is_training = tf.placeholder_with_default(True, [], name="is_training")


def aspp(features, depth=8, rates=(2, 3)):
    with tf.variable_scope("aspp"):
        shape = tf.shape(features)[1:3]
        pool = tf.reduce_mean(features, [1, 2], keepdims=True, name="global_pool")
        pool = slim.conv2d(pool, depth, 1, scope="image_pooling")
        pool = tf.image.resize_bilinear(pool, shape, align_corners=True)
        branches = [pool, slim.conv2d(features, depth, 1, scope="aspp0")]
        for i, r in enumerate(rates):
            branches.append(slim.separable_conv2d(features, None, 3, depth_multiplier=1,
                                                  rate=r, scope="aspp%d_depthwise" % (i + 1)))
            branches[-1] = slim.conv2d(branches[-1], depth, 1, scope="aspp%d_pointwise" % (i + 1))
        concat = tf.concat(branches, 3)
        return slim.conv2d(concat, depth, 1, scope="concat_projection")


batch_norm_params = {"decay": 0.9, "epsilon": 1e-5, "scale": True, "is_training": is_training}
with slim.arg_scope([slim.conv2d, slim.separable_conv2d],
                    weights_initializer=tf.truncated_normal_initializer(stddev=0.09, seed=1),
                    weights_regularizer=slim.l2_regularizer(1e-4),
                    activation_fn=tf.nn.relu, normalizer_fn=slim.batch_norm,
                    normalizer_params=batch_norm_params):
    net = slim.conv2d(images, 8, 3, stride=2, scope="conv1")
    net = slim.conv2d(net, 8, 3, rate=2, scope="conv2_atrous")
    print(net.op.name, net.get_shape())
    feats = aspp(net)

with tf.variable_scope("extra"):
    k = tf.get_variable("k", [3, 3, 8, 8], initializer=tf.glorot_uniform_initializer(seed=4))
    feats = feats + 0.1 * tf.nn.atrous_conv2d(feats, k, rate=2, padding="SAME")
logits = slim.conv2d(feats, NUM_CLASSES, 1, activation_fn=None, normalizer_fn=None,
                     weights_initializer=tf.truncated_normal_initializer(stddev=0.1, seed=2),
                     scope="logits")
up = tf.image.resize_bilinear(logits, tf.shape(images)[1:3], align_corners=True)
print(logits.get_shape(), up.get_shape(), up.op.type)

flat_logits = tf.reshape(up, [-1, NUM_CLASSES])
flat_labels = tf.reshape(labels, [-1])
keep = tf.not_equal(flat_labels, 255)
valid_logits = tf.boolean_mask(flat_logits, keep)
valid_labels = tf.boolean_mask(flat_labels, keep)
xent = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=valid_labels, logits=valid_logits))
reg = tf.add_n(tf.losses.get_regularization_losses())
loss = xent + reg
pred = tf.argmax(up, axis=3, output_type=tf.int32)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.boolean_mask(tf.reshape(pred, [-1]), keep),
                                      valid_labels), tf.float32))

step = tf.train.get_or_create_global_step()
lr = tf.train.polynomial_decay(0.1, step, 10, end_learning_rate=0.01, power=0.9)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train = tf.train.MomentumOptimizer(lr, 0.9).minimize(loss, global_step=step)
print(len(update_ops), len(tf.trainable_variables()), len(tf.global_variables()))
print([v.op.name for v in tf.trainable_variables()][:8])
print(valid_logits.op.type, valid_logits.get_shape(), len(tf.get_default_graph().get_operations()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        lv, xv, av, _ = sess.run([loss, xent, acc, train], {images: IMG, labels: LAB})
        print(i, "%.9g %.9g %.9g" % (lv, xv, av))
    mm = sess.run(tf.get_default_graph().get_tensor_by_name("conv1/BatchNorm/moving_mean:0"))
    print(mm.tolist())
    p, vl = sess.run([pred, tf.shape(valid_logits)], {images: IMG, labels: LAB, is_training: False})
    print(p[0, 5].tolist(), vl.tolist())
    print(sess.run(up, {images: IMG[:1], is_training: False})[0, 4, 7].tolist())
