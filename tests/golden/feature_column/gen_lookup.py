"""TF 1.14's lookup tables: tf.lookup (StaticHashTable, StaticVocabularyTable,
KeyValueTensorInitializer, TextFileInitializer), tf.contrib.lookup (HashTable,
MutableHashTable, index tables from tensors and files, IdTableWithHashBuckets with fast
and strong hashes), tf.tables_initializer; values, op names and errors (classes and
messages, paths shown as <dir>). tests/test_lookup.py runs cases() on flowgrad."""
import os
import shutil
import tempfile

import numpy as np

FILES = {
    "words.txt": b"apple\nbanana\ncherry\n",
    "noeol.txt": b"a\nb\nc",
    "crlf.txt": b"a\r\nb\r\nc\r\n",
    "cols.txt": b"apple\t1\t0.5\nbanana\t2\t1.5\ncherry\t3\t2.5\n",
    "short.txt": b"apple\t1\t0.5\nbanana\t2\n",
    "space.txt": b"a b\nb c\n",
    "empty_line.txt": b"a\n\nb\n",
    "ints.txt": b"10\n20\n30\n",
    "badint.txt": b"10\nx\n",
    "dup.txt": b"a\nb\na\n",
    "ws_ints.txt": b" 10\n20 \n-30\n",
    "plus_int.txt": b"+30\n",
    "floats.txt": b" 1.5\n2e3 \ninf\n-INF\n+1\n0x10\n.5\n1.\n1e400\n-0x1.8p1\n",
    "bad_float.txt": b"1.5\nInfinity\n",
    "nan.txt": b"1.0\nnan\n",
}


def _plain(x):
    if hasattr(x, "dense_shape") and hasattr(x, "indices"):
        return {"indices": x.indices, "values": _plain(x.values), "dense_shape": x.dense_shape}
    if isinstance(x, dict):
        return dict((k, _plain(v)) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, np.ndarray) and x.dtype == object:
        return {"shape": list(x.shape), "items": [bytes(v) for v in x.reshape(-1).tolist()]}
    return x


def _error(e, d):
    msg = str(e).split("\n")[0].replace(d + os.sep, "<dir>/").replace(d, "<dir>")
    return ["error", type(e).__name__, msg]


def _case(tf, d, build, init=True, ops=False):
    """Builds in a new graph, runs tables_initializer (if init) and the fetches."""
    g = tf.Graph()
    with g.as_default():
        try:
            fetches = build(tf, d)
            with tf.Session() as sess:
                if init:
                    sess.run(tf.tables_initializer())
                out = {"values": _plain(sess.run(fetches))}
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return _error(e, d)
        if ops:
            out["ops"] = [[o.name, o.type] for o in g.get_operations()]
            out["table_initializers"] = sorted(
                o.name for o in g.get_collection(tf.GraphKeys.TABLE_INITIALIZERS))
        return out


def _p(d, name):
    return os.path.join(d, name)


def _s(tf, *words):
    return tf.constant(list(words))


