"""Static shapes TF 1.14 infers from shape tensors built of tf.shape(x)[i] elements, as
segmentation and detection input code builds them (deeplab's crop sizes, pads, reshapes):
TF's refiner evaluates each packed element whole, so shape(x)[i] of an x with any unknown
dim is unknown even where dim i is known; tf.slice reads begin and (when it cannot evaluate
it whole) size as partial shapes."""
import numpy as np


def _shapes(tf):
    image = tf.placeholder(tf.float32, [None, None, 3])
    part = tf.placeholder(tf.float32, [4, None, 3])
    full = tf.placeholder(tf.float32, [7, 8, 3])
    q = tf.placeholder(tf.int32, [])
    s, ps = tf.shape(image), tf.shape(part)
    return {
        "pack_known_dim": tf.zeros(tf.stack([ps[0], 2])),
        "pack_last_dim": tf.zeros(tf.stack([ps[2], 2])),
        "pack_unknown_dim": tf.zeros(tf.stack([ps[1], 2])),
        "reshape_pack": tf.reshape(part, tf.stack([ps[0], -1])),
        "zeros_list": tf.zeros([ps[0], ps[2]]),
        "zeros_slice": tf.zeros(ps[0:1]),
        "reshape_list": tf.reshape(part, [ps[0], -1, ps[2]]),
        "fill_list": tf.fill([ps[0], 2], 1.0),
        "fill_full": tf.fill([tf.shape(full)[0], 2], 1.0),
        "reshape_channels": tf.reshape(image, tf.stack([5, 6, s[2]])),
        "reshape_minus1": tf.reshape(image, [-1, s[2]]),
        "slice_pack_size": tf.slice(image, [0, 0, 0], tf.stack([5, 6, s[2]])),
        "slice_fed_size": tf.slice(image, [0, 0, 0], [5, q, 3]),
        "slice_full_size": tf.slice(full, [0, 0, 0], [5, q, tf.shape(full)[2]]),
        "slice_fed_begin": tf.slice(full, [1, q, 0], [5, 2, -1]),
        "reshape_fed": tf.reshape(image, [5, q, 3]),
        "zeros_fed": tf.zeros([5, q, 3]),
        "tile_fed": tf.tile(image, [2, q, 1]),
        "resize_fed": tf.image.resize_bilinear(image[None], [5, q]),
        "pad_fed": tf.pad(image, [[1, 1], [q, 0], [0, 0]]),
        "random_uniform": tf.random_uniform([5, q, s[2]]),
        "broadcast_to": tf.broadcast_to(image, [2, 5, q, 3]),
        "crop_to_bounding_box": tf.image.crop_to_bounding_box(image, 0, 0, 5, 6),
        "pad_to_bounding_box": tf.image.pad_to_bounding_box(image, 0, 0, s[0] + 2, 10),
        "crop_or_pad": tf.image.resize_image_with_crop_or_pad(image, 5, 6),
    }


def shapes(tf):
    with tf.Graph().as_default():
        return {k: v.shape.as_list() if v.shape.ndims is not None else None
                for k, v in sorted(_shapes(tf).items())}


def slice_values(tf):
    """The partially inferred slices still run as TF's (values and shapes)."""
    with tf.Graph().as_default():
        image = tf.placeholder(tf.float32, [None, None, 3])
        q = tf.placeholder(tf.int32, [])
        s = tf.shape(image)
        outs = [tf.slice(image, [1, 0, 0], tf.stack([2, 3, s[2]])),
                tf.slice(image, [0, q, 0], [2, 2, -1])]
        x = np.arange(60, dtype=np.float32).reshape(4, 5, 3)
        with tf.Session() as sess:
            return sess.run(outs, {image: x, q: 2})


def central_crop_ops(tf):
    """central_crop's ops (names, types, inputs) on images with unknown height or width."""
    out = []
    for shape in ([None, None, 3], [2, None, 5, 3]):
        with tf.Graph().as_default() as g:
            c = tf.image.central_crop(tf.placeholder(tf.float32, shape), 0.875)
            out.append([c.shape.as_list()] + [[o.name, o.type, [i.name for i in o.inputs]]
                                               for o in g.get_operations()])
    return out


def decode_and_glimpse(tf):
    """decode_image's static shapes (without animations: all dims unknown, TF's cond) and
    extract_glimpse's shape checks (offsets [batch, 2])."""
    out = []
    with tf.Graph().as_default():
        s = tf.placeholder(tf.string, [])
        for ch in (0, 1, 3):
            for anim in (True, False):
                d = tf.image.decode_image(s, channels=ch, expand_animations=anim)
                out.append(None if d.shape.ndims is None else d.shape.as_list())
        x = tf.zeros([1, 4, 4, 3])
        for offsets in (tf.zeros([2, 2]), tf.zeros([1, 3]), tf.placeholder(tf.float32, [1, 2])):
            try:
                out.append(tf.image.extract_glimpse(x, [2, 2], offsets).shape.as_list())
            except ValueError as e:
                out.append(str(e))
        g = tf.image.extract_glimpse(tf.placeholder(tf.float32, [None, 4, 4, 3]), [2, 2],
                                     tf.zeros([5, 2]))
        out.append(g.shape.as_list())
    return out


def sdbb_attr_errors(tf):
    """sample_distorted_bounding_box's range attrs of the wrong length: accepted when the
    graph is built, the kernel's InvalidArgumentError at the first run."""
    out = []
    for kw in (dict(area_range=[0.1]), dict(aspect_ratio_range=[0.5, 1.0, 2.0]),
               dict(area_range=[]), dict(area_range=[0.5, 0.1])):
        with tf.Graph().as_default():
            r = tf.image.sample_distorted_bounding_box([3, 4, 3], tf.zeros([1, 1, 4]), seed=1,
                                                       **kw)
            with tf.Session() as sess:
                try:
                    out.append(sess.run(r[1]))
                except tf.errors.InvalidArgumentError as e:
                    out.append([type(e).__name__, str(e).split("\n")[0]])
    return out


CASES = {"sdbb_attr_errors": sdbb_attr_errors, "shapes": shapes, "slice_values": slice_values, "central_crop_ops": central_crop_ops,
         "decode_and_glimpse": decode_and_glimpse}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
