"""TF 1.14's canned heads checking their logits (_check_logits_final_dim): the rank check
(static NoOps, or Assert ops for an unknown rank, then an assert_equal on the last
dimension), a known rank with an unknown last dimension passing unchecked, and the errors,
through tf.contrib.estimator's heads (tests/test_pe_head_logits.py runs cases() on
flowgrad)."""


def cases(tf):
    out = {}
    heads = {"regression": lambda: tf.contrib.estimator.regression_head(label_dimension=3),
             "multi_class": lambda: tf.contrib.estimator.multi_class_head(3),
             "binary": lambda: tf.contrib.estimator.binary_classification_head()}
    for hname, make in sorted(heads.items()):
        dim = 1 if hname == "binary" else 3
        for key, shape, dtype in [("rank1", [None], tf.float32),
                                  ("known", [None, dim], tf.float32),
                                  ("wrong", [None, dim + 1], tf.float32),
                                  ("unknown_last", [None, None], tf.float32),
                                  ("unknown_rank", None, tf.float32),
                                  ("int", [None, dim], tf.int32)]:
            with tf.Graph().as_default() as g:
                logits = tf.placeholder(dtype, shape, name="lg")
                try:
                    spec = make().create_estimator_spec(
                        features={}, mode=tf.estimator.ModeKeys.PREDICT, logits=logits)
                except ValueError as e:
                    out["%s/%s" % (hname, key)] = e
                    continue
                out["%s/%s" % (hname, key)] = {
                    "ops": [(op.name, op.type) for op in g.get_operations()
                            if op.name.startswith("head/logits")],
                    "predictions": {k: v.shape.as_list() if v.shape.ndims is not None
                                    else None for k, v in sorted(spec.predictions.items())}}
    return out
