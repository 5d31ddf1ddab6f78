"""The cost model: FLOPs, bytes moved, predicted peak memory and predicted time of a plan,
from static shapes, before running it.

`op_flops(type, in_shapes, out_shapes, attrs)` is TF's RegisterStatistics("flops") table
(tensorflow/python/profiler/internal/flops_registry.py): what tf.profiler's float_ops
counts, 0 for an op TF registers no statistic for or whose shapes are not fully known.

`plan_cost(sess, fetches, feed_dict)` walks the fully optimized plan (the one every run
after the first executes): per node its TF float ops, an estimate of the work of ops TF
does not count (one op per output element for the element-wise ones, ~20 for
transcendental ones), the bytes its inputs and outputs hold, and a predicted time:

    run + feeds + sum over nodes of (line + kernel's fixed cost + data cost)

from costs of this machine measured once per process by `machine()`: a kernel's fixed
cost per call by kernel type (node-by-node timing of a small private calibration plan on
tiny tensors; a type it does not hold: a ufunc's or the median other kernel's), and data
costs from size-dependent curves (matmul time by float ops, element-wise time by bytes,
tanh time by elements, so that small calls' low efficiency and caches show). Peak memory
is the memory planner's static estimate (plan_memory).
"""
from __future__ import annotations

import math
import time

import numpy as np

from ..framework import threads

__all__ = ["flops_shape_missing", "machine", "op_flops", "plan_cost"]

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


# the shapes TF 1.14's registered "flops" functions require fully defined ("i0": input 0,
# "o0": output 0); the "NHWC" ones also raise for another data_format
_FLOPS_SHAPES = {**{t: ("i0",) for t in _UNARY}, **{t: ("o0",) for t in _BINARY},
                 **{t: ("i0", "o0") for t in _REDUCE}, "L2Loss": ("i0",), "BiasAdd": ("i0",),
                 "MatMul": ("i0", "o0"), "Conv2D": ("i0", "i1", "o0"),
                 "DepthwiseConv2dNative": ("i0", "i1", "o0"), "Conv3D": ("i0", "i1", "o0"),
                 "Dilation2D": ("i0", "i1", "o0"), "AvgPool": ("NHWC", "o0"),
                 "MaxPool": ("NHWC", "o0"), "AvgPoolGrad": ("NHWC", "i1"),
                 "MaxPoolGrad": ("NHWC", "i1"), "Conv2DBackpropInput": ("NHWC", "o0", "i1"),
                 "Conv2DBackpropFilter": ("NHWC", "i0", "o0"), "AddN": ("i0",)}


def flops_shape_missing(op_type, ins, outs, attrs) -> bool:
    """Whether TF 1.14's "flops" statistic of the op fails for want of a fully defined
    shape (or of NHWC data), which tfprof counts as "no flops stats due to incomplete
    shapes"; False for an op type TF registers no statistic for."""
    for need in _FLOPS_SHAPES.get(op_type, ()):
        if need == "NHWC":
            fmt = attrs.get("data_format", "NHWC")
            if (fmt.decode() if isinstance(fmt, bytes) else fmt) != "NHWC":
                return True
            continue
        group = ins if need[0] == "i" else outs
        index = int(need[1:])
        if index >= len(group):   # AddN of no inputs: zero flops, no error
            continue
        if group[index] is None or None in group[index]:
            return True
    return False


_MACHINE = {}

# sizes of the rate curves (machine()): element-wise and tanh over n float32 elements,
# square float32 matmuls of side s. Calibration costs ~0.4 s, once per process.
_EW_SIZES = (1 << 4, 1 << 10, 1 << 14, 1 << 17, 1 << 20, 1 << 22)
_MM_SIDES = (8, 32, 64, 128, 256, 512, 1024)


def _best_time(fn, reps, budget=0.03):
    """The fastest of at least `reps` timed calls after one warm-up, more while they take
    under `budget` seconds in all (at most 50): the machine's own speed, as free as can
    be of the other processes that share it (they only ever add time)."""
    fn()
    best = math.inf
    spent = 0.0
    n = 0
    while n < reps or (spent < budget and n < 50):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        spent += dt
        n += 1
    return best


