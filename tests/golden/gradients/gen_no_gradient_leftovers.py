"""The ops TF 1.14 leaves in the graph when tf.gradients meets an op with no gradient: it
raises LookupError when its walk reaches that op, after building the seeds (Shape,
grad_ys_<i>, Fill) and the rules of the ops met before."""


def build(tf):
    """(label, function building a forward graph from x and calling tf.gradients) pairs."""
    def area(x):
        return tf.image.resize_area(x, [2, 2])
    return [
        ("resize_area", lambda x: tf.gradients(area(x), x)),
        ("after_mul", lambda x: tf.gradients(area(x) * 2.0, x)),
        ("after_sums", lambda x: tf.gradients(
            tf.reduce_sum(area(x)) + tf.reduce_sum(x * 3.0), x)),
        ("two_areas", lambda x: tf.gradients(area(x) + area(x), x)),
        ("given_grad_ys", lambda x: tf.gradients(area(x), x, grad_ys=tf.ones([1, 2, 2, 1]))),
        ("two_ys", lambda x: tf.gradients([area(x), x * 2.0], x)),
        ("adjust_contrast", lambda x: tf.gradients(tf.image.adjust_contrast(x, 2.0), x)),
        ("next_call", lambda x: tf.gradients(x * 2.0, x)),
    ]


def run(tf):
    out = {}
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [1, 4, 4, 1])
        for label, f in build(tf):
            first = len(g.get_operations())
            try:
                f(x)
                error = None
            except LookupError as e:
                error = str(e)
            out[label] = {"error": error,
                          "ops": [op.name for op in g.get_operations()[first:]]}
    return out


def cases(tf):
    return run(tf)
