"""tensorflow.python.util.nest (TF 1.14), also tf.contrib.framework.nest; tf.nest
(flowgrad/nest.py) holds five of its functions. Nested structures of lists, tuples,
namedtuples, mappings and attrs classes; every other value (strings, sets, tensors, None)
is a leaf. Mappings flatten in sorted key order and are rebuilt in their own key order (an
OrderedDict keeps its order). With `expand_composites=True` a SparseTensor is a structure
of its three component tensors (indices, values, dense_shape). The *_up_to functions walk
a second structure only down to a shallow structure's leaves. Errors are TF's classes and
messages.
"""
from __future__ import annotations

import collections.abc

__all__ = ["assert_same_structure", "assert_shallow_structure", "flatten",
           "flatten_dict_items", "flatten_up_to", "flatten_with_joined_string_paths",
           "flatten_with_tuple_paths", "flatten_with_tuple_paths_up_to",
           "get_traverse_shallow_structure", "is_nested", "is_sequence",
           "is_sequence_or_composite", "map_structure", "map_structure_up_to",
           "map_structure_with_paths", "map_structure_with_tuple_paths",
           "map_structure_with_tuple_paths_up_to", "pack_sequence_as", "yield_flat_paths"]


def _sparse_type():
    from .ops.sparse_tensor import SparseTensor  # lazy: tf.nest loads without the ops
    return SparseTensor


def _is_attrs(x):
    return hasattr(type(x), "__attrs_attrs__")


def _is_seq(x):
    """A collections.abc.Sequence other than str / bytes (TF's C++ IsSequence: a range,
    deque or bytearray too)."""
    return isinstance(x, collections.abc.Sequence) and not isinstance(x, (str, bytes))


def _is_nested(x, expand):
    if isinstance(x, collections.abc.Mapping) or _is_seq(x) or _is_attrs(x):
        return True
    return expand and isinstance(x, _sparse_type())


def is_nested(seq):
    """True for a list, tuple, namedtuple, other sequence, mapping or attrs object (not a
    string)."""
    return _is_nested(seq, False)


def is_sequence(o):
    """is_nested's name in tensorflow.python.util.nest / tf.contrib.framework.nest."""
    return _is_nested(o, False)


def _children(x):
    if isinstance(x, collections.abc.Mapping):
        return [x[k] for k in sorted(x)]
    if _is_attrs(x):
        return [getattr(x, a.name) for a in type(x).__attrs_attrs__]
    if _is_seq(x):
        return list(x)
    return [x.indices, x.values, x.dense_shape]   # a SparseTensor's components


def _rebuild(x, items):
    if isinstance(x, collections.abc.Mapping):
        by_key = dict(zip(sorted(x), items))
        if isinstance(x, collections.defaultdict):
            out = collections.defaultdict(x.default_factory)
            out.update((k, by_key[k]) for k in x)
            return out
        return type(x)((k, by_key[k]) for k in x)
    if _is_attrs(x) or hasattr(x, "_fields"):
        return type(x)(*items)
    if isinstance(x, range):
        return list(items)
    if _is_seq(x):
        return type(x)(items)
    return _sparse_type()(*items)


def flatten(structure, expand_composites=False):
    """The leaves of `structure`, depth first (a leaf gives [structure])."""
    if not _is_nested(structure, expand_composites):
        return [structure]
    out = []
    for c in _children(structure):
        out.extend(flatten(c, expand_composites))
    return out



def _keyed_children(x):
    """(key, child) pairs in flatten's order: a mapping's sorted keys, an attrs object's or
    namedtuple's field names, a sequence's indices (TF's nest._yield_sorted_items)."""
    if isinstance(x, collections.abc.Mapping):
        return [(k, x[k]) for k in sorted(x)]
    if _is_attrs(x):
        return [(a.name, getattr(x, a.name)) for a in type(x).__attrs_attrs__]
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return [(f, getattr(x, f)) for f in x._fields]
    if _is_seq(x):
        return list(enumerate(x))
    return [(type(x).__name__, [x.indices, x.values, x.dense_shape])]


def flatten_with_tuple_paths(structure, expand_composites=False):
    """[(path, leaf)] in flatten's order; a path is the tuple of keys (indices, mapping
    keys, field names) leading to the leaf (TF's internal nest.flatten_with_tuple_paths)."""
    return _flat_up_to(structure, structure, _nested_test(expand_composites))


