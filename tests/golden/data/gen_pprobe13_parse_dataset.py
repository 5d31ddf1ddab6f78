"""tf.data.experimental.parse_example_dataset as TF 1.14 builds it (found by
tests/pprobe13_scripts/batched_features_input_fn.py): one ExperimentalParseExampleDataset op
(its dense defaults made before it: Const, key_<k> + Reshape, padding_<k>; its
num_parallel_calls in its scope), a MapDataset after it only for a SparseFeature; the
graph's ops, the output structure, the parsed batches, and the errors of a dataset that is
not of string vectors and of a FixedLenSequenceFeature without allow_missing."""
import numpy as np


def _records(tf):
    out = []
    for i in range(5):
        f = {"a": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.5, -i])),
             "v": tf.train.Feature(int64_list=tf.train.Int64List(value=list(range(i % 3)))),
             "ix": tf.train.Feature(int64_list=tf.train.Int64List(value=[(3 * i) % 7])),
             "vx": tf.train.Feature(float_list=tf.train.FloatList(value=[i + 0.25])),
             "s": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"w%d" % i] * i))}
        if i % 2:
            f["d"] = tf.train.Feature(int64_list=tf.train.Int64List(value=[7 * i]))
        out.append(tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString())
    return out


SPEC_NAMES = ("plain", "sparse_feature")


def _spec(tf, which):
    spec = {"a": tf.FixedLenFeature([2], tf.float32),
            "d": tf.FixedLenFeature([], tf.int64, default_value=-3),
            "v": tf.VarLenFeature(tf.int64),
            "s": tf.FixedLenSequenceFeature([], tf.string, allow_missing=True,
                                            default_value="?")}
    if which == "sparse_feature":
        spec["sp"] = tf.SparseFeature("ix", "vx", tf.float32, 7)
    return spec


def _value(v):
    if hasattr(v, "indices"):
        return {"indices": v.indices.tolist(), "values": v.values.tolist(),
                "dense_shape": v.dense_shape.tolist()}
    return v.tolist()


def parsed(tf, which):
    ds = tf.data.Dataset.from_tensor_slices(np.array(_records(tf), dtype=object)).batch(3)
    out = ds.apply(tf.data.experimental.parse_example_dataset(_spec(tf, which), 2))
    nxt = out.make_one_shot_iterator().get_next()
    g = tf.get_default_graph()
    res = {"ops": [(o.name, o.type, [t.name for t in o.inputs]) for o in g.get_operations()],
           "keys": list(out.output_types),
           "types": sorted((k, v.name) for k, v in out.output_types.items()),
           "shapes": sorted((k, str(v)) for k, v in out.output_shapes.items()),
           "classes": sorted((k, v.__name__) for k, v in out.output_classes.items()),
           "batches": []}
    with tf.Session() as s:
        for _ in range(2):
            b = s.run(nxt)
            res["batches"].append(sorted((k, _value(v)) for k, v in b.items()))
    return res


def errors(tf):
    out = []
    scalars = tf.data.Dataset.from_tensor_slices(tf.constant(["x", "y"]))
    ints = tf.data.Dataset.from_tensors(tf.constant([1, 2], tf.int64))
    for ds, spec in ((scalars, {"a": tf.VarLenFeature(tf.int64)}),
                     (ints, {"a": tf.VarLenFeature(tf.int64)}),
                     (scalars.batch(2), {"a": tf.FixedLenSequenceFeature([], tf.int64)})):
        try:
            ds.apply(tf.data.experimental.parse_example_dataset(spec))
            out.append("no error")
        except (TypeError, ValueError) as e:
            out.append((type(e).__name__, str(e)))
    out.append(len(tf.get_default_graph().get_operations()))
    return out


def cases(tf):
    out = {}
    for which in SPEC_NAMES:
        with tf.Graph().as_default():
            out["parsed/" + which] = parsed(tf, which)
    with tf.Graph().as_default():
        out["errors"] = errors(tf)
    return out
