"""TF 1.14's DenseHashTable (tf.lookup.experimental.DenseHashTable, also
tf.contrib.lookup.MutableDenseHashTable), MutableHashTable.remove and MutableHashTable
with vector values (MutableHashTableOfTensorsV2; exports compared in key order, as TF's
is its hash map's): op names and types,
static shapes, the bucket arrays export() gives (TF's hashing and quadratic probing, the
growth of the buckets), lookups, sizes, removal, vector keys and values, Saver checkpoints
and TF's errors (class and first line). tests/test_dense_hash_table.py runs cases() on
flowgrad.

    python tools/goldens.py regen lookup/dense_hash_table
"""
import os
import re
import shutil
import tempfile



def _error(e):
    msg = re.sub(r" \(defined at [^)]*\)", "", str(e).split("\n")[0])
    head, sep, attrs = msg.partition(" with these attrs: [")
    if sep:     # TF lists a node's attrs in its hash map's order, which varies: sorted
        msg = head + sep + ", ".join(sorted(attrs[:-1].split(", "))) + "]"
    return ["error", type(e).__name__, msg]


def _shape(t):
    return None if t.shape.ndims is None else [d.value for d in t.shape.dims]


def _case(tf, build):
    """build(tf) -> (list of steps to run in order, {name: tensor} of static shapes)."""
    g = tf.Graph()
    with g.as_default():
        try:
            steps, shaped = build(tf)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return _error(e)
        out = {"ops": [[o.name, o.type] for o in g.get_operations()],
               "shapes": {k: _shape(v) for k, v in shaped.items()}, "runs": []}
        with tf.Session() as sess:
            for step in steps:
                try:
                    out["runs"].append(step(sess) if callable(step) else sess.run(step))
                except Exception as e:  # noqa: BLE001 - the error is the golden
                    out["runs"].append(_error(e))
    return out


def _dense(tf, key_dtype, value_dtype, default, empty, deleted, buckets=8, **kw):
    return tf.contrib.lookup.MutableDenseHashTable(key_dtype, value_dtype, default, empty,
                                                   deleted, initial_num_buckets=buckets, **kw)


def _int64_basic(tf):
    t = _dense(tf, tf.int64, tf.int64, -1, 0, -1)
    ins = t.insert(tf.constant([5, 13, 21, 3], tf.int64),
                   tf.constant([50, 130, 210, 30], tf.int64))
    look = t.lookup(tf.constant([5, 13, 7, 21], tf.int64))
    ex = t.export()
    rm = t.remove(tf.constant([13, 99], tf.int64))
    again = t.insert(tf.constant([13, 5], tf.int64), tf.constant([131, 51], tf.int64))
    grow = t.insert(tf.constant([1, 2, 4, 6], tf.int64), tf.constant([1, 2, 4, 6], tf.int64))
    size = t.size()
    return ([ins, [look, ex, size], rm, [look, ex, size], again, [look, ex, size], grow,
             [look, ex, size]],
            {"look": look, "keys": ex[0], "values": ex[1], "size": size})


def _experimental(tf):
    t = tf.lookup.experimental.DenseHashTable(tf.int64, tf.float32, -1.5, -7, -8,
                                              initial_num_buckets=4, name="dense")
    ins = t.insert_or_assign(tf.constant([0, 1, 2], tf.int64), [0.5, 1.5, 2.5])
    er = t.erase(tf.constant([1], tf.int64))
    look = t.lookup([0, 1, 2, 3])
    return [ins, [t.export(), t.size(), look], er, [t.export(), t.size(), look]], \
        {"look": look}


