"""`tf.nest` (TF 1.14): nested structures of lists, tuples, namedtuples, mappings and
attrs classes; every other value (strings, sets, tensors, None) is a leaf. Mappings
flatten in sorted key order and are rebuilt in their own key order (an OrderedDict keeps
its order). Also reached as tf.contrib.framework.nest and (under `flowgrad run`)
tensorflow.python.util.nest, with their `is_sequence`. With `expand_composites=True` a
SparseTensor is a structure of its three component tensors (indices, values,
dense_shape). Errors are TF's classes and messages.
"""
from __future__ import annotations

import collections.abc

__all__ = ["assert_same_structure", "flatten", "is_nested", "map_structure",
           "pack_sequence_as"]


def _sparse_type():
    from .ops.sparse_tensor import SparseTensor  # lazy: tf.nest loads without the ops
    return SparseTensor


def _is_attrs(x):
    return hasattr(type(x), "__attrs_attrs__")


def _is_nested(x, expand):
    if isinstance(x, (list, tuple, collections.abc.Mapping)) or _is_attrs(x):
        return True
    return expand and isinstance(x, _sparse_type())


def is_nested(seq):
    """True for a list, tuple, namedtuple, mapping or attrs object (not a string)."""
    return _is_nested(seq, False)


is_sequence = is_nested   # its name in tensorflow.python.util.nest / tf.contrib.framework.nest


def _children(x):
    if isinstance(x, collections.abc.Mapping):
        return [x[k] for k in sorted(x)]
    if _is_attrs(x):
        return [getattr(x, a.name) for a in type(x).__attrs_attrs__]
    if isinstance(x, (list, tuple)):
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
    if isinstance(x, (list, tuple)):
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
    if isinstance(x, (list, tuple)):
        return list(enumerate(x))
    return [(type(x).__name__, [x.indices, x.values, x.dense_shape])]


def flatten_with_tuple_paths(structure, expand_composites=False):
    """[(path, leaf)] in flatten's order; a path is the tuple of keys (indices, mapping
    keys, field names) leading to the leaf (TF's internal nest.flatten_with_tuple_paths)."""
    if not _is_nested(structure, expand_composites):
        return [((), structure)]
    out = []
    for key, child in _keyed_children(structure):
        out.extend(((key,) + path, leaf)
                   for path, leaf in flatten_with_tuple_paths(child, expand_composites))
    return out

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
