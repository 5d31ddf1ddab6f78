"""tensorflow.python.util.nest's names beyond tf.nest's five (tf.contrib.framework.nest in
TF 1.14): their signatures, values on nested lists / tuples / dicts / namedtuples /
OrderedDicts, and their errors (class and message). A value is written by `_show` (a
namedtuple as ["nt", name, [[field, value]...]], a mapping as [type name, [[key, value]...]]
in its own key order), so no repr that differs across Python versions is recorded.

Read by tests/test_nest_extra.py.
"""
from __future__ import absolute_import

import collections
import collections.abc
import inspect

import numpy as np

P = collections.namedtuple("P", ["b", "a"])
Q = collections.namedtuple("Q", ["x", "y"])


def _show(x):
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return ["nt", type(x).__name__, [[f, _show(getattr(x, f))] for f in x._fields]]
    if isinstance(x, collections.abc.Mapping):
        return [type(x).__name__, [[repr(k), _show(v)] for k, v in x.items()]]
    if isinstance(x, (list, tuple)):
        return [type(x).__name__, [_show(v) for v in x]]
    if isinstance(x, type(i for i in ())):
        return ["generator", [_show(v) for v in x]]
    return repr(x)


def _run(fn):
    try:
        return _show(fn())
    except (TypeError, ValueError, KeyError, IndexError) as e:
        return e


def _trees():
    od = collections.OrderedDict([("z", 1), ("a", [2, 3])])
    return {
        "list": [1, [2, 3], (4, 5)],
        "dict": {"b": 1, "a": (2, {"d": 3, "c": 4})},
        "nt": P(b=[1, 2], a=Q(x=3, y=(4,))),
        "od": od,
        "mixed": [od, {"k": P(1, 2)}, "s", None],
        "leaf": 7,
    }