def _pack(structure, flat, i, expand):
    if not _is_nested(structure, expand):
        return flat[i], i + 1
    items = []
    for c in _children(structure):
        v, i = _pack(c, flat, i, expand)
        items.append(v)
    return _rebuild(structure, items), i


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """`flat_sequence` (a list or tuple) shaped like `structure`."""
    if not isinstance(flat_sequence, (list, tuple)) and not (
            isinstance(flat_sequence, collections.abc.Sequence)
            and not isinstance(flat_sequence, (str, bytes))):
        raise TypeError("flat_sequence must be a sequence")
    flat_sequence = list(flat_sequence)
    if not _is_nested(structure, expand_composites):
        if len(flat_sequence) != 1:
            raise ValueError("Structure is a scalar but len(flat_sequence) == %d > 1"
                             % len(flat_sequence))
        return flat_sequence[0]
    n = len(flatten(structure, expand_composites))
    if n != len(flat_sequence):
        raise ValueError("Could not pack sequence. Structure had %d elements, but "
                         "flat_sequence had %d elements.  Structure: %s, flat_sequence: %s."
                         % (n, len(flat_sequence), structure, flat_sequence))
    return _pack(structure, flat_sequence, 0, expand_composites)[0]


def not_same_structure_message(nest1, nest2, detail):
    """The C++ AssertSameStructure's message: both structures, then `detail`."""
    return ("The two structures don't have the same nested structure.\n\n"
            "First structure: %s\n\nSecond structure: %s\n\nMore specifically: %s"
            % (_show(nest1), _show(nest2), detail))


def _show(x):
    return "type=%s str=%s" % (type(x).__name__, x)


class _Dot:
    def __repr__(self):
        return "."


def structure_difference(a, b, check_types, nested):
    """None when `a` and `b` have one structure, else (error class, TF's detail: the C++
    AssertSameStructure's); `nested(x)` says what is a sequence (tf.nest's or tf.data's)."""
    if nested(a) != nested(b):
        seq, leaf = (a, b) if nested(a) else (b, a)
        return ValueError, ('Substructure "%s" is a sequence, while substructure "%s" is '
                            "not" % (_show(seq), _show(leaf)))
    if not nested(a):
        return None
    both_maps = isinstance(a, collections.abc.Mapping) and isinstance(
        b, collections.abc.Mapping)
    if check_types and type(a) is not type(b) and not both_maps:
        return TypeError, ("The two namedtuples don't have the same sequence type. First "
                           "structure %s has type %s, while second structure %s has type %s"
                           % (_show(a), type(a).__name__, _show(b), type(b).__name__))
    if check_types and both_maps and sorted(a) != sorted(b):   # (TF: keys only then)
        return ValueError, ("The two dictionaries don't have the same set of keys. First "
                            "structure has keys %s, while second structure has keys %s"
                            % (_show(sorted(a)), _show(sorted(b))))
    if len(_children(a)) != len(_children(b)):
        return ValueError, ("The two structures don't have the same number of elements. "
                            "First structure: %s. Second structure: %s" % (_show(a), _show(b)))
    for x, y in zip(_children(a), _children(b)):
        found = structure_difference(x, y, check_types, nested)
        if found:
            return found
    return None


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    """ValueError (TypeError for differing sequence types) unless both structures have
    the same nesting and element counts."""
    found = structure_difference(nest1, nest2, check_types,
                                 lambda x: _is_nested(x, expand_composites))
    if found is None:
        return
    cls, detail = found
    dots = [str(map_structure(lambda _: _Dot(), s, expand_composites=expand_composites))
            for s in (nest1, nest2)]
    raise cls("%s\nEntire first structure:\n%s\nEntire second structure:\n%s"
              % (not_same_structure_message(nest1, nest2, detail), dots[0], dots[1]))


def map_structure(func, *structure, **kwargs):
    """`func` applied leafwise to structures of one shape (keyword arguments:
    check_types, expand_composites)."""
    if not callable(func):
        raise TypeError("func must be callable, got: %s" % func)
    if not structure:
        raise ValueError("Must provide at least one structure")
    check_types = kwargs.pop("check_types", True)
    expand = kwargs.pop("expand_composites", False)
    if kwargs:
        raise ValueError("Only valid keyword arguments are check_types and "
                         "expand_composites")
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types,
                              expand_composites=expand)
    flats = [flatten(s, expand) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats)],
                            expand_composites=expand)

def is_sequence_or_composite(o):
    """True for what is_sequence accepts and for a composite tensor (a SparseTensor)."""
    return _is_nested(o, True)