def _string_keys(tf):
    t = _dense(tf, tf.string, tf.float32, 0.25, "", "$deleted", buckets=4)
    words = ["a", "bc", "hello", "x", "yy", "zebra", "tf", "flow", "grad", ""]
    ins = t.insert(tf.constant(words[:4]), tf.constant([1., 2., 3., 4.]))
    ins2 = t.insert(tf.constant(words[4:9]), tf.constant([5., 6., 7., 8., 9.]))
    look = t.lookup(tf.constant(words[:9] + ["nope"]))
    rm = t.remove(tf.constant(["hello", "x"]))
    return [ins, [t.export(), t.size()], ins2, [t.export(), t.size(), look], rm,
            [t.export(), t.size(), look]], {}


def _vector_keys(tf):
    t = _dense(tf, tf.int64, tf.int32, 7, [0, 0], [-1, -1])
    ins = t.insert(tf.constant([[1, 2], [3, 4], [-5, 7], [1 << 40, 3], [2, 1]], tf.int64),
                   tf.constant([1, 2, 3, 4, 5]))
    look = t.lookup(tf.constant([[3, 4], [2, 1], [2, 2]], tf.int64))
    look_unknown = t.lookup(tf.placeholder_with_default(
        tf.constant([[1, 2]], tf.int64), [None, 2]))
    rm = t.remove(tf.constant([[3, 4]], tf.int64))
    return [ins, [t.export(), t.size(), look, look_unknown], rm, [t.export(), look]], \
        {"look": look, "look_unknown": look_unknown, "keys": t.export()[0]}


def _vector_values(tf):
    t = _dense(tf, tf.int64, tf.float64, [-1., -2.], 0, -1, buckets=4)
    ins = t.insert(tf.constant([5, 6, 9], tf.int64),
                   tf.constant([[1., 2.], [3., 4.], [5., 6.]], tf.float64))
    look = t.lookup(tf.constant([5, 7, 9], tf.int64))
    look_scalar = t.lookup(tf.constant(6, tf.int64))
    look_unknown = t.lookup(tf.placeholder_with_default(tf.constant([6], tf.int64), None))
    ex = t.export()
    return [ins, [look, look_scalar, look_unknown, ex, t.size()]], \
        {"look": look, "look_scalar": look_scalar, "look_unknown": look_unknown,
         "keys": ex[0], "values": ex[1]}


def _int32_keys(tf):
    t = _dense(tf, tf.int32, tf.float64, 0.5, 0, -1, buckets=16)
    ins = t.insert(tf.constant([-5, -6, 7, 2 ** 31 - 1]), tf.constant([1., 2., 3., 4.],
                                                                      tf.float64))
    look = t.lookup(tf.constant([7, -6, 8]))
    return [ins, [t.export(), look]], {}


def _bool_values(tf):
    t = _dense(tf, tf.int64, tf.bool, False, 0, 1, buckets=4)
    ins = t.insert(tf.constant([2, 3], tf.int64), tf.constant([True, False]))
    return [ins, [t.export(), t.lookup(tf.constant([2, 3, 4], tf.int64))]], {}


def _scalar_insert(tf):
    t = _dense(tf, tf.int64, tf.int64, -1, 0, -1, buckets=4)
    ins = t.insert(tf.constant(3, tf.int64), tf.constant(4, tf.int64))
    return [ins, [t.export(), t.size(), t.lookup(tf.constant(3, tf.int64))]], {}


def _default_buckets(tf):
    t = tf.contrib.lookup.MutableDenseHashTable(tf.int64, tf.int64, -1, 0, -1)
    ins = t.insert(tf.constant([1 << 20, 3], tf.int64), tf.constant([1, 2], tf.int64))
    ex = t.export()
    return [ins, [tf.shape(ex[0]), tf.shape(ex[1]), t.size(), ex[0][3], ex[1][3]]], {}


