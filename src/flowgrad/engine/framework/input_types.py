"""The input type checks of TF 1.14's op_def_library, driven by the OpDefs (op_defs.json).

Before TF makes an op, its Python op layer walks the OpDef's input args in order: a
fixed-type arg must have that type, the first input of a type attr fixes the attr (and
must be in the attr's allowed list), and each later input of the attr must match it.
`check_input_types(op_type, inputs)` does the same on the op's (already converted) input
Tensors, with TF's TypeError messages:

- "Input 'split_dim' of 'Split' Op has type float32 that does not match expected type of
  int32."
- "Value passed to parameter 'indices' has DataType float32 not in list of allowed values:
  int32, int64"
- "Input 'end' of 'StridedSlice' Op has type int32 that does not match type float32 of
  argument 'begin'."
- "Tensors in list passed to 'values' of 'Pack' Op have types [float32, int32] that don't
  all match."

Inputs are matched to args by position: every arg is one input except the list args,
which share the rest when they have one length attr (DynamicStitch's indices and data);
op types with lists of independent lengths, and flowgrad's own op types, are not checked
here. Handles and variants (resource, variant args) are left to the ops.
"""
from __future__ import annotations

import contextlib

from . import dtypes as _dt
from .registry import op_defs

__all__ = ["check_input_types", "unchecked"]

_SKIP = ()   # an op type not checked here
_PLANS: dict = {}
_BY_TF_NAME = {"DT_" + n.upper(): d for n, d in (
    ("float", _dt.float32), ("double", _dt.float64), ("half", _dt.float16),
    ("bfloat16", _dt.bfloat16), ("int8", _dt.int8), ("int16", _dt.int16),
    ("int32", _dt.int32), ("int64", _dt.int64), ("uint8", _dt.uint8),
    ("uint16", _dt.uint16), ("uint32", _dt.uint32), ("uint64", _dt.uint64),
    ("bool", _dt.bool_), ("string", _dt.string), ("complex64", _dt.complex64),
    ("complex128", _dt.complex128), ("qint8", _dt.qint8), ("quint8", _dt.quint8),
    ("qint16", _dt.qint16), ("quint16", _dt.quint16), ("qint32", _dt.qint32),
    ("resource", _dt.resource), ("variant", _dt.variant))}
_HANDLES = (_dt.resource, _dt.variant)


def _plan(op_type):
    """(args, number of list args) for `op_type`; each arg (name, fixed dtype or None, type
    attr, allowed dtypes or None, is a list, is a type list). _SKIP where not checked."""
    od = op_defs().get(op_type)
    if od is None:
        return _SKIP
    allowed = od.get("x", {}).get("attr", {})
    args, lengths = [], set()
    for name, fixed, type_attr, number_attr, list_attr, _ in od["in"]:
        attr = type_attr or list_attr
        names = allowed.get(attr, {}).get("allowed", {}).get("list", {}).get("type")
        if names is not None and not all(n in _BY_TF_NAME for n in names):
            return _SKIP
        fixed_dt = _dt.as_dtype(fixed) if fixed else None
        if fixed_dt in _HANDLES or (names and any(_BY_TF_NAME[n] in _HANDLES for n in names)):
            attr = names = fixed_dt = None   # handles: the ops check them
        is_list = bool(number_attr or list_attr)
        if is_list:
            lengths.add(number_attr or f"{name}:")   # a type list: its own length
        args.append((name, fixed_dt, attr if not list_attr else None,
                     [_BY_TF_NAME[n] for n in names] if names else None, is_list,
                     bool(list_attr)))
    if len(lengths) > 1:
        return _SKIP
    return args, sum(a[4] for a in args)


def _not_allowed(arg, dt, allowed):
    return TypeError(f"Value passed to parameter '{arg}' has DataType {dt.name} not in list "
                     f"of allowed values: {', '.join(d.name for d in allowed)}")


_OFF = [0]   # > 0 inside unchecked()


@contextlib.contextmanager
def unchecked():
    """Builds ops without these checks: numerical gradient checks in float64 of ops TF
    types as float32 only (FusedBatchNorm, LRN), made with Graph.create_op, whose gradient
    ops are float64 too. Not thread-safe; for tests."""
    _OFF[0] += 1
    try:
        yield
    finally:
        _OFF[0] -= 1


def check_input_types(op_type, inputs):
    """TF 1.14's TypeError where `inputs` (Tensors) do not fit `op_type`'s OpDef."""
    if _OFF[0]:
        return
    plan = _PLANS.get(op_type)
    if plan is None:
        plan = _PLANS[op_type] = _plan(op_type)
    if plan is _SKIP:
        return
    args, n_lists = plan
    n_list = 0
    if n_lists:
        n_list, extra = divmod(len(inputs) - (len(args) - n_lists), n_lists)
        if extra or n_list < 0:
            return
    elif len(inputs) != len(args):
        return
    attrs = {}
    pos = 0
    for name, fixed, attr, allowed, is_list, type_list in args:
        n = n_list if is_list else 1
        values = inputs[pos:pos + n]
        pos += n
        dts = [getattr(t, "dtype", None) for t in values]
        if any(d is None for d in dts):
            return   # not a Tensor: the op's own checks
        dts = [d.base_dtype for d in dts]
        if any(d in _HANDLES for d in dts):
            continue   # flowgrad's own handles (a TensorArray's variant flow): the op's
        if type_list:
            for d in dts:
                if allowed is not None and d not in allowed:
                    raise _not_allowed(name, d, allowed)
            continue
        if is_list:
            if fixed is not None or attr in attrs:
                want = fixed if fixed is not None else attrs[attr][0]
                if any(d is not want for d in dts):
                    how = (f"expected type {want.name}" if fixed is not None else
                           f"type {want.name} inferred from earlier arguments")
                    raise TypeError(f"Tensors in list passed to '{name}' of '{op_type}' Op "
                                    f"have types [{', '.join(d.name for d in dts)}] that do "
                                    f"not match {how}.")
            elif len(set(dts)) > 1:
                raise TypeError(f"Tensors in list passed to '{name}' of '{op_type}' Op have "
                                f"types [{', '.join(d.name for d in dts)}] that don't all "
                                "match.")
            elif dts and attr:
                if allowed is not None and dts[0] not in allowed:
                    raise _not_allowed(name, dts[0], allowed)
                attrs[attr] = (dts[0], name)
            continue
        d = dts[0]
        if fixed is not None:
            if d is not fixed:
                raise TypeError(f"Input '{name}' of '{op_type}' Op has type {d.name} that does "
                                f"not match expected type of {fixed.name}.")
        elif attr in attrs:
            want, first = attrs[attr]
            if d is not want:
                raise TypeError(f"Input '{name}' of '{op_type}' Op has type {d.name} that does "
                                f"not match type {want.name} of argument '{first}'.")
        elif attr:
            if allowed is not None and d not in allowed:
                raise _not_allowed(name, d, allowed)
            attrs[attr] = (d, name)
