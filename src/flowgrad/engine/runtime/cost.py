"""The cost model: FLOPs, bytes moved, predicted peak memory and predicted time of a plan,
from static shapes, before running it.

`op_flops(type, in_shapes, out_shapes, attrs)` is TF's RegisterStatistics("flops") table
(tensorflow/python/profiler/internal/flops_registry.py): what tf.profiler's float_ops
counts, 0 for an op TF registers no statistic for or whose shapes are not fully known.

`plan_cost(sess, fetches, feed_dict)` walks the fully optimized plan (the one every run
after the first executes): per node its TF float ops, an estimate of the work of ops TF
does not count (one op per output element for the element-wise ones, ~20 for
transcendental ones), the bytes its inputs and outputs hold, and a predicted time from a
roofline of this machine (measured once per process by `machine()`: matmul FLOP/s,
element-wise bandwidth, transcendental element rate, and the per-node cost of a
compiled plan). Peak memory is the memory planner's static estimate (plan_memory).
"""
from __future__ import annotations

import math
import time

import numpy as np

__all__ = ["machine", "op_flops", "plan_cost"]

_UNARY = {"Reciprocal": 1, "Square": 1, "Rsqrt": 1, "Log": 1, "Neg": 1, "AssignSub": 1,
          "AssignAdd": 1, "Softmax": 5}
_BINARY = {"Add": 1, "Sub": 1, "Mul": 1, "RealDiv": 1, "Maximum": 1, "Minimum": 1, "Pow": 1,
           "RsqrtGrad": 4, "GreaterEqual": 1, "Greater": 1, "LessEqual": 1, "Less": 1,
           "Equal": 1, "NotEqual": 1, "SquaredDifference": 2, "BiasAdd": 1}
_REDUCE = {"Mean": (1, 1), "Sum": (1, 0), "ArgMax": (1, 0), "ArgMin": (1, 0),
           "BiasAddGrad": (1, 0)}
_TRANSCENDENTAL = frozenset({"Tanh", "Exp", "Log", "Sigmoid", "Softplus", "Erf", "Log1p",
                             "Expm1", "Sin", "Cos", "Pow", "Rsqrt", "Sqrt", "Softmax",
                             "LogSoftmax", "SparseSoftmaxCrossEntropyWithLogits",
                             "SoftmaxCrossEntropyWithLogits", "Elu", "Selu"})
_FREE = frozenset({"Const", "Placeholder", "VariableV2", "VarHandleOp", "Identity", "NoOp",
                   "Reshape", "Shape", "Size", "Rank", "ExpandDims", "Squeeze",
                   "StopGradient", "PlaceholderWithDefault", "ReadVariableOp"})


def _numel(shape):
    return None if shape is None or None in shape else math.prod(shape)


def op_flops(op_type, ins, outs, attrs) -> int:
    """TF 1.14's "flops" statistic of one op from its input and output shapes (tuples, or
    None when unknown) and attrs."""
    t = op_type
    try:
        if t in _UNARY:
            n = _numel(ins[0])
            return 0 if n is None else n * _UNARY[t]
        if t == "L2Loss":
            n = _numel(ins[0])
            return 0 if n is None else 3 * n - 1
        if t in _BINARY:
            n = _numel(outs[0])
            return 0 if n is None else n * _BINARY[t]
        if t in _REDUCE:
            r, f = _REDUCE[t]
            n_in, n_out = _numel(ins[0]), _numel(outs[0])
            return 0 if n_in is None or n_out is None else n_in * r + n_out * (f - r)
        if t == "MatMul":
            a, b = ins[0], ins[1]
            if a is None or b is None or None in a or None in b:
                return 0
            ta = attrs.get("transpose_a", False)
            k, m = (a[0], a[1]) if ta else (a[1], a[0])
            n = b[0] if attrs.get("transpose_b", False) else b[1]
            return 2 * m * k * n
        if t in ("Conv2D", "DepthwiseConv2dNative", "Conv3D"):
            out, k = _numel(outs[0]), ins[1]
            if out is None or k is None or None in k:
                return 0
            per = math.prod(k[:-1]) if t != "DepthwiseConv2dNative" else math.prod(k[:-2])
            return 2 * out * per
        if t in ("AvgPool", "MaxPool"):
            out = _numel(outs[0])
            return 0 if out is None else out * math.prod(attrs["ksize"])
        if t in ("AvgPoolGrad", "MaxPoolGrad"):
            area = math.prod(attrs["ksize"])
            n = _numel(ins[1])
            if n is None:
                return 0
            return area * n * 2 if t == "AvgPoolGrad" else area * n + n
        if t in ("Conv2DBackpropInput", "Conv2DBackpropFilter"):
            strides = attrs["strides"]
            sp = strides[1] * strides[2]
            img, k = (outs[0], ins[1]) if t == "Conv2DBackpropInput" else (ins[0], outs[0])
            if img is None or k is None or None in img or None in k:
                return 0
            return int(2 * math.prod(img) * math.prod(k) / (img[-1] * sp))
        if t == "AddN":
            n = _numel(ins[0])
            return 0 if n is None or len(ins) < 2 else n * (len(ins) - 1)
    except (ValueError, KeyError, TypeError, IndexError):
        return 0
    return 0


