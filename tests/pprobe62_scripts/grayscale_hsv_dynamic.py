"""Color conversions on images of unknown shape, as a pipeline that feeds grayscale (MNIST-like)
and RGB images through one placeholder writes them: grayscale_to_rgb of placeholders of
unknown rank, unknown dims and static shapes (the ops it creates, its static errors and its
asserts at run time), then rgb_to_hsv / hsv_to_rgb / adjust_hue / adjust_saturation /
adjust_contrast fed images of the wrong rank or channel count (the kernels' errors) and an
empty batch: op names and types, the errors' class and message, and the output shapes."""
import numpy as np
import tensorflow as tf

np.random.seed(62)
feeds = [np.random.rand(2, 2, 1), np.random.rand(3, 3), np.random.rand(2, 2, 4),
         np.random.rand(4, 1)]
for shp in (None, [None, None, 1], [2, 2, 1], [None, 2], [3, 3, 2]):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, shp, name="x")
        try:
            y = tf.image.grayscale_to_rgb(x)
        except ValueError as e:
            print(shp, "ValueError", e)
            continue
        print(shp, y.shape, len(g.get_operations()))
        for op in g.get_operations():
            print("  ", op.name, op.type, [i.name for i in op.control_inputs])
        with tf.Session() as sess:
            for v in feeds:
                try:
                    print("  run", v.shape, sess.run(y, {x: v}).shape)
                except (tf.errors.OpError, ValueError) as e:
                    print("  run", v.shape, type(e).__name__,
                          str(getattr(e, "message", e)).split("\n")[0])

g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, None, name="images")
    outs = [tf.image.rgb_to_hsv(x), tf.image.hsv_to_rgb(x), tf.image.adjust_hue(x, 0.2),
            tf.image.adjust_saturation(x, 1.3), tf.image.adjust_contrast(x, 0.6)]
    with tf.Session() as sess:
        for out in outs:
            for shp in ([3], [3, 3], [2, 2, 1], [2, 2, 4], [0, 2, 3], [2, 2, 3]):
                v = np.random.rand(*shp).astype(np.float32)
                try:
                    r = sess.run(out, {x: v})
                    print(out.op.name, shp, r.shape, repr(float(r.astype(np.float64).sum())))
                except tf.errors.OpError as e:
                    print(out.op.name, shp, type(e).__name__, e.message.split("\n")[0])
