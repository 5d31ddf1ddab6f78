"""TF 1.14's Tile shape inference with partly known multiples (MakeShapeFromShapeTensor:
[tf.shape(x)[0], 1] keeps the 1) and InferenceContext::Multiply's 0 / 1 rules, as a canned
classifier head's all_class_ids / all_classes show (tests/test_pe_tile.py runs cases() on
flowgrad)."""


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        n = tf.shape(x)[0]
        r = tf.expand_dims(tf.range(3), 0)
        for key, m in [("n_1", [n, 1]), ("1_n", [1, n]), ("n_2", [n, 2]), ("2_-1", [2, -1]),
                       ("0_n", [0, n])]:
            out["range/" + key] = tf.tile(r, m).shape.as_list()
        out["x/n_1"] = tf.tile(x, [n, 1]).shape.as_list()
        out["x/1_n"] = tf.tile(x, [1, n]).shape.as_list()
        out["x/stack"] = tf.tile(x, tf.stack([n, 2])).shape.as_list()
        out["empty/n_n"] = tf.tile(tf.placeholder(tf.float32, [None, 0]), [n, n]).shape.as_list()
        z = tf.placeholder(tf.float32, [2, None])
        out["z/0_3"] = tf.tile(z, [0, 3]).shape.as_list()
        out["z/1_3"] = tf.tile(z, [1, 3]).shape.as_list()
        out["unknown_rank"] = tf.tile(tf.placeholder(tf.float32), [n, 1]).shape.as_list()
    est = tf.estimator.DNNClassifier([2], [tf.feature_column.numeric_column("x", [2])],
                                     n_classes=3, model_dir="/tmp/pe_tile_unused")
    with tf.Graph().as_default():
        spec = est.model_fn({"x": tf.placeholder(tf.float32, [None, 2])}, None, "infer",
                            est.config)
        out["head"] = {k: v.shape.as_list() for k, v in sorted(spec.predictions.items())}
    return out
