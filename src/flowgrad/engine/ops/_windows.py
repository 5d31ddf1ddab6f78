"""Window geometry shared by the convolution and pooling kernels.

Every kernel works channels-last (NCHW / NCDHW inputs are transposed views).
Conv2D and its backprop ops are one GEMM over the whole batch: `Geo.im2col`
copies the windows into a C-contiguous (N*OH*OW, KH*KW*C) matrix in a per-thread
scratch buffer (one strided copy of the window view, or one copy per tap for 1-2
channels), and Conv2DBackpropInput makes all taps' columns in one GEMM and adds them
into the input (`Geo.col2im_gemm`). The 2-D pools go tap by tap (`Geo.taps`): each tap is one
strided view of the unpadded input and the outputs it reaches, so no padded copy
is made and no Python loop runs over pixels. Depthwise and 3-D ops contract or
reduce a strided *window view* (N, OH, OW, KH, KW, C) (`Geo.windows`, `GeoN`)
and scatter per tap.

Padding follows TF's arithmetic (GetWindowedOutputSize): SAME gives
out = ceil(in / stride) and pads (out - 1) * stride + eff_k - in in total,
the smaller half before; VALID gives out = ceil((in - eff_k + 1) / stride);
eff_k = (k - 1) * dilation + 1.
"""
from __future__ import annotations

import itertools
import threading

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..framework import dtypes as _dt
from ..framework import errors, threads
from ..framework.tensor_shape import TensorShape
from ._array_util import shape_value
from ._base import check_choice, typed_input  # noqa: F401 - check_choice re-exported


# -- geometry ----------------------------------------------------------------------------
def get_sequence(value, n, channel_index, name):
    """TF's get_sequence: an int or a 1/2/4-list becomes a 4-list in data_format order."""
    if value is None:
        value = 1
    if isinstance(value, (int, np.integer)):
        value = [int(value)]
    value = [int(v) for v in value]
    if len(value) == n + 2:
        return value
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2} but was {len(value)}")
    if channel_index == 1:
        return [1, 1] + value
    return [1] + value + [1]


def hw(seq, data_format):
    """The (H, W) entries of a 4-list given in `data_format` order."""
    return (seq[2], seq[3]) if data_format == "NCHW" else (seq[1], seq[2])


def nhwc_dims(dims, data_format):
    """(N, H, W, C) of a 4-tuple in `data_format` order."""
    if dims is None:
        return None
    if data_format == "NCHW":
        return dims[0], dims[2], dims[3], dims[1]
    return tuple(dims)


def from_nhwc_dims(n, h, w, c, data_format):
    return [n, c, h, w] if data_format == "NCHW" else [n, h, w, c]


def out_size(size, k, stride, dilation, padding, explicit=(0, 0), run=False):
    """TF's windowed output size and padding: (out, pad_before, pad_after); None if unknown.
    `run`: a kernel's check (GetWindowedOutputSizeVerboseV2: an empty output is allowed, a
    negative one is InvalidArgumentError) instead of the shape function's."""
    if size is None:
        return None, 0, 0
    eff = (k - 1) * dilation + 1
    if padding == "SAME":
        out = (size + stride - 1) // stride
        total = max(0, (out - 1) * stride + eff - size)
        return out, total // 2, total - total // 2
    before, after = explicit if padding == "EXPLICIT" else (0, 0)
    padded = size + before + after
    if run:
        num = padded - eff + stride
        out = -(-num // stride) if num < 0 else num // stride   # C++'s division
        if out < 0:
            raise errors.InvalidArgumentError(
                None, None, f"Computed output size would be negative: {out} [input_size: "
                f"{size}, effective_filter_size: {eff}, stride: {stride}]")
        return out, before, after
    if padded < eff:
        raise ValueError(f"Negative dimension size caused by subtracting {eff} from {padded}")
    return (padded - eff) // stride + 1, before, after


def _explicit_hw(explicit, data_format):
    if not explicit:
        return (0, 0), (0, 0)
    pairs = [tuple(explicit[2 * i: 2 * i + 2]) for i in range(4)]
    return hw(pairs, data_format)


def geometry(in_hw, k_hw, strides, dilations, padding, data_format, explicit=None,
             run=False):
    """Per spatial dim: (out, pad_before, pad_after)."""
    s = hw(strides, data_format)
    d = hw(dilations, data_format)
    ex = _explicit_hw(explicit, data_format)
    return [out_size(in_hw[i], k_hw[i], s[i], d[i], padding, ex[i], run) for i in range(2)]


def to_nhwc(x, data_format):
    return np.transpose(x, (0, 2, 3, 1)) if data_format == "NCHW" else x


def from_nhwc(x, data_format):
    return np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2))) if data_format == "NCHW" else x