def machine() -> dict:
    """This machine's costs, measured once per process (~0.6 s).

    Rate curves, each a list of (size, seconds of one call) measured with NumPy on float32
    data, so that caches show (a 4 KB add runs from L1, a 48 MB one from DRAM):
    ew_curve (np.add over n elements; size = bytes read and written, 12 n), trans_curve
    (np.tanh; size = elements), mm_curve (square matmuls; size = 2 s^3 float ops).
    kernel_s: the fixed cost of one call of each kernel type (op type as the plan names
    it), from node-by-node timing of a private calibration plan on tiny tensors (the
    gradient of a dense layer with bias, tanh, relu, mean-square loss, a 100-step tanh
    chain and a variable update): per kernel type, the median over its nodes of their
    fastest run, net of what node-by-node timing adds (measured on the compiled chain).
    kernel_default_s: the median of the non-ufunc kernels' fixed costs (an op type not in
    the calibration plan), node_s (a ufunc node's), line_s (the generated code's own cost
    per node), run_s (a Session.run's fixed cost), feed_s (per fed tensor). flops_per_s,
    bytes_per_s and trans_per_s are the largest size's rates (a summary)."""
    if _MACHINE:
        return dict(_MACHINE)
    rs = np.random.RandomState(0)
    ew, trans = [], []
    for n in _EW_SIZES:
        x = rs.rand(n).astype(np.float32)
        y = rs.rand(n).astype(np.float32)
        reps = 5 if n >= 1 << 20 else 50
        ew.append((12 * n, _best_time(lambda: np.add(x, y), reps)))
        trans.append((n, _best_time(lambda: np.tanh(x), reps)))
    mm = []
    for s in _MM_SIDES:
        a = rs.rand(s, s).astype(np.float32)
        b = rs.rand(s, s).astype(np.float32)
        # as a plan's MatMul runs: flowgrad's matmul under the thread budget's BLAS pool
        fn = threads.guard_blas(lambda _, a=a, b=b: threads.matmul(a, b), 0)
        mm.append((2 * s ** 3, _best_time(lambda: fn(None), 3 if s >= 1024 else 7)))
    _MACHINE.update(ew_curve=ew, trans_curve=trans, mm_curve=mm,
                    flops_per_s=mm[-1][0] / mm[-1][1], bytes_per_s=ew[-1][0] / ew[-1][1],
                    trans_per_s=trans[-1][0] / trans[-1][1])
    _MACHINE.update(_kernel_costs())
    return dict(_MACHINE)


def _interp(curve, x):
    """Seconds of a call of size x on a measured curve: log-log linear between points,
    the smallest point's time below it, constant rate above the largest."""
    if x <= curve[0][0]:
        return curve[0][1]
    for (x0, t0), (x1, t1) in zip(curve, curve[1:]):
        if x <= x1:
            f = math.log(x / x0) / math.log(x1 / x0)
            return math.exp(math.log(max(t0, 1e-9)) * (1 - f) + math.log(max(t1, 1e-9)) * f)
    x1, t1 = curve[-1]
    return t1 * x / x1


def _data_s(curve, x):
    """The size-dependent part of a call on `curve` (its fixed cost, the smallest
    point's time, taken off): the kernel's fixed cost is counted once, in kernel_s."""
    return max(_interp(curve, x) - curve[0][1], 0.0) if x else 0.0


