"""Random ops in Dataset.map functions (graph seed only, op seed, random_crop and
random_flip_left_right), a map followed by a seeded shuffle re-initialized twice."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(17)
g = tf.get_default_graph()


def f(x):
    return tf.random_uniform([2]) + tf.cast(x, tf.float32), tf.random_normal([], seed=3)


ds = tf.data.Dataset.range(5).map(f)
print(len(g.get_operations()))


def f2(x):
    img = tf.reshape(tf.cast(tf.range(48), tf.float32) + tf.cast(x, tf.float32), [4, 4, 3])
    return tf.image.random_crop(img, [2, 3, 3], seed=6), tf.image.random_flip_left_right(
        img, seed=2
    )


ds2 = tf.data.Dataset.range(4).map(f2)
print(len(g.get_operations()))
ds3 = (
    tf.data.Dataset.from_tensor_slices(np.arange(6, dtype=np.float32))
    .map(lambda x: x + tf.random_uniform([], seed=9))
    .shuffle(3, seed=1)
    .batch(2)
)
print(len(g.get_operations()))
n = ds.make_one_shot_iterator().get_next()
n2 = ds2.make_one_shot_iterator().get_next()
it3 = ds3.make_initializable_iterator()
n3 = it3.get_next()
print(len(g.get_operations()))
with tf.Session() as s:
    for _ in range(5):
        a, b = s.run(n)
        print([repr(float(v)) for v in a], repr(float(b)))
    for _ in range(4):
        a, b = s.run(n2)
        print(a.ravel().tolist(), b[0, :, 0].tolist())
    for e in range(2):
        s.run(it3.initializer)
        print([[repr(float(v)) for v in s.run(n3)] for _ in range(3)])
