"""extract_glimpse (centered/normalized combinations, glimpses inside the image: TF fills
outside pixels with unseeded noise) and extract_image_patches with its gradient."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(float(a.ravel()[-1])),
    )


g = tf.get_default_graph()
rs = np.random.RandomState(2)
x = tf.constant(rs.rand(2, 8, 10, 2).astype(np.float32))
outs = {}
outs["c"] = tf.image.extract_glimpse(
    x, [3, 4], tf.constant([[0.1, -0.2], [0.5, 0.5]]), uniform_noise=False
)
outs["nc"] = tf.image.extract_glimpse(
    x,
    [3, 4],
    tf.constant([[3.0, 4.0], [4.0, 5.0]]),
    centered=False,
    normalized=False,
    uniform_noise=False,
)
outs["un"] = tf.image.extract_glimpse(
    x,
    [3, 5],
    tf.constant([[0.3, 0.2], [-0.4, 0.0]]),
    normalized=True,
    centered=True,
    uniform_noise=False,
)
print(len(g.get_operations()))
patches = tf.image.extract_image_patches(x, [1, 3, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
gp = tf.gradients(tf.reduce_sum(patches**2), x)[0]
print(len(g.get_operations()))
with tf.Session() as s:
    for k in sorted(outs):
        print(k, H(s.run(outs[k])))
    print("p", H(s.run(patches)), H(s.run(gp)))
