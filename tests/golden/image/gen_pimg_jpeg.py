"""TF 1.14's default JPEG decode (INTEGER_FAST + fancy upscaling) on subsampled chroma, as
image input pipelines reach it: TF's own 4:2:0 bytes at odd and tiny sizes (where libjpeg
replicates instead of filtering), a 4:2:2 and a progressive 4:2:0 file made by Pillow
(pimg_422.jpg, pimg_420_progressive.jpg beside this file), decode_image, adjust_jpeg_quality
and an inception-style tf.data pipeline (decode, seeded crop, resize, flip, colour) mapped
with num_parallel_calls."""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [(3, 3), (5, 1), (17, 2), (1, 5), (2, 9), (4, 3), (33, 47)]


def _read(name):
    with open(os.path.join(HERE, name), "rb") as f:
        return f.read()


def _noise(shape, seed):
    return np.random.RandomState(seed).randint(0, 256, shape).astype(np.uint8)


def _encoded(tf, sess, shape, seed, quality=90):
    """TF's 4:2:0 encoding (chroma_downsampling, the default) of a noise image."""
    return sess.run(tf.image.encode_jpeg(tf.constant(_noise(shape + (3,), seed)),
                                         quality=quality))


def decode_sizes(tf):
    """[encoded bytes, default decode, decode_image, channels=3 decode] per size."""
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        p = tf.placeholder(tf.string, [])
        ops = [tf.image.decode_jpeg(p), tf.image.decode_image(p), tf.image.decode_jpeg(p, 3)]
        for i, shape in enumerate(SIZES):
            data = _encoded(tf, sess, shape, i)
            out["%dx%d" % shape] = [data] + sess.run(ops, {p: data})
    return out


def decode_files(tf):
    """The Pillow-made files: 4:2:2 (h2v1 upsampling) and progressive 4:2:0."""
    with tf.Graph().as_default(), tf.Session() as sess:
        return {name: sess.run(tf.image.decode_jpeg(_read(name)))
                for name in ("pimg_422.jpg", "pimg_420_progressive.jpg")}


def jpeg_quality(tf):
    """adjust_jpeg_quality of a float RGB image: encode at 4:2:0, decode by default."""
    with tf.Graph().as_default(), tf.Session() as sess:
        img = tf.constant(_noise((11, 14, 3), 7).astype(np.float32) / 255)
        return sess.run([tf.image.adjust_jpeg_quality(img, q) for q in (20, 75)])


def pipeline(tf):
    """Inception-style training input over JPEG strings: three epochs of a two-element
    dataset, decoded with num_parallel_calls=2, then randomly cropped and distorted."""
    with tf.Graph().as_default():
        tf.set_random_seed(36)
        with tf.Session() as sess:
            files = [_encoded(tf, sess, (20 + 3 * i, 27 - 2 * i), 10 + i) for i in range(2)]

        def decode(data):
            return tf.image.convert_image_dtype(tf.image.decode_jpeg(data, channels=3),
                                                tf.float32)

        def prep(image):
            bbox = tf.constant([[[0.1, 0.1, 0.9, 0.9]]])
            begin, size, _ = tf.image.sample_distorted_bounding_box(
                tf.shape(image), bbox, seed=5, min_object_covered=0.2,
                area_range=(0.3, 1.0), use_image_if_no_bounding_boxes=True)
            image = tf.slice(image, begin, size)
            image = tf.image.resize_images(image, [12, 12])
            image = tf.image.random_flip_left_right(image, seed=3)
            image = tf.image.random_brightness(image, 32. / 255., seed=4)
            image = tf.image.random_saturation(image, 0.5, 1.5, seed=6)
            return tf.clip_by_value(image, 0.0, 1.0) * 2.0 - 1.0

        # TF's random kernels are shared by parallel calls (their draws race): parallel
        # decoding, sequential augmentation
        ds = tf.data.Dataset.from_tensor_slices(files).repeat(3)
        ds = ds.map(decode, num_parallel_calls=2).map(prep)
        nxt = ds.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            return [sess.run(nxt) for _ in range(6)]


CASES = {"decode_sizes": decode_sizes, "decode_files": decode_files,
         "jpeg_quality": jpeg_quality, "pipeline": pipeline}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
