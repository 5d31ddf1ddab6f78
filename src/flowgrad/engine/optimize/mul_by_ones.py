"""Grappler's constant folding of a Mul by tf.gradients' ones into a BroadcastTo or a
Snapshot (values change downstream).

TF 1.14's SimplifyArithmeticOperations, which its constant folding runs on each node
before ConstantPushDown, rewrites `Mul(ones, y)` (or `Mul(y, ones)`), the ones a
constant, by the shapes its GraphProperties infers:

- y's shape symbolically the output's: an Identity, which the dependency optimizer
  removes after the first round (`identity_muls`: flowgrad keeps the Mul, which its
  first constant push-down and MinimizeBroadcasts round treat as opaque, and the second
  round reads through where its readers are Muls); or, in a graph
  with an op of a ref input (`_util.snapshots`: Optimizer.minimize on reference
  variables), a Snapshot, which it keeps. flowgrad has no Snapshot op and writes it as a
  BroadcastTo to y's own shape: as opaque, and exact.
- y's shape not proven equal but the ones' shape the output's: `BroadcastTo(y, <the
  ones' shape>)`, its shape named `ConstantFolding/<mul>-broadcastto_shape-1`.

Neither is a Mul: ConstantPushDown and MinimizeBroadcasts stop at it, so a reader's
constant is not pushed into y's chain. flowgrad's BroadcastTo returns a view of y, where
TF's (to another shape) and its Snapshot write buffers of their own: where y is (a view
of) a variable's buffer, which an optimizer's update changes in place later in the same
run, the Mul stays instead (the same values; golden math/broadcast_ones_variable).

A dynamic_rnn output's time dim is unknown to Grappler (TensorArrayGatherV3; until a
broadcast with a known dim, such as dropout's mask of `array_ops.shape(out)`, a
constant), so in `tf.gradients(reduce_sum(square(out * 1.5)))` the Square gradient `ones
* (out * 3.0)` becomes a BroadcastTo and the chain runs as `(3 * out) * 1.5`, not `4.5 *
out` (golden math/gated_grads lstm_mul_by_ones; lstm_dropout_adam for the Snapshot).

Before/after (out's Grappler shape [3, ?, 8], static [3, 7, 8]):

    v5 = Mul(v_ones, v4)        ->  v9 = Const()  # [3, 7, 8]
                                    v5 = BroadcastTo(v4, v9)
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import OPS
from ..framework.tensor_shape import TensorShape
from ..runtime.ir import Node
from ._util import gradient_ones as _ones
from ._util import mutable_values, shapes_symbolically_equal, snapshots
from .constant_folding import constant_folding
from .symbolic_shapes import _BINARY, _MERGE, _UNARY, symbolic_shapes


def _unknown_dims(program):
    """value -> the set of its dims Grappler's shape inference does not know, where the
    graph's static shape knows them: a TensorArrayGatherV3's leading dim, carried through
    elementwise ops and Transposes of constant perms; a broadcast with a known dim > 1
    knows it again (`array_ops.shape` of a fully known tensor is a constant, so dropout's
    mask has a known shape and `x * mask` is known). Values not listed are known.

    Each gather's dim is a symbol, and a shape function that merges its inputs (AddN, the
    activations' gradients: SigmoidGrad(sigmoid(out), ones * out)) and meets it beside a
    known dim makes it known everywhere (Grappler's SymbolicShapeManager), in the forward
    graph too: `sum(square(out)) + sum(sigmoid(out) * out)` of a dynamic_rnn output has
    no BroadcastTo in TF, `sum(square(out))` alone has one."""
    resolved = set()
    while True:
        unknown, found = _unknown_pass(program, resolved)
        if found <= resolved:
            return unknown
        resolved |= found


def _unknown_pass(program, resolved):
    """(value -> {dim: symbol}, the symbols a merge meets beside a known dim). Symbols
    are the gathers' values (fresh ones: ints); `resolved` ones count as known."""
    unknown = {}
    found = set()
    consts = None
    fresh = 0
    for n in program.nodes:
        if n.type == "TensorArrayGatherV3" and n.outputs:
            if n.outputs[0] not in resolved:
                unknown[n.outputs[0]] = {0: n.outputs[0]}
            continue
        if len(n.outputs) != 1 or not any(v in unknown for v in n.inputs):
            continue
        v = n.outputs[0]
        if n.type in _UNARY:
            unknown[v] = dict(unknown[n.inputs[0]])
        elif n.type in _MERGE:
            shapes = [program.shapes.get(x) for x in n.inputs]
            if any(s is None or s.ndims is None or s.ndims != shapes[0].ndims
                   for s in shapes):
                continue
            dims = {}
            for i in range(shapes[0].ndims):
                syms = [unknown.get(x, {}).get(i) for x in n.inputs]
                if all(d is None for d in syms):
                    continue
                if any(d is None and s.as_list()[i] is not None
                       for d, s in zip(syms, shapes)):
                    found.update(d for d in syms if d is not None)
                else:
                    dims[i] = next(d for d in syms if d is not None)
            if dims:
                unknown[v] = dims
        elif n.type in _BINARY and len(n.inputs) == 2:
            shapes = [program.shapes.get(x) for x in n.inputs]
            out = program.shapes.get(v)
            if out is None or out.ndims is None or any(s is None or s.ndims is None
                                                       for s in shapes):
                continue
            rank = out.ndims
            dims = {}
            for i in range(rank):
                states = []
                syms = []
                for x, s in zip(n.inputs, shapes):
                    j = i - (rank - s.ndims)
                    if j < 0:
                        states.append(1)
                    elif j in unknown.get(x, {}):
                        states.append(None)
                        syms.append(unknown[x][j])
                    else:
                        states.append(s.as_list()[j])
                if None in states and not any(d is not None and d > 1 for d in states):
                    if len(set(syms)) == 1:
                        dims[i] = syms[0]
                    else:
                        fresh += 1
                        dims[i] = fresh
            if dims:
                unknown[v] = dims
        elif n.type == "Transpose" and len(n.inputs) == 2:
            if consts is None:
                consts = {m.outputs[0]: m.attrs["value"] for m in constant_folding(program).nodes
                          if m.type == "Const" and not m.inputs and m.outputs}
            perm = consts.get(n.inputs[1])
            if perm is not None:
                src = unknown.get(n.inputs[0], {})
                dims = {i: src[p] for i, p in enumerate(np.ravel(perm).tolist()) if p in src}
                if dims:
                    unknown[v] = dims
    return unknown, found


def broadcast_mul_by_ones(program):
    """`program` with each Mul by constant ones whose other input Grappler cannot prove of
    the output's shape made a BroadcastTo (module docstring)."""
    snap = snapshots(program)
    if not snap and not any(n.type == "TensorArrayGatherV3" for n in program.nodes):
        return program    # (the one source of such unknown dims modelled here)
    if snap:
        # Grappler folds first: `2.0 * cast(0.5)` is a Const 1 by the time it looks
        # (linear_cosine_decay's `2 * num_periods * fraction`)
        program = constant_folding(program)
        kept = _identity_arith(program)   # a Snapshot: kept as a BroadcastTo to y's shape
    producer = {v: n for n in program.nodes for v in n.outputs}
    fetched = set(program.fetches)
    unknown = mutable = None
    out = None
    nodes = []
    for n in program.nodes:
        if n.type not in _IDENTITY_ARITH or len(n.inputs) != 2 or n.recompute or \
                len(n.outputs) != 1 or n.outputs[0] in fetched:
            nodes.append(n)
            continue
        v = n.outputs[0]
        shape = program.shapes.get(v)
        if snap and v in kept:
            # only where a constant could be pushed through into y (a Snapshot copies:
            # the BroadcastTo of y's own shape would be a view of y, a variable's buffer
            # where y reads one, which the optimizer's in-place update then changes under
            # the other gradient: `sum(a * b)` minimized on reference variables). Else,
            # where y is (a view of) a variable's buffer, the Mul stays (the same values,
            # in a buffer of its own); otherwise as any Mul by ones below.
            y = n.inputs[1 - kept[v]]
            y_shape = program.shapes.get(y)
            if y_shape is not None and y_shape.is_fully_defined() and \
                    getattr(producer.get(y), "type", None) in _ASSOC:
                if out is None:
                    out = program.copy()
                _broadcast_to(out, nodes, n, y, tuple(y_shape.as_list()))
                continue
            if mutable is None:
                mutable = mutable_values(program)
            if y in mutable:
                nodes.append(n)
                continue
        if n.type != "Mul" or shape is None or not shape.is_fully_defined():
            nodes.append(n)
            continue
        target = tuple(shape.as_list())
        y = None
        for one, other in ((0, 1), (1, 0)):
            o = program.shapes.get(n.inputs[one])
            y_shape = program.shapes.get(n.inputs[other])
            if o is not None and o.is_fully_defined() and tuple(o.as_list()) == target and \
                    y_shape is not None and y_shape.ndims == len(target) and \
                    _ones(producer.get(n.inputs[one]), producer):
                y = n.inputs[other]
                break
        if y is None:
            nodes.append(n)
            continue
        if mutable is None:
            mutable = mutable_values(program)
        if y in mutable:
            # BroadcastTo's kernel returns a view of y: of a variable's buffer here, which
            # the optimizer's in-place update then changes under a reader that runs after
            # it (TF's BroadcastTo to another shape writes a buffer of its own): the Mul
            # stays, as the Snapshot's above (the same values, in a buffer of its own)
            nodes.append(n)
            continue
        if unknown is None:
            unknown = _unknown_dims(program)
        dims = unknown.get(y, ())
        lead = len(target) - program.shapes[y].ndims
        if (not dims and not snap) or any(target[i + lead] <= 1 for i in dims):
            # y of the output's shape in a plan with no ref-input op (an Identity, which
            # the dependency optimizer removes: flowgrad folds the ones away, same
            # values), or an output Grappler does not know either (no rewrite)
            nodes.append(n)
            continue
        if out is None:
            out = program.copy()
        _broadcast_to(out, nodes, n, y, target)
    if out is None:
        return program
    out.nodes = nodes
    return out


def _broadcast_to(out, nodes, n, y, target):
    """Append to `nodes` `n` (of `out`) made BroadcastTo(y, <target>), its shape a Const."""
    sv = out.new_value(_dt.int32, TensorShape([len(target)]))
    const = np.asarray(target, dtype=np.int32)
    nodes.append(Node("Const", OPS["Const"], {"value": const, "dtype": _dt.int32}, [],
                      [sv], f"ConstantFolding/{n.name}-broadcastto_shape-1", None, False))
    out.persistent.add(sv)
    nodes.append(Node("BroadcastTo", OPS["BroadcastTo"], {}, [y, sv], [n.outputs[0]],
                      n.name, None, False))


def identity_muls(program, unknown=None):
    """{value of a Mul by constant ones, or of an Add/AddV2 of constant zeros or a Sub of
    them (`x - 0`), that Grappler's constant folding makes an Identity: the position of
    its constant input}. That is where the other input y has the output's shape on
    Grappler's symbolic shapes (`unknown`: the feeds of unknown shape, default all; not a
    TensorArrayGatherV3's time dim) in a plan with no ref-input op (else a Snapshot:
    broadcast_mul_by_ones). The Identity, made before ConstantPushDown
    looks at the Mul or its reader, stops Grappler's first round: no constant is pushed
    through it, and MinimizeBroadcasts takes it as a leaf; the dependency optimizer then
    removes it, so the second round sees y (ungated `tf.gradients` of
    `sum(square(dropout(out) * 1.5))` runs its dropout gradient as
    `(1.25 * Cast) * (Cast * (5.625 * out))`, golden math/gated_grads; cosine_decay_restarts'
    `lr * ((1 - alpha) * decayed + alpha)` with alpha 0 runs as `decayed * lr`, its
    constant pushed down: golden math/round2_decay). The first round's push-down takes
    some as the second round's Identities: first_round_identities."""
    if snapshots(program):
        return {}
    return _identity_arith(program, unknown)


def ones_divisions(program, unknown=None):
    """The values of the floating or complex Div/RealDiv of constant ones by a y of the
    output's shape on Grappler's symbolic shapes (`unknown` as identity_muls'): Grappler's
    constant folding makes each a Reciprocal(y) in place (SimplifyArithmeticOperations,
    fetched too), before the arithmetic optimizer's SqrtDivToRsqrtMul (convert_pow.py)
    could make `1.0 / tf.sqrt(v)` a Mul by Rsqrt(v). A fed placeholder's shape is unknown
    to Grappler, and ones that broadcast y are no match (golden math/div_ones_sqrt)."""
    producer = None
    sym = unknown_dims = None
    found = set()
    for n in program.nodes:
        if n.type not in ("RealDiv", "Div") or len(n.inputs) != 2 or n.recompute or \
                len(n.outputs) != 1:
            continue
        dtype = program.dtypes.get(n.outputs[0])
        if dtype is None or not (dtype.is_floating or dtype.is_complex):
            continue
        if producer is None:
            producer = {v: m for m in program.nodes for v in m.outputs}
        if not _ones(producer.get(n.inputs[0]), producer):
            continue
        if sym is None:
            sym = symbolic_shapes(program, unknown)
            unknown_dims = _unknown_dims(program) if any(
                m.type == "TensorArrayGatherV3" for m in program.nodes) else {}
        y, v = n.inputs[1], n.outputs[0]
        if not unknown_dims.get(y) and shapes_symbolically_equal(sym.get(y), sym.get(v)):
            found.add(v)
    return found


def first_round_identities(program, unknown=None, found=None):
    """identity_muls' Identities as flowgrad's first round of ConstantPushDown takes
    them: ({value: the position of its constant} of the Muls and divisions by ones
    (opaque: leaves of TF's first round, which minimize_broadcasts' second round reads
    through), {value: the position of its constant} of the `y - 0`, and of the `y * 1`
    and `y / 1` whose y is an Add (read through). Adds of zeros are in neither (Adds to
    the push-down).

    flowgrad models no second round of Add trees: pushing through these (after the
    first round's push-down, on the deduplicated program: reciprocal_div._second_push)
    gives what TF's second round gives once its dependency optimizer removed them:
    `0.3 + ((x + 0.7) + 0)`, `0.3 + ((x + 0.7) - 0)` and `0.3 + ((x + 0.7) * 1)` run as
    `x + 1.0` (golden math/push_down_sub).
    `found`: identity_muls(program, unknown) when known."""
    if found is None:
        found = identity_muls(program, unknown)
    made = {}   # value -> the type of what makes it, through these Identities
    muls, through = {}, {}
    for n in program.nodes:
        for v in n.outputs:
            k = found.get(v)
            if k is None or n.type in _SUMS or len(n.inputs) != 2:
                made[v] = n.type       # (an Add of zeros is an Add to the push-down)
                continue
            made[v] = made.get(n.inputs[1 - k])
            if n.type == "Sub" or made[v] in _SUMS:
                through[v] = k
            else:
                muls[v] = k
    return muls, through


def _identity_arith(program, unknown=None):
    """identity_muls' nodes whatever the plan holds (a Snapshot's where it holds a
    ref-input op)."""
    fetched = set(program.fetches)
    producer = None
    sym = unknown_dims = None
    found = {}
    for n in program.nodes:
        if n.type not in _IDENTITY_ARITH or len(n.inputs) != 2 or n.recompute or \
                len(n.outputs) != 1 or n.outputs[0] in fetched:
            continue
        if n.type != "Mul" and not _numeric(program.dtypes.get(n.outputs[0])):
            continue
        if producer is None:
            producer = {v: m for m in program.nodes for v in m.outputs}
        value = 0 if n.type in _ADDS else 1
        ones = [_ones(producer.get(v), producer, value=value) for v in n.inputs]
        if n.type not in _SYMMETRIC:
            ones[0] = False                  # 0 - y is a Neg, 1 / y a Reciprocal
        if ones[0] == ones[1]:
            continue
        one = 0 if ones[0] else 1
        if sym is None:
            sym = symbolic_shapes(program, unknown)
            unknown_dims = _unknown_dims(program) if any(
                m.type == "TensorArrayGatherV3" for m in program.nodes) else {}
        v, y = n.outputs[0], n.inputs[1 - one]
        if unknown_dims.get(y) or not shapes_symbolically_equal(sym.get(y), sym.get(v)):
            continue
        found[v] = one
    return found


_ASSOC = frozenset({"Mul", "Add", "AddV2"})   # (what ConstantPushDown pushes into)

# SimplifyArithmeticOperations' `1 * y`, `y * 1`, `0 + y`, `y + 0`, `y - 0`, `y / 1`
_IDENTITY_ARITH = frozenset({"Mul", "Add", "AddV2", "Sub", "RealDiv", "Div"})
_ADDS = frozenset({"Add", "AddV2", "Sub"})
_SUMS = frozenset({"Add", "AddV2"})
_SYMMETRIC = frozenset({"Mul", "Add", "AddV2"})


def _numeric(dtype) -> bool:
    """A real or complex number dtype (not a string's Add)."""
    return dtype is not None and (dtype.is_floating or dtype.is_integer or dtype.is_complex)


def _zeros(n, producer, consts):
    """Grappler's IsZeros: a Const of zeros (through tf.gradients' Tile/Reshape of one), a
    ZerosLike, or a Fill of a zero scalar whatever its shape input (not a feed)."""
    if n is None:
        return False
    if n.type == "ZerosLike":
        return True
    if n.type == "Fill" and len(n.inputs) == 2 and n.inputs[1] in consts:
        c = np.asarray(consts[n.inputs[1]])
        return c.shape == () and bool(c == 0)
    return _ones(n, producer, value=0)


def _folded_zeros(value) -> bool:
    """A value constant folding made (None: none) that is all zeros (IsZeros on a Const)."""
    if value is None:
        return False
    a = np.asarray(value)
    return a.dtype.kind in "biufc" and a.size > 0 and not a.any()


def zero_muls(program, unknown=None, loop_body=False):
    """`program` with SimplifyArithmeticOperations' Mul by zeros rewritten, as TF 1.14's
    constant folding does before it pushes constants down: `x * 0` (`0 * x`) whose output
    shape Grappler knows in full is a Const of zeros of that shape, else one whose zeros
    have the output's shape (symbolically) is an Identity of the zeros. Either is +0
    where the Mul gives -0 for a negative x and NaN for an infinite one: `tanh(y *
    tf.fill(tf.shape(y), 0.0))` in a dynamic_rnn cell with a constant sequence_length is
    tanh(+0) (golden math/fill_mid). A fed x of unknown shape leaves the Mul alone (a
    placeholder fed [2, 2] times a [2, 2] zeros Const runs as written). A fetched Mul is
    rewritten too (TF's partition graph of `sess.run(w * tf.zeros([2, 3]))` holds a Const;
    golden math/zero_mul_fetched). Shapes: the
    symbolic model (`unknown`: the feeds Grappler does not know), and in a while loop's
    body (`loop_body`) the ranked one, where a constant sequence_length's Select fixes
    the batch dim (symbolic_shapes.known_shape_fetches)."""
    if not any(n.type == "Mul" for n in program.nodes):
        return program
    consts = {n.outputs[0]: n.attrs.get("value") for n in program.nodes
              if n.type == "Const" and not n.inputs and n.outputs}
    producer = {v: m for m in program.nodes for v in m.outputs}
    feeds = set(program.feeds)
    # constant folding runs first (FoldGraph before SimplifyGraph): a Mul of constants is
    # evaluated (`inf * 0` stays NaN: the gradient of tf.norm at zeros), and a zeros input
    # folded from constants is a Const of zeros to IsZeros (a Slice of tf.zeros: the
    # state of TimeFreqLSTMCell's first step, `w_f_diag * c_prev` is +0); Grappler never
    # folds what reads a PlaceholderWithDefault
    tainted = set()
    for m in program.nodes:
        if m.type == "PlaceholderWithDefault" or any(v in tainted for v in m.inputs):
            tainted.update(m.outputs)
    folded = {v: m.attrs.get("value") for m in constant_folding(program).nodes
              if m.type == "Const" for v in m.outputs if v not in tainted}
    found = []
    for i, n in enumerate(program.nodes):
        if n.type != "Mul" or len(n.inputs) != 2 or n.recompute or len(n.outputs) != 1 or \
                n.outputs[0] in folded or \
                not _numeric(program.dtypes.get(n.outputs[0])):
            continue
        zero = [v not in feeds and (_zeros(producer.get(v), producer, consts)
                                    or _folded_zeros(folded.get(v)))
                for v in n.inputs]
        if any(zero):
            found.append((i, zero))
    if not found:
        return program
    sym = symbolic_shapes(program, unknown)
    full = symbolic_shapes(program, unknown, ranked=True) if loop_body else sym
    out = program.copy()
    nodes = list(program.nodes)
    changed = False
    for i, zero in found:
        n = nodes[i]
        v = n.outputs[0]
        shape = full.get(v)
        if shape is not None and all(d >= 0 for d in shape):
            dtype = program.dtypes.get(v)
            value = np.zeros(shape, dtype=dtype.as_numpy_dtype)
            nodes[i] = Node("Const", OPS["Const"], {"value": value, "dtype": dtype}, [],
                            [v], n.name, None, False)
            out.persistent.add(v)
            changed = True
            continue
        for k in (0, 1):
            if zero[k] and shapes_symbolically_equal(sym.get(n.inputs[k]), sym.get(v)):
                nodes[i] = dataclasses.replace(n, type="Identity", op_def=OPS["Identity"],
                                               attrs={}, inputs=[n.inputs[k]])
                changed = True
                break
    if not changed:
        return program
    out.nodes = nodes
    return out