def cases(tf):
    nest = tf.contrib.framework.nest
    out = {}
    names = sorted(n for n in dir(nest) if not n.startswith("_")
                   and inspect.isfunction(getattr(nest, n)))
    out["signatures"] = [[n, str(inspect.signature(getattr(nest, n)))] for n in names]
    out["tf_nest_names"] = sorted(n for n in dir(tf.nest) if not n.startswith("_"))
    out["tf_nest_same_functions"] = [getattr(tf.nest, n) is getattr(nest, n)
                                     for n in out["tf_nest_names"]]
    for name, t in sorted(_trees().items()):
        out["paths_" + name] = _run(lambda: nest.flatten_with_tuple_paths(t))
        out["joined_" + name] = _run(lambda: nest.flatten_with_joined_string_paths(t))
        out["joined_sep_" + name] = _run(
            lambda: nest.flatten_with_joined_string_paths(t, separator="."))
        out["yield_" + name] = _run(lambda: nest.yield_flat_paths(t))
        out["is_seq_" + name] = [nest.is_sequence(t), nest.is_sequence_or_composite(t)]
        out["wpaths_" + name] = _run(lambda: nest.map_structure_with_paths(
            lambda p, v, w: (p, v, w), t, t))
        out["wtpaths_" + name] = _run(lambda: nest.map_structure_with_tuple_paths(
            lambda p, v: (p, v), t))
        out["traverse_all_" + name] = _run(
            lambda: nest.get_traverse_shallow_structure(lambda s: True, t))
        out["traverse_nolist_" + name] = _run(lambda: nest.get_traverse_shallow_structure(
            lambda s: not isinstance(s, list), t))
    deep = [[1, 2], {"a": (3, 4), "b": [5]}, P(b=6, a=[7, 8])]
    shallows = {
        "top": [0, 0, 0],
        "mid": [[0, 0], {"a": 0, "b": 0}, P(b=0, a=0)],
        "leaf": 0,
        "sub_keys": [0, {"b": 0}, 0],
    }
    for name, s in sorted(shallows.items()):
        out["up_to_" + name] = _run(lambda: nest.flatten_up_to(s, deep))
        out["up_to_nolen_" + name] = _run(
            lambda: nest.flatten_up_to(s, deep, check_subtrees_length=False))
        out["tpaths_up_to_" + name] = _run(lambda: nest.flatten_with_tuple_paths_up_to(s, deep))
        out["map_up_to_" + name] = _run(lambda: nest.map_structure_up_to(
            s, lambda x, y: [x, y], deep, deep))
        out["map_tpaths_up_to_" + name] = _run(lambda: nest.map_structure_with_tuple_paths_up_to(
            s, lambda p, x: [p, x], deep))
        out["assert_shallow_" + name] = _run(lambda: nest.assert_shallow_structure(s, deep))
    # errors and keyword arguments
    err = {
        "shallow_seq_input_leaf": lambda: nest.assert_shallow_structure([1, 2], 3),
        "shallow_seq_input_str": lambda: nest.flatten_up_to((1, 2), "ab"),
        "types_list_tuple": lambda: nest.flatten_up_to([1, 2], (1, 2)),
        "types_unchecked": lambda: nest.flatten_up_to([1, 2], (1, 2), check_types=False),
        "types_dict_od": lambda: nest.flatten_up_to(
            {"a": 1, "b": 2}, collections.OrderedDict([("b", 3), ("a", 4)])),
        "types_nt_same": lambda: nest.flatten_up_to(
            P(1, 2), collections.namedtuple("P", ["b", "a"])(3, 4)),
        "types_nt_tuple": lambda: nest.flatten_up_to((1, 2), P(3, 4)),
        "length": lambda: nest.flatten_up_to([1, 2], [1, 2, 3]),
        "length_unchecked": lambda: nest.flatten_up_to([1, 2], [1, 2, 3],
                                                       check_subtrees_length=False),
        "fewer": lambda: nest.flatten_up_to([1, 2, 3], [1, 2], check_subtrees_length=False),
        "keys": lambda: nest.flatten_up_to({"a": 1, "c": 2}, {"a": 1, "b": 2}),
        "keys_nolen": lambda: nest.flatten_up_to({"a": 1, "c": 2}, {"a": 1, "b": 2, "d": 3},
                                                 check_subtrees_length=False),
        "map_up_to_none": lambda: nest.map_structure_up_to([1], lambda x: x),
        "map_up_to_kwarg_to_func": lambda: nest.map_structure_up_to(
            [1, 2], lambda x, y: x + y, [10, 20], [1, 2], check_types=False),
        "wtpaths_up_to_func_kwargs": lambda: nest.map_structure_with_tuple_paths_up_to(
            [0, 0], lambda p, x, scale: (p, x * scale), [1, 2], scale=3),
        "wpaths_func_kwargs": lambda: nest.map_structure_with_paths(
            lambda p, x, scale: (p, x * scale), {"a": [1]}, scale=2),
        "wpaths_mismatch": lambda: nest.map_structure_with_paths(
            lambda p, x, y: x, [1, 2], [1, [2]]),
        "traverse_leaf_nonbool": lambda: nest.get_traverse_shallow_structure(
            lambda s: 1, 5),
        "traverse_nonbool_scalar": lambda: nest.get_traverse_shallow_structure(
            lambda s: 1, [1, 2]),
        "traverse_structure": lambda: nest.get_traverse_shallow_structure(
            lambda s: [True, False] if isinstance(s, list) else True, [(1, 2), (3, 4)]),
        "traverse_not_depth1": lambda: nest.get_traverse_shallow_structure(
            lambda s: [[True], False] if isinstance(s, list) else True, [(1, 2), (3, 4)]),
        "traverse_mismatch": lambda: nest.get_traverse_shallow_structure(
            lambda s: [True] if isinstance(s, list) else True, [(1, 2), (3, 4)]),
        "traverse_false": lambda: nest.get_traverse_shallow_structure(
            lambda s: False, {"a": [1]}),
        "dict_items": lambda: nest.flatten_dict_items(
            {(1, (2, 3)): ("a", ("b", "c")), 4: "d"}),
        "dict_items_not_dict": lambda: nest.flatten_dict_items([1, 2]),
        "dict_items_count": lambda: nest.flatten_dict_items({(1, 2): ("a",)}),
        "dict_items_dup": lambda: nest.flatten_dict_items({(1, 2): ("a", "b"), 1: "c"}),
        "dict_items_dup_nested": lambda: nest.flatten_dict_items({(1, 1): ("a", "b")}),
        "is_seq_str": lambda: [nest.is_sequence("ab"), nest.is_sequence_or_composite(b"x")],
        "is_seq_set": lambda: [nest.is_sequence({1}), nest.is_sequence_or_composite({1})],
    }
    for name, fn in sorted(err.items()):
        out["err_" + name] = _run(fn)

    def sparse():
        st = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
        return [nest.is_sequence(st), nest.is_sequence_or_composite(st),
                [p for p, _ in nest.flatten_with_tuple_paths([st], expand_composites=True)],
                list(nest.yield_flat_paths({"s": st}, expand_composites=True)),
                list(nest.yield_flat_paths({"s": st}))]
    out["sparse_paths"] = _run(sparse)
    out.update(_py_func_cases(tf))
    for name, x in [("range", range(3)), ("deque", collections.deque([1, [2, 3]])),
                    ("bytearray", bytearray(b"ab")), ("set", {1}), ("ndarray", np.arange(2))]:
        out["seq_kind_" + name] = _run(lambda: [
            nest.is_sequence(x), nest.flatten(x), nest.flatten_with_tuple_paths(x),
            nest.map_structure(lambda v: v, x), nest.pack_sequence_as(x, nest.flatten(x))])
    return out


def _py_func_cases(tf):
    """tf.contrib.framework.py_func checks output_shapes with nest.map_structure_up_to."""
    out = {}
    types = {"a": tf.float32, "b": [tf.int32, tf.float32]}

    def fn(x):
        return {"a": x, "b": [np.int32(1), np.float32(2)]}
    shapes = {
        "ok": {"a": [2], "b": [[], None]},
        "keys": {"a": [2], "c": [[], None]},
        "length": {"a": [2], "b": [[], None, []]},
        "leaf_for_list": {"a": [2], "b": 3},
    }
    for name, s in sorted(shapes.items()):
        with tf.Graph().as_default():
            def build():
                res = tf.contrib.framework.py_func(fn, [tf.constant([1.0, 2.0])],
                                                   output_types=types, output_shapes=s)
                return tf.contrib.framework.nest.map_structure(
                    lambda t: [t.dtype.name, str(t.shape)], res)
            out["py_func_shapes_" + name] = _run(build)
    return out
