"""AdjustHue / AdjustSaturation / AdjustContrastv2 check their inputs as TF 1.14 does:
AdjustHue's and AdjustSaturation's shape function asks only for rank >= 3
(UnchangedShapeWithRankAtLeast); the three channels and the scalar delta / scale are the
kernel's checks (adjust_hue_op.cc, adjust_saturation_op.cc), raised at run time as
InvalidArgumentError, as are AdjustContrastv2's rank and scalar checks for inputs of
unknown shape (adjust_contrast_op.cc), which computes nothing for an empty image. Messages
as TF 1.14 prints them (checked with the oracle); RGBToHSV / HSVToRGB check their channels
at run time too (colorspace_op.cc)."""
import numpy as np
import pytest

import flowgrad as tf

OPS = [("AdjustHue", "delta", lambda x, v: tf.raw_ops.AdjustHue(images=x, delta=v)),
       ("AdjustSaturation", "scale", lambda x, v: tf.raw_ops.AdjustSaturation(images=x, scale=v))]


def _run_error(out, feed):
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            sess.run(out, feed)
    return e.value.message.split("\n")[0]


@pytest.mark.parametrize("op_type, arg, build", OPS)
@pytest.mark.parametrize("channels", [1, 4])
def test_channel_count_is_checked_at_run_time(op_type, arg, build, channels):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3, 3, channels])
        out = build(x, 0.3)
        assert out.shape.as_list() == [3, 3, channels]
        msg = _run_error(out, {x: np.zeros([3, 3, channels], np.float32)})
    assert msg == f"input must have 3 channels but instead has {channels} channels."


@pytest.mark.parametrize("op_type, arg, build", OPS)
def test_rank_checks(op_type, arg, build):
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Shape must be at least rank 3 but is rank 2"):
            build(tf.zeros([3, 3]), 0.3)
        x = tf.placeholder(tf.float32, None)
        out = build(x, 0.3)
        assert out.shape.ndims is None
        msg = _run_error(out, {x: np.zeros([4, 3], np.float32)})
        with tf.Session() as sess:   # empty images of rank 3 pass the kernel's checks
            assert sess.run(out, {x: np.zeros([0, 2, 3], np.float32)}).shape == (0, 2, 3)
    assert msg == "input must be at least 3-D, got shape[4,3]"


@pytest.mark.parametrize("op_type, arg, build", OPS)
def test_non_scalar_argument_is_checked_at_run_time(op_type, arg, build):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3, 3, 3])
        v = tf.placeholder(tf.float32, [2])
        out = build(x, v)
        msg = _run_error(out, {x: np.zeros([3, 3, 3], np.float32), v: [1.0, 2.0]})
    assert msg == f"{arg} must be scalar: [2]"


def test_random_hue_of_one_channel_builds_and_fails_when_run():
    with tf.Graph().as_default():
        out = tf.image.random_hue(tf.zeros([3, 3, 1]), 0.1, seed=2)
        assert out.shape.as_list() == [3, 3, 1]
        msg = _run_error(out, None)
    assert msg == "input must have 3 channels but instead has 1 channels."



def test_contrast_checks_at_run_time():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, None)
        f = tf.placeholder(tf.float32, None)
        out = tf.raw_ops.AdjustContrastv2(images=x, contrast_factor=f)
        rank_msg = _run_error(out, {x: np.ones([3, 3], np.float32), f: 0.5})
        scalar_msg = _run_error(out, {x: np.ones([3, 3, 3], np.float32), f: [1.0, 2.0]})
        with tf.Session() as sess:
            empty = sess.run(out, {x: np.zeros([0, 2, 3], np.float32), f: 0.5})
    assert rank_msg == "input must be at least 3-D, got shape[3,3]"
    assert scalar_msg == "contrast_factor must be scalar: [2]"
    assert empty.shape == (0, 2, 3)


@pytest.mark.parametrize("convert", [tf.image.rgb_to_hsv, tf.image.hsv_to_rgb])
def test_hsv_conversions_check_channels_at_run_time(convert):
    # colorspace_op.cc: rank at least 1, then three channels (FailedPrecondition)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, None)
        out = convert(x)
        with tf.Session() as sess:
            with pytest.raises(tf.errors.FailedPreconditionError) as e:
                sess.run(out, {x: np.ones([2, 2, 4])})
            assert (e.value.message.split("\n")[0]
                    == "input must have 3 channels but input only has 4 channels.")
            with pytest.raises(tf.errors.InvalidArgumentError) as e:
                sess.run(out, {x: 1.0})
            assert e.value.message.split("\n")[0] == "input must be at least 1D[]"
            assert sess.run(out, {x: np.ones([0, 3])}).shape == (0, 3)