def _calibration_graph():
    """A private graph of tiny tensors covering the kernels a training step's gradient
    plan is made of; returns (graph, fetches, feed, init)."""
    from ..autodiff.gradients import gradients  # lazy: the cost model's calibration only
    from ..framework.graph import Graph  # lazy: as above
    from ..ops._base import apply  # lazy: as above
    from ..ops.activations import relu  # lazy: as above
    from ..ops.construction import placeholder  # lazy: as above
    from ..ops.elementwise import add, multiply, square, subtract, tanh  # lazy: as above
    from ..ops.linalg import matmul  # lazy: as above
    from ..ops.reductions import reduce_mean, reduce_sum  # lazy: as above
    from ..ops.shape import reshape  # lazy: as above
    from ..ops.state import variable_op  # lazy: as above
    g = Graph()
    g._flowgrad_internal = True     # not the user's: `flowgrad graph` does not record it
    f32 = np.float32
    with g.as_default():
        x = placeholder(f32, (8, 4))
        t = placeholder(f32, (8, 3))
        w = placeholder(f32, (4, 3))
        b = placeholder(f32, (3,))
        c = placeholder(f32, (16,))
        h = tanh(add(matmul(x, w), b))
        flat = reshape(h, (24,))    # a Reshape kernel (the gradient's are folded away)
        loss = add(reduce_mean(square(subtract(relu(h), t))), reduce_sum(multiply(flat, flat)))
        gw, gb, gx = gradients(loss, [w, b, x])
        v = variable_op((4, 3), f32, name="v")
        init = apply("Assign", [v, w], {"validate_shape": True, "use_locking": True})
        step = apply("AssignSub", [v, multiply(gw, f32(0.1))], {"use_locking": False})
        k = c
        for _ in range(100):
            k = tanh(add(multiply(k, c), f32(0.1)))
        gc = gradients(reduce_sum(k), c)[0]
        fed = add(c, c)
    rs = np.random.RandomState(1)
    feed = {p: rs.rand(*p.shape.as_list()).astype(f32) for p in (x, t, w, b, c)}
    return g, (gb, gx, step), gc, feed, init, v, fed


def _kernel_costs():
    """kernel_s, kernel_default_s, node_s, line_s, run_s, feed_s from the calibration
    plans: the dense layer's gradient and update, and the tanh chain's gradient, each
    timed node by node on its own (a kernel's cost depends on what ran before it: the
    700-node chain run in between makes the dense layer's kernels 2-3x slower)."""
    from .backends.numpy import _is_ufunc_node  # lazy: the planner's own test of a ufunc
    from .session import Session  # lazy: the cost model's calibration only
    g, dense, chain, feed, init, var, fed = _calibration_graph()
    sess = Session(graph=g)
    sess.run(init, feed)
    one_feed = {k: v for k, v in feed.items() if k is fed.op.inputs[0]}
    calls = ((var, None), (fed, one_feed), (chain, feed))
    best = [math.inf] * len(calls)
    for r in range(203):     # the fastest of 200: these calls take microseconds, and
        # fewer samples left a Session.run's fixed cost up to 2x high on a noisy machine
        for i, (f, fd) in enumerate(calls):
            t0 = time.perf_counter()
            sess.run(f, fd)
            if r >= 3:
                best[i] = min(best[i], time.perf_counter() - t0)
    by_type, ufunc, sums = {}, {}, []
    for fetches in (dense, chain):
        plan = _plan(sess, fetches, feed)
        comp = plan.compiled
        feeds = [feed[k] for k in plan.feed_tensors]
        per_node = []
        for _ in range(30):     # microsecond kernels: the fastest of 30 (10 was noisy)
            _, records, _ = comp.run_traced(feeds)
            per_node.append([(r[3] - r[2]) * 1e-6 for r in records])
        fastest = np.min(np.array(per_node), axis=0)
        for n, t in zip(comp.program.nodes, fastest):
            by_type.setdefault(n.type, []).append(float(t))
            ufunc[n.type] = _is_ufunc_node(n)
        sums.append((float(fastest.sum()),
                     sum(1 for n in comp.program.nodes if not _is_free_const(n)),
                     len(plan.feed_tensors)))
    sess.close()
    kernel_s = {ty: float(np.median(v)) for ty, v in by_type.items()}
    run_s = max(best[0] - kernel_s.get("VariableV2", 0.0), 0.0)
    feed_s = max(best[1] - run_s - kernel_s.get("Add", 0.0), 0.0)
    traced, called, n_feeds = sums[1]
    # the generated code's cost per node beyond its kernels; negative: node-by-node
    # timing (clock reads, the interpreter's bookkeeping) adds that much to each node
    line = (best[2] - run_s - n_feeds * feed_s - traced) / max(called, 1)
    if line < 0:
        kernel_s = {ty: max(t + line, 0.1 * t) for ty, t in kernel_s.items()}
    other = [t for ty, t in kernel_s.items() if not ufunc[ty]]
    ufuncs = [t for ty, t in kernel_s.items() if ufunc[ty]]
    line_s = max(line, 0.0)
    return {"kernel_s": kernel_s, "kernel_default_s": float(np.median(other)),
            "node_s": float(np.median(ufuncs)), "line_s": line_s, "run_s": run_s,
            "feed_s": feed_s}


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