def _collision_after_delete(tf):
    # 1, 5 and 9 share bucket 1 of 4: a removed key leaves deleted_key, reused by inserts
    t = _dense(tf, tf.int64, tf.int64, -1, 0, -1, buckets=16)
    ins = t.insert(tf.constant([1, 17, 33], tf.int64), tf.constant([10, 170, 330], tf.int64))
    rm = t.remove(tf.constant([17], tf.int64))
    ins2 = t.insert(tf.constant([49, 33], tf.int64), tf.constant([490, 331], tf.int64))
    look = t.lookup(tf.constant([1, 17, 33, 49], tf.int64))
    return [ins, rm, [t.export(), t.size()], ins2, [t.export(), t.size(), look]], {}


def _mutable_hash_table_remove(tf):
    t = tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, -1)
    ins = t.insert(tf.constant(["a", "b", "c"]), tf.constant([1, 2, 3], tf.int64))
    rm = t.remove(tf.constant([["a", "zz"]]))
    return [ins, rm, [t.size(), t.lookup(tf.constant(["a", "b", "c"]))]], {}


def _sorted_export(table):
    """export() in key order (a MutableHashTable exports in its hash map's order)."""
    keys, values = table.export()

    def run(sess):
        k, v = sess.run([keys, values])
        order = sorted(range(len(k)), key=lambda i: k[i])
        return [k[order], v[order]]
    return run


def _tensors_basic(tf):
    t = tf.contrib.lookup.MutableHashTable(tf.int64, tf.float32, [-1., -2.])
    ins = t.insert(tf.constant([3, 4, 9], tf.int64), tf.constant([[1., 2.], [3., 4.], [5., 6.]]))
    look = t.lookup(tf.constant([[3, 5], [9, 4]], tf.int64))
    look_scalar = t.lookup(tf.constant(4, tf.int64))
    rm = t.remove(tf.constant([4], tf.int64))
    ex = t.export()
    return [ins, [look, look_scalar, t.size()], _sorted_export(t), rm,
            [look, t.size()], _sorted_export(t)], \
        {"look": look, "look_scalar": look_scalar, "keys": ex[0], "values": ex[1]}


def _tensors_string_keys(tf):
    t = tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, [0, 0, 7], name="words")
    ins = t.insert(tf.constant(["a", "b"]), tf.constant([[1, 2, 3], [4, 5, 6]], tf.int64))
    again = t.insert(tf.constant(["b"]), tf.constant([[9, 9, 9]], tf.int64))
    look = t.lookup(tf.constant(["b", "zz", "a"]))
    return [ins, again, look, t.size(), _sorted_export(t)], {"look": look}


def _tensors_saver(tf):
    d = tempfile.mkdtemp()
    try:
        out = {}
        g = tf.Graph()
        with g.as_default():
            t = tf.contrib.lookup.MutableHashTable(tf.int64, tf.float64, [0., 0.], name="vt")
            ins = t.insert(tf.constant([1, 2], tf.int64),
                           tf.constant([[1., 2.], [3., 4.]], tf.float64))
            look = t.lookup(tf.constant([2, 1, 3], tf.int64))
            saver = tf.train.Saver()
            out["ops"] = [[o.name, o.type] for o in g.get_operations()]
            with tf.Session() as s:
                s.run(ins)
                path = saver.save(s, os.path.join(d, "m"))
            with tf.Session() as s:
                saver.restore(s, path)
                out["restored"] = s.run([look, t.size()])
        out["checkpoint"] = sorted([n, list(sh)] for n, sh in tf.train.list_variables(path))
        return out
    finally:
        shutil.rmtree(d)


def _err(fn):
    def build(tf):
        return [fn(tf)], {}
    return build


def _partial_insert(tf):
    t = _dense(tf, tf.int64, tf.float32, -1., 0, -1)
    ins = t.insert(tf.constant([3, 0, 4], tf.int64), tf.constant([1., 2., 3.]))
    return [ins, [t.export(), t.size()]], {}


def _grow_before_error(tf):
    t = _dense(tf, tf.int64, tf.float32, -1., 0, -1, buckets=4)
    ins = t.insert(tf.constant([3, 5, 6, -1], tf.int64), tf.constant([1., 2., 3., 4.]))
    return [ins, [t.export(), t.size()]], {}


