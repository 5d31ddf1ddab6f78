"""DeepLab-style input preprocessing for segmentation as TF1 repositories write it: scale
the image and label by a random factor (bilinear for the image, nearest neighbour for the
label), pad both to the crop size (the image with its mean pixel, the label with the
ignore label 255) by tf.image.pad_to_bounding_box, a joint random crop of the image and
label concatenated, a random left-right flip by tf.cond, the mean subtraction; in a
tf.data pipeline (map, batch) seeded op by op; then shapes, label values, the ignore
fraction and the errors of a crop larger than the image and of crop_or_pad on a rank-2
tensor."""
import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(41)
rs = np.random.RandomState(2)
IMAGES = (rs.rand(4, 10, 14, 3) * 255).astype(np.float32)
LABELS = rs.randint(0, 5, size=(4, 10, 14, 1)).astype(np.int32)
CROP = 12
MEAN = [123.15, 115.9, 103.06]


def preprocess(image, label):
    scale = tf.random_uniform([], 0.75, 1.25, seed=3)
    shape = tf.cast(tf.shape(image)[:2], tf.float32)
    new = tf.cast(shape * scale, tf.int32)
    image = tf.squeeze(tf.image.resize_bilinear(tf.expand_dims(image, 0), new,
                                                align_corners=True), [0])
    label = tf.squeeze(tf.image.resize_nearest_neighbor(tf.expand_dims(label, 0), new,
                                                        align_corners=True), [0])
    h, w = tf.shape(image)[0], tf.shape(image)[1]
    th, tw = tf.maximum(CROP, h), tf.maximum(CROP, w)
    mean = tf.reshape(MEAN, [1, 1, 3])
    image = tf.image.pad_to_bounding_box(image - mean, 0, 0, th, tw) + mean
    label = tf.image.pad_to_bounding_box(label - 255, 0, 0, th, tw) + 255
    both = tf.concat([image, tf.cast(label, tf.float32)], axis=2)
    both = tf.random_crop(both, [CROP, CROP, 4], seed=5)
    image, label = both[:, :, :3], tf.cast(both[:, :, 3:], tf.int32)
    flip = tf.random_uniform([], seed=7) < 0.5
    image, label = tf.cond(flip, lambda: (tf.reverse(image, [1]), tf.reverse(label, [1])),
                           lambda: (image, label))
    image = image - mean
    image.set_shape([CROP, CROP, 3])
    label.set_shape([CROP, CROP, 1])
    return image, label


ds = tf.data.Dataset.from_tensor_slices((IMAGES, LABELS)).map(preprocess).batch(2)
it = ds.make_one_shot_iterator()
img, lab = it.get_next()
print(img.get_shape(), lab.get_shape(), img.dtype, lab.dtype)
ignore = tf.reduce_mean(tf.cast(tf.equal(lab, 255), tf.float32))
with tf.Session() as sess:
    for i in range(2):
        iv, lv, fr = sess.run([img, lab, ignore])
        print(i, iv.shape, "%.9g" % iv[0, 0, 0, 0], "%.9g" % iv[1].sum(),
              sorted(set(lv.ravel().tolist())), "%.9g" % fr)
        print(lv[0, :, :, 0][5].tolist())

x = tf.placeholder(tf.float32, [None, None, 3])
try:
    with tf.Session() as sess:
        sess.run(tf.random_crop(x, [20, 5, 3], seed=1), {x: IMAGES[0]})
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError:", e.message.splitlines()[0])
try:
    tf.image.resize_image_with_crop_or_pad(tf.zeros([4, 4]), 2, 2)
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
c = tf.image.resize_image_with_crop_or_pad(x, 8, 16)
p = tf.image.pad_to_bounding_box(x, 1, 2, 12, 18)
with tf.Session() as sess:
    cv, pv = sess.run([c, p], {x: IMAGES[1]})
    print(c.get_shape(), cv.shape, "%.9g" % cv.sum(), p.get_shape(), pv.shape, "%.9g" % pv.sum())
    try:
        sess.run(p, {x: np.zeros([12, 3, 3], np.float32)})
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", e.message.splitlines()[0])
