"""tf.nest under TF 1.14 (nest.json) and flowgrad (tests/test_nest.py): flatten, is_nested,
pack_sequence_as, map_structure and assert_same_structure over lists, tuples, namedtuples,
dicts, OrderedDicts, leaves and SparseTensors (expand_composites); values as repr strings,
errors as class and message (the structure errors in full). Valid Python 3.7."""
import collections

P = collections.namedtuple("P", "b a")


def rec(f):
    try:
        return repr(f())
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])


def full_error(f):
    try:
        f()
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, e)


def build(tf):
    nest = tf.nest
    od = collections.OrderedDict([("z", 1), ("a", 2)])
    out = {}
    out["flat_dict"] = rec(lambda: nest.flatten({"b": 1, "a": [2, (3, 4)], "c": None}))
    out["flat_nt"] = rec(lambda: nest.flatten(P(b=1, a=(2, 3))))
    out["flat_od"] = rec(lambda: nest.flatten(od))
    out["flat_str"] = rec(lambda: nest.flatten("abc"))
    out["flat_leaf"] = rec(lambda: nest.flatten(5))
    out["flat_none"] = rec(lambda: nest.flatten(None))
    out["flat_set"] = rec(lambda: nest.flatten({1, 2}))
    out["is_nested"] = rec(lambda: [nest.is_nested(x) for x in ([], (), {}, "a", 1, None, P(1, 2), od, {1}, b"x")])
    out["pack"] = rec(lambda: nest.pack_sequence_as({"b": 0, "a": [0, (0, 0)]}, [1, 2, 3, 4]))
    out["pack_od"] = rec(lambda: (lambda r: [type(r).__name__, list(r.items())])(
        nest.pack_sequence_as(od, [10, 20])))   # (OrderedDict's repr changed in 3.12)
    out["pack_nt"] = rec(lambda: nest.pack_sequence_as(P(b=0, a=(0, 0)), [7, 8, 9]))
    out["pack_leaf"] = rec(lambda: nest.pack_sequence_as(0, [5]))
    out["pack_bad_count"] = rec(lambda: nest.pack_sequence_as([0, 0], [1]))
    out["pack_leaf_bad"] = rec(lambda: nest.pack_sequence_as(0, [1, 2]))
    out["pack_not_seq"] = rec(lambda: nest.pack_sequence_as([0], 5))
    out["map"] = rec(lambda: nest.map_structure(lambda a, b: a + b, [1, (2, 3)], [10, (20, 30)]))
    out["map_dict"] = rec(lambda: nest.map_structure(lambda a: a * 2, {"x": 1, "y": [2]}))
    out["map_types"] = rec(lambda: nest.map_structure(lambda a, b: a + b, [1, 2], (3, 4)))
    out["map_types_ok"] = rec(lambda: nest.map_structure(lambda a, b: a + b, [1, 2], (3, 4), check_types=False))
    out["map_none"] = rec(lambda: nest.map_structure(lambda a: a))
    out["map_kw"] = rec(lambda: nest.map_structure(lambda a: a, [1], foo=1))
    out["map_notcallable"] = rec(lambda: nest.map_structure(5, [1]))
    out["map_shape"] = rec(lambda: nest.map_structure(lambda a, b: a, [1, 2], [1, [2]]))
    out["same_ok"] = rec(lambda: nest.assert_same_structure([1, (2, 3)], ["a", ("b", "c")]))
    out["same_len"] = rec(lambda: nest.assert_same_structure([1, 2], [1, 2, 3]))
    out["same_type"] = rec(lambda: nest.assert_same_structure([1, 2], (1, 2)))
    out["same_type_off"] = rec(lambda: nest.assert_same_structure([1, 2], (1, 2), check_types=False))
    out["same_keys"] = rec(lambda: nest.assert_same_structure({"a": 1}, {"b": 1}))
    out["same_dict_od"] = rec(lambda: nest.assert_same_structure({"a": 1, "z": 2}, od.__class__([("a", 1), ("z", 2)])))
    out["same_nt"] = rec(lambda: nest.assert_same_structure(P(1, 2), (1, 2)))
    out["same_str"] = rec(lambda: nest.assert_same_structure("ab", [1]))
    g = tf.Graph()
    with g.as_default():
        sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
        out["flat_sparse"] = rec(lambda: [type(t).__name__ for t in nest.flatten([sp, 1])])
        out["flat_sparse_expand"] = rec(lambda: [t.name for t in nest.flatten([sp, 1], expand_composites=True)[:3]])
        out["pack_sparse_expand"] = rec(lambda: type(nest.pack_sequence_as([sp], nest.flatten([sp], expand_composites=True), expand_composites=True)[0]).__name__)
        out["flat_tensor"] = rec(lambda: [t.name for t in nest.flatten((tf.constant(1), [tf.constant(2)]))])
    out["messages"] = [full_error(f) for f in [
        lambda: nest.assert_same_structure([1, 2], [1, 2, 3]),
        lambda: nest.assert_same_structure([1, 2], (1, 2)),
        lambda: nest.assert_same_structure({"a": 1}, {"b": 1}),
        lambda: nest.assert_same_structure("ab", [1]),
        lambda: nest.map_structure(lambda a, b: a, [1, 2], [1, [2]]),
        lambda: nest.assert_same_structure(P(1, (2, 3)), P(1, [2, 3]))]]
    return out


def cases(tf):
    with tf.Graph().as_default():
        return {"nest": build(tf)}
