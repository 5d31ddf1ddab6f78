"""PNG bytes as TF 1.14 writes them (probe pg; tests/test_pg_train_io.py): tf.image.encode_png
and the images of tf.summary.image, compared byte for byte (libpng's per-row filter
choice, zlib window and header, 8192-byte IDAT chunks)."""
import numpy as np


def images():
    rng = np.random.RandomState(0)
    return {
        "gray_ramp": (np.arange(16, dtype=np.uint8).reshape(4, 4, 1) * 8, -1),
        "rgb_mod": ((np.arange(90) % 256).astype(np.uint8).reshape(5, 6, 3), -1),
        "rgba_random": (rng.randint(0, 256, (7, 9, 4)).astype(np.uint8), -1),
        "one_row": (rng.randint(0, 256, (1, 10, 3)).astype(np.uint8), -1),
        "one_column": (rng.randint(0, 256, (10, 1, 1)).astype(np.uint8), -1),
        "one_pixel_ga": (rng.randint(0, 256, (1, 1, 2)).astype(np.uint8), -1),
        "gradient": (np.tile(np.linspace(0, 255, 64).astype(np.uint8)[None, :, None],
                             (64, 1, 3)), -1),
        "two_idat_chunks": (rng.randint(0, 256, (60, 70, 3)).astype(np.uint8), -1),
        "diagonal": ((np.add.outer(np.arange(100), np.arange(90)) % 256)
                     .astype(np.uint8)[..., None].repeat(3, -1), -1),
        "uint16": (rng.randint(0, 65536, (6, 5, 1)).astype(np.uint16), -1),
        "uint16_rgb": (rng.randint(0, 65536, (8, 6, 3)).astype(np.uint16), -1),
        "level0": (rng.randint(0, 256, (20, 30, 3)).astype(np.uint8), 0),
        "level9": (rng.randint(0, 4, (20, 30, 3)).astype(np.uint8) * 60, 9),
        "level3": (rng.randint(0, 4, (40, 50, 1)).astype(np.uint8), 3),
    }


def encoded(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for name, (a, level) in sorted(images().items()):
            out[name] = sess.run(tf.image.encode_png(tf.constant(a), compression=level))
    return out


def summary_images(tf):
    """encoded_image_string of tf.summary.image: floats (scaled), uint8, one channel."""
    with tf.Graph().as_default(), tf.Session() as sess:
        f = tf.reshape(tf.range(2 * 5 * 6 * 3, dtype=tf.float32) / 180.0, [2, 5, 6, 3])
        u = tf.cast(tf.reshape(tf.range(3 * 4 * 4) * 5, [3, 4, 4, 1]), tf.uint8)
        s = tf.summary.merge([tf.summary.image("f", f, max_outputs=2),
                              tf.summary.image("u", u, max_outputs=3)])
        msg = tf.Summary.FromString(sess.run(s))
    return [[v.tag, v.image.encoded_image_string] for v in msg.value]


def cases(tf):
    return {"encoded": encoded(tf), "summary_images": summary_images(tf)}
