"""The GraphDefs TF 1.14 writes for tf.data pipelines (as_graph_def and export_meta_graph's
graph_def), node for node: name, op, inputs in order, every attr (the OpDef defaults
included: BatchDatasetV2's parallel_copy, MapDataset's use_inter_op_parallelism, ...;
PaddedBatchDatasetV2's Toutput_types; MakeIterator's _class beside its iterator), and the
names of the library's functions; for pipelines of the Dataset API and one made of
tf.raw_ops calls, with the values the raw one yields. Graph structure holds no float bits,
but the host is recorded as every golden made on this Xeon does."""
import numpy as np
from google.protobuf import json_format

from goldenio import host_vendor


def _slices_map_shuffle(tf):
    ds = tf.data.Dataset.from_tensor_slices((np.arange(10, dtype=np.float32), np.arange(10)))
    ds = ds.map(lambda x, y: (x * 2.0, y)).shuffle(5, seed=3).batch(4).repeat(2).prefetch(1)
    ds.make_one_shot_iterator().get_next()


def _range_initializable(tf):
    ds = tf.data.Dataset.range(10).batch(3, drop_remainder=True)
    ds.make_initializable_iterator().get_next()


def _interleave(tf):
    ds = tf.data.Dataset.range(4).interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(2), cycle_length=2, block_length=1)
    tf.compat.v1.data.make_one_shot_iterator(ds).get_next()


def _padded_batch(tf):
    ds = tf.data.Dataset.from_tensor_slices(np.arange(6)).map(lambda x: tf.fill([x], x))
    ds.padded_batch(2, padded_shapes=[None]).make_initializable_iterator().get_next()


def _filter_take_skip(tf):
    ds = tf.data.Dataset.from_tensor_slices({"a": np.arange(6.0), "b": ["x"] * 6})
    ds.filter(lambda d: d["a"] > 1).take(3).skip(1).make_one_shot_iterator().get_next()


def _zip_concat_handle(tf):
    r3, r2 = tf.data.Dataset.range(3), tf.data.Dataset.range(2)
    ds = tf.data.Dataset.zip((r3, r3)).concatenate(tf.data.Dataset.zip((r2, r2)))
    it = ds.make_initializable_iterator()
    it.get_next()
    it.string_handle()


def _reinitializable(tf):
    ds = tf.data.Dataset.range(5).padded_batch(2, padded_shapes=[])
    it = tf.data.Iterator.from_structure(ds.output_types, ds.output_shapes)
    it.make_initializer(ds, name="init_a")
    it.get_next()


PIPELINES = {"slices_map_shuffle": _slices_map_shuffle,
             "range_initializable": _range_initializable, "interleave": _interleave,
             "padded_batch": _padded_batch, "filter_take_skip": _filter_take_skip,
             "zip_concat_handle": _zip_concat_handle, "reinitializable": _reinitializable}


def raw_pipeline(tf):
    """A pipeline of tf.raw_ops calls; returns the values its iterators and ops give."""
    R = tf.raw_ops
    types, shapes = [tf.float32, tf.int64], [[None], [None]]
    ds = R.TensorSliceDataset(components=[np.arange(10, dtype=np.float32), np.arange(10)],
                              output_shapes=[[], []])
    ds = R.ShuffleDataset(input_dataset=ds, buffer_size=4, seed=1, seed2=2,
                          output_types=types, output_shapes=[[], []])
    ds = R.BatchDatasetV2(input_dataset=ds, batch_size=3, drop_remainder=False,
                          output_types=types, output_shapes=shapes)
    ds = R.RepeatDataset(input_dataset=ds, count=2, output_types=types, output_shapes=shapes)
    ds = R.TakeDataset(input_dataset=ds, count=5, output_types=types, output_shapes=shapes)
    it = R.IteratorV2(shared_name="", container="", output_types=types, output_shapes=shapes)
    init = R.MakeIterator(dataset=ds, iterator=it)
    nxt = R.IteratorGetNext(iterator=it, output_types=types, output_shapes=shapes)
    R.IteratorToStringHandle(resource_handle=it)
    r = R.RangeDataset(start=0, stop=5, step=2, output_types=[tf.int64], output_shapes=[[]])
    R.ZipDataset(input_datasets=[r, r], output_types=[tf.int64, tf.int64],
                 output_shapes=[[], []])
    pb = R.PaddedBatchDatasetV2(input_dataset=r, batch_size=2, padded_shapes=[[]],
                                padding_values=[np.int64(0)], drop_remainder=False,
                                output_shapes=[[None]])
    one = R.DatasetToSingleElement(
        dataset=R.TensorDataset(components=[np.int32(7)], output_shapes=[[]]),
        output_types=[tf.int32], output_shapes=[[]])
    opt = R.OptionalFromValue(components=[np.float32(3.0)])
    has = R.OptionalHasValue(optional=opt)
    got = R.OptionalGetValue(optional=opt, output_types=[tf.float32], output_shapes=[[]])
    it2 = R.IteratorV2(shared_name="", container="", output_types=[tf.int64],
                       output_shapes=[[None]])
    init2 = R.MakeIterator(dataset=pb, iterator=it2)
    nxt2 = R.IteratorGetNext(iterator=it2, output_types=[tf.int64], output_shapes=[[None]])
    with tf.Session() as sess:
        sess.run([init, init2])
        vals = [sess.run(nxt) for _ in range(5)] + [sess.run(nxt2)]
        vals.append(sess.run([one, has, got]))
    return [[np.asarray(v).tolist() for v in row] for row in vals]


def nodes(tf, graph_def):
    """[[name, op, inputs, {attr: AttrValue as a dict}]] and the library's function names."""
    d = json_format.MessageToDict(graph_def)
    out = [[n["name"], n["op"], n.get("input", []), n.get("attr", {})] for n in d["node"]]
    lib = sorted(f["signature"]["name"] for f in d.get("library", {}).get("function", []))
    return {"nodes": out, "library": lib}


def graph_defs(tf, build):
    """{"graph_def": as_graph_def's nodes, "meta_graph": export_meta_graph's} of a pipeline
    built in a fresh graph (with its values for the raw one)."""
    g = tf.Graph()
    out = {}
    with g.as_default():
        got = build(tf)
        out["graph_def"] = nodes(tf, g.as_graph_def())
        out["meta_graph"] = nodes(tf, tf.train.export_meta_graph(graph=g).graph_def)
    if got is not None:
        out["values"] = got
    return out


def imported_values(tf, graph_def_bytes):
    """What TF's GraphDef of the range_initializable pipeline yields once imported: its
    iterator's three batches, then OutOfRangeError's class name."""
    gd = tf.GraphDef()
    gd.ParseFromString(graph_def_bytes)
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as sess:
            sess.run("MakeIterator")
            out = [sess.run("IteratorGetNext:0").tolist() for _ in range(3)]
            try:
                sess.run("IteratorGetNext:0")
            except tf.errors.OutOfRangeError as e:
                out.append(type(e).__name__)
    return out


def cases(tf):
    out = {"host": host_vendor()}
    g = tf.Graph()
    with g.as_default():
        _range_initializable(tf)
    out["imported/pb"] = g.as_graph_def().SerializeToString()
    out["imported/values"] = imported_values(tf, out["imported/pb"])
    for name, build in sorted(PIPELINES.items()):
        out[name] = graph_defs(tf, build)
    out["raw_ops"] = graph_defs(tf, raw_pipeline)
    return out
