"""slim's vgg_preprocessing under TF 1.14 (graph-seeded, on a placeholder image): resize_bilinear
given a list of tensors as its size (TF packs it, the op's 'size' input), the resize ops'
static shapes from sizes TF's shape refiner evaluates, their errors for bad sizes, and the
fetched arrays' own float32 sums (TF returns row-major arrays, whatever the kernels' layout)."""
import numpy as np

X = np.random.RandomState(0).randint(0, 256, (20, 27, 3)).astype(np.uint8)
MEANS = [123.68, 116.78, 103.94]


def _vgg_train(tf, image, out_h, out_w, side_min=16, side_max=32):
    """vgg_preprocessing.preprocess_for_train, as slim writes it (its asserts too)."""
    side = tf.random_uniform([], minval=side_min, maxval=side_max + 1, dtype=tf.int32)
    shape = tf.shape(image)
    height, width = tf.to_float(shape[0]), tf.to_float(shape[1])
    smallest = tf.to_float(side)
    scale = tf.cond(tf.greater(height, width), lambda: smallest / width,
                    lambda: smallest / height)
    new_h, new_w = tf.to_int32(tf.rint(height * scale)), tf.to_int32(tf.rint(width * scale))
    image = tf.image.resize_bilinear(tf.expand_dims(image, 0), [new_h, new_w],
                                     align_corners=False)
    image = tf.squeeze(image)
    image.set_shape([None, None, 3])
    shape = tf.shape(image)
    ok = tf.Assert(tf.logical_and(tf.greater_equal(shape[0], out_h),
                                  tf.greater_equal(shape[1], out_w)),
                   ["Crop size greater than the image size."])
    with tf.control_dependencies([ok]):
        max_h = tf.reshape(shape[0] - out_h + 1, [])
        max_w = tf.reshape(shape[1] - out_w + 1, [])
    off_h = tf.random_uniform([], maxval=max_h, dtype=tf.int32)
    off_w = tf.random_uniform([], maxval=max_w, dtype=tf.int32)
    cropped = tf.stack([out_h, out_w, shape[2]])
    image = tf.reshape(tf.slice(image, tf.to_int32(tf.stack([off_h, off_w, 0])), cropped),
                       cropped)
    image.set_shape([out_h, out_w, 3])
    image = tf.image.random_flip_left_right(tf.to_float(image))
    channels = tf.split(axis=2, num_or_size_splits=3, value=image)
    for i in range(3):
        channels[i] -= MEANS[i]
    return tf.concat(axis=2, values=channels)


def vgg_train(tf):
    """[static shape, then per run: the image, its float32 sum] and the crop's error."""
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        p = tf.placeholder(tf.uint8, [None, None, 3])
        out = _vgg_train(tf, p, 12, 12)
        res = [out.shape.as_list()]
        with tf.Session() as sess:
            for _ in range(3):
                v = sess.run(out, {p: X})
                res += [v, v.sum()]
            try:
                sess.run(out, {p: X[:5, :5]})
            except tf.errors.InvalidArgumentError as e:
                res.append([type(e).__name__, str(e).split("\n")[0]])
        return res


def resize_sizes(tf):
    """Per resize op: [output name, size input's name and op type, static shape] for sizes
    given as tensors, and the errors of bad ones."""
    out = {}
    with tf.Graph().as_default():
        x = tf.constant(np.random.RandomState(1).rand(1, 6, 7, 3).astype(np.float32))
        h, w = tf.constant(4), tf.constant(5.0)
        p = tf.placeholder(tf.int32, [])
        fns = {"bilinear": tf.image.resize_bilinear, "nearest": tf.image.resize_nearest_neighbor,
               "bicubic": tf.image.resize_bicubic, "area": tf.image.resize_area}
        for name, f in sorted(fns.items()):
            rows = []
            for size in ([h, tf.to_int32(w)], (3, h), [p, 3], [3, 4]):
                r = f(x, size)
                rows.append([r.name, r.op.inputs[1].name, r.op.inputs[1].op.type,
                             r.shape.as_list()])
            for bad in ([1.5, 2.0], [h, w], np.array([3, 4], np.int64)):
                try:
                    f(x, bad)
                    rows.append("no error")
                except (TypeError, ValueError) as e:
                    rows.append([type(e).__name__, str(e)])
            with tf.Session() as sess:
                rows.append(sess.run(f(x, [h, tf.to_int32(w)])))
            out[name] = rows
    return out


def transposed_sums(tf):
    """Fetched values of ops whose NumPy results could keep a strided layout: their own
    float32 sums (NumPy's pairwise order follows the memory layout)."""
    with tf.Graph().as_default():
        x = tf.constant(np.random.RandomState(2).rand(17, 13, 3).astype(np.float32) * 100)
        t = tf.transpose(x, [1, 0, 2])
        parts = tf.split(t - 3.5, 3, axis=2)
        outs = [t, tf.concat(parts, 2), tf.image.resize_bilinear(t[None], [9, 11])[0] * 2.0,
                tf.image.rot90(x), tf.image.transpose_image(x) + 1.0]
        with tf.Session() as sess:
            return [v.sum() for v in sess.run(outs)]


def resize_images_partial(tf):
    """resize_images' static shapes when the size packs a fed height or width (TF sets what
    constant_value_as_shape knows of it), and the values."""
    with tf.Graph().as_default():
        x = np.random.RandomState(3).rand(9, 13, 3).astype(np.float32)
        p = tf.placeholder(tf.float32, [None, None, 3])
        h = tf.placeholder(tf.int32, [])
        outs = [tf.image.resize_images(tf.constant(x), [h, 5], method=m) for m in range(4)]
        outs += [tf.image.resize_images(p, [4, h]), tf.image.resize_images(p, [h, 2 * h]),
                 tf.image.resize_images(p, [7, 7], preserve_aspect_ratio=True)]
        shapes = [o.shape.as_list() for o in outs]
        with tf.Session() as sess:
            return [shapes, sess.run(outs, {p: x, h: 6})]


CASES = {"resize_images_partial": resize_images_partial, "vgg_train": vgg_train, "resize_sizes": resize_sizes,
         "transposed_sums": transposed_sums}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