def _nested_test(expand_composites):
    return is_sequence_or_composite if expand_composites else is_sequence


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


def _same_namedtuples(a, b):
    return type(a).__name__ == type(b).__name__ and tuple(a._fields) == tuple(b._fields)


def flatten_dict_items(dictionary):
    """{key: value} with every nested key structure flattened against its value's."""
    if not isinstance(dictionary, collections.abc.Mapping):
        raise TypeError("input must be a dictionary")
    out = {}

    def put(key, value):
        if key in out:
            raise ValueError("Could not flatten dictionary: key %s is not unique." % (key,))
        out[key] = value

    for key, value in dictionary.items():
        if not is_sequence(key):
            put(key, value)
            continue
        keys, values = flatten(key), flatten(value)
        if len(keys) != len(values):
            raise ValueError("Could not flatten dictionary. Key had %d elements, but value "
                             "had %d elements. Key: %s, value: %s."
                             % (len(keys), len(values), keys, values))
        for k, v in zip(keys, values):
            put(k, v)
    return out


def _type_error(input_tree, shallow_tree):
    return TypeError("The two structures don't have the same sequence type. Input structure "
                     "has type %s, while shallow structure has type %s."
                     % (type(input_tree), type(shallow_tree)))


def assert_shallow_structure(shallow_tree, input_tree, check_types=True,
                             expand_composites=False, check_subtrees_length=True):
    """Raises unless `input_tree` has `shallow_tree`'s structure down to shallow_tree's
    leaves (which may stand for whole subtrees of input_tree)."""
    nested = _nested_test(expand_composites)
    if not nested(shallow_tree):
        return
    if not nested(input_tree):
        raise TypeError("If shallow structure is a sequence, input must also be a "
                        "sequence. Input has type: %s." % type(input_tree))
    both_maps = (isinstance(shallow_tree, collections.abc.Mapping)
                 and isinstance(input_tree, collections.abc.Mapping))
    if check_types and not isinstance(input_tree, type(shallow_tree)):
        if _is_namedtuple(shallow_tree) and _is_namedtuple(input_tree):
            if not _same_namedtuples(shallow_tree, input_tree):
                raise _type_error(input_tree, shallow_tree)
        elif not both_maps:
            raise _type_error(input_tree, shallow_tree)
    sparse = _sparse_type()
    if isinstance(shallow_tree, sparse):
        if not isinstance(input_tree, sparse):
            raise TypeError("If shallow structure is a CompositeTensor, input must also be "
                            "a CompositeTensor.  Input has type: %s." % type(input_tree))
    elif check_subtrees_length and len(input_tree) != len(shallow_tree):
        raise ValueError("The two structures don't have the same sequence length. Input "
                         "structure has length %d, while shallow structure has length %d."
                         % (len(input_tree), len(shallow_tree)))
    elif len(input_tree) < len(shallow_tree):
        raise ValueError("The input_tree has fewer elements than the shallow_tree. Input "
                         "structure has length %d, while shallow structure has length %d."
                         % (len(input_tree), len(shallow_tree)))
    if isinstance(shallow_tree, collections.abc.Mapping):
        absent = set(shallow_tree) - set(input_tree)
        if absent:
            raise ValueError("The shallow_tree's keys are not a subset of the input_tree's "
                             "keys. The shallow_tree has the following keys that are not in "
                             "the input_tree: %s." % (sorted(absent),))
    for s, i in zip(_keyed_children(shallow_tree), _keyed_children(input_tree)):
        assert_shallow_structure(s[1], i[1], check_types=check_types,
                                 expand_composites=expand_composites,
                                 check_subtrees_length=check_subtrees_length)


def _flat_up_to(shallow_tree, input_tree, nested, path=()):
    """[(path, subtree of input_tree)] at shallow_tree's leaves; children are matched by
    key (index, mapping key, field name), as TF's _yield_flat_up_to matches them."""
    if not nested(shallow_tree):
        return [(path, input_tree)]
    by_key = dict(_keyed_children(input_tree))
    out = []
    for key, sub in _keyed_children(shallow_tree):
        out.extend(_flat_up_to(sub, by_key[key], nested, path + (key,)))
    return out


def flatten_with_tuple_paths_up_to(shallow_tree, input_tree, check_types=True,
                                   expand_composites=False, check_subtrees_length=True):
    """[(tuple path, subtree)] of `input_tree` at `shallow_tree`'s leaves."""
    assert_shallow_structure(shallow_tree, input_tree, check_types=check_types,
                             expand_composites=expand_composites,
                             check_subtrees_length=check_subtrees_length)
    return _flat_up_to(shallow_tree, input_tree, _nested_test(expand_composites))


