"""TF's `nest` for the functional ops and RNNs: nested lists, tuples, namedtuples and dicts
(dicts flatten in sorted key order), everything else a leaf."""
from __future__ import annotations

__all__ = ["assert_same_structure", "flatten", "is_sequence", "map_structure",
           "pack_sequence_as"]

from .. import nest as _public_nest


def is_sequence(x) -> bool:
    """True for the containers nest walks (list, tuple, namedtuple, dict)."""
    return isinstance(x, (list, tuple, dict))


def _children(x):
    if isinstance(x, dict):
        return [x[k] for k in sorted(x)]
    return list(x)


def flatten(x) -> list:
    """The leaves of `x`, depth first (a leaf gives [x])."""
    if not is_sequence(x):
        return [x]
    out = []
    for c in _children(x):
        out.extend(flatten(c))
    return out


def _rebuild(x, items):
    if isinstance(x, dict):
        return type(x)((k, v) for k, v in zip(sorted(x), items))
    if hasattr(x, "_fields"):
        return type(x)(*items)
    return type(x)(items)


def _pack(structure, flat, i):
    if not is_sequence(structure):
        return flat[i], i + 1
    items = []
    for c in _children(structure):
        v, i = _pack(c, flat, i)
        items.append(v)
    return _rebuild(structure, items), i


def pack_sequence_as(structure, flat_sequence):
    """`flat_sequence` shaped like `structure`."""
    flat_sequence = list(flat_sequence)
    n = len(flatten(structure))
    if n != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {n} elements, but "
                         f"flat_sequence had {len(flat_sequence)} elements.  Structure: "
                         f"{structure}, flat_sequence: {flat_sequence}.")
    if not is_sequence(structure):
        return flat_sequence[0]
    return _pack(structure, flat_sequence, 0)[0]


def _same(a, b, check_types):
    if is_sequence(a) != is_sequence(b):
        return "structure"
    if not is_sequence(a):
        return None
    if check_types and type(a) is not type(b) and not (
            isinstance(a, dict) and isinstance(b, dict)):
        return "type"
    if len(a) != len(b):
        return "structure"
    if isinstance(a, dict) and sorted(a) != sorted(b):
        return "keys"
    for x, y in zip(_children(a), _children(b)):
        why = _same(x, y, check_types)
        if why:
            return why
    return None


def assert_same_structure(nest1, nest2, check_types=True):
    """Raises ValueError (TypeError for differing sequence types) unless both match, with
    TF's message (tf.nest's: both structures, the difference, their outlines)."""
    why = _same(nest1, nest2, check_types)
    if why:
        _public_nest.assert_same_structure(nest1, nest2, check_types=check_types)
    if why == "type":
        raise TypeError("The two structures don't have the same sequence type. First "
                        f"structure has type {type(nest1)}, while second structure has type "
                        f"{type(nest2)}.")
    if why:
        raise ValueError("The two structures don't have the same nested structure.\n\n"
                         f"First structure: {nest1}\n\nSecond structure: {nest2}")


def map_structure(func, *structure, **kwargs):
    """`func` applied leafwise to structures of one shape."""
    check_types = kwargs.pop("check_types", True)
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types)
    flats = [flatten(s) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats)])