def _t(tf, **kw):
    args = dict(key_dtype=tf.int64, value_dtype=tf.float32, default_value=-1., empty_key=0,
                deleted_key=-1, initial_num_buckets=8)
    args.update(kw)
    return tf.contrib.lookup.MutableDenseHashTable(**args)


ERRORS = {
    "empty_equals_deleted": lambda tf: _t(tf, deleted_key=0).size(),
    "buckets_not_power_of_2": lambda tf: _t(tf, initial_num_buckets=6).size(),
    "buckets_too_few": lambda tf: _t(tf, initial_num_buckets=2).size(),
    "key_shapes_differ": lambda tf: _t(tf, empty_key=[0, 0], deleted_key=-1).size(),
    "value_rank_2": lambda tf: _t(tf, default_value=[[1.]]).size(),
    "insert_deleted_key": lambda tf: _t(tf).insert(tf.constant([3, -1], tf.int64),
                                                   tf.constant([1., 2.])),
    "lookup_deleted_key": lambda tf: _t(tf).lookup(tf.constant([3, -1], tf.int64)),
    "lookup_empty_key": lambda tf: _t(tf).lookup(tf.constant([0], tf.int64)),
    "remove_empty_key": lambda tf: _t(tf).remove(tf.constant([0], tf.int64)),
    "lookup_rank_2": lambda tf: _t(tf).lookup(tf.constant([[1, 2]], tf.int64)),
    "insert_value_shape": lambda tf: _t(tf).insert(tf.constant([1, 2], tf.int64),
                                                   tf.constant([2., 3., 4.])),
    "insert_rank_2": lambda tf: _t(tf).insert(tf.constant([[1, 2]], tf.int64),
                                              tf.constant([[2., 3.]])),
    "vector_key_suffix": lambda tf: _t(tf, empty_key=[0, 0], deleted_key=[1, 1]).insert(
        tf.constant([1, 2, 3], tf.int64), tf.constant([1., 2., 3.])),
    "vector_value_shape": lambda tf: _t(tf, default_value=[0., 0.]).insert(
        tf.constant([1, 2], tf.int64), tf.constant([1., 2.])),
    "no_kernel": lambda tf: _t(tf, value_dtype=tf.string, default_value="x").size(),
    "tensors_value_rank_2": lambda tf: tf.contrib.lookup.MutableHashTable(
        tf.int64, tf.float32, [[-1., -2.]]).size(),
    "tensors_insert_shape": lambda tf: tf.contrib.lookup.MutableHashTable(
        tf.int64, tf.float32, [-1., -2.]).insert(tf.constant([3], tf.int64),
                                                 tf.constant([1., 2.])),
    "tensors_insert_rank_2_keys": lambda tf: tf.contrib.lookup.MutableHashTable(
        tf.int64, tf.float32, [-1., -2.]).insert(tf.constant([[3]], tf.int64),
                                                 tf.constant([[1., 2.]])),
    "tensors_no_kernel": lambda tf: tf.contrib.lookup.MutableHashTable(
        tf.int64, tf.bool, [False, True]).size(),
    "remove_mutable_hash_table_empty_ok": lambda tf: tf.contrib.lookup.MutableHashTable(
        tf.int64, tf.int64, -1).remove(tf.constant([[1, 2]], tf.int64)),
}

