"""TF 1.14's build-time errors of tf.image's box ops as its op_def_library and shape
functions raise them: a Tensor of the wrong dtype for a fixed-type input (TypeError naming
both types), a Python value that does not convert (TypeError naming the parameter), a
non-Tensor converted to the type another input set (float32 scores beside float16 boxes),
CropAndResize's crop_size of 2 values and its method checked inside the op's name scope (the
name is used), DrawBoundingBoxes' channel depth and 4 coordinates (none in V2's),
SampleDistortedBoundingBoxV2's 3 image_size values and 4 coordinates (the message naming the
op once). Values are indices or errors; the case "host" records the vendor."""
import numpy as np

from goldenio import host_vendor

B = np.array([[0, 0, 1, 1], [0, 0, 0.9, 1], [0.2, 0.2, 0.3, 0.3]], np.float32)
S = np.array([0.9, 0.8, 0.7], np.float32)


def _run(tf, build):
    """(op names made, the session's value) of build(), or the error's type and first line."""
    with tf.Graph().as_default() as g:
        try:
            t = build(tf)
            with tf.Session() as sess:
                r = sess.run(t)
        except (ValueError, TypeError, tf.errors.OpError) as e:
            return type(e).__name__, str(e).split("\n")[0], \
                [op.name for op in g.get_operations()]
        return [op.name for op in g.get_operations()], np.asarray(r)


def _crop_twice(tf, first):
    try:
        first(tf)
    except ValueError:
        pass
    return tf.image.crop_and_resize(tf.ones([1, 4, 4, 1]), B, [0, 0, 0], [2, 2])


CASES = {
    "nms_int64_size": lambda tf: tf.image.non_max_suppression(
        B, S, tf.constant(2, tf.int64)),
    "nms_float_size": lambda tf: tf.image.non_max_suppression(B, S, 2.5),
    "nms_half_boxes_float_scores": lambda tf: tf.image.non_max_suppression(
        tf.cast(B, tf.float16), S, 2),
    "nms_half_boxes_float_scores_tensor": lambda tf: tf.image.non_max_suppression(
        tf.cast(B, tf.float16), tf.constant(S), 2),
    "nms_double_boxes": lambda tf: tf.image.non_max_suppression(
        tf.constant(B, tf.float64), tf.constant(S), 2),
    "padded_half_boxes_float_scores": lambda tf: tf.image.non_max_suppression_padded(
        tf.cast(B, tf.float16), S, 2, pad_to_max_output_size=True)[0],
    "combined_half_boxes": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([1, 3, 1, 4], tf.float16), tf.ones([1, 3, 2]), 2, 4),
    "combined_float_per_class": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([1, 3, 1, 4]), tf.ones([1, 3, 2]), 2.0, 4),
    "crop_size_3": lambda tf: tf.image.crop_and_resize(
        tf.ones([1, 4, 4, 1]), B, [0, 0, 0], [2, 2, 2]),
    "crop_box_ind_int64": lambda tf: tf.image.crop_and_resize(
        tf.ones([1, 4, 4, 1]), B, tf.constant([0, 0, 0], tf.int64), [2, 2]),
    "crop_after_bad_method": lambda tf: _crop_twice(tf, lambda tf: tf.image.crop_and_resize(
        tf.ones([1, 4, 4, 1]), B, [0, 0, 0], [2, 2], method="area")),
    "draw_depth_2": lambda tf: tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 2]), B[None]),
    "draw_depth_2_boxes_rank_2": lambda tf: tf.image.draw_bounding_boxes(
        tf.ones([1, 4, 4, 2]), B),
    "draw_coords_3": lambda tf: tf.image.draw_bounding_boxes(
        tf.ones([1, 4, 4, 3]), B[None, :, :3]),
    # DrawBoundingBoxesV2 (colors given) has no shape checks: its kernel's errors
    "draw_colors_depth_2": lambda tf: tf.image.draw_bounding_boxes(
        tf.ones([1, 4, 4, 2]), B[None], colors=tf.ones([2, 4])),
    "draw_colors_rank_3": lambda tf: tf.image.draw_bounding_boxes(
        tf.ones([4, 4, 3]), B[None], colors=tf.ones([2, 4])),
    "sdbb_size_2": lambda tf: tf.image.sample_distorted_bounding_box(
        [4, 4], B[None], seed=1)[0],
    "sdbb_coords_3": lambda tf: tf.image.sample_distorted_bounding_box(
        [4, 4, 3], B[None, :, :3], seed=1)[0],
    "sdbb_boxes_rank_2": lambda tf: tf.image.sample_distorted_bounding_box(
        [4, 4, 3], B, seed=1)[0],
}


def cases(tf):
    out = {name: _run(tf, fn) for name, fn in sorted(CASES.items())}
    out["host"] = host_vendor()
    return out
