"""TF 1.14's contrib.layers legacy feature columns (contrib/layers/python/layers/
feature_column.py and feature_column_ops.py): input_from_feature_columns,
sequence_input_from_feature_columns, weighted_sum_from_feature_columns and
joint_weighted_sum_from_feature_columns over every column kind; the values, the variables
(name, shape, collections), every op (name, type) the call builds, a gradient, and a
graph-seeded random op's numbers after it. Also transform_features, the parse helpers,
the spec helpers and the errors users can cause."""
from __future__ import absolute_import

import os
import tempfile

import numpy as np


def _vocab_file():
    path = os.path.join(tempfile.gettempdir(), "flowgrad_golden_contrib_fc_vocab.txt")
    with open(path, "w") as f:
        f.write("apple\nbanana\ncherry\n")
    return path


def _features(tf):
    return {
        "a": tf.SparseTensor([[0, 0], [1, 0], [1, 1]], ["p", "q", "r"], [2, 2]),
        "b": tf.SparseTensor([[0, 0], [1, 0]], ["y", "w"], [2, 1]),
        "c": tf.constant([[1., 2.], [3., 4.]]),
        "d": tf.constant([[0.5], [2.5]]),
        "d2": tf.constant([[0.5, -1.], [2.5, 1.5]]),
        "e": tf.SparseTensor([[0, 0], [1, 0], [1, 1]], tf.constant([3, 8, 1], tf.int64),
                             [2, 2]),
        "ew": tf.SparseTensor([[0, 0], [1, 0], [1, 1]], [0.5, 1., 2.], [2, 2]),
        "h": tf.constant([[12, 7], [-1, 5]], tf.int64),
        "s": tf.constant([["a", ""], ["b", "c"]]),
        "v": tf.SparseTensor([[0, 0], [1, 0], [1, 1]], ["banana", "kiwi", "apple"], [2, 2]),
        "i": tf.constant([[1, 2], [3, 4]]),
    }


def _columns(tf):
    L = tf.contrib.layers
    cols = {}
    cols["a"] = L.sparse_column_with_hash_bucket("a", 7)
    cols["b"] = L.sparse_column_with_keys("b", ["x", "y", "z"])
    cols["c"] = L.real_valued_column("c", 2)
    cols["d"] = L.bucketized_column(L.real_valued_column("d"), [0., 1., 1., 2.])
    cols["d2"] = L.bucketized_column(L.real_valued_column("d2", 2), [0., 1.])
    cols["e"] = L.sparse_column_with_integerized_feature("e", 5)
    cols["w"] = L.weighted_sparse_column(cols["e"], "ew")
    cols["h"] = L.sparse_column_with_hash_bucket("h", 4, dtype=tf.int64)
    cols["s"] = L.sparse_column_with_hash_bucket("s", 5, hash_keys=[[1, 2], [3, 4]])
    cols["v"] = L.sparse_column_with_vocabulary_file("v", _vocab_file(), num_oov_buckets=2,
                                                     vocab_size=3)
    cols["i"] = L.real_valued_column("i", 2, dtype=tf.int32, normalizer=lambda x: x * 2)
    return cols


def _dnn(tf, names, **kw):
    L = tf.contrib.layers
    cols = _columns(tf)
    out = []
    for n in names:
        kind, key = n.split(":")
        col = cols[key]
        if kind == "emb":
            out.append(L.embedding_column(col, 3, **kw))
        elif kind == "oh":
            out.append(L.one_hot_column(col))
        else:
            out.append(col)
    return L.input_from_feature_columns(_features(tf), out)


def _linear(tf, names, joint=False):
    L = tf.contrib.layers
    cols = _columns(tf)
    fn = L.joint_weighted_sum_from_feature_columns if joint else \
        L.weighted_sum_from_feature_columns
    pred, _, bias = fn(_features(tf), [cols[n] for n in names], 2)
    v = [x for x in tf.trainable_variables() if "bias" not in x.name]
    # non-zero weights, so the predictions show which rows each column picks
    assigns = [tf.assign(x, tf.reshape(tf.cast(tf.range(tf.size(x)), tf.float32),
                                       tf.shape(x)) * 0.1) for x in v]
    tf.add_to_collection("golden_setup", tf.group(assigns + [tf.assign(bias, [1., -1.])]))
    return pred


