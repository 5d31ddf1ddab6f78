# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.image's box functions under TF 1.14: NMS (V3/V4/overlaps/combined), crop_and_resize
and its gradients, draw_bounding_boxes, sample_distorted_bounding_box (seeded: TF's numbers),
extract_glimpse; values, errors and the ops each call creates.

VALUE_CASES: name -> function of `tf` building fetches in a fresh graph (run in one Session,
`RUNS` times for the random ones). OPS_CASES: name -> function building one call on
placeholders; its golden is the list of (op name, op type). tests/test_image_boxes.py runs the
same functions with flowgrad.
"""
import numpy as np


def _rand(shape, seed=0, lo=0.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, size=shape).astype(np.float32)


def _boxes(n, seed=0):
    r = np.random.RandomState(seed)
    y = r.uniform(0, 0.7, n)
    x = r.uniform(0, 0.7, n)
    h = r.uniform(0.1, 0.5, n)
    w = r.uniform(0.1, 0.5, n)
    return np.stack([y, x, y + h, x + w], 1).astype(np.float32)


# -- non-max suppression ----------------------------------------------------------------------
def nms_basic(tf):
    b, s = _boxes(20), _rand([20], 1)
    return [tf.image.non_max_suppression(b, s, 10), tf.image.non_max_suppression(b, s, 10, 0.3),
            tf.image.non_max_suppression(b, s, 20, 0.7, 0.4), tf.image.non_max_suppression(b, s, 0),
            tf.image.non_max_suppression(b, s, 3, 1.0), tf.image.non_max_suppression(b, s, 30, 0.0)]


def nms_ties(tf):
    b = _boxes(24, 3)
    s = np.array([0.5, 0.2, 0.5, 0.9, 0.2, 0.5, 0.5, 0.1, 0.9, 0.5, 0.2, 0.2, 0.5, 0.3, 0.3, 0.5, 0.9, 0.0, 0.5, 0.5, 0.1, 0.5, 0.2, 0.5], np.float32)
    return [tf.image.non_max_suppression(b, s, 24, 0.99), tf.image.non_max_suppression(b, s, 24, 0.2),
            tf.image.non_max_suppression(b, s, 7, 1.0, 0.2)]


def nms_flipped_and_empty(tf):
    b = np.array([[1, 1, 0, 0], [0, 0, 1, 1], [0.5, 0.5, 0.5, 0.9], [0.1, 0.1, 0.9, 0.9], [0.9, 0.9, 0.2, 0.2]], np.float32)
    s = np.array([0.9, 0.8, 0.95, 0.7, 0.6], np.float32)
    return [tf.image.non_max_suppression(b, s, 5, 0.5), tf.image.non_max_suppression(np.zeros([0, 4], np.float32), np.zeros([0], np.float32), 3)]


def nms_half(tf):
    b, s = _boxes(12, 4).astype(np.float16), _rand([12], 5).astype(np.float16)
    return [tf.image.non_max_suppression(b, s, 6, 0.4)]


def nms_padded(tf):
    b, s = _boxes(15, 6), _rand([15], 7)
    return list(tf.image.non_max_suppression_padded(b, s, 12, 0.3, 0.2, pad_to_max_output_size=True)) + \
        list(tf.image.non_max_suppression_padded(b, s, 12, 0.3, 0.2)) + \
        list(tf.image.non_max_suppression_padded(b, s, 3, 0.5, pad_to_max_output_size=True))


def nms_overlaps(tf):
    o = _rand([10, 10], 8)
    s = _rand([10], 9)
    return [tf.image.non_max_suppression_overlaps(o, s, 10), tf.image.non_max_suppression_overlaps(o, s, 4, 0.8, 0.3)]


def nms_combined(tf):
    b = np.stack([_boxes(8, 10), _boxes(8, 11)])[:, :, None, :] * 1.2 - 0.1
    b3 = np.stack([np.stack([_boxes(8, 12 + c) for c in range(3)], 1), np.stack([_boxes(8, 20 + c) for c in range(3)], 1)])
    s = _rand([2, 8, 3], 13)
    out = []
    out += list(tf.image.combined_non_max_suppression(b, s, 4, 6))
    out += list(tf.image.combined_non_max_suppression(b, s, 2, 10, 0.3, 0.2, pad_per_class=True))
    out += list(tf.image.combined_non_max_suppression(b, s, 3, 5, clip_boxes=False))
    out += list(tf.image.combined_non_max_suppression(b3, s, 3, 20, 0.4))
    return out


def nms_error_iou(tf):
    return [tf.image.non_max_suppression(_boxes(4), _rand([4]), 2, 1.5)]


def nms_error_scores(tf):
    return [tf.image.non_max_suppression(tf.placeholder_with_default(_boxes(4), [None, 4]), tf.placeholder_with_default(_rand([5]), [None]), 2)]


def nms_error_total(tf):
    return list(tf.image.combined_non_max_suppression(np.zeros([1, 3, 1, 4], np.float32), np.zeros([1, 3, 2], np.float32), 2, 0))


# -- crop_and_resize --------------------------------------------------------------------------
_CROP_BOXES = np.array([[0.1, 0.2, 0.7, 0.9], [0.0, 0.0, 1.0, 1.0], [-0.2, 0.3, 0.5, 1.3], [0.8, 0.9, 0.2, 0.1], [0.5, 0.5, 0.5, 0.5], [0.33, 0.12, 0.61, 0.47]], np.float32)
_CROP_IND = np.array([0, 1, 0, 1, 1, 0], np.int32)


def _crop_case(crop, method="bilinear", extrap=0, dtype="float32"):
    def case(tf):
        img = (_rand([2, 5, 7, 3], 20) * (200 if dtype in ("uint8", "int32") else 1)).astype(dtype)
        return [tf.image.crop_and_resize(img, _CROP_BOXES, _CROP_IND, crop, method=method, extrapolation_value=extrap)]
    return case


def _crop_grad_case(crop, method="bilinear"):
    def case(tf):
        img = tf.constant(_rand([2, 5, 7, 2], 21))
        boxes = tf.constant(_CROP_BOXES)
        y = tf.image.crop_and_resize(img, boxes, _CROP_IND, crop, method=method)
        w = tf.constant(_rand([6] + list(crop) + [2], 22, -1, 1))
        return tf.gradients(tf.reduce_sum(y * w), [img, boxes])
    return case


VALUE_CASES = {}
for _crop in ([3, 4], [1, 1], [1, 5], [6, 1], [9, 11]):
    _k = "%dx%d" % tuple(_crop)
    VALUE_CASES["crop_bilinear_" + _k] = _crop_case(_crop)
    VALUE_CASES["crop_nearest_" + _k] = _crop_case(_crop, "nearest", 0.5)
    VALUE_CASES["crop_grad_bilinear_" + _k] = _crop_grad_case(_crop)
    VALUE_CASES["crop_grad_nearest_" + _k] = _crop_grad_case(_crop, "nearest")
for _dt in ("uint8", "int32", "float64", "float16"):
    VALUE_CASES["crop_" + _dt] = _crop_case([4, 3], extrap=-1.0, dtype=_dt)


def crop_grad_float64(tf):
    img = tf.constant(_rand([2, 5, 7, 2], 21).astype(np.float64))
    y = tf.image.crop_and_resize(img, _CROP_BOXES, _CROP_IND, [4, 5])
    return tf.gradients(tf.reduce_sum(y * _rand([6, 4, 5, 2], 22, -1, 1)), [img])


def crop_grad_uint8(tf):
    img = tf.constant((_rand([2, 5, 7, 2], 21) * 255).astype(np.uint8))
    boxes = tf.constant(_CROP_BOXES)
    y = tf.image.crop_and_resize(img, boxes, _CROP_IND, [4, 5])
    return [g for g in tf.gradients(tf.reduce_sum(y), [img, boxes]) if g is not None]


def crop_box_indices_kw(tf):
    return [tf.image.crop_and_resize(_rand([2, 4, 4, 1]), _CROP_BOXES[:2], crop_size=[2, 2], box_indices=[1, 0])]


def crop_error_index(tf):
    return [tf.image.crop_and_resize(_rand([2, 4, 4, 1]), _CROP_BOXES[:2], [0, 2], [2, 2])]


def crop_error_crop_size(tf):
    return [tf.image.crop_and_resize(_rand([2, 4, 4, 1]), _CROP_BOXES[:2], [0, 1], [0, 2])]


# -- draw_bounding_boxes ----------------------------------------------------------------------
def draw_boxes(tf):
    boxes = np.array([[[0.1, 0.1, 0.6, 0.8], [0.0, 0.0, 1.0, 1.0], [-0.5, 0.2, 0.5, 1.5], [0.7, 0.7, 0.2, 0.2], [1.2, 0.0, 1.5, 1.0]] + [[0.2 + 0.05 * i, 0.1, 0.9, 0.3 + 0.05 * i] for i in range(7)]] * 2, np.float32)
    out = []
    for c in (1, 3, 4):
        out.append(tf.image.draw_bounding_boxes(np.full([2, 9, 11, c], 0.25, np.float32), boxes))
    out.append(tf.image.draw_bounding_boxes(np.full([2, 9, 11, 3], 0.25, np.float16), boxes))
    out.append(tf.image.draw_bounding_boxes(np.full([2, 9, 11, 3], 0.25, np.float32), boxes, colors=np.array([[0.1, 0.2, 0.3, 1], [0.9, 0.8, 0.7, 1], [0, 0, 0, 0]], np.float32)))
    return out


# -- sample_distorted_bounding_box (seeded) ---------------------------------------------------
RUNS = 3


def _sdbb(tf, **kw):
    return list(tf.image.sample_distorted_bounding_box(**kw))


def sdbb_seeded(tf):
    boxes = np.array([[[0.1, 0.2, 0.5, 0.6], [0.3, 0.3, 0.9, 0.8]]], np.float32)
    out = []
    out += _sdbb(tf, image_size=[480, 640, 3], bounding_boxes=boxes, seed=7)
    out += _sdbb(tf, image_size=[480, 640, 3], bounding_boxes=boxes, seed=7, seed2=11, min_object_covered=0.5)
    out += _sdbb(tf, image_size=np.array([37, 23, 1], np.int64), bounding_boxes=boxes, seed=3, aspect_ratio_range=[0.5, 2.0], area_range=[0.1, 0.6], max_attempts=20)
    out += _sdbb(tf, image_size=[100, 100, 3], bounding_boxes=np.zeros([1, 0, 4], np.float32), seed=5, use_image_if_no_bounding_boxes=True, min_object_covered=0.0)
    out += _sdbb(tf, image_size=[64, 48, 3], bounding_boxes=boxes, seed=9, min_object_covered=1.0, area_range=[0.9, 1.0], max_attempts=3)
    out += _sdbb(tf, image_size=np.array([20, 30, 3], np.uint8), bounding_boxes=boxes, seed=1, seed2=2, area_range=[0.01, 0.05])
    return out


def sdbb_graph_seed(tf):
    tf.set_random_seed(5)
    return _sdbb(tf, image_size=[200, 300, 3], bounding_boxes=np.array([[[0.1, 0.1, 0.9, 0.9]]], np.float32), seed=4)


def sdbb_error_no_boxes(tf):
    return _sdbb(tf, image_size=[10, 10, 3], bounding_boxes=np.zeros([1, 0, 4], np.float32), seed=1)


def sdbb_error_coords(tf):
    return _sdbb(tf, image_size=[10, 10, 3], bounding_boxes=np.array([[[0.1, 0.1, 1.5, 0.9]]], np.float32), seed=1)


def sdbb_error_area(tf):
    return _sdbb(tf, image_size=[10, 10, 3], bounding_boxes=np.array([[[0.1, 0.1, 0.5, 0.9]]], np.float32), seed=1, area_range=[0.0, 1.0])


# -- extract_glimpse (zero-noise-free cases: fully inside, or compare inside parts) -----------
def glimpse_inside(tf):
    x = _rand([2, 8, 10, 3], 30)
    return [tf.image.extract_glimpse(x, [3, 4], np.array([[0.1, -0.2], [-0.3, 0.25]], np.float32)),
            tf.image.extract_glimpse(x, [2, 5], np.array([[2.0, 3.0], [4.0, 4.5]], np.float32), centered=False, normalized=False),
            tf.image.extract_glimpse(x, [4, 4], np.array([[0.5, 0.5], [0.2, 0.7]], np.float32), centered=False, normalized=True),
            tf.image.extract_glimpse(x, [8, 10], np.zeros([2, 2], np.float32))]


def glimpse_outside_mask(tf):
    """A glimpse leaving the image: its part inside the image (the noise is unseeded in TF)."""
    x = _rand([1, 6, 6, 1], 31)
    g = tf.image.extract_glimpse(x, [4, 5], np.array([[1.0, 4.0]], np.float32), centered=False, normalized=False)
    return [g[:, 1:], tf.shape(g)]


VALUE_CASES.update({f.__name__: f for f in (
    nms_basic, nms_ties, nms_flipped_and_empty, nms_half, nms_padded, nms_overlaps, nms_combined, nms_error_iou,
    nms_error_scores, nms_error_total, crop_grad_float64, crop_grad_uint8, crop_box_indices_kw, crop_error_index,
    crop_error_crop_size, draw_boxes, sdbb_seeded, sdbb_graph_seed, sdbb_error_no_boxes, sdbb_error_coords,
    sdbb_error_area, glimpse_inside, glimpse_outside_mask)})
RANDOM_CASES = {"sdbb_seeded", "sdbb_graph_seed"}


# -- the ops each public call creates -----------------------------------------------------------
def _p(tf, shape, dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float32, shape, name=name)


OPS_CASES = {
    "nms": lambda tf: tf.image.non_max_suppression(_p(tf, [5, 4]), _p(tf, [5], name="s"), 3),
    "nms_named": lambda tf: tf.image.non_max_suppression(_p(tf, [5, 4]), _p(tf, [5], name="s"), 3, 0.3, 0.1, name="mine"),
    "nms_padded": lambda tf: tf.image.non_max_suppression_padded(_p(tf, [5, 4]), _p(tf, [5], name="s"), 3, pad_to_max_output_size=True),
    "nms_overlaps": lambda tf: tf.image.non_max_suppression_overlaps(_p(tf, [5, 5]), _p(tf, [5], name="s"), 3),
    "nms_combined": lambda tf: tf.image.combined_non_max_suppression(_p(tf, [2, 5, 1, 4]), _p(tf, [2, 5, 3], name="s"), 3, 4),
    "crop_and_resize": lambda tf: tf.image.crop_and_resize(_p(tf, [2, 5, 6, 3]), _CROP_BOXES[:3], [0, 1, 1], [3, 3]),
    "crop_and_resize_grad": lambda tf: tf.gradients(tf.image.crop_and_resize(_p(tf, [2, 5, 6, 3]), _p(tf, [3, 4], name="b"), [0, 1, 1], [3, 3]), [tf.get_default_graph().get_tensor_by_name("x:0"), tf.get_default_graph().get_tensor_by_name("b:0")]),
    "crop_and_resize_grad_dynamic": lambda tf: tf.gradients(tf.image.crop_and_resize(_p(tf, [None, 5, 6, 3]), _p(tf, [3, 4], name="b"), [0, 1, 1], [3, 3]), [tf.get_default_graph().get_tensor_by_name("x:0")]),
    "draw_bounding_boxes": lambda tf: tf.image.draw_bounding_boxes(_p(tf, [2, 5, 6, 3]), _p(tf, [2, 3, 4], name="b")),
    "draw_bounding_boxes_colors": lambda tf: tf.image.draw_bounding_boxes(_p(tf, [2, 5, 6, 3]), _p(tf, [2, 3, 4], name="b"), colors=[[1.0, 0, 0, 1]]),
    "sample_distorted_bounding_box": lambda tf: tf.image.sample_distorted_bounding_box([5, 6, 3], _p(tf, [1, 2, 4]), seed=3),
    "sample_distorted_bounding_box_tensor": lambda tf: tf.image.sample_distorted_bounding_box(tf.shape(_p(tf, [5, 6, 3], name="img")), _p(tf, [1, 2, 4]), min_object_covered=0.3, name="sd"),
    "extract_glimpse": lambda tf: tf.image.extract_glimpse(_p(tf, [2, 5, 6, 3]), [2, 2], _p(tf, [2, 2], name="b")),
}


def _arrays(value):
    if isinstance(value, (list, tuple)):
        return [_arrays(v) for v in value]
    return np.asarray(value)


def run_value_case(tf, fn, runs=1):
    g = tf.Graph()
    with g.as_default():
        fetches = fn(tf)
        with tf.Session() as sess:
            out = [_arrays(sess.run(fetches)) for _ in range(runs)]
    return out[0] if runs == 1 else out


def op_names(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fn(tf)
        return [[op.name, op.type] for op in g.get_operations() if op.name not in ("x", "s", "b", "img")]


def seed_after(tf, fn):
    """The seed2 of a graph-seeded random op created after the call: TF's op count."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        fn(tf)
        tf.random_uniform([2], name="after")
        return [o for o in g.get_operations() if o.type == "RandomUniform"][-1].get_attr("seed2")


def cases(tf):
    out = {}
    for name, fn in sorted(VALUE_CASES.items()):
        try:
            out["value/" + name] = run_value_case(tf, fn, RUNS if name in RANDOM_CASES else 1)
        except Exception as e:  # an expected error is a golden too
            out["value/" + name] = e
    for name, fn in sorted(OPS_CASES.items()):
        out["ops/" + name] = op_names(tf, fn)
        out["seed2/" + name] = seed_after(tf, fn)
    return out
