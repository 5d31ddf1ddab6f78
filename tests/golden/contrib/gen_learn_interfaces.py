"""tf.contrib.learn's small pieces (TF 1.14): InputFnOps, build_parsing_serving_input_fn
(the placeholder, the parsed features' dtypes / shapes / values, the graph's op names),
utils' build_default_serving_input_fn, no_op_train_fn, and the Evaluable / Trainable
interfaces (abstract methods, what implements them) (tests/test_contrib_learn_interfaces.py
runs cases() on flowgrad)."""
import numpy as np


def _example(tf, age, tags):
    feats = {"age": tf.train.Feature(float_list=tf.train.FloatList(value=[age])),
             "tags": tf.train.Feature(bytes_list=tf.train.BytesList(value=tags))}
    return tf.train.Example(features=tf.train.Features(feature=feats)).SerializeToString()


def _describe(tf, ops):
    feats = {k: (["sparse", v.values.dtype.name, v.dense_shape.shape.as_list()]
                 if isinstance(v, tf.SparseTensor) else
                 ["dense", v.dtype.name, v.shape.as_list()])
             for k, v in ops.features.items()}
    return {"type": type(ops).__name__, "fields": list(ops._fields), "labels": ops.labels,
            "features": feats,
            "inputs": {k: [v.op.name, v.dtype.name, v.shape.as_list()]
                       for k, v in ops.default_inputs.items()}}


def _parsing(tf, batch):
    learn = tf.contrib.learn
    with tf.Graph().as_default() as g:
        spec = {"age": tf.FixedLenFeature([1], tf.float32, default_value=[0.0]),
                "tags": tf.VarLenFeature(tf.string)}
        ops = learn.build_parsing_serving_input_fn(spec, default_batch_size=batch)()
        out = _describe(tf, ops)
        out["ops"] = sorted(o.name for o in g.get_operations())
        serialized = [_example(tf, 3.5, [b"a", b"b"]), _example(tf, -1.0, [])]
        if batch is not None:
            serialized = serialized[:batch]
        with tf.Session() as sess:
            got = sess.run(ops.features, {ops.default_inputs["examples"]: serialized})
        out["age"] = got["age"]
        out["tags"] = [got["tags"].indices, got["tags"].values, got["tags"].dense_shape]
        return out


def _default_serving(tf):
    from tensorflow.contrib.learn.python.learn.utils import input_fn_utils
    with tf.Graph().as_default() as g:
        x = tf.constant(np.zeros((4, 3), np.float32), name="x")
        k = tf.constant(np.zeros((4,), np.int64), name="scope/k")
        ops = input_fn_utils.build_default_serving_input_fn({"x": x, "k": k}, 2)()
        out = _describe(tf, ops)
        out["same"] = ops.features is ops.default_inputs
        out["ops"] = sorted(o.name for o in g.get_operations())
        return out


def _no_op(tf):
    with tf.Graph().as_default():
        op = tf.contrib.learn.no_op_train_fn(tf.constant(1.0))
        return [op.type, op.name]


def _interfaces(tf):
    learn = tf.contrib.learn
    out = {}
    for cls in (learn.Evaluable, learn.Trainable):
        out[cls.__name__] = sorted(cls.__abstractmethods__)
        try:
            cls()
            out[cls.__name__ + "_instance"] = "no error"
        except TypeError as e:
            out[cls.__name__ + "_instance"] = type(e).__name__
    for name in ("Estimator", "BaseEstimator", "DNNClassifier", "SKCompat", "Experiment"):
        cls = getattr(learn, name)
        out["is_" + name] = [issubclass(cls, learn.Evaluable),
                             issubclass(cls, learn.Trainable)]
    ops = learn.InputFnOps({"a": 1}, None, {"b": 2})
    out["input_fn_ops"] = [ops.features, ops.labels, ops.default_inputs, repr(ops)]
    return out


def cases(tf):
    return {"parsing": _parsing(tf, None), "parsing_batch": _parsing(tf, 1),
            "default_serving": _default_serving(tf), "no_op_train_fn": _no_op(tf),
            "interfaces": _interfaces(tf)}