def _shared(tf):
    L = tf.contrib.layers
    cols = _columns(tf)
    e2 = L.sparse_column_with_integerized_feature("e2", 5)
    shared = L.shared_embedding_columns([cols["e"], e2], 2, combiner="sqrtn")
    named = L.shared_embedding_columns([cols["a"]], 2, shared_embedding_name="mine")
    f = _features(tf)
    f["e2"] = tf.SparseTensor([[0, 0], [1, 1]], tf.constant([4, 2], tf.int64), [2, 2])
    return L.input_from_feature_columns(f, list(shared) + list(named))


def _sequence(tf):
    L = tf.contrib.layers
    f = {"t": tf.SparseTensor([[0, 0, 0], [0, 1, 0], [1, 0, 0]],
                              tf.constant([1, 3, 2], tf.int64), [2, 2, 1]),
         "r": tf.constant([[[1., 2.], [3., 4.]], [[5., 6.], [7., 8.]]])}
    t = L.sparse_column_with_integerized_feature("t", 4)
    cols = [L.embedding_column(t, 2), L.one_hot_column(t), L.real_valued_column("r", 2)]
    return L.sequence_input_from_feature_columns(f, cols)


def _dynamic(tf, features):
    """The features with unknown batch sizes (so no shape inference knows them)."""
    out = {}
    for k, t in features.items():
        if isinstance(t, tf.SparseTensor):
            out[k] = tf.SparseTensor(t.indices, t.values, tf.placeholder_with_default(
                t.dense_shape, [2]))
        else:
            out[k] = tf.placeholder_with_default(t, [None] + t.get_shape().as_list()[1:])
    return out


def _grad(tf):
    L = tf.contrib.layers
    cols = _columns(tf)
    out = L.input_from_feature_columns(
        _dynamic(tf, _features(tf)),
        [L.embedding_column(cols["a"], 3), L.embedding_column(cols["w"], 3), cols["c"]])
    grads = tf.gradients(tf.reduce_sum(out * out), tf.trainable_variables())
    return [out] + [tf.convert_to_tensor(x) for x in grads]


def _transform(tf):
    L = tf.contrib.layers
    cols = _columns(tf)
    out = L.transform_features(_features(tf), [cols["a"], cols["d"], cols["w"], cols["i"]])
    res = []
    for col in sorted(out, key=lambda c: c.key):
        t = out[col]
        for x in (t if isinstance(t, tuple) else [t]):
            res += [x.indices, x.values, x.dense_shape] if isinstance(x, tf.SparseTensor) \
                else [x]
    return res


def _parse(tf):
    L = tf.contrib.layers
    cols = [L.real_valued_column("x", 2, default_value=0.5),
            L.sparse_column_with_keys("k", ["u", "v"])]
    ex = []
    for x, k in (([1., 2.], [b"v", b"u"]), (None, [b"u"])):
        feat = {"k": tf.train.Feature(bytes_list=tf.train.BytesList(value=k))}
        if x is not None:
            feat["x"] = tf.train.Feature(float_list=tf.train.FloatList(value=x))
        ex.append(tf.train.Example(features=tf.train.Features(feature=feat))
                  .SerializeToString())
    out = L.parse_feature_columns_from_examples(tf.constant(ex), cols)
    kt = out[cols[1]]
    return [out["x"], out[cols[0]], kt.indices, kt.values, kt.dense_shape]


def _parse_seq(tf):
    L = tf.contrib.layers
    ex = tf.train.SequenceExample(
        context=tf.train.Features(feature={"c": tf.train.Feature(
            float_list=tf.train.FloatList(value=[1.5]))}),
        feature_lists=tf.train.FeatureLists(feature_list={"s": tf.train.FeatureList(
            feature=[tf.train.Feature(float_list=tf.train.FloatList(value=[1., 2.])),
                     tf.train.Feature(float_list=tf.train.FloatList(value=[3., 4.]))])}))
    ctx, seq = L.parse_feature_columns_from_sequence_examples(
        tf.constant([ex.SerializeToString()]), [L.real_valued_column("c")],
        [L.real_valued_column("s", 2, default_value=0.)])
    return [ctx["c"], seq["s"]]


