"""TF 1.14's Reshape shape function with a fully known target shape and an input of one
unknown dimension: the known input elements must divide the target's (the unknown input
dim is inferred by an evenly-divisible Divide), else ValueError at graph construction."""


def _try(tf, in_shape, target):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, in_shape)
        try:
            y = tf.reshape(x, target)
        except ValueError as e:
            return ["ValueError", str(e)]
        return ["ok", y.shape.as_list() if y.shape.ndims is not None else None]


def cases(tf):
    specs = {
        "batch_3x3": ([None, 4], [3, 3]),
        "batch_ok": ([None, 4], [8]),
        "batch_ok_2d": ([None, 4], [2, 6, 2]),
        "middle_unknown": ([2, None, 3], [5, 7]),
        "middle_ok": ([2, None, 3], [6, 2]),
        "two_unknown": ([None, None, 4], [9]),
        "zero_known": ([None, 0], [3]),
        "zero_target": ([None, 4], [0, 3]),
        "unknown_rank": (None, [3, 3]),
        "with_minus1": ([None, 4], [3, -1]),
        "scalar_target": ([None, 4], []),
        "minus1_zero_partial": ([None, 4], [-1, 0]),
        "minus1_zero_known": ([2, 3], [-1, 0]),
        "known_minus1": ([2, 6], [-1, 5]),
    }
    return {name: _try(tf, *spec) for name, spec in sorted(specs.items())}