BUILD_ERRORS = {
    "empty_key_rank_2": lambda tf: _t(tf, empty_key=[[0, 0]], deleted_key=[[1, 1]]),
    "remove_list": lambda tf: _t(tf).remove([1]),
    "remove_dtype": lambda tf: _t(tf).remove(tf.constant([1], tf.int32)),
    "remove_scalar": lambda tf: _t(tf).remove(tf.constant(1, tf.int64)),
    "insert_value_dtype": lambda tf: _t(tf).insert(tf.constant([1, 2], tf.int64),
                                                   tf.constant([2, 3])),
    "lookup_key_dtype": lambda tf: _t(tf).lookup(tf.constant([1, 2], tf.int32)),
    "lookup_float_key": lambda tf: _t(tf).lookup([1.5]),
    "vector_key_scalar_lookup": lambda tf: _t(tf, empty_key=[0, 0], deleted_key=[1, 1])
    .lookup(tf.constant(3, tf.int64)),
    "mutable_hash_table_remove_dtype": lambda tf: tf.contrib.lookup.MutableHashTable(
        tf.int64, tf.int64, -1).remove(tf.constant([1])),
}


def _build_error(fn):
    def run(tf):
        g = tf.Graph()
        with g.as_default():
            try:
                fn(tf)
            except Exception as e:  # noqa: BLE001 - the error is the golden
                return _error(e)
        return "no error"
    return run


def _saver(tf):
    """Save a table, restore it into a new session (Saver's op names, the checkpoint's
    names and shapes, the restored buckets)."""
    d = tempfile.mkdtemp()
    try:
        out = {}
        g = tf.Graph()
        with g.as_default():
            t = _dense(tf, tf.string, tf.int64, -1, "", "<del>", buckets=4, name="vocab")
            t2 = _dense(tf, tf.int64, tf.float32, [0., 0.], 0, -1, buckets=4, name="vec",
                        checkpoint=True)
            _dense(tf, tf.int64, tf.int64, 0, 0, -1, name="not_saved", checkpoint=False)
            ins = [t.insert(tf.constant(["a", "b", "c", "d"]),
                            tf.constant([1, 2, 3, 4], tf.int64)),
                   t2.insert(tf.constant([4, 8], tf.int64), tf.constant([[1., 2.], [3., 4.]]))]
            rm = t.remove(tf.constant(["b"]))
            look = [t.lookup(tf.constant(["a", "b", "c", "z"])),
                    t2.lookup(tf.constant([4, 8, 5], tf.int64))]
            saver = tf.train.Saver()
            out["saveables"] = sorted(s.name for s in g.get_collection(
                tf.GraphKeys.SAVEABLE_OBJECTS))
            out["ops"] = [[o.name, o.type] for o in g.get_operations()]
            with tf.Session() as s:
                s.run(ins)
                s.run(rm)
                path = saver.save(s, os.path.join(d, "m"))
                out["before"] = s.run(look)
            with tf.Session() as s:
                out["fresh"] = s.run(look + [t.size()])
                saver.restore(s, path)
                out["restored"] = s.run(look + [t.size(), t2.size(), t.export()])
        out["checkpoint"] = sorted([n, list(sh)] for n, sh in tf.train.list_variables(path))
        return out
    finally:
        shutil.rmtree(d)


CASES = {
    "int64_basic": _int64_basic,
    "experimental": _experimental,
    "string_keys": _string_keys,
    "vector_keys": _vector_keys,
    "vector_values": _vector_values,
    "int32_keys": _int32_keys,
    "bool_values": _bool_values,
    "scalar_insert": _scalar_insert,
    "default_buckets": _default_buckets,
    "collision_after_delete": _collision_after_delete,
    "mutable_hash_table_remove": _mutable_hash_table_remove,
    "partial_insert": _partial_insert,
    "grow_before_error": _grow_before_error,
    "tensors_basic": _tensors_basic,
    "tensors_string_keys": _tensors_string_keys,
}


def cases(tf):
    out = {name: _case(tf, build) for name, build in CASES.items()}
    out.update({"error_" + k: _case(tf, _err(fn)) for k, fn in ERRORS.items()})
    out.update({"build_error_" + k: _build_error(fn)(tf) for k, fn in BUILD_ERRORS.items()})
    out["saver"] = _saver(tf)
    out["tensors_saver"] = _tensors_saver(tf)
    return out


