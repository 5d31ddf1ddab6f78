"""A tf.data input pipeline in the CIFAR-tutorial style: from_tensor_slices of uint8 images
and labels, a map function with seeded tf.image random ops (random_crop of a padded image,
random_flip_left_right / up_down, random_brightness, random_contrast, per_image_standardization)
without num_parallel_calls, then a deterministic map (rot90, transpose_image, central_crop,
resize_images) with num_parallel_calls, shuffle with a seed, batch, repeat, a one-shot
iterator feeding a small CNN trained a few steps with momentum: shapes, dataset output types,
the batches' sums and the losses at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(62)
tf.set_random_seed(620)
N, H, W = 12, 10, 10
images = np.random.randint(0, 256, size=(N, H, W, 3)).astype(np.uint8)
labels = np.random.randint(0, 3, size=(N,)).astype(np.int64)


def augment(img, label):
    img = tf.image.convert_image_dtype(img, tf.float32)
    img = tf.image.resize_image_with_crop_or_pad(img, H + 4, W + 4)
    img = tf.random_crop(img, [H, W, 3], seed=1)
    img = tf.image.random_flip_left_right(img, seed=2)
    img = tf.image.random_flip_up_down(img, seed=3)
    img = tf.image.random_brightness(img, max_delta=0.25, seed=4)
    img = tf.image.random_contrast(img, lower=0.6, upper=1.4, seed=5)
    img = tf.image.per_image_standardization(img)
    return img, label


def geometry(img, label):
    img = tf.image.rot90(img, k=1)
    img = tf.image.transpose_image(img)
    img = tf.image.central_crop(img, 0.8)
    img = tf.image.resize_images(img, [8, 8], method=tf.image.ResizeMethod.BILINEAR,
                                 align_corners=True)
    return img, tf.one_hot(label, 3)


ds = tf.data.Dataset.from_tensor_slices((images, labels))
ds = ds.shuffle(buffer_size=N, seed=7)
ds = ds.map(augment)
ds = ds.map(geometry, num_parallel_calls=4)
ds = ds.batch(4).repeat()
print("output_types", ds.output_types)
print("output_shapes", ds.output_shapes)
it = ds.make_one_shot_iterator()
x, y = it.get_next()
print("x", x, "y", y)

net = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu, name="conv1")
net = tf.layers.max_pooling2d(net, 2, 2, name="pool1")
net = tf.layers.flatten(net)
logits = tf.layers.dense(net, 3, name="logits")
loss = tf.losses.softmax_cross_entropy(y, logits)
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print("trainable", [v.name for v in tf.trainable_variables()])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        xb, yb, lv, _ = sess.run([x, y, loss, train])
        print(step, repr(float(xb.astype(np.float64).sum())), yb.argmax(1).tolist(),
              repr(float(lv)))
    print("x[0,0,0]", [repr(float(v)) for v in sess.run(x)[0, 0, 0]])
