"""Batch-at-a-time fast paths of tf.data pipelines over strings (TFRecord files).

* `record_batches`: batch() straight over a file dataset's record lists (no per-record
  0-d arrays): one object array per batch.
* `parse_vectorizer`: map(parse_single_example) followed by batch() runs one
  ParseExample over the batch (TF 1.14 fuses map and batch too: map_and_batch_fusion),
  for specs whose batched result is exactly the stacked per-element results (dense
  FixedLenFeatures). A batch that fails to parse is redone element by element, so errors
  are the per-element ones.
"""
from __future__ import annotations

import itertools

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import const_value
from . import parsing as _parsing

__all__ = ["record_batches", "fused_batches", "parse_vectorizer", "flat_records",
           "is_string_scalar"]


def is_string_scalar(attrs):
    """Whether a dataset op's elements are single scalar strings."""
    types, shapes = attrs.get("output_types") or [], attrs.get("output_shapes") or []
    return len(types) == 1 and len(shapes) == 1 and types[0] is _dt.string and \
        shapes[0].ndims == 0


def flat_records(elements, inner):
    """Record lists of flat_map(inner) over `elements` (each inner dataset's own lists when
    it is a file dataset, else its elements in lists)."""
    for e in elements:
        ds = inner(e)
        if ds.records is not None:
            yield from ds.records()
            continue
        it = ds.iterate()
        while True:
            part = [_item(x) for x in itertools.islice(it, 256)]
            if not part:
                break
            yield part


def flat_spans(elements, inner):
    """`flat_records` as (buf, starts, lens) chunks (a TFRecord dataset's own chunks; the
    records of any other inner dataset joined into a buffer per list)."""
    for e in elements:
        ds = inner(e)
        if ds.spans is not None:
            yield from ds.spans()
            continue
        for recs in flat_records((e,), lambda _: ds):
            recs = [r if type(r) is bytes else bytes(r) for r in recs]
            yield (b"".join(recs),) + _offsets(recs)


def _offsets(recs):
    lens = np.fromiter(map(len, recs), dtype=np.int64, count=len(recs))
    return np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64), lens


def _strings(recs):
    a = np.empty(len(recs), dtype=object)
    a[:] = recs
    return a


def _record_groups(chunks, n):
    """Lists of `n` records (the last may be shorter) from an iterator of record lists."""
    pending = []
    for chunk in chunks:
        if pending:
            take = n - len(pending)
            pending.extend(chunk[:take])
            chunk = chunk[take:]
            if len(pending) < n:
                continue
            yield pending
            pending = []
        full = len(chunk) - len(chunk) % n
        for i in range(0, full, n):
            yield chunk[i:i + n]
        pending = list(chunk[full:])
    if pending:
        yield pending


def record_batches(chunks, n, drop):
    """batch(n) over a file dataset's records: (object array of n records,) per batch."""
    for group in _record_groups(chunks(), n):
        if drop and len(group) < n:
            return
        yield (_strings(group),)


def _item(e):
    return np.asarray(e[0]).reshape(()).item()


def fused_batches(src, n, drop, fn, call, stack):
    """batch(n) of map(call) over the string dataset `src`, computed as fn(records) per
    batch (None or an error: the batch is redone element by element with `call`)."""
    if src.records is not None:
        groups = _record_groups(src.records(), n)
    else:
        it = src.iterate()
        groups = iter(lambda: [_item(e) for e in itertools.islice(it, n)], [])
    for group in groups:
        if drop and len(group) < n:
            return
        try:
            out = fn(group)
        except errors.OpError:
            out = None
        if out is None:
            elems = []
            for rec in group:
                a = np.empty((), dtype=object)
                a[()] = rec
                elems.append(call((a,)))
            out = stack(elems)
        yield out


def _const_input(t):
    """The value of a function-graph tensor made of constants only (Const, Reshape of
    constants), else None."""
    v = const_value(t)
    if v is not None:
        return np.asarray(v)
    op = t._op
    if op.type == "Reshape":
        x, shape = _const_input(op._inputs[0]), _const_input(op._inputs[1])
        if x is None or shape is None:
            return None
        try:
            return x.reshape([int(d) for d in shape.reshape(-1)])
        except ValueError:
            return None
    return None


