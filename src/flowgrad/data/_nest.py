"""tf.data's nested structures: tuples (and namedtuples) and dicts (sorted keys) nest;
everything else, lists included, is one component (TF converts lists to tensors), and
so is a SparseTensorValue (a namedtuple TF's tf.data nest keeps whole)."""
from __future__ import annotations

from ..util_nest import not_same_structure_message, structure_difference
from ..ops.sparse_tensor import SparseTensorValue

__all__ = ["flatten", "flatten_up_to", "pack", "map_structure", "is_nested",
           "assert_same_structure"]


def is_nested(s):
    return isinstance(s, (tuple, dict)) and not isinstance(s, SparseTensorValue)


def flatten(s):
    if isinstance(s, dict):
        return [x for k in sorted(s) for x in flatten(s[k])]
    if isinstance(s, tuple) and not isinstance(s, SparseTensorValue):
        return [x for v in s for x in flatten(v)]
    return [s]


def _pack(structure, flat, i):
    if isinstance(structure, dict):
        out = {}
        for k in sorted(structure):
            out[k], i = _pack(structure[k], flat, i)
        return type(structure)((k, out[k]) for k in structure) if type(structure) is not dict \
            else {k: out[k] for k in structure}, i
    if isinstance(structure, tuple) and not isinstance(structure, SparseTensorValue):
        vals = []
        for v in structure:
            x, i = _pack(v, flat, i)
            vals.append(x)
        if hasattr(structure, "_fields"):
            return type(structure)(*vals), i
        return tuple(vals), i
    return flat[i], i + 1


def pack(structure, flat):
    """`flat` (as `flatten` orders it) rebuilt in the shape of `structure`."""
    flat = list(flat)
    out, n = _pack(structure, flat, 0)
    if n != len(flat):
        raise ValueError(f"Could not pack sequence. Structure had {n} elements, but flat_sequence "
                         f"had {len(flat)} elements.")
    return out


def map_structure(fn, *structures):
    flats = [flatten(s) for s in structures]
    n = len(flats[0])
    for f in flats[1:]:
        if len(f) != n:
            raise ValueError("The two structures don't have the same number of elements.")
    return pack(structures[0], [fn(*xs) for xs in zip(*flats)])


def assert_same_structure(a, b, check_types=True):
    """TF's ValueError (a TypeError for differing sequence types) unless `a` and `b` nest
    the same way, with its message (AssertSameStructureForData: lists are leaves here)."""
    found = structure_difference(a, b, check_types, is_nested)
    if found is not None:
        cls, detail = found
        raise cls(not_same_structure_message(a, b, detail))


def flatten_up_to(shallow, value):
    """`value` flattened as far as `shallow` nests (deeper parts stay whole), checked as
    TF's assert_shallow_structure: a TypeError or ValueError with its message."""
    if not is_nested(shallow):
        return [value]
    if not is_nested(value):
        raise TypeError("If shallow structure is a sequence, input must also be a sequence. "
                        f"Input has type: {type(value)}.")
    if not isinstance(value, type(shallow)):
        raise TypeError("The two structures don't have the same sequence type. Input "
                        f"structure has type {type(value)}, while shallow structure has type "
                        f"{type(shallow)}.")
    if len(value) != len(shallow):
        raise ValueError("The two structures don't have the same sequence length. Input "
                         f"structure has length {len(value)}, while shallow structure has "
                         f"length {len(shallow)}.")
    if isinstance(shallow, dict):
        if set(value) != set(shallow):
            raise ValueError("The two structures don't have the same keys. Input structure "
                             f"has keys {list(value)}, while shallow structure has keys "
                             f"{list(shallow)}.")
        pairs = [(shallow[k], value[k]) for k in sorted(shallow)]
    else:
        pairs = list(zip(shallow, value))
    return [x for s, v in pairs for x in flatten_up_to(s, v)]