def flatten_up_to(shallow_tree, input_tree, check_types=True, expand_composites=False,
                  check_subtrees_length=True):
    """The subtrees of `input_tree` at `shallow_tree`'s leaves, in flatten's order."""
    return [v for _, v in flatten_with_tuple_paths_up_to(
        shallow_tree, input_tree, check_types, expand_composites, check_subtrees_length)]


def map_structure_with_tuple_paths_up_to(shallow_tree, func, *inputs, **kwargs):
    """func(path, *subtrees) at `shallow_tree`'s leaves, packed as shallow_tree; keyword
    arguments other than check_types / expand_composites / check_subtrees_length go to
    func, as in TF."""
    if not inputs:
        raise ValueError("Cannot map over no sequences")
    check_types = kwargs.pop("check_types", True)
    expand = kwargs.pop("expand_composites", False)
    check_lengths = kwargs.pop("check_subtrees_length", True)
    for tree in inputs:
        assert_shallow_structure(shallow_tree, tree, check_types=check_types,
                                 expand_composites=expand,
                                 check_subtrees_length=check_lengths)
    flats = [flatten_up_to(shallow_tree, tree, check_types, expand_composites=expand,
                           check_subtrees_length=check_lengths) for tree in inputs]
    paths = [p for p, _ in _flat_up_to(shallow_tree, inputs[0], _nested_test(expand))]
    results = [func(*args, **kwargs) for args in zip(paths, *flats)]
    return pack_sequence_as(shallow_tree, results, expand_composites=expand)


def map_structure_up_to(shallow_tree, func, *inputs, **kwargs):
    """func(*subtrees) at `shallow_tree`'s leaves, packed as shallow_tree."""
    return map_structure_with_tuple_paths_up_to(
        shallow_tree, lambda _, *values: func(*values), *inputs, **kwargs)


def map_structure_with_tuple_paths(func, *structure, **kwargs):
    """func(tuple path, *leaves) over structures of one shape."""
    return map_structure_with_tuple_paths_up_to(structure[0], func, *structure, **kwargs)


def map_structure_with_paths(func, *structure, **kwargs):
    """func("a/0/b" path, *leaves) over structures of one shape."""
    def with_string_path(path, *values, **kw):
        return func("/".join(str(p) for p in path), *values, **kw)
    return map_structure_with_tuple_paths_up_to(structure[0], with_string_path,
                                                *structure, **kwargs)


def get_traverse_shallow_structure(traverse_fn, structure, expand_composites=False):
    """A shallow structure of bools: where traverse_fn(subtree) says True, go deeper."""
    nested = _nested_test(expand_composites)
    to_traverse = traverse_fn(structure)
    if not nested(structure):
        if not isinstance(to_traverse, bool):
            raise TypeError("traverse_fn returned structure: %s for non-structure: %s"
                            % (to_traverse, structure))
        return to_traverse
    branches = [c for _, c in _keyed_children(structure)]
    if isinstance(to_traverse, bool):
        if not to_traverse:
            return False
        level = [get_traverse_shallow_structure(traverse_fn, b,
                                                expand_composites=expand_composites)
                 for b in branches]
    elif not nested(to_traverse):
        raise TypeError("traverse_fn returned a non-bool scalar: %s for input: %s"
                        % (to_traverse, structure))
    else:
        assert_shallow_structure(to_traverse, structure,
                                 expand_composites=expand_composites)
        level = []
        for (_, t), b in zip(_keyed_children(to_traverse), branches):
            if not isinstance(t, bool):
                raise TypeError("traverse_fn didn't return a depth=1 structure of bools.  "
                                "saw: %s  for structure: %s" % (to_traverse, structure))
            # (TF recurses here without expand_composites)
            level.append(get_traverse_shallow_structure(traverse_fn, b) if t else False)
    return _rebuild(structure, level)


def yield_flat_paths(nest, expand_composites=False):
    """A generator of flatten's leaves' tuple paths."""
    for path, _ in _flat_up_to(nest, nest, _nested_test(expand_composites)):
        yield path


def flatten_with_joined_string_paths(structure, separator="/", expand_composites=False):
    """[("a/0/b", leaf)] in flatten's order."""
    return [(separator.join(str(p) for p in path), leaf)
            for path, leaf in flatten_with_tuple_paths(structure, expand_composites)]