def _crosses(tf):
    L = tf.contrib.slim
    a = tf.SparseTensor([[0, 0], [1, 0], [1, 1]], ["a", "b", "c"], [2, 2])
    d = tf.SparseTensor([[0, 0], [1, 0]], ["d", "e"], [2, 1])
    i = tf.SparseTensor([[0, 0], [1, 0]], tf.constant([3, -7], tf.int64), [2, 1])
    dense = tf.constant([["f"], ["g"]])
    dense_int = tf.constant([[5], [6]], tf.int32)
    outs = [L.sparse_feature_cross([a, d], hashed_output=True),
            L.sparse_feature_cross([a, d, dense], hashed_output=True, num_buckets=100),
            L.sparse_feature_cross([i, a], hashed_output=True),
            L.sparse_feature_cross([i, a, dense_int]),
            L.sparse_feature_cross([a, dense]),
            L.sparse_feature_cross([a, d], hashed_output=True,
                                   hash_key=L.SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY),
            L.sparse_feature_cross([i, dense_int], hashed_output=True, num_buckets=7,
                                   hash_key=12345, name="keyed")]
    return [x for o in outs for x in (o.indices, o.values, o.dense_shape)]


def _scattered(tf):
    L = tf.contrib.slim
    p = [tf.constant(np.arange(5.).astype(np.float32)),
         tf.constant(np.arange(4.).astype(np.float32) + 10.)]
    v = tf.constant([["x", "y"], ["z", "x"]])
    sp = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], ["x", "y", "q"], [3, 2])
    return [L.scattered_embedding_lookup(p, v, 3, hash_key=7),
            L.scattered_embedding_lookup_sparse(p, sp, 2, hash_key=9),
            L.scattered_embedding_lookup_sparse(p[0], sp, 2, combiner="sqrtn", hash_key=9)]


def _crossed_columns(tf):
    L = tf.contrib.layers
    cols = _columns(tf)
    x1 = L.crossed_column([cols["a"], cols["b"]], 11)
    x2 = L.crossed_column([cols["d"], cols["h"], x1], 13, hash_key=77)
    x3 = L.crossed_column([cols["e"], cols["d2"]], 5, combiner="mean")
    return x1, x2, x3


def _crossed_linear(tf):
    L = tf.contrib.layers
    x1, x2, x3 = _crossed_columns(tf)
    pred, _, _ = L.weighted_sum_from_feature_columns(_features(tf), [x1, x2, x3], 2)
    return pred


def _crossed_dnn(tf):
    L = tf.contrib.layers
    x1, x2, _ = _crossed_columns(tf)
    return L.input_from_feature_columns(
        _features(tf), [L.embedding_column(x1, 2), L.one_hot_column(x2),
                        L.scattered_embedding_column("a", 10, 3, hash_key=5),
                        L.scattered_embedding_column("v", 9, 2, hash_key=5, combiner="sum")])


def _core(tf):
    """The legacy columns in tf.feature_column.input_layer and linear_model."""
    L = tf.contrib.layers
    cols = _columns(tf)
    f = _features(tf)
    out = tf.feature_column.input_layer(f, [L.embedding_column(cols["a"], 3), cols["c"],
                                            cols["d"], L.one_hot_column(cols["w"])])
    lin = tf.feature_column.linear_model(f, [cols["a"], cols["c"], cols["d"], cols["w"],
                                             L.crossed_column([cols["a"], cols["b"]], 5)])
    return [out, lin]


def _input_layer_class(tf):
    """slim.InputLayer: two calls share one template scope's variables."""
    L = tf.contrib.layers
    cols = _columns(tf)
    layer = tf.contrib.slim.InputLayer([L.embedding_column(cols["a"], 3), cols["c"],
                                        L.embedding_column(cols["w"], 2)], name="inp")
    out1 = layer(_features(tf))
    out2 = layer(_features(tf))
    names = [v.name for v in layer.variables] + [v.name for v in layer.trainable_weights] + \
        [v.name for v in layer.non_trainable_variables] + [layer.name]
    return [out1, out2, tf.constant(names)]


