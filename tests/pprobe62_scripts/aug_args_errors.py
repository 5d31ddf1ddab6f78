"""The argument checks and dynamic shapes of tf.image augmentation as a data pipeline meets
them: random_brightness / contrast / hue / saturation with bad ranges, random_hue /
random_saturation of images without three channels (the kernel's error at run time),
random_crop larger than the image (the error at run time), adjust_gamma with a negative gamma,
resize_images with a float size, central_crop / random_flip / per_image_standardization
/ resize_image_with_crop_or_pad / resize_image_with_pad on placeholders of unknown shape,
float64 and float16 images through the random color ops, and a tf.data map over images of
different sizes (padded_batch after a random_crop): the shapes, the errors' class and message,
and values at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(21)
tf.set_random_seed(210)
f32 = tf.constant(np.random.rand(6, 6, 3).astype(np.float32))


def attempt(desc, fn):
    try:
        out = fn()
        print(desc, "ok", getattr(out, "shape", out))
        return out
    except Exception as e:
        print(desc, type(e).__name__, str(e).split("\n")[0])


attempt("brightness negative", lambda: tf.image.random_brightness(f32, -0.1))
attempt("contrast upper<=lower", lambda: tf.image.random_contrast(f32, 0.5, 0.5))
attempt("contrast lower<0", lambda: tf.image.random_contrast(f32, -0.5, 0.5))
attempt("hue > 0.5", lambda: tf.image.random_hue(f32, 0.6))
attempt("hue negative", lambda: tf.image.random_hue(f32, -0.1))
attempt("saturation upper<=lower", lambda: tf.image.random_saturation(f32, 1.0, 0.5))
attempt("saturation lower<0", lambda: tf.image.random_saturation(f32, -1.0, 0.5))
attempt("resize float size", lambda: tf.image.resize_images(f32, [3.0, 4.0]))
attempt("resize bad method", lambda: tf.image.resize_images(f32, [3, 4], method=7))
attempt("crop_or_pad zero", lambda: tf.image.resize_image_with_crop_or_pad(f32, 0, 4))
attempt("flip 2-D", lambda: tf.image.random_flip_left_right(tf.zeros([3, 3])))
attempt("std 2-D", lambda: tf.image.per_image_standardization(tf.zeros([3, 3])))
hue1 = attempt("hue 1 channel", lambda: tf.image.random_hue(tf.zeros([3, 3, 1]), 0.1, seed=2))
sat4 = attempt("saturation 4 channels",
               lambda: tf.image.random_saturation(tf.ones([2, 2, 4]), 0.5, 1.5, seed=3))
hue_any = attempt("hue unknown rank", lambda: tf.image.adjust_hue(
    tf.placeholder(tf.float32, None, name="any_rank"), 0.1))
attempt("hue rank 2", lambda: tf.image.adjust_hue(tf.zeros([3, 3]), 0.1))
attempt("gamma int", lambda: tf.image.adjust_gamma(tf.zeros([2, 2, 1], tf.int32), 2.0))

big_crop = tf.random_crop(f32, [8, 8, 3], seed=1)
attempt("negative gamma", lambda: tf.image.adjust_gamma(f32, gamma=-1.0))

ph = tf.placeholder(tf.float32, [None, None, None])
ph4 = tf.placeholder(tf.float32, [None, None, None, 3])
dyn = {
    "central": tf.image.central_crop(ph, 0.5),
    "flip": tf.image.random_flip_left_right(ph, seed=3),
    "flip4": tf.image.random_flip_up_down(ph4, seed=4),
    "std": tf.image.per_image_standardization(ph),
    "crop_or_pad": tf.image.resize_image_with_crop_or_pad(ph, 4, 5),
    "with_pad": tf.image.resize_image_with_pad(ph, 4, 5),
    "rand_crop": tf.random_crop(ph, [2, 2, 3], seed=5),
    "resize4": tf.image.resize_images(ph4, [3, 3], method=tf.image.ResizeMethod.AREA),
}
for k, v in sorted(dyn.items()):
    print("dyn", k, v.shape, v.dtype.name)

f64 = tf.constant(np.random.rand(4, 4, 3))
f16 = tf.cast(f64, tf.float16)
colored = {}
for name, img in [("f64", f64), ("f16", f16)]:
    colored[name] = [
        attempt(name + " brightness", lambda: tf.image.random_brightness(img, 0.2, seed=6)),
        attempt(name + " contrast", lambda: tf.image.random_contrast(img, 0.5, 1.5, seed=7)),
        attempt(name + " saturation", lambda: tf.image.random_saturation(img, 0.5, 1.5, seed=8)),
        attempt(name + " hue", lambda: tf.image.random_hue(img, 0.2, seed=9)),
        attempt(name + " std", lambda: tf.image.per_image_standardization(img)),
        attempt(name + " gamma", lambda: tf.image.adjust_gamma(img, 1.3)),
    ]
    print(name, [c.dtype.name for c in colored[name] if c is not None])

sizes = [(5, 7), (8, 6), (6, 6), (9, 9)]
imgs = [np.random.rand(h, w, 3).astype(np.float32) for h, w in sizes]
ds = tf.data.Dataset.from_generator(lambda: iter(imgs), tf.float32, tf.TensorShape([None, None, 3]))
ds = ds.map(lambda im: tf.image.random_crop(im, [4, 4, 3], seed=11)
            if hasattr(tf.image, "random_crop") else tf.random_crop(im, [4, 4, 3], seed=11))
ds2 = tf.data.Dataset.from_generator(lambda: iter(imgs), tf.float32,
                                     tf.TensorShape([None, None, 3]))
ds2 = ds2.map(lambda im: tf.image.resize_image_with_crop_or_pad(im, 6, 6),
              num_parallel_calls=2).padded_batch(2, [8, 8, 3])
batch = ds.batch(2).make_one_shot_iterator().get_next()
pbatch = ds2.make_one_shot_iterator().get_next()
print("batch", batch.shape, "padded", pbatch.shape)

with tf.Session() as sess:
    for desc, t in [("big crop", big_crop), ("hue 1 channel", hue1), ("sat 4 channels", sat4)]:
        try:
            sess.run(t)
            print(desc, "no error")
        except tf.errors.OpError as e:
            print(desc, type(e).__name__, e.message.split("\n")[0])
    try:
        sess.run(hue_any, {"any_rank:0": np.zeros([4, 3], np.float32)})
    except tf.errors.InvalidArgumentError as e:
        print("hue rank 2 at run time", e.message.split("\n")[0])
    print("hue empty", sess.run(hue_any, {"any_rank:0": np.zeros([0, 2, 3], np.float32)}).shape)
    x = np.random.rand(5, 7, 3).astype(np.float32)
    x4 = np.random.rand(2, 5, 7, 3).astype(np.float32)
    r = sess.run(dyn, {ph: x, ph4: x4})
    for k in sorted(r):
        print("dyn", k, r[k].shape, repr(float(r[k].astype(np.float64).sum())))
    for name in ("f64", "f16"):
        vals = sess.run([c for c in colored[name] if c is not None])
        print(name, [(v.dtype.name, repr(float(v.astype(np.float64).sum()))) for v in vals])
    for _ in range(2):
        b = sess.run(batch)
        print("batch", b.shape, repr(float(b.astype(np.float64).sum())))
    for _ in range(2):
        p = sess.run(pbatch)
        print("padded", p.shape, repr(float(p.astype(np.float64).sum())))
