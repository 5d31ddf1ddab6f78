"""TF 1.14's tf.parse_single_example with example_names: the same values as without,
errors that name the example, and its scalar checks (at build time, or an Assert for an
unknown rank). tests/test_parse_single_named.py runs the same programs with flowgrad."""
from __future__ import absolute_import


def _example(tf, **feats):
    f = {}
    for k, v in feats.items():
        if isinstance(v, list) and v and isinstance(v[0], float):
            f[k] = tf.train.Feature(float_list=tf.train.FloatList(value=v))
        elif isinstance(v, list) and v and isinstance(v[0], bytes):
            f[k] = tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
        else:
            f[k] = tf.train.Feature(int64_list=tf.train.Int64List(value=v))
    return tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString()


def examples(tf):
    return [_example(tf, a=[1.0, 2.0], b=[3, -4, 5], c=[b"x"], d=[1, 2, 3, 4], i=[2, 0],
                     v=[0.5, 1.5]),
            _example(tf, a=[5.5, 6.5], b=[7], d=[9, 8], i=[1], v=[2.5]),
            _example(tf, a=[0.25, -1.0], b=[], c=[b"yz"], d=[])]


def features(tf):
    return {"a": tf.FixedLenFeature([2], tf.float32),
            "b": tf.VarLenFeature(tf.int64),
            "c": tf.FixedLenFeature([], tf.string, default_value="none"),
            "d": tf.FixedLenSequenceFeature([2], tf.int64, allow_missing=True),
            "sp": tf.SparseFeature("i", "v", tf.float32, 3)}


def _fix(r):
    return {k: tuple(v) if isinstance(v, tuple) else v for k, v in r.items()}


def values(tf):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [])
        out = tf.parse_single_example(s, features(tf), example_names="my_example")
        statics = {k: str(v.shape) if not isinstance(v, tf.SparseTensor) else
                   str(v.dense_shape.shape) for k, v in out.items()}
        with tf.Session() as sess:
            vals = [_fix(sess.run(out, {s: e})) for e in examples(tf)]
    return {"values": vals, "static": statics}


def errors(tf):
    out = []
    specs = [{"zz": tf.FixedLenFeature([], tf.int64)},
             {"a": tf.FixedLenFeature([2], tf.int64)},
             {"a": tf.FixedLenFeature([3], tf.float32)}]
    for spec in specs:
        g = tf.Graph()
        with g.as_default():
            s = tf.placeholder(tf.string, [])
            n = tf.placeholder(tf.string)
            t = tf.parse_single_example(s, spec, example_names=n)
            with tf.Session() as sess:
                for nm in (b"ex_7", [b"a", b"b"]):
                    try:
                        sess.run(t, {s: examples(tf)[0], n: nm})
                        out.append("no error")
                    except tf.errors.InvalidArgumentError as e:
                        out.append(e.message.split("\n")[0])
    for bad in (lambda: tf.parse_single_example(tf.constant([b""]), specs[0],
                                                example_names="x"),
                lambda: tf.parse_single_example(tf.constant(b""), specs[0],
                                                example_names=["x"]),
                lambda: tf.parse_single_example(tf.constant(b""), {}, example_names="x")):
        with tf.Graph().as_default():
            try:
                bad()
                out.append("no error")
            except ValueError as e:
                out.append(str(e))
    return out


def cases(tf):
    return {"values": values(tf), "errors": errors(tf)}