CASES = {
    "input_layer_class": _input_layer_class,
    "core_input_layer_linear_model": _core,
    "sparse_feature_cross": _crosses,
    "scattered_lookup": _scattered,
    "crossed_linear": _crossed_linear,
    "crossed_dnn": _crossed_dnn,
    "dnn_embedding_hash": lambda tf: _dnn(tf, ["emb:a"]),
    "dnn_embedding_sqrtn_maxnorm": lambda tf: _dnn(tf, ["emb:a"], combiner="sqrtn",
                                                   max_norm=0.1),
    "dnn_embedding_weighted": lambda tf: _dnn(tf, ["emb:w"]),
    "dnn_embedding_hash_keys_dense": lambda tf: _dnn(tf, ["emb:s"]),
    "dnn_embedding_int_hash": lambda tf: _dnn(tf, ["emb:h"]),
    "dnn_embedding_vocab_file": lambda tf: _dnn(tf, ["emb:v"]),
    "dnn_one_hot_keys": lambda tf: _dnn(tf, ["oh:b"]),
    "dnn_one_hot_weighted": lambda tf: _dnn(tf, ["oh:w"]),
    "dnn_real_valued": lambda tf: _dnn(tf, ["plain:c", "plain:i"]),
    "dnn_bucketized": lambda tf: _dnn(tf, ["plain:d", "plain:d2"]),
    "dnn_all": lambda tf: _dnn(tf, ["emb:a", "oh:b", "plain:c", "plain:d", "emb:w",
                                    "emb:v"]),
    "dnn_shared": _shared,
    "dnn_sequence": _sequence,
    "dnn_gradient": _grad,
    "linear": lambda tf: _linear(tf, ["a", "b", "c", "d", "d2", "w", "h", "v"]),
    "linear_joint": lambda tf: _linear(tf, ["a", "b", "e", "s"], joint=True),
    "transform_features": _transform,
    "parse_examples": _parse,
    "parse_sequence_examples": _parse_seq,
}


def run(tf, fn):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        r = fn(tf)
        after = tf.random_uniform([2])
        variables = [[v.name, v.get_shape().as_list(),
                      sorted(k for k in g.get_all_collection_keys()
                             if k != "golden_setup" and v in g.get_collection(k))]
                     for v in tf.global_variables()]
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.tables_initializer()])
            sess.run(tf.get_collection("golden_setup"))
            v, a = sess.run([r, after])
        v = [np.asarray(x) for x in v] if isinstance(v, list) else np.asarray(v)
        return [v, variables, [[o.name, o.type] for o in g.get_operations()], a]


def _specs(tf):
    L = tf.contrib.layers
    cols = _columns(tf)
    spec = L.create_feature_spec_for_parsing(
        [cols[k] for k in ("a", "c", "d", "w", "i")] +
        [L.embedding_column(cols["v"], 2), L.one_hot_column(cols["b"])])
    out = {}
    for k, f in sorted(spec.items()):
        out[k] = [type(f).__name__, f.dtype.name,
                  list(getattr(f, "shape", []) or []),
                  None if getattr(f, "default_value", None) is None else
                  list(f.default_value)]
    g = tf.Graph()
    with g.as_default():
        ph = L.make_place_holder_tensors_for_base_features([cols["a"], cols["c"]])
        out["placeholders"] = sorted(o.name for o in g.get_operations())
        out["placeholder_shapes"] = [ph["c"].get_shape().as_list(), ph["c"].dtype.name]
        inferred = L.infer_real_valued_columns(
            {"p": tf.placeholder(tf.int32, [None, 2, 3]), "q": tf.placeholder(tf.float32,
                                                                             [None])})
    out["inferred"] = sorted([c.name, c.dimension, c.dtype.name] for c in inferred)
    out["names"] = sorted(c.name for c in list(cols.values()) + [
        L.embedding_column(cols["a"], 2), L.one_hot_column(cols["w"])])
    out["lengths"] = [cols[k].length for k in ("a", "b", "d", "d2", "e", "w", "v")]
    out["order"] = [c.name for c in sorted(cols.values(), key=lambda c: c.key)]
    return out


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return [type(e).__name__, str(e)]
    return None