_MACHINE = {}


def machine() -> dict:
    """This machine's rates, measured once per process (~0.3 s): flops_per_s (float32
    matmul), bytes_per_s (element-wise float32 add, bytes read and written), trans_per_s
    (np.tanh elements per second), node_s (a compiled plan's cost per tiny node) and
    run_s (a Session.run's fixed cost)."""
    if _MACHINE:
        return dict(_MACHINE)
    rs = np.random.RandomState(0)

    def best(fn, reps):     # the median: sustained rates on a shared machine
        fn()
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
        return float(np.median(ts))

    a = rs.rand(1024, 1024).astype(np.float32)
    b = rs.rand(1024, 1024).astype(np.float32)
    t_mm = best(lambda: a @ b, 5)
    x = rs.rand(1 << 20).astype(np.float32)
    y = rs.rand(1 << 20).astype(np.float32)
    t_add = best(lambda: x + y, 5)
    t_tanh = best(lambda: np.tanh(x), 5)
    _MACHINE.update(flops_per_s=2 * 1024 ** 3 / t_mm, bytes_per_s=3 * x.nbytes / t_add,
                    trans_per_s=x.size / t_tanh)
    _MACHINE.update(_plan_overheads())
    return dict(_MACHINE)


def _plan_overheads():
    """(node_s, run_s): the per-node and per-run cost of compiled plans. run_s from a
    1-node plan; node_s from the gradient of a 100-step chain h = tanh(h * w + 0.1) of
    16-vectors (a mix of small forward and backward ops whose activations stay alive),
    on a private graph."""
    from ..autodiff.gradients import gradients  # lazy: the cost model's calibration only
    from ..framework.graph import Graph  # lazy: as above
    from ..ops.construction import placeholder  # lazy: as above
    from ..ops.elementwise import add, multiply, tanh  # lazy: as above
    from ..ops.reductions import reduce_sum  # lazy: as above
    from .session import Session  # lazy: as above
    g = Graph()
    g._flowgrad_internal = True     # not the user's: `flowgrad graph` does not record it
    with g.as_default():
        w = placeholder(np.float32, (16,))
        short = add(w, w)
        h = w
        for _ in range(100):
            h = tanh(add(multiply(h, w), np.float32(0.1)))
        grad = gradients(reduce_sum(h), w)[0]
    sess = Session(graph=g)
    feed = {w: np.linspace(0.1, 0.9, 16).astype(np.float32)}
    times = []
    for fetch in (short, grad):
        for _ in range(3):
            sess.run(fetch, feed)
        runs = []
        for _ in range(15):
            t0 = time.perf_counter()
            sess.run(fetch, feed)
            runs.append(time.perf_counter() - t0)
        times.append(float(np.median(runs)))
    n = len(_plan(sess, grad, feed).program.nodes)
    sess.close()
    run_s = times[0]
    return {"node_s": max((times[1] - run_s) / max(n, 1), 0.0), "run_s": run_s}


def _shape(program, v):
    s = program.shapes.get(v)
    return None if s is None else s.as_tuple()


def _nbytes(program, v):
    dims = _shape(program, v)
    dt = program.dtypes.get(v)
    size = getattr(dt, "size", None)
    if dims is None or None in dims or not size:
        return None
    return math.prod(dims) * size


