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

import bisect

_M64 = (1 << 64) - 1
_MUL = ((0xc6a4a793 << 32) + 0x5bd1e995) & _M64
_SEED = 0xc70f6907

# libstdc++'s __prime_list, as far as a checkpoint's variable count needs it
_PRIMES = (
    2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83,
    89, 97, 103, 109, 113, 127, 137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257,
    277, 293, 313, 337, 359, 383, 409, 439, 467, 503, 541, 577, 619, 661, 709, 761, 823,
    887, 953, 1031, 1109, 1193, 1289, 1381, 1493, 1613, 1741, 1879, 2029, 2179, 2357, 2549,
    2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087, 5503, 5953, 6427, 6949, 7517,
    8123, 8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173, 16411, 17749, 19183, 20753,
    22447, 24281, 26267, 28411, 30727, 33223, 35933, 38873, 42043, 45481, 49201, 53201,
    57557, 62233, 67307, 72817, 78779, 85229, 92203, 99733, 107897, 116731, 126271, 136607,
    147793, 159871, 172933, 187091, 202409, 218971, 236897, 256279, 277261, 299951, 324503,
    351061, 379787, 410857, 444487, 480881, 520241, 562841, 608903, 658753, 712697, 771049,
    834181, 902483, 976369, 1056323, 1142821, 1236397, 1337629, 1447153, 1565659, 1693859,
    1832561, 1982627, 2144977, 2320627, 2510653, 2716249, 2938679, 3179303, 3439651,
    3721303, 4026031, 4355707, 4712381, 5098259, 5515729, 5967347, 6456007, 6984629,
    7556579, 8175383, 8844859, 9569143, 10352717, 11200489, 12117689, 13109983, 14183539,
    15345007, 16601593, 17961079, 19431899, 21023161, 22744717, 24607243, 26622317,
    28802401, 31160981, 33712729, 36473443, 39460231, 42691603, 46187573, 49969847,
    54061849, 58488943, 63278561, 68460391, 74066549, 80131819, 86693767, 93793069,
    101473717, 109783337, 118773397, 128499677, 139022417, 150406843, 162723577,
    176048909, 190465427, 206062531, 222936881, 241193053, 260944219, 282312799,
    305431229, 330442829, 357502601, 386778277, 418451333, 452718089, 489790921,
    529899637, 573292817, 620239453, 671030513, 725980837, 785430967, 849749479,
    919334987, 994618837, 1076067617, 1164186217, 1259520799, 1362662261, 1474249943,
    1594975441, 1725587117, 1866894511, 2019773507, 2185171673, 2364114217, 2557710269,
    2767159799, 2993761039, 3238918481, 3504151727, 3791104843, 4101556399, 4294967291)


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


def _next_bucket_count(n):
    i = bisect.bisect_left(_PRIMES, n)
    return _PRIMES[min(i, len(_PRIMES) - 1)]


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
                n_buckets = _next_bucket_count(max(min_buckets + 1, n_buckets * 2))
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
