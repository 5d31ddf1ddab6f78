"""TF 1.14's legacy 64-bit hashes (core/lib/hash/hash.{h,cc}) and FunctionDefHash
(core/framework/function.cc), which names a Defun defined without func_name:
`<name>_<base64 of the hash>` (GraphToFunctionDef's append_hash_to_fn_name)."""
from __future__ import annotations

import base64

import numpy as np

__all__ = ["flat_map_order", "function_def_hash", "hash64", "hash64_combine", "hash_suffix"]

_M = (1 << 64) - 1


def hash64(s: bytes, seed: int = 0xDECAFCAFFE) -> int:
    """TF's Hash64 (a MurmurHash64A variant)."""
    m = 0xC6A4A7935BD1E995
    n = len(s)
    h = (seed ^ (n * m)) & _M
    full = n - n % 8
    for i in range(0, full, 8):
        k = int.from_bytes(s[i:i + 8], "little")
        k = (k * m) & _M
        k ^= k >> 47
        k = (k * m) & _M
        h ^= k
        h = (h * m) & _M
    rest = s[full:]
    if rest:
        for j in range(len(rest) - 1, -1, -1):
            h ^= rest[j] << (8 * j)
        h = (h * m) & _M
    h ^= h >> 47
    h = (h * m) & _M
    h ^= h >> 47
    return h


def hash64_combine(a: int, b: int) -> int:
    """TF's Hash64Combine(a, b)."""
    return (a ^ (b + 0x9E3779B97F4A7800 + ((a << 10) & _M) + (a >> 4))) & _M


def _str_hash(s: str, h: int) -> int:
    return hash64(s.encode(), h)


def _attr_value_hash(av, tensor_proto) -> int:
    """TF's AttrValueHash: a tensor as its tensor_content form (AsProtoTensorContent), a
    function as its name and its attrs (by key), anything else its deterministic
    serialization (a `_make_dataset` factory whose dataset ops name traced functions:
    checked against TF 1.14's names)."""
    if av.HasField("tensor"):
        t = tensor_proto(av.tensor)
        return hash64(t.SerializeToString(deterministic=True))
    if av.HasField("func"):
        h = hash64(av.func.name.encode())
        for k in sorted(av.func.attr):
            h = _str_hash(k, h)
            h = hash64_combine(_attr_value_hash(av.func.attr[k], tensor_proto), h)
        return h
    return hash64(av.SerializeToString(deterministic=True))


def _node_hash(node, tensor_proto) -> int:
    """equal_graph_def.cc's NodeDefHash (internal `_` attrs left out)."""
    h = hash64(node.name.encode())
    h = _str_hash(node.op, h)
    h = _str_hash(node.device, h)
    controls = sorted(i for i in node.input if i.startswith("^"))
    for i in node.input:
        if i.startswith("^"):
            break
        h = _str_hash(i, h)
    for i in controls:
        h = _str_hash(i, h)
    for k in sorted(node.attr):
        if k.startswith("_"):
            continue
        h = _str_hash(k, h)
        h = hash64_combine(_attr_value_hash(node.attr[k], tensor_proto), h)
    return h


def function_def_hash(fdef, tensor_proto) -> int:
    """TF's FunctionDefHash of `fdef`; tensor_proto(TensorProto) -> the same tensor in
    tensor_content form (the attrs' tensors are hashed in that form)."""
    sig = type(fdef.signature)()
    sig.CopyFrom(fdef.signature)
    h = 0xDECAFCAFFE   # RepeatedAttrDefHash
    for a in sorted(sig.attr, key=lambda a: a.name):
        h = _str_hash(a.name, h)
        h = hash64_combine(hash64(a.SerializeToString(deterministic=True)), h)
    for co in sorted(sig.control_output):
        h = hash64_combine(h, hash64(co.encode()))
    del sig.attr[:]
    del sig.control_output[:]
    h = hash64(sig.SerializeToString(deterministic=True), h)   # OpDefHash
    for k in sorted(fdef.attr):
        h = _str_hash(k, h)
        h = hash64_combine(_attr_value_hash(fdef.attr[k], tensor_proto), h)
    nodes = 0xDECAFCAFFE   # RepeatedNodeDefHash
    for node in sorted(fdef.node_def, key=lambda n: n.name):
        nodes = _str_hash(node.name, nodes)
        nodes = hash64_combine(_node_hash(node, tensor_proto), nodes)
    h = hash64_combine(nodes, h)
    for k in sorted(fdef.ret):
        h = _str_hash(fdef.ret[k], _str_hash(k, h))
    for k in sorted(fdef.control_ret):
        h = _str_hash(fdef.control_ret[k], _str_hash(k, h))
    return h


def hash_suffix(h: int) -> str:
    """The name suffix TF makes of a hash: web-safe base64 of its 8 little-endian bytes,
    unpadded, '-' and '_' replaced by 'a' and 'A'."""
    enc = base64.urlsafe_b64encode(int(h).to_bytes(8, "little")).decode().rstrip("=")
    return enc.replace("-", "a").replace("_", "A")


def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def content_form(t, proto_module, array):
    """`t` (a TensorProto) as Tensor::AsProtoTensorContent writes it, from its array."""
    out = proto_module.TensorProto(dtype=t.dtype)
    out.tensor_shape.CopyFrom(t.tensor_shape)
    out.tensor_shape.SetInParent()
    arr = np.asarray(array)
    if arr.dtype.kind in "OSU":   # (port::EncodeStringList: the varint lengths, the bytes)
        items = [x if isinstance(x, bytes) else str(x).encode()
                 for x in arr.reshape(-1).tolist()]
        out.tensor_content = b"".join(_varint(len(x)) for x in items) + b"".join(items)
    else:
        out.tensor_content = np.ascontiguousarray(arr).tobytes()
    return out


def flat_map_order(keys) -> list:
    """The iteration order of TF's gtl::FlatMap<string, ...> (core/lib/gtl/flatrep.h)
    after inserting `keys` in order: open addressing over buckets of 8 slots, the slot
    index (Hash64(key) >> 8) & mask, quadratic probing, grown (rehashed in slot order)
    when 80% full."""
    width = 8

    def table(n):
        lg = 0
        while n >= 0.8 * ((1 << lg) * width):
            lg += 1
        cap = (1 << lg) * width
        return [None] * cap, int(cap * 0.8)

    def place(slots, k):
        mask = len(slots) - 1
        i = (hash64(k.encode()) >> 8) & mask
        probes = 1
        while slots[i] is not None and slots[i] != k:
            i = (i + probes) & mask
            probes += 1
        return i

    slots, grow = table(1)
    used = 0
    for k in keys:
        if used >= grow:
            old = [x for x in slots if x is not None]
            slots, grow = table(len(old) + 1)
            for x in old:
                slots[place(slots, x)] = x
        i = place(slots, k)
        if slots[i] is None:
            slots[i] = k
            used += 1
    return [x for x in slots if x is not None]
