"""FCN-8s style upsampling and the evaluation of a segmentation net as TF1 repositories
write it: conv2d_transpose with a fixed bilinear kernel (get_deconv_filter) and
tf.layers.conv2d_transpose, skip fusion by addition, per-pixel class weighting through
tf.losses.sparse_softmax_cross_entropy(weights=) with the ignore label 255 zeroed,
tf.metrics.mean_iou (its total_confusion_matrix local variable, update op and the
mean over the classes seen) and tf.metrics.accuracy / mean_per_class_accuracy with
weights, streamed over a few batches, then reset by the local initializer."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(21)
rs = np.random.RandomState(8)
NC = 3
IMGS = rs.rand(3, 2, 16, 16, 3).astype(np.float32)
LABS = rs.randint(0, NC, size=(3, 2, 16, 16)).astype(np.int32)
LABS[:, :, 12:, :] = 255
LABS[1, 0, :4, :4] = 2


def get_deconv_filter(f_shape):
    width = f_shape[0]
    f = np.ceil(width / 2.0)
    c = (2 * f - 1 - f % 2) / (2.0 * f)
    bilinear = np.zeros([f_shape[0], f_shape[1]])
    for x in range(width):
        for y in range(f_shape[1]):
            bilinear[x, y] = (1 - abs(x / f - c)) * (1 - abs(y / f - c))
    weights = np.zeros(f_shape)
    for i in range(f_shape[2]):
        weights[:, :, i, i] = bilinear
    init = tf.constant_initializer(value=weights, dtype=tf.float32)
    return tf.get_variable(name="up_filter", initializer=init, shape=weights.shape)


def upscore_layer(bottom, shape, num_classes, name, ksize=4, stride=2):
    strides = [1, stride, stride, 1]
    with tf.variable_scope(name):
        in_features = bottom.get_shape()[3].value
        if shape is None:
            in_shape = tf.shape(bottom)
            h = ((in_shape[1] - 1) * stride) + 1
            w = ((in_shape[2] - 1) * stride) + 1
            new_shape = [in_shape[0], h, w, num_classes]
        else:
            new_shape = [shape[0], shape[1], shape[2], num_classes]
        output_shape = tf.stack(new_shape)
        weights = get_deconv_filter([ksize, ksize, num_classes, in_features])
        return tf.nn.conv2d_transpose(bottom, weights, output_shape, strides=strides,
                                      padding="SAME")


x = tf.placeholder(tf.float32, [None, 16, 16, 3])
y = tf.placeholder(tf.int32, [None, 16, 16])
init = tf.variance_scaling_initializer(seed=3)
c1 = tf.layers.conv2d(x, 6, 3, strides=2, padding="same", activation=tf.nn.relu,
                      kernel_initializer=init, name="pool1")        # 8
c2 = tf.layers.conv2d(c1, 6, 3, strides=2, padding="same", activation=tf.nn.relu,
                      kernel_initializer=init, name="pool2")        # 4
score2 = tf.layers.conv2d(c2, NC, 1, kernel_initializer=init, name="score_fr")
score1 = tf.layers.conv2d(c1, NC, 1, kernel_initializer=init, name="score_pool1")
up2 = upscore_layer(score2, tf.shape(score1), NC, "upscore2")
print(up2.get_shape(), up2.op.type)
fuse = tf.add(up2, score1, name="fuse_pool1")
up_final = tf.layers.conv2d_transpose(fuse, NC, 4, strides=2, padding="same",
                                      kernel_initializer=init, name="upscore8")
print(fuse.get_shape(), up_final.get_shape(), up_final.op.type)

valid = tf.not_equal(y, 255)
safe_labels = tf.where(valid, y, tf.zeros_like(y))
class_weights = tf.constant([1.0, 2.0, 0.5])
pixel_w = tf.gather(class_weights, safe_labels) * tf.cast(valid, tf.float32)
loss = tf.losses.sparse_softmax_cross_entropy(labels=safe_labels, logits=up_final,
                                              weights=pixel_w)
print(loss.op.name, [t.op.name for t in tf.get_collection(tf.GraphKeys.LOSSES)])
train = tf.train.AdamOptimizer(0.01).minimize(loss)

pred = tf.argmax(up_final, axis=-1)
w_valid = tf.cast(valid, tf.float32)
miou, miou_up = tf.metrics.mean_iou(safe_labels, pred, NC, weights=w_valid, name="miou")
acc, acc_up = tf.metrics.accuracy(safe_labels, pred, weights=w_valid, name="acc")
mpca, mpca_up = tf.metrics.mean_per_class_accuracy(safe_labels, pred, NC, weights=w_valid,
                                                   name="mpca")
print([v.op.name for v in tf.local_variables()])
print(miou.op.type, miou_up.op.type, miou_up.get_shape(), mpca_up.get_shape())
cm = [v for v in tf.local_variables() if "total_confusion_matrix" in v.op.name][0]
print(cm.dtype, cm.get_shape())

with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    w = sess.run("upscore2/up_filter:0")
    print(w[:, :, 0, 0].tolist())
    for i in range(3):
        lv, _ = sess.run([loss, train], {x: IMGS[i], y: LABS[i]})
        print(i, "%.9g" % lv)
    for i in range(3):
        sess.run([miou_up, acc_up, mpca_up], {x: IMGS[i], y: LABS[i]})
        print(i, "%.9g %.9g" % tuple(sess.run([miou, acc])), sess.run(mpca).tolist())
    print(sess.run(cm).tolist())
    sess.run(tf.local_variables_initializer())
    print(sess.run([miou, acc, mpca]))
    lab = np.zeros([1, 16, 16], np.int32)
    print(sess.run(miou_up, {x: IMGS[0][:1], y: lab}).tolist(), "%.9g" % sess.run(miou))
