"""Elementwise fusion: a chain of elementwise nodes becomes one generated kernel.

A chain is a run of elementwise nodes (NumPy-ufunc kernels, TanhGrad, ReluGrad)
where each intermediate value has exactly one reader (the next node), is not
fetched, and has the chain's static shape and dtype. The fused kernel is
generated NumPy code: the first step allocates the output, every later step
writes into it with `out=`, so a chain of k ops allocates one buffer instead
of k. Fusion only pays on arrays large enough for allocation to matter:
chains on values smaller than MIN_ELEMENTS stay unfused (docs/performance.md
has the measurement). The rewrite is exact: the same ufuncs run in the same
order on the same operands. TanhGrad and ReluGrad are rewritten even alone
(a chain of one): TanhGrad to one buffer instead of three, ReluGrad to one
multiply by its bool mask (np.where on a random mask is ~10x slower); both
replacements are checked bit-for-bit against the op's own kernel on NaN, inf
and -0.0 before use, and left alone if they differ.

Before/after (x: [1024, 1024] float32):

    v2 = Mul(v0, v1)
    v4 = Add(v2, v3)        ->    v5 = Fused[Mul+Add+Tanh](v0, v1, v3)
    v5 = Tanh(v4)
"""
from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from ..framework.registry import OpDef
from ..ops.eigen_math import EXACT_MAX
from ._util import mutable_values, mutating_prefix, static_shape
from .inplace_assign import block_updates, inplace_assign

MIN_ELEMENTS = 1 << 14
_counter = itertools.count()
_KERNELS: dict = {}     # generated source (+ the ufuncs it calls) -> OpDef of the kernel


def relu_grad_select(g, f):
    """ReluGrad(g, f) = g * (f > 0), as TF (a NaN or inf gradient where f <= 0 gives NaN),
    without branches and in one pass over g: np.where on a random mask mispredicts every
    other element (~10x slower). The bool mask casts to 0 or 1 exactly."""
    return np.multiply(g, np.greater(f, 0), dtype=g.dtype)


def _tanh_grad_ref(y, dy):
    return dy * (1 - y * y)


_PROBE = np.array([0.5, -0.0, 0.0, np.inf, -np.inf, np.nan, -2.0, 3.0], np.float32)
_SPECIAL = {}      # op type -> (kind, replacement); verified against the op's own kernel


def _special(n):
    """A generated-code replacement for a non-ufunc elementwise kernel, if it is exact."""
    od = n.op_def
    hit = _SPECIAL.get(n.type)
    if hit is not None and hit[0] is od:
        return hit[1]
    cand = {"TanhGrad": ("tanh_grad", _tanh_grad_ref),
            "ReluGrad": ("relu_grad", relu_grad_select)}.get(n.type)
    kind = None
    if cand is not None and od.kernel is not None and od.bind is None and not n.attrs:
        a, b = _PROBE, _PROBE[::-1].copy()
        try:
            with np.errstate(all="ignore"):
                ok = all(np.asarray(od.kernel(x, y)).tobytes() == cand[1](x, y).tobytes()
                         for x, y in ((a, b), (b, a), (a.astype(np.float64), b.astype(np.float64))))
        except Exception:  # noqa: BLE001 - a kernel that differs is simply not replaced
            ok = False
        kind = cand[0] if ok else None
    _SPECIAL[n.type] = (od, kind)
    return kind


def _steps(n):
    """How node n writes into the chain buffer: None if it cannot be fused."""
    od = n.op_def
    special = _special(n) if n.type in ("TanhGrad", "ReluGrad") else None
    if special is not None:
        return special
    if isinstance(od.kernel, np.ufunc) and od.props.get("elementwise") and not n.attrs and \
            od.kernel.nout == 1 and od.kernel.nin == len(n.inputs):
        return od.kernel
    return None


# Kernels that are this NumPy ufunc above eigen_math.EXACT_MAX values (TF's Eigen bits
# emulated below): their nodes join chains of more values than that (a sparse Adam's Sqrt
# of a large slot, then its `+ epsilon`).
_UFUNC_ABOVE_EXACT = {"Sqrt": np.sqrt, "Sin": np.sin, "Cos": np.cos, "Tanh": np.tanh}


def _large_ufunc(n, shape):
    """The ufunc of a _UFUNC_ABOVE_EXACT node whose output has more than EXACT_MAX values."""
    f = _UFUNC_ABOVE_EXACT.get(n.type)
    if f is None or n.attrs or not n.op_def.props.get("elementwise") or \
            len(n.inputs) != 1 or not shape or _size(shape) <= EXACT_MAX:
        return None
    return f


def _size(shape):
    s = 1
    for d in shape:
        s *= d
    return s


def fusion(program, options=None):
    """The program with its elementwise chains fused, then its `Assign(ref, ufunc(...))`
    pairs computed in place and its `AssignSub(ref, chain)` updates block-wise
    (inplace_assign.py)."""
    return block_updates(inplace_assign(_fuse_chains(program, options)))