def node_cost(program, node, m) -> dict:
    """Cost of one plan node: tf_flops, flops (tf_flops, or the element-wise estimate),
    bytes, seconds (predicted)."""
    ins = [_shape(program, v) for v in node.inputs]
    outs = [_shape(program, v) for v in node.outputs]
    base = node.type
    if base.startswith("Fused["):
        parts = base[6:-1].split("+") if base.endswith("]") else [base]
    else:
        parts = [base]
    tf_flops = op_flops(node.type, ins, outs, node.attrs)
    work = 0.0
    n_out = _numel(outs[0]) if outs and outs[0] is not None else None
    for p in parts:
        p = p.strip()
        if p in _FREE:
            continue
        if p in _TRANSCENDENTAL and n_out is not None:
            work += n_out * m["flops_per_s"] / m["trans_per_s"]
        elif p not in ("MatMul",) and n_out is not None:
            work += n_out
    flops = max(tf_flops, int(work))
    nbytes = 0
    unknown = False
    if base not in _FREE:
        for v in list(node.inputs) + list(node.outputs):
            b = _nbytes(program, v)
            if b is None:
                unknown = True
            else:
                nbytes += b
    compute = tf_flops / m["flops_per_s"] + (work / m["flops_per_s"] if tf_flops == 0 else 0)
    seconds = m["node_s"] + max(compute, nbytes / m["bytes_per_s"])
    return {"name": node.name, "type": node.type, "tf_flops": tf_flops, "flops": flops,
            "bytes": nbytes, "seconds": seconds, "unknown_shape": unknown}


def _plan(sess, fetches, feed_dict):
    """The fully optimized plan of (fetches, feed keys) (runtime.plan_for's)."""
    plan = sess._cached_plan(fetches, tuple(feed_dict) if feed_dict else ())
    plan.upgrade()
    return plan


def plan_cost(sess, fetches, feed_dict=None) -> dict:
    """The predicted cost of `sess.run(fetches, feed_dict)`'s plan, before running it.

    Returns a dict: tf_flops (what tf.profiler's float_ops counts), flops (with the
    element-wise work TF does not count), bytes (inputs and outputs of every node),
    peak_bytes (static estimate of intermediate buffers alive at once), seconds
    (predicted time of one run), nodes (per-node dicts, plan order), unknown_shapes
    (nodes whose static shapes are not fully known: counted as 0) and machine (the
    rates used).

    >>> from flowgrad.engine.runtime import plan_cost
    >>> x = tf.placeholder(tf.float32, [64, 32])
    >>> y = tf.matmul(x, tf.ones([32, 16]))
    >>> plan_cost(tf.Session(), y, {x: None})["tf_flops"]
    65536
    """
    plan = _plan(sess, fetches, feed_dict)
    program = plan.program
    m = machine()
    nodes = [node_cost(program, n, m) for n in program.nodes]
    return {"tf_flops": sum(n["tf_flops"] for n in nodes),
            "flops": sum(n["flops"] for n in nodes),
            "bytes": sum(n["bytes"] for n in nodes),
            "peak_bytes": plan.memory["peak_bytes"],
            "seconds": m["run_s"] + sum(n["seconds"] for n in nodes),
            "nodes": nodes,
            "unknown_shapes": sum(1 for n in nodes if n["unknown_shape"]),
            "machine": m}


def memory_timeline(program, inplace=True) -> dict:
    """Live bytes of intermediate buffers after each node of `program` (plan order), from
    static shapes, as the memory planner counts them (CompiledProgram.estimate_memory's
    walk): {"live": [bytes per node], "peak_bytes", "peak_index", "alive_at_peak":
    [(producer name, output index, bytes)], largest first, "inplace": [(node name, input
    position, name of the op whose buffer it overwrites)] in plan order}."""
    from .backends.numpy import _Analysis, _static_nbytes  # lazy: the planner's walk
    an = _Analysis(program, inplace)
    persistent = program.persistent
    live = peak = 0
    peak_index = -1
    owner, buf, alive = {}, {}, {}
    out = []
    at_peak = []
    producer, inplace = {}, []
    for i, n in enumerate(program.nodes):
        j = an.inplace.get(i)
        if j is not None:
            inplace.append((n.name, j, producer.get(n.inputs[j], "")))
        for v in n.outputs:
            producer[v] = n.name
        for k, v in enumerate(n.outputs):
            if v in persistent:
                continue
            if j is not None:
                key = owner.get(n.inputs[j])
            elif n.op_def.aliases_input and n.inputs and n.inputs[0] in owner:
                key = owner[n.inputs[0]]
            else:
                key = None
            if key is None:
                b = _static_nbytes(program, v) or 0
                key = v
                buf[key] = [b, 0]
                alive[key] = (n.name, k, b)
                live += b
            owner[v] = key
            buf[key][1] += 1
        out.append(live)
        if live > peak:
            peak, peak_index = live, i
            at_peak = sorted(alive.values(), key=lambda t: -t[2])
        for v in an.dying[i]:
            key = owner.pop(v, None)
            if key is not None:
                ent = buf[key]
                ent[1] -= 1
                if ent[1] == 0:
                    live -= ent[0]
                    del buf[key]
                    del alive[key]
    return {"live": out, "peak_bytes": peak, "peak_index": peak_index,
            "alive_at_peak": at_peak, "inplace": inplace}
