"""The seed TF 1.14 gives a graph-seeded op made right after one public call: the op-level
seed is the graph's op count, so it tells whether the call built as many ops as TF's
(cond and loop internals included). Each case builds in a fresh graph with
tf.set_random_seed(1), then tf.random_uniform([1]); the golden is that op's seed2 and
its values. tests/test_api_seeds.py runs the same builders with flowgrad."""


def _int_labels(tf):
    return tf.placeholder(tf.int32, [None])


BUILDERS = {
    "confusion_matrix": lambda tf: tf.confusion_matrix(_int_labels(tf), _int_labels(tf)),
    "confusion_matrix_n": lambda tf: tf.confusion_matrix(_int_labels(tf), _int_labels(tf),
                                                         num_classes=3),
    "metrics_mean_iou": lambda tf: tf.metrics.mean_iou(_int_labels(tf), _int_labels(tf), 3),
    # images of a shape not fully known: TF's check_ops asserts on the shape and rank
    "resize_image_with_crop_or_pad": lambda tf: tf.image.resize_image_with_crop_or_pad(
        tf.placeholder(tf.float32, [None, 8, 8, 3]), 6, 10),
    "pad_to_bounding_box": lambda tf: tf.image.pad_to_bounding_box(
        tf.placeholder(tf.float32, [None, None, 3]), 1, 1, 9, 9),
    "random_flip_up_down": lambda tf: tf.image.random_flip_up_down(
        tf.placeholder(tf.float32, [None, None, 3])),
    # tf.print: a StringFormat then PrintV2, but only PrintV2 for one string tensor
    "print_tensor": lambda tf: tf.print(tf.constant(1)),
    "print_mixed": lambda tf: tf.print("x:", tf.constant([1, 2]), {"a": tf.constant(1.5)}),
    "print_one_string": lambda tf: tf.print(tf.constant("hi")),
}


def build(tf, name):
    """Builds case `name` in a fresh graph: (seed2 of the random op made after it, its
    value)."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(1)
        BUILDERS[name](tf)
        r = tf.random_uniform([2])
        op = [o for o in g.get_operations() if o.type == "RandomUniform"][-1]
        with tf.Session() as sess:
            return [op.get_attr("seed2"), sess.run(r)]


def cases(tf):
    return {name: build(tf, name) for name in sorted(BUILDERS)}