def _fuse_chains(program, options):
    nodes = program.nodes
    min_el = (options or {}).get("fusion_min_elements", MIN_ELEMENTS)
    big = [i for i, n in enumerate(nodes)
           if len(n.outputs) == 1 and not n.stateful and
           _size(static_shape(program, n.outputs[0]) or ()) >= min_el and
           static_shape(program, n.outputs[0])]
    if not any(_steps(nodes[i]) is not None or
               _large_ufunc(nodes[i], static_shape(program, nodes[i].outputs[0]))
               for i in big):
        # nothing large: only lone TanhGrads get their cheaper kernel
        chains = [[i] for i, n in enumerate(nodes) if n.type == "TanhGrad" and
                  not n.stateful and not n.recompute and len(n.outputs) == 1 and
                  _steps(n) == "tanh_grad" and static_shape(program, n.outputs[0]) and
                  all(static_shape(program, v) == static_shape(program, n.outputs[0])
                      for v in n.inputs)]
        return _rewrite(program, chains) if chains else program
    readers = {}
    for i, n in enumerate(nodes):
        for v in n.inputs:
            readers.setdefault(v, set()).add(i)
    fetched = set(program.fetches)
    mut = mutable_values(program)
    pref = mutating_prefix(nodes)
    tail = {}          # value -> chain (list of node indices) whose last output it is
    chains = []
    for i, n in enumerate(nodes):
        if n.stateful or n.recompute or len(n.outputs) != 1:
            continue
        out = n.outputs[0]
        shape = static_shape(program, out)
        kind = _steps(n) or _large_ufunc(n, shape)
        if kind is None:
            continue
        if shape is None or len(shape) == 0 or _size(shape) < min_el:
            # small: only TanhGrad alone, for its cheaper kernel (no Python-int operand)
            if kind == "tanh_grad" and shape and all(
                    static_shape(program, v) == shape for v in n.inputs):
                chains.append([i])
            continue
        dt = program.dtypes.get(out)
        chain = None
        for v in n.inputs:
            c = tail.get(v)
            if c is None or readers.get(v) != {i} or v in fetched or v in program.persistent:
                continue
            if static_shape(program, v) != shape or program.dtypes.get(v) != dt:
                continue
            start = c[0]
            if pref[i] - pref[start] and any(
                    x in mut for j in c + [i] for x in nodes[j].inputs):
                continue
            chain = c
            del tail[v]
            break
        if chain is None:
            chain = [i]
            chains.append(chain)
        else:
            chain.append(i)
        tail[out] = chain
    chains = [c for c in chains if len(c) > 1 or _steps(nodes[c[0]]) in ("tanh_grad", "relu_grad")]
    if not chains:
        return program
    return _rewrite(program, chains)


def _rewrite(program, chains):
    """The program with each chain (node indices) replaced by one fused node at its end."""
    nodes = program.nodes
    member = {}
    for c in chains:
        for j in c:
            member[j] = c
    new_nodes = []
    for i, n in enumerate(nodes):
        c = member.get(i)
        if c is None:
            new_nodes.append(n)
        elif i == c[-1]:
            new_nodes.append(_fuse(program, [nodes[j] for j in c]))
    return program.copy(nodes=new_nodes)


def _fuse(program, chain):
    ext = []
    dt = program.dtypes.get(chain[-1].outputs[0])
    # 1 as a 0-d array of the chain's dtype: `1 - t` with a Python int converts the
    # scalar on every call (+300 ns); the values are the same (1 is exact in every dtype).
    env = {"np": np, "ONE": np.ones((), getattr(dt, "as_numpy_dtype", np.float64))}
    lines = []
    acc = None

    def arg(v):
        if v == acc:
            return "o"
        if v not in ext:
            ext.append(v)
        return f"e{ext.index(v)}"

    for k, n in enumerate(chain):
        kind = _steps(n) or _UFUNC_ABOVE_EXACT.get(n.type)   # (admitted by its size)
        args = [arg(v) for v in n.inputs]
        first = k == 0
        if kind == "tanh_grad":
            y, dy = args
            if first:
                lines += [f"o = np.multiply({y}, {y})", "np.subtract(ONE, o, o)",
                          f"np.multiply({dy}, o, o)"]
            elif y == "o" and dy != "o":
                lines += ["np.multiply(o, o, o)", "np.subtract(ONE, o, o)",
                          f"np.multiply({dy}, o, o)"]
            else:
                lines += [f"t = np.multiply({y}, {y})", "np.subtract(ONE, t, t)",
                          "np.multiply(o, t, o)", "del t"]
        elif kind == "relu_grad":
            env["relu_grad_select"] = relu_grad_select
            lines.append(f"o = relu_grad_select({args[0]}, {args[1]})")
        else:
            name = f"U{k}"
            env[name] = kind
            if first:
                lines.append(f"o = {name}({', '.join(args)})")
            else:
                lines.append(f"{name}({', '.join(args)}, out=o)")
        acc = n.outputs[0]
    params = ", ".join(f"e{j}" for j in range(len(ext)))
    src = f"def fused({params}):\n" + "".join(f"    {ln}\n" for ln in lines) + "    return o\n"
    label = "+".join(n.type for n in chain)
    key = (src, env["ONE"].dtype.str,
           tuple(id(v) for k, v in sorted(env.items()) if k not in ("np", "ONE")))
    od = _KERNELS.get(key)         # identical chains (a 20k-step chain has 20k) share one
    if od is None:
        exec(compile(src, f"<flowgrad-fused-{next(_counter)}>", "exec"), env)  # noqa: S102
        od = _KERNELS[key] = OpDef(f"Fused[{label}]", infer=None, kernel=env["fused"],
                                   props={"elementwise": True, "fused": [n.type for n in chain],
                                          "source": src})
    last = chain[-1]
    return dataclasses.replace(last, type=f"Fused[{label}]", op_def=od, attrs={}, inputs=ext)
