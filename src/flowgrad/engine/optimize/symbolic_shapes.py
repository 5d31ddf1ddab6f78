"""Grappler's symbolic shapes (GraphProperties::InferStatically with assume_valid_feeds=false).

The arithmetic optimizer decides its rewrites on the shapes Grappler's shape inference
gives each tensor, not on the graph's static shapes: a fed tensor's shape is unknown (a
feed need not match its placeholder's shape), and what is computed from it gets its
shape from the ops' shape functions, where every unknown dim is a symbol: a dim two
tensors share (the batch dim through Conv2D, Mean(keepdims), broadcasting) is the same
symbol, and two tensors with equal symbols have "symbolically equal" shapes. A Conv2D
of a fed placeholder [2, 4, 4, 3] has shape [a, b, c, 16] in Grappler; its moments over
[1, 2] are [a, 1, 1, 16]; `v - mean` is [a, b, c, 16] again.

`symbolic_shapes(program)` gives each value a tuple: dims >= 0 known, dims <= -2 symbols
(equal ints are the same symbol), or None where the rank is unknown or the op's shape
function is not modelled here (the passes then leave the value alone, as before). Only
a few shape functions are modelled below a feed: elementwise unary and broadcasting
binary ops, AddN and the activations' gradients, reductions over constant axes, Conv2D
(NHWC), MatMul, BiasAdd, Reshape to a constant shape or to `Shape(x)`, ConcatV2 and Split
on a constant axis (LayerNormBasicLSTMCell's gates under a fed batch), and the layout ops
whose shape functions pass their input's dims on (ExpandDims, Squeeze, Tile, Pad, Slice,
GatherV2, IdentityN, Pack/Unpack, BroadcastTo: a dim tiled by 1 or padded by 0 is the
same symbol; golden rnn/loop_shape_rules), StridedSlice on constant specs (an ellipsis
too: `c[..., None]`), BatchMatMul(V2)
(batch dims merged / broadcast), and Tile and Fill by a shape packed from scalars
(`[bs, 1, 1]`, `tf.zeros([bs, n])`: Grappler's shape tensor, a fresh symbol for each
non-constant entry; golden math/caps_routing); a value computed without a feed has its
static shape when that is fully defined. In a while loop's body a capture has the shape
the enclosing plan gives its value (its Enter's: UnknownFeeds.shapes; tf.einsum of a fed
u is [a, 6, 3, 5] there, so capsule routing's squash in the body is regrouped as TF's:
golden math/loop_symbolic_shapes).
"""
from __future__ import annotations

import heapq

import numpy as np

from ..framework.graph_def_lower import ta_handle_data
from ..framework.slice_spec import dense_spec
from ..framework.tensor_shape import TensorShape

_UNARY = frozenset({
    "Identity", "StopGradient", "Neg", "Rsqrt", "Sqrt", "Square", "Exp", "Log", "Log1p",
    "Expm1", "Relu", "Relu6", "Elu", "Selu", "Tanh", "Sigmoid", "Abs", "Sign", "Reciprocal",
    "Softplus", "Softsign", "LeakyRelu", "Floor", "Ceil", "Round", "Cast", "Sin", "Cos",
    "ZerosLike", "OnesLike", "Softmax", "LogSoftmax", "Erf", "Inv"})
_BINARY = frozenset({
    "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "SquaredDifference", "Maximum", "Minimum",
    "Pow", "FloorDiv", "FloorMod", "DivNoNan", "MulNoNan", "TruncateDiv",
    # (the comparisons' and logical ops' shape function is the same broadcast: a
    # sigmoid_cross_entropy's `logits >= 0` on a fed logits)
    "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual", "LogicalAnd",
    "LogicalOr"})
_REDUCE = frozenset({"Sum", "Mean", "Max", "Min", "Prod"})
_SEGMENT = frozenset({"UnsortedSegmentSum", "UnsortedSegmentMax", "UnsortedSegmentMin",
                      "UnsortedSegmentProd"})
# shape functions that merge all their inputs' shapes (AddN, the activations' gradients;
# a gradient's first input of unknown rank leaves it unknown: add_ops_rewrite._popped_values)
_MERGE = frozenset({
    "AddN", "ReluGrad", "Relu6Grad", "TanhGrad", "SigmoidGrad", "RsqrtGrad", "SqrtGrad",
    "ReciprocalGrad", "EluGrad", "SeluGrad", "SoftplusGrad", "SoftsignGrad", "LeakyReluGrad"})


class _Dims:
    """Fresh symbols and their merges (Grappler's SymbolicShapeManager: a dim merged with a
    known dim or another symbol is that dim everywhere)."""

    def __init__(self):
        self.parent = {}
        self.next = -2

    def fresh(self):
        d = self.next
        self.next -= 1
        return d

    def find(self, d):
        while d < -1 and d in self.parent:
            d = self.parent[d]
        return d

    def merge(self, a, b):
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        if a < -1:
            self.parent[a] = b
            return b
        if b < -1:
            self.parent[b] = a
        return a


def _const_values(program):
    return {n.outputs[0]: n.attrs.get("value") for n in program.nodes
            if n.type == "Const" and not n.inputs and n.outputs}


def _broadcast(x, y, dims):
    """BroadcastBinaryOpOutputShapeFn on symbolic dims."""
    rank = max(len(x), len(y))
    x = (1,) * (rank - len(x)) + tuple(x)
    y = (1,) * (rank - len(y)) + tuple(y)
    out = []
    for a, b in zip(x, y):
        if a < 0 or b < 0:
            if a > 1:
                out.append(a)
            elif b > 1:
                out.append(b)
            elif a == 1:
                out.append(b)
            elif b == 1:
                out.append(a)
            elif a == b:
                out.append(a)
            else:
                out.append(dims.fresh())
        elif a == 1 or b == 1:
            out.append(b if a == 1 else a)
        elif a == b:
            out.append(a)
        else:
            return None
    return tuple(out)