def pad_nhwc(x, geo, value=0):
    (_, ht, hb), (_, wl, wr) = geo
    if not (ht or hb or wl or wr):
        return x
    return np.pad(x, ((0, 0), (ht, hb), (wl, wr), (0, 0)), constant_values=value)


def _windows(xp, kh, kw, sh, sw, dh, dw, oh, ow):
    """A read-only view (N, OH, OW, KH, KW, C) of the windows of padded NHWC `xp`."""
    n, _, _, c = xp.shape
    s0, s1, s2, s3 = xp.strides
    return as_strided(xp, (n, oh, ow, kh, kw, c), (s0, s1 * sh, s2 * sw, s1 * dh, s2 * dw, s3),
                      writeable=False)


def _scatter_taps(cols, padded_shape, kh, kw, sh, sw, dh, dw, oh, ow, dtype):
    """Adjoint of `_windows`: sums cols (N, OH, OW, KH, KW, C) into a padded NHWC array."""
    out = np.zeros(padded_shape, dtype=dtype)
    for i in range(kh):
        for j in range(kw):
            out[:, i * dh: i * dh + (oh - 1) * sh + 1: sh,
                j * dw: j * dw + (ow - 1) * sw + 1: sw, :] += cols[:, :, :, i, j, :]
    return out


def _crop(xp, geo, h, w):
    (_, ht, _), (_, wl, _) = geo
    return xp[:, ht: ht + h, wl: wl + w, :]