CASES = {
    "static_hash_table": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b", "c"], [1, 2, 3]), -1).lookup(
            _s(tf, "a", "c", "x")), True),
    "static_hash_table_2d_keys": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(tf.constant([5, 7], tf.int64), [0.5, 1.5]),
        -1.0).lookup(tf.constant([[5, 6], [7, 5]], tf.int64)), True),
    "static_hash_table_size_export": (lambda tf, d: (lambda t: [t.size(), t.export()[0]])(
        tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a"], [1]), -1)), True),
    "vocabulary_table": (lambda tf, d: tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([0, 1], tf.int64)), 3)
        .lookup(_s(tf, "a", "zz", "q", "b", "hello")), True),
    "vocabulary_table_int": (lambda tf, d: tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(tf.constant([5, 7], tf.int64),
                                            tf.constant([0, 1], tf.int64)), 3)
        .lookup(tf.constant([5, 9, 11, 7], tf.int64)), True),
    "vocabulary_table_size": (lambda tf, d: tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([0, 1], tf.int64)), 3)
        .size(), True),
    "text_whole_line": (lambda tf, d: tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
        _p(d, "words.txt"), tf.string, -2, tf.int64, -1), -1).lookup(
            _s(tf, "banana", "apple", "kiwi", "cherry")), True),
    "text_columns": (lambda tf, d: tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
        _p(d, "cols.txt"), tf.string, 0, tf.float32, 2), -1.0).lookup(
            _s(tf, "banana", "x", "cherry")), True),
    "text_columns_int32": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "cols.txt"), tf.string, 0, tf.int32, 1), -1)
        .lookup(_s(tf, "banana", "x")), True),
    "text_line_number_to_line": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "space.txt"), tf.int64, -1, tf.string, -2,
                                      delimiter=" "), "z").lookup(
            tf.constant([0, 1, 2], tf.int64)), True),
    "text_space_delimiter": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "space.txt"), tf.string, 1, tf.int64, -1,
                                      delimiter=" "), -7).lookup(_s(tf, "b", "c", "a")), True),
    "text_no_final_newline": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "noeol.txt"), tf.string, -2, tf.int64, -1), -1)
        .lookup(_s(tf, "a", "c")), True),
    "text_crlf": (lambda tf, d: tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
        _p(d, "crlf.txt"), tf.string, -2, tf.int64, -1), -1).lookup(
            tf.constant([b"a", b"a\r", b"c"])), True),
    "text_int_keys": (lambda tf, d: tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
        _p(d, "ints.txt"), tf.int64, -2, tf.int64, -1), -1).lookup(
            tf.constant([30, 10, 15], tf.int64)), True),
    "text_vocab_size_smaller": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "words.txt"), tf.string, -2, tf.int64, -1,
                                      vocab_size=2), -1).lookup(
            _s(tf, "apple", "banana", "cherry")), True),
    "index_table_from_tensor_oov": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        ["emerson", "lake", "palmer"], num_oov_buckets=2).lookup(
            _s(tf, "emerson", "and", "palmer", "carl", "greg")), True),
    "index_table_from_tensor_default": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        tf.constant(["a", "b"]), default_value=-5).lookup(_s(tf, "b", "q")), True),
    "index_table_from_tensor_int": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        tf.constant([10, 20, 30]), num_oov_buckets=3, dtype=tf.int32).lookup(
            tf.constant([20, 7, 30, 100])), True),
    "index_table_from_tensor_strong": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        ["a", "b"], num_oov_buckets=5,
        hasher_spec=tf.contrib.lookup.StrongHashSpec([7, 9])).lookup(
            _s(tf, "a", "x", "y", "z", "b")), True),
    "index_table_from_tensor_sparse": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        ["a", "b"], num_oov_buckets=1).lookup(
            tf.SparseTensor([[0, 0], [1, 2]], ["b", "q"], [2, 3])), True),
    "index_table_from_file": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "words.txt"), num_oov_buckets=2).lookup(
            _s(tf, "cherry", "kiwi", "apple", "plum")), True),
    "index_table_from_file_vocab_size": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "words.txt"), vocab_size=2, default_value=-3).lookup(
            _s(tf, "cherry", "banana")), True),
    "index_table_from_file_int": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "ints.txt"), key_dtype=tf.int64).lookup(tf.constant([30, 11], tf.int64)), True),
    "index_to_string_from_tensor": (lambda tf, d:
                                    tf.contrib.lookup.index_to_string_table_from_tensor(
                                        ["a", "b", "c"], default_value="?").lookup(
                                        tf.constant([2, 0, 7], tf.int64)), True),
    "index_to_string_from_file": (lambda tf, d: tf.contrib.lookup.index_to_string_table_from_file(
        _p(d, "words.txt")).lookup(tf.constant([[1, 5], [0, 2]], tf.int64)), True),
    "contrib_index_to_string": (lambda tf, d: tf.contrib.lookup.index_to_string(
        tf.constant([1, 3], tf.int64), mapping=["x", "y"]), True),
    "contrib_string_to_index": (lambda tf, d: tf.contrib.lookup.string_to_index(
        _s(tf, "y", "z"), mapping=["x", "y"]), True),
    "contrib_hash_table_shared": (lambda tf, d: (lambda a, b: [a.lookup(_s(tf, "k")),
                                                               b.lookup(_s(tf, "k"))])(
        tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(["k"], [1]),
                                    0, shared_name="shared_t"),
        tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(["k"], [1]),
                                    0, shared_name="shared_t")), True),
    "id_table_with_hash_buckets_only": (lambda tf, d: tf.contrib.lookup.IdTableWithHashBuckets(
        None, 4).lookup(_s(tf, "a", "b", "c")), True),
    "text_ints_with_spaces": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "ws_ints.txt"), tf.int64, -2, tf.int64, -1), -1)
        .lookup(tf.constant([10, 20, -30], tf.int64)), True),
    "text_float_syntax": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "floats.txt"), tf.int64, -1, tf.float32, 0,
                                      delimiter="|"), -1.0).lookup(
            tf.range(10, dtype=tf.int64)), True),
    "text_double_syntax": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "floats.txt"), tf.int64, -1, tf.float64, 0,
                                      delimiter="|"), -1.0).lookup(
            tf.range(10, dtype=tf.int64)), True),
    "error_plus_int": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "plus_int.txt"), tf.int64, -2, tf.int64, -1), -1)
        .lookup(tf.constant([30], tf.int64)), True),
    "error_infinity_word": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "bad_float.txt"), tf.int64, -1, tf.float32, 0,
                                      delimiter="|"), -1.0).lookup(
            tf.constant([0], tf.int64)), True),
    "error_nan_value_file": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "nan.txt"), tf.int64, -1, tf.float32, 0,
                                      delimiter="|"), -1.0).lookup(
            tf.constant([0], tf.int64)), True),
    "error_nan_value_tensor": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], [1.0, float("nan")]), -1.0).lookup(
            _s(tf, "a")), True),
    # errors
    "error_key_dtype": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2]), -1).lookup(
            tf.constant([1])), True),
    "error_default_dtype": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2]), "x"), True),
    "error_shapes": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2, 3]), -1).lookup(
            _s(tf, "a")), True),
    "error_duplicate_key": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b", "a"], [1, 2, 3]), -1).lookup(
            _s(tf, "a")), True),
    "duplicate_key_same_value": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b", "a"], [1, 2, 1]), -1).lookup(
            _s(tf, "a")), True),
    "error_not_initialized": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a"], [1]), -1).lookup(_s(tf, "a")), False),
    "size_not_initialized": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a"], [1]), -1).size(), False),
    "error_empty_line": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "empty_line.txt")).lookup(_s(tf, "a")), True),
    "error_too_few_columns": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "short.txt"), tf.string, 0, tf.float32, 2), -1.0)
        .lookup(_s(tf, "a")), True),
    "error_vocab_size_larger": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "words.txt"), vocab_size=5).lookup(_s(tf, "a")), True),
    "error_bad_int": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "badint.txt"), key_dtype=tf.int64).lookup(tf.constant([1], tf.int64)), True),
    "error_missing_file": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "nothere.txt")).lookup(_s(tf, "a")), True),
    "error_duplicate_line": (lambda tf, d: tf.contrib.lookup.index_table_from_file(
        _p(d, "dup.txt")).lookup(_s(tf, "a")), True),
    "error_long_delimiter": (lambda tf, d: tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer(_p(d, "space.txt"), tf.string, 0, tf.string, 1,
                                      delimiter="ab"), "z").lookup(_s(tf, "a")), True),
    "error_line_number_dtype": (lambda tf, d: tf.lookup.TextFileInitializer(
        _p(d, "words.txt"), tf.int32, -1, tf.string, -2), True),
    "error_whole_line_value_dtype": (lambda tf, d: tf.lookup.TextFileInitializer(
        _p(d, "words.txt"), tf.string, -2, tf.int64, -2), True),
    "error_negative_oov": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        ["a"], num_oov_buckets=-1), True),
    "error_no_vocab_file": (lambda tf, d: tf.contrib.lookup.index_table_from_file(""), True),
    "error_vocabulary_oov_zero": (lambda tf, d: tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(["a"], tf.constant([0], tf.int64)), 0), True),
    "error_vocabulary_value_dtype": (lambda tf, d: tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(["a"], [0]), 1), True),
    "error_index_dtype_mismatch": (lambda tf, d: tf.contrib.lookup.index_table_from_tensor(
        ["a"], dtype=tf.int64), True),
    "error_strong_key": (lambda tf, d: tf.contrib.lookup.StrongHashSpec([1]), True),
}

