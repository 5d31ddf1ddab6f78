"""TF 1.14's messages when an Example does not fit its features: tf.parse_single_example
(the ParseSingleExample kernel: "Key: k.  ...", a wrong count "Can't parse serialized
Example.") and tf.parse_example (ParseExample: "Name: n, Key: k, Index: i.  ..."), for
dense, sequence and sparse features of each type. tests/test_parse_errors.py runs the
same programs with flowgrad."""
from __future__ import absolute_import


def _example(tf, **feats):
    f = {}
    for k, v in feats.items():
        if isinstance(v[0], float):
            f[k] = tf.train.Feature(float_list=tf.train.FloatList(value=v))
        elif isinstance(v[0], bytes):
            f[k] = tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
        else:
            f[k] = tf.train.Feature(int64_list=tf.train.Int64List(value=v))
    return tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString()


def specs(tf):
    F, S, V = tf.FixedLenFeature, tf.FixedLenSequenceFeature, tf.VarLenFeature
    return [("fixed too many float", {"vals": F([2], tf.float32)}),
            ("fixed too few int64", {"lab": F([3], tf.int64)}),
            ("fixed too many string", {"nm": F([1], tf.string)}),
            ("fixed scalar of two", {"lab": F([], tf.int64)}),
            ("fixed int64 as string", {"lab": F([2], tf.string)}),
            ("fixed string as float", {"nm": F([2], tf.float32)}),
            ("sequence stride float", {"vals": S([2], tf.float32, allow_missing=True)}),
            ("sequence stride string", {"nm": S([3], tf.string, allow_missing=True)}),
            ("sequence stride int64", {"lab": S([3], tf.int64, allow_missing=True)}),
            ("sequence float as int64", {"vals": S([], tf.int64, allow_missing=True)}),
            ("varlen string as float", {"nm": V(tf.float32)}),
            ("varlen float as string", {"vals": V(tf.string)}),
            ("missing float", {"zz": F([2], tf.float32)}),
            ("missing string", {"zz": F([], tf.string)})]


def errors(tf):
    """{case: [single's first line, batch of two's first line]}."""
    good = _example(tf, vals=[1.0, 2.0, 3.0], lab=[3, 4], nm=[b"a", b"b"])
    out = {}
    for name, spec in specs(tf):
        row = []
        for single in (True, False):
            with tf.Graph().as_default():
                s = tf.placeholder(tf.string, [])
                t = (tf.parse_single_example(s, spec) if single else
                     tf.parse_example(tf.stack([s, s]), spec))
                with tf.Session() as sess:
                    try:
                        sess.run(t, {s: good})
                        row.append("no error")
                    except tf.errors.InvalidArgumentError as e:
                        row.append(e.message.split("\n")[0])
        out[name] = row
    return out


def cases(tf):
    return {"errors": errors(tf)}