def parse_vectorizer(info):
    """fn(list of serialized Examples) -> the batched outputs of `info` (a function that is
    one ParseSingleExample of its string argument with dense, fixed-length features and
    constant defaults, its outputs in any order), or None when `info` is not such a
    function."""
    if len(info.args) != 1 or info.inner_captures:
        return None
    ops = info.graph._flowgrad_operations()
    parse = [op for op in ops if op.type == "ParseSingleExample"]
    if len(parse) != 1:
        return None
    op = parse[0]
    attrs = op._attrs
    if attrs["num_sparse"] or any(attrs["var_len"]) or op._inputs[0] is not info.args[0]:
        return None
    defaults = [_const_input(t) for t in op._inputs[1:]]
    if any(d is None for d in defaults):
        return None
    allowed = {"Const", "Reshape", "Placeholder", "ParseSingleExample", "Identity"}
    if any(o.type not in allowed for o in ops):
        return None
    picks = []
    for t in info.outputs:
        while t._op.type == "Identity":
            t = t._op._inputs[0]
        if t._op is not op:
            return None
        picks.append(op._outputs.index(t))
    keys = list(attrs["dense_keys"])
    types = list(attrs["Tdense"])
    shapes = list(attrs["dense_shapes"])

    def run(group):
        ser = np.empty(len(group), dtype=object)
        ser[:] = group
        _, _, _, dense = _parsing.parse_batch(ser, [], [], [], keys, types, shapes, defaults,
                                              [False] * len(keys))
        return tuple(dense[i] for i in picks)
    return run


# -- TFRecordDataset -> batch(n) -> map(parse_example): records parsed in place ------------
def span_groups(chunks, n, drop):
    """batch(n) over a TFRecord dataset's (buf, starts, lens) chunks: per batch, a list of
    (buf, starts, lens) parts (more than one where the batch spans chunks; nothing is
    copied)."""
    pend, have = [], 0
    for buf, starts, lens in chunks():
        i, k = 0, len(starts)
        while i < k:
            if not have and k - i >= n:
                full = (k - i) // n * n
                for j in range(i, i + full, n):
                    yield [(buf, starts[j:j + n], lens[j:j + n])]
                i += full
                continue
            take = min(n - have, k - i)
            pend.append((buf, starts[i:i + take], lens[i:i + take]))
            have += take
            i += take
            if have == n:
                yield pend
                pend, have = [], 0
    if have and not drop:
        yield pend


def _part_strings(parts):
    return _strings([b[s:s + m] for b, st, ln in parts
                     for s, m in zip(st.tolist(), ln.tolist())])


def parse_example_vectorizer(info):
    """fn(parts) -> the outputs of `info` for a batch of records (`span_groups`' parts), or
    None (then the batch is run through the function itself), when `info` is a function that
    is one ParseExample of its string-vector argument with dense, fixed-length features
    only and constant keys and defaults (its outputs in any order); else None."""
    if len(info.args) != 1 or info.inner_captures:
        return None
    ops = info.graph._flowgrad_operations()
    parse = [op for op in ops if op.type == "ParseExample"]
    if len(parse) != 1:
        return None
    op = parse[0]
    attrs = op._attrs
    if attrs["Nsparse"] or any(attrs.get("var_len") or []) or op._inputs[0] is not info.args[0]:
        return None
    consts = [_const_input(t) for t in op._inputs[1:]]
    if any(c is None for c in consts) or consts[0].size:     # names: none given
        return None
    allowed = {"Const", "Reshape", "Placeholder", "ParseExample", "Identity"}
    if any(o.type not in allowed for o in ops):
        return None
    picks = []
    for t in info.outputs:
        while t._op.type == "Identity":
            t = t._op._inputs[0]
        if t._op is not op:
            return None
        picks.append(op._outputs.index(t))
    nd = attrs["Ndense"]
    keys = [_parsing._key(k) for k in consts[1:1 + nd]]
    types, shapes = list(attrs["Tdense"]), list(attrs["dense_shapes"])

    def run(parts):
        dense = _parsing.parse_dense_parts(parts, keys, types, shapes)
        return None if dense is None else tuple(dense[i] for i in picks)
    return run


class parsed_span_batches:  # noqa: N801 - used as a generator function
    """map(parse_example) over batches of records: `fn` on each batch's spans, else the
    function itself (`call`) on the batch's strings; an error in one batch leaves the
    iterator usable (for ignore_errors), as map's own iterator."""

    __slots__ = ("groups", "fn", "call")

    def __init__(self, groups, fn, call):
        self.groups, self.fn, self.call = groups(), fn, call

    def __iter__(self):
        return self

    def __next__(self):
        parts = next(self.groups)
        out = self.fn(parts)
        if out is None:
            out = self.call((_part_strings(parts),))
        return out
