"""tf.image's box functions against TF 1.14 (tests/golden/image/gen_boxes.py): NMS values
(ties included), crop_and_resize and its gradients bit for bit, draw_bounding_boxes,
sample_distorted_bounding_box's seeded numbers over runs, extract_glimpse, TF's errors, op
names and the seed2 of a graph-seeded random op created after each call."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("image", "boxes")
GOLD = goldens.load("image", "boxes")


@pytest.mark.parametrize("name", sorted(GEN.VALUE_CASES))
def test_values_match_tf(name):
    exp = GOLD["value/" + name]
    runs = GEN.RUNS if name in GEN.RANDOM_CASES else 1
    try:
        got = GEN.run_value_case(tf, GEN.VALUE_CASES[name], runs)
    except Exception as e:  # noqa: BLE001 - compared with TF's error
        got = e
    if isinstance(exp, goldens.GoldenError):
        # TF's shape errors end with the constant inputs' values; flowgrad's with the shapes
        first = [m.split("\n")[0].split(" and with computed input")[0].rstrip(".")
                 for m in (str(got), exp.message)]
        assert (type(got).__name__, first[0]) == (exp.cls, first[1]), name
        return
    goldens.same_exact(got, exp, name)


@pytest.mark.parametrize("name", sorted(GEN.OPS_CASES))
def test_op_names_match_tf(name):
    assert GEN.op_names(tf, GEN.OPS_CASES[name]) == GOLD["ops/" + name]


@pytest.mark.parametrize("name", sorted(GEN.OPS_CASES))
def test_seed2_after_call_matches_tf(name):
    assert GEN.seed_after(tf, GEN.OPS_CASES[name]) == GOLD["seed2/" + name]


def test_sample_distorted_bounding_box_restarts_in_a_new_session():
    boxes = np.array([[[0.1, 0.2, 0.5, 0.6]]], np.float32)
    out = tf.image.sample_distorted_bounding_box([50, 60, 3], boxes, seed=7)
    with tf.Session() as s1:
        a = [s1.run(out) for _ in range(2)]
    with tf.Session() as s2:
        b = [s2.run(out) for _ in range(2)]
    goldens.same_values(a, b)
    assert not np.array_equal(a[0][1], a[1][1]) or not np.array_equal(a[0][0], a[1][0])


@pytest.mark.parametrize("method", ["bilinear", "nearest"])
@pytest.mark.parametrize("crop", [[3, 4], [1, 1], [5, 1]])
def test_crop_and_resize_gradients_numerically(method, crop):
    """First order (TF registers no gradient for the gradient kernels). With respect to the
    image in float64; with respect to the boxes where no sample crosses a pixel edge."""
    rng = np.random.RandomState(0)
    img = rng.uniform(0, 1, (2, 5, 6, 2))
    boxes = np.array([[0.12, 0.13, 0.71, 0.88], [0.33, 0.21, 0.61, 0.57]])
    ind = np.array([0, 1], np.int32)
    tf.test.check_grads(lambda t: tf.image.crop_and_resize(t, boxes.astype(np.float32), ind,
                                                           crop, method=method),
                        [img], order=1, eps=1e-3, rtol=1e-3, atol=1e-4)
    if method == "bilinear":
        tf.test.check_grads(lambda b: tf.cast(tf.image.crop_and_resize(
            img.astype(np.float32), b, ind, crop), tf.float64), [boxes.astype(np.float32)],
            order=1, eps=1e-3, rtol=2e-2, atol=2e-3, dtype=np.float32)


def test_nms_and_draw_gradients_are_tfs():
    b = tf.placeholder(tf.float32, [4, 4])
    s = tf.placeholder(tf.float32, [4])
    assert tf.gradients(tf.image.non_max_suppression_overlaps(b, s, 2), s) == [None]
    img = tf.placeholder(tf.float32, [1, 3, 3, 3])
    assert tf.gradients(tf.image.draw_bounding_boxes(img, b[None, :, :]), img) == [None]


def test_graph_def_round_trip():
    """The new ops survive as_graph_def / import_graph_def and compute the same values."""
    g = tf.Graph()
    with g.as_default():
        img = tf.constant(np.random.RandomState(0).uniform(0, 1, (2, 5, 6, 3)).astype(np.float32))
        boxes = tf.constant([[0.1, 0.2, 0.7, 0.9], [0.0, 0.0, 1.0, 1.0]])
        outs = [tf.image.crop_and_resize(img, boxes, [0, 1], [3, 4]),
                tf.image.non_max_suppression(boxes, [0.9, 0.8], 2),
                tf.image.draw_bounding_boxes(img, tf.stack([boxes, boxes])),
                tf.image.sample_distorted_bounding_box([50, 60, 3], boxes[None], seed=3)[1]]
        with tf.Session() as sess:
            want = sess.run(outs)
        gd = g.as_graph_def()
    g2 = tf.Graph()
    with g2.as_default():
        got_t = tf.import_graph_def(gd, return_elements=[t.name for t in outs])
        with tf.Session() as sess:
            got = sess.run(got_t)
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)


def test_float16_tensors_keep_their_dtype():
    # TF 1.14's generated wrappers convert only a non-Tensor to the type attr's default
    # float32: half Tensors give NonMaxSuppressionV3 / DrawBoundingBoxes with T=half (what
    # TF 1.14 printed for this graph), another dtype TF's TypeError naming the argument
    g = tf.Graph()
    with g.as_default():
        boxes = tf.constant([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9],
                             [0, 10, 1, 11]], tf.float16)
        scores = tf.constant([0.9, 0.75, 0.6, 0.95], tf.float16)
        sel = tf.image.non_max_suppression(boxes, scores, 3, 0.5)
        assert (sel.op.type, sel.op.get_attr("T")) == ("NonMaxSuppressionV3", tf.float16)
        assert [i.name for i in sel.op.inputs[:2]] == ["Const:0", "Const_1:0"]
        d = tf.image.draw_bounding_boxes(tf.zeros([1, 4, 5, 3], tf.float16),
                                         [[[0.0, 0.0, 1.0, 1.0]]])
        assert (d.op.type, d.dtype, d.op.get_attr("T")) == ("DrawBoundingBoxes", tf.float16,
                                                            tf.float16)
        assert [i.name for i in d.op.inputs] == ["zeros:0", "DrawBoundingBoxes/boxes:0"]
        with pytest.raises(TypeError, match="Value passed to parameter 'images' has DataType "
                           "int32 not in list of allowed values: float32, float16"):
            tf.image.draw_bounding_boxes(tf.zeros([1, 4, 5, 3], tf.int32),
                                         [[[0.0, 0.0, 1.0, 1.0]]])
        with pytest.raises(TypeError, match="Value passed to parameter 'boxes' has DataType "
                           "float64 not in list of allowed values: float16, float32"):
            tf.image.non_max_suppression(tf.zeros([3, 4], tf.float64), tf.zeros([3]), 2)
        with tf.Session() as sess:
            assert sess.run(sel).tolist() == [3, 0]   # TF 1.14's selection
            # TF 1.14's half kernel reads the float32 boxes as half and aborts the process
            with pytest.raises(tf.errors.UnimplementedError,
                               match="draw_bounding_boxes on float16"):
                sess.run(d)