class Geo:
    """Everything a kernel needs about one windowed op, from NHWC input dims and attrs."""

    def __init__(self, in_dims, k_hw, strides, dilations, padding, data_format, explicit=None):
        self.n, self.h, self.w, self.c = in_dims
        self.kh, self.kw = k_hw
        self.sh, self.sw = hw(strides, data_format)
        self.dh, self.dw = hw(dilations, data_format)
        self.geo = geometry((self.h, self.w), k_hw, strides, dilations, padding, data_format,
                            explicit, run=True)
        (self.oh, ht, hb), (self.ow, wl, wr) = self.geo
        self.padded = (self.n, self.h + ht + hb, self.w + wl + wr, self.c)

    def windows(self, xp):
        return _windows(xp, self.kh, self.kw, self.sh, self.sw, self.dh, self.dw, self.oh,
                        self.ow)

    def scatter(self, cols, dtype):
        xp = _scatter_taps(cols, self.padded, self.kh, self.kw, self.sh, self.sw, self.dh,
                           self.dw, self.oh, self.ow, dtype)
        return _crop(xp, self.geo, self.h, self.w)

    # -- per-tap access to the unpadded input (no padded copy) --------------------------
    def taps(self):
        """For every kernel tap t = i * KW + j that lands inside the unpadded input for
        some outputs: (t, out_index, in_index), where out_index selects those outputs of an
        (N, OH, OW, C) array and in_index the input elements they read from (N, H, W, C)."""
        (_, ht, _), (_, wl, _) = self.geo
        if not (self.n and self.oh and self.ow and self.c):
            return
        for i in range(self.kh):
            rows = _tap_range(self.oh, self.sh, i * self.dh - ht, self.h)
            if rows is None:
                continue
            for j in range(self.kw):
                cols = _tap_range(self.ow, self.sw, j * self.dw - wl, self.w)
                if cols is None:
                    continue
                yield (i * self.kw + j, (slice(None), rows[0], cols[0]),
                       (slice(None), rows[1], cols[1]))

    @property
    def full_taps(self):
        """Whether every tap reads a real input element for every output (no padding
        is read)."""
        return not any(p for _, a, b in self.geo for p in (a, b))

    def im2col(self, x):
        """The windows of the unpadded NHWC `x` as one C-contiguous (N*OH*OW, KH*KW*C)
        matrix (padding reads as 0), in this thread's scratch buffer: valid until the
        thread's next im2col."""
        m, k = self.n * self.oh * self.ow, self.kh * self.kw * self.c
        if self.kh == self.kw == 1 and self.sh == self.sw == 1 and self.full_taps:
            return np.ascontiguousarray(x).reshape(m, k)
        buf = scratch(m * k, x.dtype)
        if not m * k:
            return buf.reshape(m, k)
        xp = x if self.full_taps else pad_nhwc(x, self.geo)
        cols = buf.reshape(self.n, self.oh, self.ow, self.kh, self.kw, self.c)
        if self.c > 2:      # one strided copy of the window view (measured faster)
            np.copyto(cols, self.windows(xp))
        else:               # one copy per tap: far faster for 1-2 channels
            for i in range(self.kh):
                for j in range(self.kw):
                    cols[:, :, :, i, j, :] = self.tap_view(xp, i, j)
        return buf.reshape(m, k)

    def tap_view(self, xp, i, j):
        """The (N, OH, OW, C) strided view of padded `xp` that kernel tap (i, j) reads."""
        h0, w0 = i * self.dh, j * self.dw
        return xp[:, h0: h0 + (self.oh - 1) * self.sh + 1: self.sh,
                  w0: w0 + (self.ow - 1) * self.sw + 1: self.sw, :]

    def col2im_half(self, cols):
        """TF's Col2im of float16 columns (N*OH*OW, KH*KW*C), added in half."""
        return self.col2im(cols, np.float16)

    def col2im(self, cols, dtype):
        """TF's Col2im of columns (N*OH*OW, KH*KW*C) in `dtype`: each input element adds
        its taps' columns, output position after output position (its last tap first)."""
        out = np.zeros((self.n, self.h, self.w, self.c), dtype)
        cols = cols.reshape(self.n, self.oh, self.ow, self.kh * self.kw, self.c)
        for t, out_idx, in_idx in reversed(list(self.taps())):
            out[in_idx] += cols[:, :, :, t, :][out_idx]
        return out

    def col2im_gemm(self, dy2, fm, dtype, product=None):
        """The adjoint of im2col after a GEMM, as TF's Conv2DCustomBackpropInput: the
        columns dy2 @ fm ((N*OH*OW, O) @ (O, KH*KW*C)) in one GEMM, each tap's C columns
        added into a new unpadded (N, H, W, C) array. One GEMM, not one per tap: TF's
        contraction has KH*KW*C output columns, and a GEMM of a few columns (one per tap
        for C < 16) adds its products in another order (checked against TF 1.14 for C of 1
        to 64). `product(x, y)`, if given, computes it (TF's contraction, fused_matmul)."""
        taps = self.kh * self.kw
        c = self.c
        cols = product(dy2, fm) if product is not None else threads.matmul(dy2, fm)
        out = np.zeros((self.n, self.h, self.w, c), dtype)
        cols = cols.reshape(self.n, self.oh, self.ow, taps * c)
        # TF's Col2im adds output position after output position (raster order): an input
        # element gets its taps' products from the last tap to the first
        for t, out_idx, in_idx in reversed(list(self.taps())):
            out[in_idx] += cols[..., t * c:(t + 1) * c][out_idx]
        return out