def _window(size, k, stride, dilation, padding, dims):
    if size < 0 or padding not in ("SAME", "VALID"):
        return dims.fresh()
    if padding == "SAME":
        return -(-size // stride)
    return -(-(size - (k - 1) * dilation) // stride)


def _rule(n, ins, consts, dims, shape_of, static=None):
    """The output shape of node `n` from its inputs' symbolic shapes, or None. `static`:
    value -> its static TensorShape (the ranks Grappler's shape functions know)."""
    t = n.type
    a = n.attrs
    if t in _UNARY:
        return ins[0]
    if t in _BINARY:
        if len(ins) != 2 or ins[0] is None or ins[1] is None:
            return None
        return _broadcast(ins[0], ins[1], dims)
    if t in _MERGE:
        if t != "AddN" and ins and ins[0] is None:
            return None
        known = [x for x in ins if x is not None]
        if not known or any(len(x) != len(known[0]) for x in known):
            return None
        out = list(known[-1])
        for x in known[-2::-1]:
            out = [dims.merge(a, b) for a, b in zip(x, out)]
        return tuple(out)
    if t in _REDUCE:
        x = ins[0]
        axes = consts.get(n.inputs[1]) if len(n.inputs) == 2 else None
        if x is None or axes is None:
            return None
        axes = {int(i) % len(x) if len(x) else int(i) for i in np.ravel(axes)}
        if a.get("keep_dims"):
            return tuple(1 if i in axes else d for i, d in enumerate(x))
        return tuple(d for i, d in enumerate(x) if i not in axes)
    if t in ("Conv2D", "DepthwiseConv2dNative"):
        x, w = ins
        if w is None or len(w) != 4 or a.get("data_format", "NHWC") != "NHWC":
            return None
        if x is None:
            x = (dims.fresh(), dims.fresh(), dims.fresh(), dims.fresh())
        if len(x) != 4:
            return None
        depth = dims.merge(x[3], w[2])
        s, dl = a.get("strides", [1, 1, 1, 1]), a.get("dilations", [1, 1, 1, 1])
        pad = a.get("padding")
        if t == "Conv2D":
            out = w[3]
        else:   # DepthwiseConv2DNativeShapeFn: in_depth * depth_multiplier
            out = depth * w[3] if depth >= 0 and w[3] >= 0 else dims.fresh()
        return (x[0], _window(x[1], w[0], s[1], dl[1], pad, dims),
                _window(x[2], w[1], s[2], dl[2], pad, dims), out)
    if t == "MatMul":
        x, w = ins
        x = x if x is not None else (dims.fresh(), dims.fresh())
        w = w if w is not None else (dims.fresh(), dims.fresh())
        if len(x) != 2 or len(w) != 2:
            return None
        if a.get("transpose_a"):
            x = x[::-1]
        if a.get("transpose_b"):
            w = w[::-1]
        dims.merge(x[1], w[0])
        return (x[0], w[1])
    if t == "BiasAdd":
        x, b = ins
        if x is None or not x or b is None or len(b) != 1 \
                or a.get("data_format", "NHWC") != "NHWC":
            return None
        return x[:-1] + (dims.merge(x[-1], b[0]),)
    if t == "Reshape":
        out = _reshape(n, ins[0], consts, dims, shape_of)
        length = ins[1] if len(ins) > 1 else None
        if out is None and static is not None and (length is None or (
                len(length) == 1 and length[0] >= 0)):
            # a shape tensor of partly known value (`concat([size(ids)], shape(p)[1:])`,
            # the embedding gradient's): its known dims, a fresh symbol for each other
            # (not one of a length Grappler does not know, `shape(x)[:-3]` of a feed's x:
            # an unknown rank, as MakeShapeFromShapeTensor gives)
            s = static(n.outputs[0])
            if s is not None and s.ndims is not None:
                out = tuple(dims.fresh() if d is None else d for d in s.as_list())
        return out
    if t == "ConcatV2":
        axis = consts.get(n.inputs[-1]) if n.inputs else None
        parts = ins[:-1]
        if axis is None or not parts or any(x is None or len(x) != len(parts[0])
                                            for x in parts):
            return None
        rank = len(parts[0])
        ax = int(axis) % rank if rank else 0
        out = []
        for i in range(rank):
            col = [x[i] for x in parts]
            if i == ax:
                out.append(sum(col) if all(d >= 0 for d in col) else dims.fresh())
                continue
            d = col[0]
            for e in col[1:]:
                d = dims.merge(d, e)
            out.append(d)
        return tuple(out)
    if t == "Shape":
        # (a vector of unknown length where the input's rank is unknown: a feed's)
        return (dims.fresh(),) if ins[0] is None else (len(ins[0]),)
    if t in _SEGMENT:
        # UnsortedSegmentReductionShapeFn: [num_segments] + data's dims past the ids' rank
        # (an IndexedSlices made dense, the sparse optimizers' deduplicated gradient)
        data = ins[0]
        ids = static(n.inputs[1]) if static is not None and len(ins) == 3 else None
        if data is None or ids is None or ids.ndims is None or ids.ndims > len(data):
            return None
        ids = range(ids.ndims)
        num = consts.get(n.inputs[2])
        head = int(num) if num is not None and np.ndim(num) == 0 else dims.fresh()
        return (head,) + tuple(data[len(ids):])
    if t == "Transpose":
        return _transpose(n, ins[0], consts, dims)
    if t in _LAYOUT:
        return _LAYOUT[t](n, ins, consts, dims, shape_of)
    if t in ("BatchMatMul", "BatchMatMulV2"):
        return _batch_matmul(n, ins, dims)
    if t in ("DynamicStitch", "ParallelDynamicStitch"):
        return _stitch(n, ins, consts, dims)
    if t == "TensorArrayGatherV3":
        # Concatenate([Dim(indices, 0)], the element shape): the gather's element_shape
        # attr (Python passes the TensorArray's; TF's handle data where the TensorArrayV3's
        # is fully defined or identical_element_shapes: the same for dynamic_rnn, map_fn)
        elem = a.get("element_shape")
        elem = None if elem is None else TensorShape(elem)
        if elem is None or elem.ndims is None:
            return None
        return (dims.fresh(),) + tuple(dims.fresh() if d is None else d
                                       for d in elem.as_list())
    return None


def _stitch(n, ins, consts, dims):
    """DynamicStitchShapeFunction: [max index + 1] (all indices constant) or a fresh
    symbol, then the data's dims past its indices' rank."""
    k = len(ins) // 2
    rest = None
    for idx, v, data in zip(ins[:k], n.inputs[:k], ins[k:]):
        rank = len(idx) if idx is not None else (
            np.ndim(consts[v]) if consts.get(v) is not None else None)
        if rank is not None and data is not None and len(data) >= rank:
            rest = tuple(data[rank:])
            break
    if rest is None:
        return None
    values = [consts.get(v) for v in n.inputs[:k]]
    head = int(max(np.max(c) for c in values if np.size(c)) + 1) \
        if all(c is not None for c in values) and any(np.size(c) for c in values) \
        else dims.fresh()
    return (head,) + rest


def _int_list(consts, v):
    """The constant `v` as a list of ints, or None."""
    c = consts.get(v)
    return None if c is None else [int(d) for d in np.ravel(c)]


def _expand_dims(n, ins, consts, dims, shape_of):
    """ExpandDims: a 1 inserted at the constant axis (negative: from the end + 1)."""
    axis = _int_list(consts, n.inputs[1]) if len(n.inputs) == 2 else None
    x = ins[0]
    if x is None or axis is None or len(axis) != 1 or not -len(x) - 1 <= axis[0] <= len(x):
        return None
    ax = axis[0] + len(x) + 1 if axis[0] < 0 else axis[0]
    return x[:ax] + (1,) + x[ax:]


def _squeeze(n, ins, consts, dims, shape_of):
    """Squeeze: the listed dims gone (an unknown one taken as 1); none listed, the dims
    known to be 1 (an unknown dim then leaves the rank unknown)."""
    x = ins[0]
    if x is None:
        return None
    listed = {d % len(x) for d in n.attrs.get("squeeze_dims") or ()} if x else set()
    if not listed and any(d < 0 for d in x):
        return None
    return tuple(d for i, d in enumerate(x)
                 if not (i in listed or not listed and d == 1))


def _tile(n, ins, consts, dims, shape_of):
    """Tile by constant multiples: a dim times 1 is itself, a known dim the product, an
    unknown one times more a fresh symbol. Multiples packed from scalars (`[bs, 1, 1]`):
    Grappler's shape tensor, the constant ones known, each other a fresh symbol."""
    x = ins[0]
    mult = _shape_values(consts, shape_of, n.inputs[1]) if len(n.inputs) == 2 else None
    if mult is None and len(ins) == 2 and ins[1] is not None and len(ins[1]) == 1 \
            and ins[1][0] >= 0 and (x is None or len(x) == ins[1][0]):
        # multiples of unknown value but known length (a Sum's gradient, `floordiv(
        # shape, Maximum(DynamicStitch, 1))`, in a loop's gradient frame): that rank, a
        # dim of 0 times anything 0, each other a fresh symbol (the golden
        # math/loop_accum_matmul)
        return tuple(0 if x is not None and x[i] == 0 else dims.fresh()
                     for i in range(ins[1][0]))
    if x is None or mult is None or len(mult) != len(x):
        return None
    return tuple(dims.fresh() if m is None else m if d == 1 else
                 dims.fresh() if m < 0 else d if m == 1 else d * m if d >= 0
                 else 0 if m == 0 else dims.fresh() for d, m in zip(x, mult))


def _shape_values(consts, shape_of, v):
    """A shape tensor's values as Grappler's shape inference tracks them: a constant
    vector's ints, or a Pack of scalars (a constant's int, None for any other), or None."""
    c = _int_list(consts, v)
    if c is not None:
        return c
    if v in shape_of:       # Shape(y): y's dims (symbols as such)
        return list(shape_of[v])
    n = shape_of.get(("pack", v))
    if n is None:
        return None
    out = []
    for i in n.inputs:
        c = consts.get(i)
        out.append(int(c) if c is not None and np.ndim(c) == 0 else None)
    return out


def _fill(n, ins, consts, dims, shape_of):
    """Fill of dims packed from scalars (`tf.zeros([bs, 18, 3])`): the constant ones
    known, each other a fresh symbol (not a Fill of `Shape(y)`: _known_fill)."""
    if len(n.inputs) != 2 or n.inputs[0] in shape_of:
        return None
    shape = _shape_values(consts, shape_of, n.inputs[0])
    if shape is None:
        return None
    return tuple(dims.fresh() if d is None or d < 0 else d for d in shape)


def _random(n, ins, consts, dims, shape_of):
    """A random op of a shape tensor (RandomShape: MakeShapeFromShapeTensor): `Shape(y)`
    gives y's dims (`mu + tf.random_normal(tf.shape(mu)) * std` is mu's shape), a packed or
    constant shape its known dims and a fresh symbol for each other."""
    if not n.inputs:
        return None
    shape = _shape_values(consts, shape_of, n.inputs[0])
    if shape is None:
        return None
    return tuple(dims.fresh() if d is None or d == -1 else d for d in shape)


def _batch_matmul(n, ins, dims):
    """BatchMatMul(V2)'s shape function: the batch dims merged (V1) or broadcast (V2),
    then the rows of x and the columns of y (the inner dims merged)."""
    x, y = ins
    if x is None or y is None or len(x) < 2 or len(y) < 2:
        return None
    a = n.attrs
    xr, xc = (x[-1], x[-2]) if a.get("adj_x") else (x[-2], x[-1])
    yr, yc = (y[-1], y[-2]) if a.get("adj_y") else (y[-2], y[-1])
    if n.type == "BatchMatMul":
        if len(x) != len(y):
            return None
        batch = tuple(dims.merge(p, q) for p, q in zip(x[:-2], y[:-2]))
    else:
        batch = _broadcast(x[:-2], y[:-2], dims)
        if batch is None:
            return None
    dims.merge(xc, yr)
    return batch + (xr, yc)


def _strided_slice(n, ins, consts, dims, shape_of):
    """StridedSlice by constant begin, end and strides: a new axis is a 1, a shrunk axis
    goes, a known dim's slice its length, any other a fresh symbol, the dims past the spec
    kept where known; an ellipsis stands for the whole of the dims the other entries (but
    the new axes) leave (ValidateStridedSliceOp: `c[..., None]` of c [a, 6, 3] is [b, 6,
    3, 1]). (TF's shape function builds its output from a PartialTensorShape: an unknown
    dim is a fresh symbol even where the slice takes it whole, so `h[:, :]` does not pass
    a state's batch dim on; r4.py strided.)"""
    x = ins[0]
    if x is None or len(n.inputs) != 4:
        return None
    begin, end, strides = (_int_list(consts, v) for v in n.inputs[1:])
    if begin is None or end is None or strides is None or \
            not len(begin) == len(end) == len(strides):
        return None
    try:
        spec = dense_spec(len(x), begin, end, strides, n.attrs)
    except ValueError:
        return None   # (TF's shape function fails there: no shape)
    out = []
    k = 0
    for s in spec:
        if s[0] == "new":
            out.append(1)
            continue
        d = x[k]
        k += 1
        if s[0] == "shrink":
            continue
        out.append(len(range(d)[slice(*s[1:4])]) if d >= 0 else dims.fresh())
    return tuple(out)


def _pad(n, ins, consts, dims, shape_of):
    """Pad / PadV2 / MirrorPad by constant paddings: a dim padded by nothing is itself,
    a known one grows, an unknown one padded is a fresh symbol."""
    x = ins[0]
    pads = _int_list(consts, n.inputs[1]) if len(n.inputs) >= 2 else None
    if x is None or pads is None or len(pads) != 2 * len(x):
        return None
    out = []
    for i, d in enumerate(x):
        grow = pads[2 * i] + pads[2 * i + 1]
        out.append(d if grow == 0 else d + grow if d >= 0 else dims.fresh())
    return tuple(out)


def _slice(n, ins, consts, dims, shape_of):
    """Slice by constant begin and size: size -1 from a begin of 0 keeps the dim, from
    another the known rest (an unknown one's: a fresh symbol); else the size."""
    x = ins[0]
    begin = _int_list(consts, n.inputs[1]) if len(n.inputs) == 3 else None
    size = _int_list(consts, n.inputs[2]) if len(n.inputs) == 3 else None
    if x is None or begin is None or size is None or not len(x) == len(begin) == len(size):
        return None
    return tuple(s if s != -1 else d if b == 0 else d - b if d >= 0 else dims.fresh()
                 for d, b, s in zip(x, begin, size))


def _gather(n, ins, consts, dims, shape_of):
    """GatherV2 (batch_dims 0) on a constant axis: params' dims, the axis one replaced by
    the indices' dims."""
    if len(ins) != 3 or n.attrs.get("batch_dims", 0):
        return None
    params, indices = ins[0], ins[1]
    axis = _int_list(consts, n.inputs[2])
    if params is None or indices is None or axis is None or len(axis) != 1 or \
            not -len(params) <= axis[0] < len(params):
        return None
    ax = axis[0] % len(params)
    return params[:ax] + tuple(indices) + params[ax + 1:]


def _pack(n, ins, consts, dims, shape_of):
    """Pack: the inputs' shapes merged, their number inserted at the axis."""
    if not ins or any(x is None or len(x) != len(ins[0]) for x in ins):
        return None
    out = list(ins[-1])
    for x in ins[-2::-1]:
        out = [dims.merge(a, b) for a, b in zip(x, out)]
    axis = n.attrs.get("axis", 0)
    ax = axis + len(out) + 1 if axis < 0 else axis
    return tuple(out[:ax]) + (len(ins),) + tuple(out[ax:])


def _broadcast_to(n, ins, consts, dims, shape_of):
    """BroadcastTo a constant shape or `Shape(y)` (y's shape). (Not Fill: of a Shape
    Grappler knows, TF folds it into a Const and pushes that down, not modelled.)"""
    if len(n.inputs) != 2:
        return None
    src = shape_of.get(n.inputs[1])
    if src is not None:
        return src
    shape = _int_list(consts, n.inputs[1])
    return None if shape is None or any(d < 0 for d in shape) else tuple(shape)


def _unpack(n, x, dims):
    """Unpack's output shape (every output alike): the axis dim gone."""
    if x is None or not x:
        return None
    ax = n.attrs.get("axis", 0) % len(x)
    return x[:ax] + x[ax + 1:]


def _one_hot(n, ins, consts, dims, shape_of):
    """OneHot's shape function: the indices' dims with the depth (a constant's, else a
    fresh symbol) inserted at the axis (-1: last)."""
    x = ins[0] if ins else None
    if x is None or len(n.inputs) != 4:
        return None
    depth = _int_list(consts, n.inputs[1])
    d = int(depth[0]) if depth is not None and len(depth) == 1 else dims.fresh()
    axis = n.attrs.get("axis", -1)
    ax = len(x) if axis == -1 else axis
    return tuple(x[:ax]) + (d,) + tuple(x[ax:])


def _resize(n, ins, consts, dims, shape_of):
    """The image resizes' ResizeShapeFn: a rank-4 input (of unknown dims where its shape
    is unknown: a feed's) with its rows and columns the constant size's."""
    x = ins[0] if len(ins) == 2 else None
    size = _int_list(consts, n.inputs[1]) if len(n.inputs) == 2 else None
    if size is None or len(size) != 2 or (x is not None and len(x) != 4):
        return None
    if x is None:
        x = (dims.fresh(), dims.fresh(), dims.fresh(), dims.fresh())
    return (x[0], size[0], size[1], x[3])


def _batch_to_space(n, ins, consts, dims, shape_of):
    """BatchToSpaceND / SpaceToBatchND by a constant block_shape and crops (paddings), as
    TF's SpaceToBatchShapeHelper / BatchToSpaceShapeHelper: the batch divided (multiplied)
    by the block size, each block dim multiplied less its crops (padded, divided); an
    unknown dim a fresh symbol, the trailing dims kept (tf.layers.conv2d's
    dilation_rate: with_space_to_batch)."""
    x = ins[0] if len(ins) == 3 else None
    block = _int_list(consts, n.inputs[1]) if len(n.inputs) == 3 else None
    edges = _int_list(consts, n.inputs[2]) if len(n.inputs) == 3 else None
    if x is None or block is None or edges is None or len(edges) != 2 * len(block) \
            or len(x) < len(block) + 1 or 0 in block:
        return None
    size = int(np.prod(block))
    to_space = n.type == "BatchToSpaceND"
    if x[0] < 0:
        out = [dims.fresh()]
    elif to_space and x[0] % size:
        return None
    else:
        out = [x[0] // size if to_space else x[0] * size]
    for i, b in enumerate(block):
        d, lo, hi = x[1 + i], edges[2 * i], edges[2 * i + 1]
        if d < 0:
            out.append(dims.fresh())
        elif to_space:
            out.append(d * b - lo - hi)
        elif (d + lo + hi) % b:
            return None
        else:
            out.append((d + lo + hi) // b)
    return tuple(out) + tuple(x[1 + len(block):])


# ops whose shape function moves or passes on their input's dims (symbols kept)
_LAYOUT = {"ExpandDims": _expand_dims, "Squeeze": _squeeze, "Tile": _tile, "Pad": _pad,
           "PadV2": _pad, "MirrorPad": _pad, "Slice": _slice, "GatherV2": _gather,
           "Pack": _pack, "BroadcastTo": _broadcast_to, "StridedSlice": _strided_slice,
           "Fill": _fill, "RandomStandardNormal": _random, "RandomUniform": _random,
           "TruncatedNormal": _random, "RandomUniformInt": _random,
           "BatchToSpaceND": _batch_to_space, "SpaceToBatchND": _batch_to_space,
           "ResizeNearestNeighbor": _resize, "ResizeBilinear": _resize,
           "ResizeBicubic": _resize, "ResizeArea": _resize, "OneHot": _one_hot}


def _transpose(n, x, consts, dims):
    """TransposeShapeFn: the input's dims permuted by a constant perm; a perm Grappler's
    first inference does not hold as a Const (dynamic_rnn's `concat(([1, 0], range(2,
    rank)))`): as many unknown dims as the input's rank."""
    if x is None:
        return None
    rank = len(x)
    perm = consts.get(n.inputs[1]) if len(n.inputs) == 2 else None
    if perm is not None and np.size(perm) == rank:
        return tuple(x[int(p)] for p in np.ravel(perm))
    return tuple(dims.fresh() for _ in range(rank))


def _many(n, ins, consts, dims):
    """The output shapes of a node of several outputs (Split, Unpack, IdentityN), or
    None."""
    if n.type == "Split":
        out = _split(n, ins, consts, dims)
    elif n.type == "Unpack" and len(ins) == 1:
        out = _unpack(n, ins[0], dims)
    elif n.type == "IdentityN" and len(ins) == len(n.outputs):
        return list(ins)
    elif n.type in _XENT and len(ins) == 2:
        return _xent(n, ins, dims)
    else:
        return None
    return None if out is None else [out] * len(n.outputs)


_XENT = frozenset({"SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits"})


def _xent(n, ins, dims):
    """The (loss, backprop) shapes of the softmax cross entropy ops' shape functions:
    features [batch, classes] merged with the labels' [batch, classes] (the sparse op's
    labels [batch]); the loss [batch]. (A broadcast of the dense op's labels: not
    modelled.)"""
    f, labels = ins
    if f is None or labels is None or len(f) != 2:
        return None
    if n.type == "SparseSoftmaxCrossEntropyWithLogits":
        if len(labels) != 1:
            return None
        batch = dims.merge(f[0], labels[0])
        return [(batch,), (batch, f[1])]
    if len(labels) != 2 or any(a >= 0 and b >= 0 and a != b for a, b in zip(f, labels)):
        return None
    both = (dims.merge(f[0], labels[0]), dims.merge(f[1], labels[1]))
    return [both[:1], both]


def _split(n, ins, consts, dims):
    """Split's shape function (every output alike): the axis dim divided by num_split."""
    axis = consts.get(n.inputs[0]) if len(n.inputs) == 2 else None
    x = ins[1] if len(ins) == 2 else None
    if axis is None or x is None or not x:
        return None
    ax = int(axis) % len(x)
    num = len(n.outputs)
    d = x[ax] // num if x[ax] >= 0 and x[ax] % num == 0 else None
    if d is None:
        return None
    return x[:ax] + (d,) + x[ax + 1:]


def _reshape(n, x, consts, dims, shape_of):
    """Reshape's shape function on a constant shape (one -1 inferred when the input's one
    unknown dim and the known elements match) or on `Shape(y)` (y's shape)."""
    target = n.inputs[1]
    src = shape_of.get(target)
    if src is not None:
        return src
    shape = consts.get(target)
    if shape is None:
        return None
    out = [int(d) for d in np.ravel(shape)]
    if -1 not in out:
        return tuple(out)
    if out.count(-1) > 1:
        return None
    i = out.index(-1)
    known_out = int(np.prod([d for d in out if d != -1]))
    if x is not None and known_out > 0:
        unknown = [j for j, d in enumerate(x) if d < 0]
        known_in = int(np.prod([d for d in x if d >= 0]))
        if not unknown and known_in % known_out == 0:
            out[i] = known_in // known_out
            return tuple(out)
        if len(unknown) == 1 and known_in == known_out:
            out[i] = x[unknown[0]]
            return tuple(out)
    out[i] = dims.fresh()
    return tuple(out)


def _ranked(program, v, dims):
    """v's static shape with a fresh symbol for each unknown dim (None: unknown rank)."""
    s = program.shapes.get(v)
    if s is None or s.ndims is None:
        return None
    return tuple(dims.fresh() if d is None else d for d in s.as_list())


def _fresh_ranked(program, v, dims):
    """A fresh symbol for each of v's dims (None: unknown rank)."""
    s = program.shapes.get(v)
    if s is None or s.ndims is None:
        return None
    return tuple(dims.fresh() for _ in range(s.ndims))


def _select(ins, dims):
    """Select's shape function: then and else merged; a vector condition's dim merged with
    their first dim (any other condition: left alone)."""
    if len(ins) != 3 or ins[1] is None or ins[2] is None or len(ins[1]) != len(ins[2]):
        return None
    data = tuple(dims.merge(a, b) for a, b in zip(ins[1], ins[2]))
    cond = ins[0]
    if cond is not None and len(cond) == 1 and data:
        data = (dims.merge(data[0], cond[0]),) + data[1:]
    return data


def known_shape_fetches(program, unknown=None, candidates=()):
    """{candidate: its shape} for the `candidates` (fetched values) whose shapes
    Grappler's shape inference knows in full in a while loop's body: the loop's
    variables and the values computed from a feed have a symbol for each dim their
    static shape leaves unknown (a Merge relaxes the variable's shape to a fresh dim),
    and a Select on a vector condition of known length (dynamic_rnn's `time >=
    sequence_length` for a constant sequence_length) merges the batch dim of its
    branches with that length everywhere the symbol goes (Grappler's
    SymbolicShapeManager). Its constant folding then materializes their Shape readers
    (the gradient's) into Consts, which are no readers: ConstantPushDown may then
    rewrite the value (LayerNormBasicLSTMCell's forget gate `norm + 1.0`; a state's
    `(h + 0.37) + 1.13`, whose Shape is then a Const of the known shape:
    constant_push_down's materialized shape)."""
    if not candidates:
        return {}
    sym = symbolic_shapes(program, unknown, ranked=True)
    return {v: sym[v] for v in candidates
            if sym.get(v) is not None and all(d >= 0 for d in sym[v])}


class UnknownFeeds(list):
    """The feeds whose shapes Grappler does not know in full (a list), `ranked` those of
    them whose rank it knows: a while loop body's variables computed from (not equal to)
    a feed of the enclosing plan. Grappler's Merge takes the first input it has visited,
    the Enter (dynamic_rnn's zero_state, a Fill of `concat([batch], [3])`: [?, ?] to
    Grappler, which does not read the concat), and relaxes each dim where the
    NextIteration's differs to a symbol of its own (GetOpProperties: `Merge_3 [-24,
    -25]`): so each of their dims is a fresh symbol here, and a cell's `(h + 0.37) +
    1.13` on the state is `h + 1.5` (golden math/loopvar_push)."""

    def __init__(self, feeds, ranked=(), shapes=None):
        super().__init__(feeds)
        self.ranked = frozenset(ranked)
        # {feed: its shape in the enclosing plan} (a loop's captures: their Enters pass
        # the value's Grappler shape on, its symbols shared with the other feeds')
        self.shapes = dict(shapes or {})


def _seeded(unknown, fed, dims):
    """{feed: its shape} for the `fed` values whose shape the enclosing plan gives
    (UnknownFeeds.shapes), each of the enclosing plan's symbols one fresh symbol here."""
    shapes = getattr(unknown, "shapes", None)
    if not shapes:
        return {}
    local = {}
    out = {}
    for v, shape in shapes.items():
        if v in fed and shape is not None:
            out[v] = tuple(d if d >= 0 else local.setdefault(d, dims.fresh())
                           for d in shape)
    return out


def symbolic_shapes(program, unknown=None, ranked=False, gathers=False):
    """value -> Grappler's symbolic shape (a tuple; symbols are ints <= -2) or None.
    `unknown`: the feeds whose shapes Grappler does not know (default: all; the others
    have their static shapes, as a loop body's variables of known shape). `ranked`: those
    feeds, and the values of ops not modelled, take their static rank with a symbol per
    unknown dim (known_shape_fetches). Select has its shape function either way (a
    sigmoid_cross_entropy's, whose gradients' Sum over no axes and Reshape to the same
    shape Grappler then removes: the second round pushes `Mean_grad/truediv` down in a
    gradient of a gradient; golden seeded/pprobe15_scripts xent_second_derivative).
    `gathers`: a TensorArrayGatherV3 has its shape function's shape (a symbol for
    its first dim) even where no feed reaches it (dynamic_rnn's outputs: what a while
    loop's body sees of them, add_ops_rewrite.SYMBOLIC_ATTR)."""
    consts = _const_values(program)
    dims = _Dims()
    fed = set(program.feeds if unknown is None else unknown)
    tainted = set(fed)
    sym = {v: _static(program, v) for v in program.feeds if v not in fed}
    seeded = _seeded(unknown, fed, dims)
    sym.update(seeded)
    fed -= set(seeded)
    if ranked:
        sym.update({v: _ranked(program, v, dims) for v in fed})
        fed = set()
    else:
        rank = [v for v in getattr(unknown, "ranked", ()) if v in fed]
        sym.update({v: _fresh_ranked(program, v, dims) for v in rank})
        fed -= set(rank)
    shape_of = {}                       # a Shape op's output -> its input's shape
    queues = _Queues(program, dims)
    for n in queues.order:
        if n.type in _DEQUEUE and queues.enqueued(n):
            out = queues.dequeue(n, sym, consts)
            for v, s in zip(n.outputs, out):
                if v not in fed and s != _static(program, v):
                    sym[v] = s
                    tainted.add(v)
                elif v not in fed:
                    sym[v] = s
            continue
        is_tainted = not tainted.isdisjoint(n.inputs)
        if is_tainted:
            tainted.update(n.outputs)
        if len(n.outputs) != 1:
            many = _many(n, [sym.get(i) for i in n.inputs], consts, dims) \
                if is_tainted else None
            for k, v in enumerate(n.outputs):
                if not is_tainted and v not in fed:
                    sym[v] = _static(program, v)
                elif many is not None and v not in fed:
                    sym[v] = many[k]
                elif ranked and v not in fed:
                    sym[v] = _ranked(program, v, dims)
            continue
        v = n.outputs[0]
        if v in fed:
            sym[v] = None
            continue
        if gathers and n.type == "TensorArrayGatherV3" and not n.recompute:
            sym[v] = _rule(n, [sym.get(i) for i in n.inputs], consts, dims, shape_of,
                           program.shapes.get)
            if sym[v] is None or any(d < 0 for d in sym[v]):
                tainted.add(v)
            continue
        if n.type == "TensorArrayReadV3" and n.op is not None:
            sym[v] = _ta_read(n.op, dims)
            if sym[v] is None or any(d < 0 for d in sym[v]):   # (its readers' too)
                tainted.add(v)
            continue
        s = None if is_tainted else _static(program, v)
        if s is None and not n.recompute:
            ins = [sym.get(i) for i in n.inputs]
            if n.type == "Select":
                s = _select(ins, dims)
            elif n.type == "Fill" and _known_fill(n, consts, shape_of):
                s = shape_of[n.inputs[0]]
            else:
                s = _rule(n, ins, consts, dims, shape_of, program.shapes.get)
        if s is None and ranked:
            s = _ranked(program, v, dims)
        sym[v] = s
        if n.type == "Shape" and n.inputs and sym.get(n.inputs[0]) is not None:
            shape_of[v] = sym[n.inputs[0]]
        if n.type == "Pack" and n.attrs.get("axis", 0) == 0 and \
                all(sym.get(i) == () for i in n.inputs):
            shape_of[("pack", v)] = n
    for v in fed:
        sym[v] = None
    if dims.parent:
        for v, s in sym.items():
            if s is not None:
                sym[v] = tuple(dims.find(d) for d in s)
    return sym


_ENQUEUE = frozenset({"QueueEnqueue", "QueueEnqueueV2", "QueueEnqueueMany",
                      "QueueEnqueueManyV2"})
_DEQUEUE = frozenset({"QueueDequeueV2", "QueueDequeueManyV2", "QueueDequeueUpToV2"})


class _Queues:
    """Grappler's shapes of a queue's dequeued tensors (GraphProperties::UpdateQueue and
    UpdateEnqueue): the queue's handle data starts from its `shapes` attr (a fresh
    symbol for each unknown dim) and each enqueue in the plan relaxes it to the union
    with what it enqueues (OutputAsUnion: a rank that differs or is unknown makes the
    shape unknown, a dim that differs or is unknown in both a symbol of the queue's);
    an EnqueueMany enqueues its components as they are, batch dim and all (Grappler's
    TODO). QueueDequeueV2 gives the handle data, DequeueMany(V2) [n] + it, DequeueUpTo
    [?] + it. So a FIFOQueue that a fed tensor is enqueued into in the same run
    dequeues tensors of unknown shape (WaveNet's fast generation: the layers' skip sum
    of MatMuls of the dequeues is then left as written; golden math/queue_shapes).
    Grappler visits each queue's enqueues before its dequeues (extra deps); `order` is
    program.nodes so ordered, and where that makes a cycle (an enqueue of what is
    computed from the queue's own dequeue) it is program.nodes and the dequeues keep
    their static shapes (not modelled)."""

    def __init__(self, program, dims):
        self.dims = dims
        self.memo = {}
        self.queue = {n.outputs[0]: n for n in program.nodes
                      if n.type in ("FIFOQueueV2", "PaddingFIFOQueueV2",
                                    "RandomShuffleQueueV2", "PriorityQueueV2")
                      and n.outputs}
        self.enqueues = {}
        for n in program.nodes:
            if n.type in _ENQUEUE and n.inputs and n.inputs[0] in self.queue:
                self.enqueues.setdefault(n.inputs[0], []).append(n)
        self.order = program.nodes
        self.ok = True
        if any(n.type in _DEQUEUE and n.inputs[0] in self.enqueues for n in program.nodes):
            order = _topological(program.nodes, self.enqueues)
            self.ok = order is not None
            self.order = order if order is not None else program.nodes

    def enqueued(self, n):
        """Whether dequeue `n` reads a queue of this plan (with its enqueues ordered)."""
        return self.ok and n.inputs and n.inputs[0] in self.queue

    def dequeue(self, n, sym, consts):
        q = self.queue[n.inputs[0]]
        types = q.attrs.get("component_types") or ()
        shapes = q.attrs.get("shapes") or ()
        if len(shapes) != len(types):
            return [None] * len(n.outputs)
        handle = [self._attr(q, k, s) for k, s in enumerate(shapes)]
        for e in self.enqueues.get(n.inputs[0], ()):
            for k, v in enumerate(e.inputs[1:len(handle) + 1]):
                handle[k] = self._union(q, k, handle[k], sym.get(v))
        if n.type == "QueueDequeueV2":
            return handle
        if n.type == "QueueDequeueManyV2":
            c = consts.get(n.inputs[1]) if len(n.inputs) > 1 else None
            lead = (int(c),) if c is not None and np.shape(c) == () else (self.dims.fresh(),)
        else:
            lead = (self.dims.fresh(),)
        return [None if h is None else lead + h for h in handle]

    def _sym(self, q, k, d):
        key = (q.name, k, d)
        if key not in self.memo:
            self.memo[key] = self.dims.fresh()
        return self.memo[key]

    def _attr(self, q, k, shape):
        s = TensorShape(shape)
        if s.ndims is None:
            return None
        return tuple(self._sym(q, k, d) if x is None else x
                     for d, x in enumerate(s.as_list()))

    def _union(self, q, k, have, new):
        if have is None or new is None or len(have) != len(new):
            return None
        find = self.dims.find
        return tuple(find(a) if find(a) == find(b) else self._sym(q, k, d)
                     for d, (a, b) in enumerate(zip(have, new)))


def dequeued_unknown(program, unknown=None):
    """(the dequeued values whose shape Grappler does not know in full, those of them of
    unknown rank): the outputs of a queue's dequeue that an enqueue of the plan relaxes
    (_Queues), for the passes that mark what depends on a feed."""
    if not any(n.type in _ENQUEUE for n in program.nodes) or \
            not any(n.type in _DEQUEUE for n in program.nodes):
        return frozenset(), frozenset()
    sym = symbolic_shapes(program, unknown)
    out = [v for n in program.nodes if n.type in _DEQUEUE for v in n.outputs
           if sym.get(v) != _static(program, v) or sym.get(v) is None]
    return frozenset(out), frozenset(v for v in out if sym.get(v) is None)


def _topological(nodes, enqueues):
    """nodes in a topological order where each queue's enqueues come before its dequeues
    (the first in program order first), or None on a cycle."""
    index = {id(n): i for i, n in enumerate(nodes)}
    producer = {v: i for i, n in enumerate(nodes) for v in n.outputs}
    succ = [[] for _ in nodes]
    indeg = [0] * len(nodes)

    def edge(a, b):
        succ[a].append(b)
        indeg[b] += 1

    for i, n in enumerate(nodes):
        for v in n.inputs:
            if v in producer:
                edge(producer[v], i)
        if n.type in _DEQUEUE and n.inputs and n.inputs[0] in enqueues:
            for e in enqueues[n.inputs[0]]:
                edge(index[id(e)], i)
    heap = [i for i in range(len(nodes)) if indeg[i] == 0]
    heapq.heapify(heap)
    out = []
    while heap:
        i = heapq.heappop(heap)
        out.append(nodes[i])
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                heapq.heappush(heap, j)
    return out if len(out) == len(nodes) else None


def _ta_read(op, dims):
    """TensorArrayReadV3's shape function: the array's handle data (its TensorArrayV3's
    element_shape where fully defined or identical_element_shapes), a symbol per unknown
    dim; None where unknown, whatever flowgrad's static shape (inferred from the writes) or
    the reader's inputs: in a while body, dynamic_rnn's input array (element_shape [B, D])
    reads a known shape, tf.scan's (element_shape unknown) does not."""
    elem = ta_handle_data(op.inputs[0]) if op.inputs else TensorShape(None)
    if elem.ndims is None:
        return None
    return tuple(dims.fresh() if d is None else d for d in elem.as_list())


def _known_fill(n, consts, shape_of):
    """Whether the ranked model gives Fill `n` (of `Shape(y)`) y's shape, as Grappler's
    Fill shape function does (MakeShapeFromShapeTensor: the Shape's dims), so that
    constant folding folds it into a Const once y's shape is known (`h * tf.ones_like(h)`,
    `h * tf.fill(tf.shape(h), 0.5)` in a dynamic_rnn body with a constant
    sequence_length: h's batch dim meets the lengths'; golden math/fill_fold). Where that
    Const is then pushed down into y itself (`h + tf.fill(tf.shape(h), 0.25)`), TF's
    Grappler fails on the cycle it makes and runs the graph as written:
    constant_push_down.push_down_cycle."""
    if len(n.inputs) != 2 or n.inputs[0] not in shape_of:
        return False
    c = consts.get(n.inputs[1])
    return c is not None and np.shape(c) == ()


def _static(program, v):
    s = program.shapes.get(v)
    if s is None or not s.is_fully_defined():
        return None
    return tuple(s.as_list())
