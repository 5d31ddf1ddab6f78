"""An image input pipeline in tf.data: shuffle, a map of random flip / brightness /
contrast / crop and per_image_standardization, batch and prefetch over two
initializations; random_hue in a cached, repeated map."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(131)
imgs = np.random.RandomState(4).randint(0, 255, (6, 12, 12, 3)).astype(np.uint8)


def prep(img, lab):
    img = tf.image.convert_image_dtype(img, tf.float32)
    img = tf.image.random_flip_left_right(img)
    img = tf.image.random_brightness(img, 0.2)
    img = tf.image.random_contrast(img, 0.8, 1.2)
    img = tf.image.random_crop(img, [8, 8, 3])
    img = tf.image.per_image_standardization(img)
    return img, lab


ds = (
    tf.data.Dataset.from_tensor_slices((imgs, np.arange(6)))
    .shuffle(6)
    .map(prep)
    .batch(4)
    .prefetch(1)
)
ds2 = (
    tf.data.Dataset.from_tensor_slices(imgs)
    .map(lambda i: tf.image.random_hue(tf.image.convert_image_dtype(i, tf.float32), 0.1))
    .cache()
    .repeat(2)
)
it = ds.make_initializable_iterator()
n = it.get_next()
n2 = ds2.make_one_shot_iterator().get_next()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    for e in range(2):
        s.run(it.initializer)
        for _ in range(2):
            a, b = s.run(n)
            print(e, H(a), b.tolist())
    print([H(s.run(n2))[2] for _ in range(12)])