def _tap_range(o, stride, offset, size):
    """For one spatial dim and one tap, output q reads input p = q * stride + offset:
    (output slice, input slice) of the outputs 0 <= q < o whose p is in [0, size),
    or None if there are none."""
    lo = max(0, (stride - 1 - offset) // stride)
    if size - 1 - offset < 0:
        return None
    hi = min(o, (size - 1 - offset) // stride + 1)
    if hi <= lo:
        return None
    start = lo * stride + offset
    return slice(lo, hi), slice(start, start + (hi - lo - 1) * stride + 1, stride)


_SCRATCH = threading.local()
_SCRATCH_MAX = 1 << 26     # bytes kept per thread between kernels


def scratch(size, dtype):
    """A 1-D work array of `size` elements of `dtype`, reused by the calling thread's next
    call (contents undefined). Never return it, or a view of it, from a kernel."""
    dtype = np.dtype(dtype)
    nbytes = size * dtype.itemsize
    if nbytes > _SCRATCH_MAX:
        return np.empty(size, dtype)
    buf = getattr(_SCRATCH, "buf", None)
    if buf is None or buf.nbytes < nbytes:
        buf = _SCRATCH.buf = np.empty(max(nbytes, 1 << 20), np.uint8)
    return buf[:nbytes].view(dtype)


def check_strides_kernel(strides, data_format, dilations=(1, 1, 1, 1)):
    """TF's kernels check these at run time (InvalidArgumentError), not at graph build."""
    n, _, _, c = nhwc_dims(strides, data_format)
    if n != 1 or c != 1:
        raise errors.InvalidArgumentError(
            None, None, "Current implementation does not yet support strides in the batch "
            "and depth dimensions.")
    n, _, _, c = nhwc_dims(dilations, data_format)
    if n != 1 or c != 1:
        raise errors.InvalidArgumentError(
            None, None, "Current implementation does not yet support dilations in the batch "
            "and depth dimensions.")


def check_rank(t, rank, what="Shape"):
    r = t.shape.ndims
    if r is not None and r != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {r}")


def sizes_value(sizes_t):
    """A sizes input read as TF's MakeShapeFromShapeTensor reads it (partially: the known
    dims of tf.shape(x), -1 unknown), as a tuple of int-or-None; None when its length is
    unknown."""
    v = shape_value(sizes_t)
    return None if v is None else tuple(None if d is None or d < 0 else int(d) for d in v)


def wide(*arrays):
    """float16 operands are contracted in float32 (NumPy has no fast float16 matmul)."""
    return [a.astype(np.float32) if a.dtype == np.float16 else a for a in arrays]


def check_out_shape(g, dy, label, data_format="NHWC"):
    """TF's ConvBackpropExtractAndVerifyDimension (conv_grad_ops.cc): out_backprop's
    spatial sizes against those computed from the input, first H then W, `label` the
    kernel's (Conv2DCustomBackpropInput / ...Filter on CPU); `spatial_dim` is the
    dimension's index in `data_format`."""
    first = 1 if data_format.startswith("NH") else 2
    dims = ((g.oh, g.h, g.kh, g.sh, g.dh), (g.ow, g.w, g.kw, g.sw, g.dw))
    for i, (computed, size, k, stride, dilation) in enumerate(dims):
        actual = dy.shape[1 + i]
        if actual != computed:
            raise errors.InvalidArgumentError(
                None, None, f"{label}: Size of out_backprop doesn't match computed: "
                f"actual = {actual}, computed = {computed} spatial_dim: {first + i} "
                f"input: {size} filter: {k} output: {actual} stride: {stride} "
                f"dilation: {dilation}")


def check_depthwise_out_shape(g, dy, label):
    """TF's depthwise gradients' check (EXTRACT_AND_VERIFY_DIMENSIONS in
    depthwise_conv_grad_op.cc): out_backprop's rows, then its columns, against those
    computed from the input, `label` the kernel's (DepthwiseConv2DBackpropInput / ...Filter)."""
    for what, actual, computed in (("rows", dy.shape[1], g.oh), ("cols", dy.shape[2], g.ow)):
        if actual != computed:
            raise errors.InvalidArgumentError(
                None, None, f"{label}: Number of {what} of out_backprop doesn't match "
                f"computed: actual = {actual}, computed = {computed}")


def sizes_tensor(sizes, op_type, arg):
    """An int32 sizes input (`input_sizes`, `filter_sizes`) converted as TF's op wrapper
    converts it: a Const or, for a list holding tensors, a Pack named `arg` in the current
    scope, with TF's TypeErrors."""
    return typed_input(sizes, _dt.int32, op_type, arg)


def lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


# -- N-d (3-D) geometry, channels last ------------------------------------------------
FMT3 = ("NDHWC", "NCDHW")


def attrs3(node_attrs, with_k=False):
    fmt = node_attrs["data_format"]
    k = spatial(node_attrs["ksize"], fmt) if with_k else None
    return (fmt, spatial(node_attrs["strides"], fmt),
            spatial(node_attrs.get("dilations", [1] * 5), fmt), node_attrs["padding"], k)


def to_last(x, data_format):
    """NC... -> N...C (a view)."""
    if data_format.startswith("NC"):
        return np.moveaxis(x, 1, -1)
    return x


def from_last(x, data_format):
    if data_format.startswith("NC"):
        return np.ascontiguousarray(np.moveaxis(x, -1, 1))
    return x


def spatial(seq, data_format):
    return tuple(seq[2:]) if data_format.startswith("NC") else tuple(seq[1:-1])


def ndims_last(dims, data_format):
    """(N, spatial..., C) of a dims tuple in `data_format` order."""
    if dims is None:
        return None
    if data_format.startswith("NC"):
        return (dims[0],) + tuple(dims[2:]) + (dims[1],)
    return tuple(dims)


def from_last_dims(dims, data_format):
    dims = list(dims)
    if data_format.startswith("NC"):
        return [dims[0], dims[-1]] + dims[1:-1]
    return dims


class GeoN:
    """Window geometry over k spatial dims of a channels-last array (N, S1..Sk, C)."""

    def __init__(self, in_dims, ksize, strides, dilations, padding):
        self.n, self.c = in_dims[0], in_dims[-1]
        self.size = tuple(in_dims[1:-1])
        self.k, self.s, self.d = tuple(ksize), tuple(strides), tuple(dilations)
        self.geo = [out_size(sz, k, s, d, padding)
                    for sz, k, s, d in zip(self.size, self.k, self.s, self.d)]
        self.out = tuple(g[0] for g in self.geo)
        self.padded = (self.n,) + tuple(sz + g[1] + g[2] for sz, g in zip(self.size, self.geo)) \
            + (self.c,)

    def pad(self, x, value=0):
        pads = [(0, 0)] + [(g[1], g[2]) for g in self.geo] + [(0, 0)]
        return np.pad(x, pads, constant_values=value) if any(p != (0, 0) for p in pads) else x

    def windows(self, xp):
        """(N, O1..Ok, K1..Kk, C) read-only view."""
        st = xp.strides
        sp = st[1:-1]
        shape = (self.n,) + self.out + self.k + (self.c,)
        strides = (st[0],) + tuple(a * s for a, s in zip(sp, self.s)) + \
            tuple(a * d for a, d in zip(sp, self.d)) + (st[-1],)
        return as_strided(xp, shape, strides, writeable=False)

    def scatter(self, cols, dtype, taps=None):
        """Adjoint of windows(): sums (N, O.., K.., C) into the unpadded input, adding the
        window taps in the order `taps` (default: row-major over K..)."""
        out = np.zeros(self.padded, dtype=dtype)
        nk = len(self.k)
        for tap in taps or itertools.product(*(range(k) for k in self.k)):
            idx = (slice(None),) + tuple(
                slice(t * d, t * d + (o - 1) * s + 1, s)
                for t, d, o, s in zip(tap, self.d, self.out, self.s)) + (slice(None),)
            out[idx] += cols[(slice(None),) + (slice(None),) * nk + tap]
        crop = (slice(None),) + tuple(slice(g[1], g[1] + sz) for g, sz in
                                      zip(self.geo, self.size)) + (slice(None),)
        return out[crop]


FMT3 = ("NDHWC", "NCDHW")


def sizes_infer(pos_sizes, pos_dtype):
    """A 5-D output whose shape is a sizes input, read as TF's MakeShapeFromShapeTensor
    reads it (constants, and the known elements of a Pack such as [tf.shape(x)[0], 4, ...])."""
    def infer(inputs, attrs):
        sv = shape_value(inputs[pos_sizes])
        if sv is not None and len(sv) != 5:
            raise ValueError(f"Shape must be rank 5 but is rank {len(sv)}")
        sv = None if sv is None else [None if d is None or d < 0 else int(d) for d in sv]
        return [(inputs[pos_dtype].dtype.base_dtype,
                 TensorShape(sv if sv is not None else [None] * 5))]
    return infer