def _errors(tf):
    L = tf.contrib.layers
    cols = _columns(tf)

    def dnn(col):
        g = tf.Graph()
        with g.as_default():
            L.input_from_feature_columns(_features(tf), [col])

    return {
        "dup": _error(lambda: L.check_feature_columns([cols["a"], cols["a"]])),
        "dict": _error(lambda: L.check_feature_columns({"a": cols["a"]})),
        "dimension": _error(lambda: L.real_valued_column("x", 0)),
        "dimension_type": _error(lambda: L.real_valued_column("x", 1.5)),
        "default_len": _error(lambda: L.real_valued_column("x", 2, default_value=[1.])),
        "default_type": _error(lambda: L.real_valued_column("x", 1, default_value=1.5,
                                                            dtype=tf.int32)),
        "dtype": _error(lambda: L.real_valued_column("x", dtype=tf.string)),
        "boundaries": _error(lambda: L.bucketized_column(L.real_valued_column("x"),
                                                         [2., 1.])),
        "boundaries_empty": _error(lambda: L.bucketized_column(L.real_valued_column("x"),
                                                               [])),
        "bucket_source": _error(lambda: L.bucketized_column(cols["a"], [1.])),
        "bucket_size": _error(lambda: L.sparse_column_with_hash_bucket("x", 0)),
        "hash_keys": _error(lambda: L.sparse_column_with_hash_bucket("x", 3,
                                                                     hash_keys=[[1]])),
        "int_dtype": _error(lambda: L.sparse_column_with_integerized_feature(
            "x", 3, dtype=tf.string)),
        "vocab_size": _error(lambda: L.sparse_column_with_vocabulary_file("x", "f")),
        "weighted_dtype": _error(lambda: L.weighted_sparse_column(cols["a"], "w",
                                                                  dtype=tf.string)),
        "ckpt_pair": _error(lambda: L.embedding_column(cols["a"], 2, ckpt_to_load_from="x")),
        "initializer": _error(lambda: L.embedding_column(cols["a"], 2, initializer=3)),
        "shared_type": _error(lambda: L.shared_embedding_columns(cols["c"], 2)),
        "shared_incompatible": _error(lambda: L.shared_embedding_columns(
            [cols["a"], cols["e"]], 2)),
        "dnn_sparse": _error(lambda: dnn(cols["a"])),
        "dnn_weighted": _error(lambda: dnn(cols["w"])),
        "sequence_bucketized": _error(lambda: L.sequence_input_from_feature_columns(
            {}, [cols["d"]])),
        "cross_real": _error(lambda: L.crossed_column([cols["a"], cols["c"]], 3)),
        "cross_one": _error(lambda: L.crossed_column([cols["a"]], 3)),
        "cross_buckets": _error(lambda: L.crossed_column([cols["a"], cols["b"]], 1)),
        "cross_list": _error(lambda: tf.contrib.slim.sparse_feature_cross((cols["a"],))),
        "cross_dnn": _error(lambda: dnn(L.crossed_column([cols["a"], cols["b"]], 3))),
        "scattered_dim": _error(lambda: L.scattered_embedding_column("x", 3, 0, 1)),
        "scattered_combiner": _error(lambda: L.scattered_embedding_column(
            "x", 3, 2, 1, combiner="max")),
        "sequence_crossed": _error(lambda: L.sequence_input_from_feature_columns(
            {}, [L.embedding_column(L.crossed_column([cols["a"], cols["b"]], 3), 2)])),
        "joint_real": _error(lambda: L.joint_weighted_sum_from_feature_columns(
            _features(tf), [cols["c"]], 1)),
    }


def cases(tf):
    out = {name: run(tf, fn) for name, fn in sorted(CASES.items())}
    out["specs"] = _specs(tf)
    out["errors"] = _errors(tf)
    return out