OPS_CASES = ("vocabulary_table", "index_table_from_tensor_oov", "index_table_from_file",
             "index_to_string_from_file", "vocabulary_table_int")


def _mutable(tf):
    g = tf.Graph()
    with g.as_default():
        t = tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, -1)
        ins = t.insert(tf.constant(["a", "b", "c"]), tf.constant([1, 2, 3], tf.int64))
        ins2 = t.insert(tf.constant(["a", "d"]), tf.constant([7, 8], tf.int64))
        bad = t.insert(tf.constant(["a", "b", "c"]), tf.constant([1, 2], tf.int64))
        keys, values = t.export()
        look = t.lookup(tf.constant([["a", "x"], ["d", "c"]]))
        out = {}
        with tf.Session() as sess:
            out["empty"] = sess.run([look, t.size()])
            sess.run(ins)
            sess.run(ins2)
            out["after"] = sess.run([look, t.size()])
            k, v = sess.run([keys, values])
            order = np.argsort(k)
            out["export_sorted"] = [[bytes(x) for x in k[order]], v[order]]
            try:
                sess.run(bad)
            except Exception as e:  # noqa: BLE001
                out["bad_insert"] = _error(e, "")
        out["ops"] = [[o.name, o.type] for o in g.get_operations()]
        return out


def _reinit(tf):
    with tf.Graph().as_default():
        t = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a"], [1]), -1)
        with tf.Session() as sess:
            sess.run(tf.tables_initializer())
            try:
                sess.run(tf.tables_initializer())
            except Exception as e:  # noqa: BLE001
                return [_error(e, ""), sess.run(t.lookup(tf.constant(["a"])))]
    return None


def _hash_spec_and_empty(tf):
    with tf.Graph().as_default():
        return [tf.contrib.lookup.FastHashSpec.hasher,
                list(tf.contrib.lookup.StrongHashSpec([1, 2])),
                tf.tables_initializer().type, tf.tables_initializer(name="t").name,
                tf.initializers.tables_initializer().name]


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        for name, data in FILES.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        out = {}
        for name, (build, init) in sorted(CASES.items()):
            out[name] = _case(tf, d, build, init, ops=name in OPS_CASES)
        out["mutable_hash_table"] = _mutable(tf)
        out["reinitialize"] = _reinit(tf)
        out["hash_specs_and_empty_initializer"] = _hash_spec_and_empty(tf)
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)
