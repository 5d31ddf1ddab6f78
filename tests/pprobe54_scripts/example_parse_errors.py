"""tf.train.Example protos built in Python (Features maps, MergeFrom, ByteSize, equality,
ParseFromString round trip) and parsed in the graph: parse_single_example with FixedLenFeature
defaults of several shapes, a bytes VarLenFeature, SparseFeature with a size, a
FixedLenSequenceFeature(allow_missing) of a missing key; parse_example over a batch with
example_names; the run-time errors TF raises for a missing required feature, a dtype
mismatch, a wrong value count and an unparsable record (messages), and the graph-time
errors of bad specs; op types and counts."""

import tensorflow as tf


def ex(i, with_w=True):
    f = {"id": tf.train.Feature(int64_list=tf.train.Int64List(value=[i * 7 - 3])),
         "xy": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.1, -i / 3.0])),
         "tags": tf.train.Feature(bytes_list=tf.train.BytesList(
             value=[b"t%d" % k for k in range(i % 3)])),
         "sp_i": tf.train.Feature(int64_list=tf.train.Int64List(value=[(i * 3) % 5, i % 2])),
         "sp_v": tf.train.Feature(float_list=tf.train.FloatList(value=[1.5 * i, -0.25]))}
    if with_w:
        f["w"] = tf.train.Feature(float_list=tf.train.FloatList(value=[2.0 ** -i]))
    return tf.train.Example(features=tf.train.Features(feature=f))


exs = [ex(i, i != 2) for i in range(4)]
b = exs[1].SerializeToString()
back = tf.train.Example()
back.ParseFromString(b)
print(back == exs[1], exs[1].ByteSize(), len(b), sorted(back.features.feature))
m = tf.train.Example()
m.MergeFrom(exs[0])
m.features.feature["id"].int64_list.value.append(99)
print(list(m.features.feature["id"].int64_list.value), m == exs[0])
print(list(exs[3].features.feature["xy"].float_list.value))

spec = {"id": tf.FixedLenFeature([], tf.int64),
        "xy": tf.FixedLenFeature([2], tf.float32),
        "w": tf.FixedLenFeature([1], tf.float32, default_value=[-1.0]),
        "missing": tf.FixedLenFeature([2, 2], tf.int64, default_value=[[1, 2], [3, 4]]),
        "tags": tf.VarLenFeature(tf.string),
        "sp": tf.SparseFeature("sp_i", "sp_v", tf.float32, 5),
        "seq": tf.FixedLenSequenceFeature([], tf.float32, allow_missing=True,
                                          default_value=0.5)}
g = tf.get_default_graph()
n0 = len(g.get_operations())
ser = tf.placeholder(tf.string, [], name="one")
one = tf.parse_single_example(ser, spec)
n1 = len(g.get_operations())
batch = tf.placeholder(tf.string, [None], name="many")
names = tf.placeholder(tf.string, [None], name="names")
many = tf.parse_example(batch, spec, name="pe", example_names=names)
n2 = len(g.get_operations())
print(n1 - n0, n2 - n1, sorted(set(o.type for o in g.get_operations())))
print(sorted((k, type(v).__name__, v.dtype.name, str(v.shape if isinstance(v, tf.Tensor)
                                                      else v.dense_shape.shape))
             for k, v in one.items()))

with tf.Session() as s:
    for e in exs[:3]:
        r = s.run(one, {ser: e.SerializeToString()})
        print(sorted((k, repr(v)) for k, v in r.items()))
    r = s.run(many, {batch: [e.SerializeToString() for e in exs], names: ["a", "b", "c", "d"]})
    for k in sorted(r):
        print(k, repr(r[k]))

    def bad(sp, rec, nm=None):
        try:
            if nm is None:
                t = tf.parse_single_example(ser, sp)
                print(s.run(t, {ser: rec}))
            else:
                t = tf.parse_example(batch, sp, example_names=nm)
                print(s.run(t, {batch: [rec]}))
        except tf.errors.OpError as e:
            print(type(e).__name__, e.message.splitlines()[0])

    bad({"nope": tf.FixedLenFeature([], tf.int64)}, exs[0].SerializeToString())
    bad({"nope": tf.FixedLenFeature([], tf.int64)}, exs[0].SerializeToString(), ["rec0"])
    bad({"id": tf.FixedLenFeature([], tf.float32)}, exs[0].SerializeToString())
    bad({"xy": tf.FixedLenFeature([3], tf.float32)}, exs[0].SerializeToString())
    bad({"tags": tf.VarLenFeature(tf.int64)}, exs[1].SerializeToString())
    bad({"id": tf.FixedLenFeature([], tf.int64)}, b"\x0a\x05garbage")
    bad({"sp": tf.SparseFeature("sp_i", "sp_v", tf.float32, 2)}, exs[1].SerializeToString())

for build in (lambda: tf.parse_single_example(ser, {}),
              lambda: tf.parse_single_example(ser, {"a": tf.FixedLenFeature(None, tf.int64)}),
              lambda: tf.parse_single_example(ser, {"a": tf.FixedLenFeature([], tf.int32)}),
              lambda: tf.parse_example(batch, {"a": tf.FixedLenSequenceFeature([2], tf.float32)}),
              lambda: tf.parse_single_example(batch, {"a": tf.VarLenFeature(tf.float32)})):
    n = len(g.get_operations())
    try:
        build()
        print("built", len(g.get_operations()) - n)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).splitlines()[0], len(g.get_operations()) - n)