def _is_free_const(node):
    """A Const the generated code holds as a global: no call, no cost per run."""
    return node.type == "Const" and not node.inputs and node.op_def.bind is None


_MATMULS = frozenset({"MatMul", "BatchMatMul", "BatchMatMulV2"})
_PASSES = {"TanhGrad": 3, "SigmoidGrad": 3}     # NumPy passes of one fused step


def _dispatch_s(node, parts, m):
    """The fixed cost of calling a node's kernel (kernel_s, else by kind)."""
    from .backends.numpy import _is_ufunc_node  # lazy: the planner's own test of a ufunc
    ks = m["kernel_s"]
    if node.type in ks:
        return ks[node.type]
    if len(parts) > 1 or node.type.startswith("Fused["):
        return sum(ks.get(p, ks.get(f"Fused[{p}]", m["node_s"])) for p in parts)
    return m["node_s"] if _is_ufunc_node(node) else m["kernel_default_s"]


def node_cost(program, node, m) -> dict:
    """Cost of one plan node: tf_flops, flops (tf_flops, or the element-wise estimate),
    bytes, seconds (predicted: the generated line's cost, the kernel's fixed cost, and
    its data cost from the machine's size-dependent curves: matmuls by float ops,
    transcendental ops by elements, everything else by bytes read and written)."""
    ins = [_shape(program, v) for v in node.inputs]
    outs = [_shape(program, v) for v in node.outputs]
    base = node.type
    if base.startswith("Fused["):
        parts = [p.strip() for p in base[6:-1].split("+")] if base.endswith("]") else [base]
    else:
        parts = [base]
    tf_flops = op_flops(node.type, ins, outs, node.attrs)
    work = 0.0
    n_out = _numel(outs[0]) if outs and outs[0] is not None else None
    n_in = max((_numel(s) or 0 for s in ins if s is not None), default=0)
    n_elem = max(n_out or 0, n_in) if base in _TRANSCENDENTAL else (n_out or 0)
    ratio = m["flops_per_s"] / m["trans_per_s"]
    for p in parts:
        if p in _FREE:
            continue
        if p in _TRANSCENDENTAL and n_out is not None:
            work += n_elem * ratio
        elif p not in _MATMULS and n_out is not None:
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
    if _is_free_const(node):
        return {"name": node.name, "type": node.type, "tf_flops": tf_flops, "flops": flops,
                "bytes": nbytes, "seconds": 0.0, "unknown_shape": unknown}
    data = 0.0
    if base in _MATMULS:
        data = max(_data_s(m["mm_curve"], tf_flops), _data_s(m["ew_curve"], nbytes))
    elif tf_flops and len(parts) == 1 and base not in _UNARY and base not in _BINARY \
            and base not in _REDUCE and base != "AddN":     # convolutions, pooling
        data = max(tf_flops / m["flops_per_s"], _data_s(m["ew_curve"], nbytes))
    else:
        out_b = _nbytes(program, node.outputs[0]) if node.outputs else None
        for p in parts:
            if p in _FREE:
                continue
            # one step of a fused kernel reads and writes about three arrays of its size
            b = nbytes if len(parts) == 1 else 3 * (out_b or 0)
            step = _PASSES.get(p, 1) * _data_s(m["ew_curve"], b)
            if p in _TRANSCENDENTAL:
                step = max(step, _data_s(m["trans_curve"], n_elem))
            data += step
    seconds = m["line_s"] + _dispatch_s(node, parts, m) + data
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
            "seconds": m["run_s"] + len(program.feeds) * m["feed_s"] +
            sum(n["seconds"] for n in nodes),
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
