"""TF 1.14's ImageSummary of float16 and float64 images (a mask or a heat map logged with
tf.summary.image): NormalizeFloatImage takes float32 bounds and scale, then computes
value * scale + offset in the image's type (half rounding each step). The PNG bytes."""
import numpy as np


def images():
    rng = np.random.RandomState(3)
    return {"f16": (rng.rand(2, 6, 5, 3) * 3).astype(np.float16),
            "f16_signed": rng.randn(1, 6, 5, 1).astype(np.float16),
            "f64": (rng.rand(1, 6, 5, 3) * 0.7).astype(np.float64),
            "f64_signed": rng.randn(1, 4, 4, 4),
            "f32_signed": rng.randn(1, 6, 5, 3).astype(np.float32),
            "f16_big": (rng.rand(1, 3, 3, 1) * 6e4).astype(np.float16)}


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for name, im in sorted(images().items()):
            ev = tf.Summary.FromString(sess.run(tf.summary.image(name, tf.constant(im),
                                                                 max_outputs=3)))
            out[name] = [(v.tag, v.image.height, v.image.width, v.image.colorspace,
                          v.image.encoded_image_string) for v in ev.value]
    return out
