"""TF 1.14's non-max suppression at the edges detection scripts reach: a negative
max_output_size (TF compares it with a size_t: no limit), the shape function's errors for
negative or zero sizes (MakeDimForScalarInput, the combined op's checks in its order), and
the namedtuples non_max_suppression_padded and combined_non_max_suppression return."""
import numpy as np

BOXES = np.array([[0, 0, 1, 1], [0, 0, 0.9, 1], [2, 2, 3, 3], [5, 5, 6, 6]], np.float32)
SCORES = np.array([0.9, 0.8, 0.7, 0.6], np.float32)


def _run(tf, build):
    """(result type's name, its fields, the session's value) of build(), or the error."""
    with tf.Graph().as_default():
        try:
            t = build(tf)
            with tf.Session() as sess:
                r = sess.run(t)
        except (ValueError, TypeError, tf.errors.OpError) as e:
            return type(e).__name__, str(e).split("\n")[0]
        if isinstance(r, tuple):
            return type(t).__name__, list(getattr(t, "_fields", [])), type(r).__name__, \
                [np.asarray(v) for v in r]
        return type(t).__name__, r


def _batch(tf):
    return tf.constant(BOXES.reshape(1, 4, 1, 4) / 6), tf.constant(SCORES.reshape(1, 4, 1))


CASES = {
    "v3_neg_const": lambda tf: tf.image.non_max_suppression(BOXES, SCORES, -1, 0.5),
    "v3_neg_fed": lambda tf: tf.image.non_max_suppression(
        BOXES, SCORES, tf.placeholder_with_default(-3, []), 0.5),
    "v3_zero": lambda tf: tf.image.non_max_suppression(BOXES, SCORES, 0, 0.5),
    "v4_neg": lambda tf: tf.image.non_max_suppression_padded(BOXES, SCORES, -1, 0.5),
    "v4_pad": lambda tf: tf.image.non_max_suppression_padded(
        BOXES, SCORES, 5, 0.5, pad_to_max_output_size=True),
    "v4_pad_neg": lambda tf: tf.image.non_max_suppression_padded(
        BOXES, SCORES, -1, 0.5, pad_to_max_output_size=True),
    "overlaps_neg": lambda tf: tf.image.non_max_suppression_overlaps(
        tf.eye(4), SCORES, tf.placeholder_with_default(-1, [])),
    "combined": lambda tf: tf.image.combined_non_max_suppression(*_batch(tf), 2, 5),
    "combined_pad": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), 2, 5, pad_per_class=True),
    "combined_per_class_fed_neg": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), tf.placeholder_with_default(-2, []), 3),
    "combined_per_class_zero": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), 0, 3),
    "combined_per_class_neg": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), -1, 3),
    "combined_total_neg": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), 2, -1),
    "combined_both_neg": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), -1, -1),
    "combined_total_zero": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), -3, 0),
    "combined_pad_per_class_zero": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), 0, 3, pad_per_class=True),
    "combined_pad_per_class_neg": lambda tf: tf.image.combined_non_max_suppression(
        *_batch(tf), -1, 3, pad_per_class=True),
    # the combined op's shape function merges boxes' batch and anchors with the scores',
    # wants 4 coordinates, then q of 1 or num_classes, all before max_total_size
    "combined_batch_mismatch": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([1, 5, 2, 3]), tf.zeros([2, 6, 3]), 2, 5),
    "combined_anchors_mismatch": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([2, 5, 2, 3]), tf.zeros([2, 6, 3]), 2, 5),
    "combined_coords_3": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([2, 6, 3, 3]), tf.zeros([2, 6, 3]), 2, 5),
    "combined_q_mismatch": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([2, 6, 2, 4]), tf.zeros([2, 6, 3]), 2, 0),
    "combined_q_mismatch_partial": lambda tf: tf.image.combined_non_max_suppression(
        tf.placeholder(tf.float32, [None, None, 2, None]), tf.zeros([2, 6, 3]), 2, 5),
    "combined_q_classes_unknown": lambda tf: tf.image.combined_non_max_suppression(
        tf.zeros([2, 4, 2, 4]), tf.placeholder_with_default(
            tf.reshape(tf.range(16.0), [2, 4, 2]) / 16.0, [2, 4, None]),
        2, 5),
}


def cases(tf):
    return {name: _run(tf, fn) for name, fn in sorted(CASES.items())}
