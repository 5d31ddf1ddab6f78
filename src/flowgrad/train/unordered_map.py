"""The iteration order of a C++ `std::unordered_map<std::string, ...>` (libstdc++, as TF
1.14's binaries use it), for the dicts TF builds by walking one.

`CheckpointReader.get_variable_to_shape_map()` (and `..._dtype_map`) in TF 1.14 are
Python dicts filled from such a map, which TF fills with a V2 checkpoint's keys in sorted
order; a script that prints the dict or iterates it sees this order, not the sorted one:

>>> unordered_map_order(["a", "b", "c"])
['c', 'b', 'a']

The model: std::hash<std::string> (libstdc++'s _Hash_bytes, 64-bit), buckets from the
prime rehash policy (max load factor 1, first allocation for 11 elements, growth x2), and
the hashtable's single list: a key whose bucket is empty goes to the front of the list;
otherwise in front of its bucket's first key. A rehash re-inserts the list in order.
"""
from __future__ import annotations

from ..engine.framework.libstdcxx import next_bucket_count

_M64 = (1 << 64) - 1
_MUL = ((0xc6a4a793 << 32) + 0x5bd1e995) & _M64
_SEED = 0xc70f6907



def _shift_mix(v):
    return v ^ (v >> 47)


def cxx_string_hash(data: bytes) -> int:
    """libstdc++'s std::hash<std::string> of `data` (_Hash_bytes with its seed, 64-bit)."""
    n = len(data)
    h = (_SEED ^ (n * _MUL)) & _M64
    aligned = n & ~7
    for i in range(0, aligned, 8):
        d = (_shift_mix((int.from_bytes(data[i:i + 8], "little") * _MUL) & _M64) * _MUL) & _M64
        h = ((h ^ d) * _MUL) & _M64
    if n & 7:
        h = ((h ^ int.from_bytes(data[aligned:], "little")) * _MUL) & _M64
    return _shift_mix((_shift_mix(h) * _MUL) & _M64)


def unordered_map_order(keys) -> list:
    """`keys` (str or bytes; distinct) in the order an unordered_map<string> they were
    inserted into, in this order, iterates them."""
    hashes = [cxx_string_hash(k.encode() if isinstance(k, str) else bytes(k)) for k in keys]
    nxt = {}          # node -> next node (None ends the list); node = index into keys
    head = None       # _M_before_begin._M_nxt
    before = {}       # bucket -> the node before its first node (-1: before_begin)
    n_buckets, next_resize = 1, 0

    def link(i, n):
        nonlocal head
        b = hashes[i] % n
        prev = before.get(b)
        if prev is None:    # empty bucket: to the front of the list
            nxt[i] = head
            if head is not None:
                before[hashes[head] % n] = i
            head = i
            before[b] = -1
        elif prev == -1:    # in front of the bucket's first node (the list's head)
            nxt[i] = head
            head = i
        else:
            nxt[i] = nxt[prev]
            nxt[prev] = i

    for count, i in enumerate(range(len(keys))):
        if count + 1 > next_resize:     # _M_need_rehash
            min_buckets = max(count + 1, 0 if next_resize else 11)
            if min_buckets >= n_buckets:
                n_buckets = next_bucket_count(max(min_buckets + 1, n_buckets * 2))
                next_resize = n_buckets
                order, node = [], head
                while node is not None:
                    order.append(node)
                    node = nxt[node]
                head, before, nxt = None, {}, {}
                for j in order:
                    link(j, n_buckets)
            else:
                next_resize = n_buckets
        link(i, n_buckets)
    out, node = [], head
    while node is not None:
        out.append(keys[node])
        node = nxt[node]
    return out
