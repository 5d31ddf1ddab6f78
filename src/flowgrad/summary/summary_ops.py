"""Summary ops (`tf.summary.scalar`, `histogram`, `image`, `audio`, `text`, `merge`, ...).

Each op's kernel returns a serialized `Summary` protobuf (a 0-d string
tensor) exactly as TF 1.14's C++ kernel builds it, using the protobuf classes
that the `tensorboard` package ships (so the `summary` extra is needed; the
op functions raise ImportError naming it when it is missing).
"""
from __future__ import annotations

import re

import numpy as np

from .. import logging as tf_logging
from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import GraphKeys, get_default_graph, name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.framework.proto import pb, tensor_proto
from ..engine.ops import png_writer
from ..engine.ops.audio import wav_bytes
from ..engine.ops._base import op_input

__all__ = ["audio", "histogram", "image", "merge", "merge_all", "scalar", "tensor_summary",
           "text"]

_log = tf_logging   # TF logs these through tf.logging ("tensorflow" logger)
_STRING_SCALAR = [(_dt.string, TensorShape(()))]


def _summary_infer(inputs, attrs):
    return _STRING_SCALAR


_REAL = (_dt.float32, _dt.float64, _dt.int32, _dt.uint8, _dt.int16, _dt.int8, _dt.int64,
         _dt.bfloat16, _dt.uint16, _dt.float16, _dt.uint32, _dt.uint64)
_IMAGE = (_dt.uint8, _dt.float32, _dt.float16, _dt.float64)


def _check_dtype(arg, allowed, t):
    d = t.dtype.base_dtype
    if d not in allowed:
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {d.name} not in "
                        "list of allowed values: " + ", ".join(a.name for a in allowed))


def _allowed_infer(arg, allowed):
    """An infer rule checking input 1's dtype as TF's op wrappers do."""
    def infer(inputs, attrs):
        _check_dtype(arg, allowed, inputs[1])
        return _STRING_SCALAR
    return infer


def _s(x):
    x = x.item() if isinstance(x, np.ndarray) and x.ndim == 0 else x
    return x.decode() if isinstance(x, bytes) else str(x)


def _shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


# ---------------------------------------------------------------------------------------
# Names and tags (TF's summary_op_util)
# ---------------------------------------------------------------------------------------
_INVALID_TAG_CHARACTERS = re.compile(r"[^-/\w\.]")


def _clean_tag(name):
    if name is not None:
        new_name = _INVALID_TAG_CHARACTERS.sub("_", name).lstrip("/")
        if new_name != name:
            _log.info("Summary name %s is illegal; using %s instead.", name, new_name)
            name = new_name
    return name


class _SummaryScope:
    """`summary_scope(name, family)`: yields (tag, scope) as TF 1.14 does."""

    def __init__(self, name, family=None, default_name=None, values=None):
        self.name = _clean_tag(name)
        self.family = _clean_tag(family)
        self.default_name = default_name
        self.values = values

    def __enter__(self):
        base = self.name if self.family is None else f"{self.family}/{self.name}"
        self._cm = name_scope(base, self.default_name, self.values)
        scope = self._cm.__enter__()
        tag = scope.rstrip("/") if self.family is None else f"{self.family}/{scope.rstrip('/')}"
        return tag, scope

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def _collect(val, collections, default_collections):
    if collections is None:
        collections = default_collections
    if collections:
        get_default_graph().add_to_collections(collections, val)


def _apply(op_type, inputs, attrs, scope):
    g = get_default_graph()
    return g._create_op(op_type, inputs, attrs, scope).outputs[0]


# ---------------------------------------------------------------------------------------
# ScalarSummary
# ---------------------------------------------------------------------------------------
def _scalar_kernel(tags, values):
    tags = np.asarray(tags)
    values = np.asarray(values)
    if tags.shape != values.shape:
        raise _invalid(f"tags and values not the same shape: {_shape_str(tags.shape)} != "
                       f"{_shape_str(values.shape)}"
                       + (f" (tag '{_s(tags)}')" if tags.ndim == 0 else ""))
    p = pb()
    s = p.summary_pb2.Summary()
    for t, v in zip(tags.reshape(-1), values.reshape(-1).astype(np.float64)):
        s.value.add(tag=_s(t), simple_value=float(v))
    return np.array(s.SerializeToString(), dtype=object)


register_op("ScalarSummary", infer=_allowed_infer("values", _REAL), kernel=_scalar_kernel,
            grad=None)


def scalar(name, tensor, collections=None, family=None):
    """A summary op holding one scalar (`Summary.Value.simple_value`).

    Args:
      name: the summary's name (its tag is `<name scope>/<name>`).
      tensor: a real numeric scalar.
      collections: graph collections to add the op to (default [SUMMARIES]).
      family: a prefix for the tag shown in TensorBoard.
    Returns:
      A scalar string tensor: a serialized `Summary` protobuf.
    Raises:
      ImportError: the `tensorboard` package is missing.

    >>> s = tf.summary.scalar("loss", tf.constant(0.5))
    >>> s.op.type, s.dtype.name
    ('ScalarSummary', 'string')
    """
    pb()
    with _SummaryScope(name, family, values=[tensor]) as (tag, scope):
        # as TF's op_def_library: the inputs in order, a value converted as 'values'
        tags = constant(tag, dtype=_dt.string, name="tags")
        t = op_input(tensor, "values")
        _check_dtype("values", _REAL, t)
        val = _apply("ScalarSummary", [tags, t], {}, scope)
    _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


# ---------------------------------------------------------------------------------------
# HistogramSummary (TF's core/lib/histogram with its default buckets)
# ---------------------------------------------------------------------------------------
def _default_bucket_limits():
    pos = []
    v = 1.0e-12
    while v < 1.0e20:
        pos.append(v)
        v *= 1.1  # repeated multiplication, as TF's C++ does, for bit-identical limits
    pos.append(np.finfo(np.float64).max)
    neg = [-x for x in reversed(pos)]
    return np.array(neg + [0.0] + pos, dtype=np.float64)


_LIMITS = _default_bucket_limits()
_DBL_MAX = float(np.finfo(np.float64).max)


def _histogram_proto(values):
    """TF's Histogram::Add for each value then EncodeToProto(preserve_zero_buckets=False)."""
    p = pb()
    h = p.summary_pb2.HistogramProto()
    n = values.size
    if n:
        h.min = float(values.min())
        h.max = float(values.max())
        h.num = float(n)
        # TF adds sequentially in double; cumsum reproduces that rounding exactly.
        h.sum = float(np.cumsum(values)[-1])
        h.sum_squares = float(np.cumsum(values * values)[-1])
        idx = np.minimum(np.searchsorted(_LIMITS, values, side="right"), len(_LIMITS) - 1)
        counts = np.bincount(idx, minlength=len(_LIMITS)).astype(np.float64)
        zero = counts <= 0
        run_end = zero & np.append(~zero[1:], True)
        keep = ~zero | run_end
        h.bucket_limit.extend(_LIMITS[keep].tolist())
        h.bucket.extend(counts[keep].tolist())
    else:
        h.min = _DBL_MAX
        h.max = -_DBL_MAX
        h.bucket_limit.append(_DBL_MAX)
        h.bucket.append(0.0)
    return h


def _histogram_bind(node, ctx):
    name = node.name

    def histogram_summary(tag, values):
        vals = np.asarray(values).astype(np.float64).reshape(-1)
        bad = np.flatnonzero(~np.isfinite(vals))
        if bad.size:  # TF's kernel stops at the first non-finite value and names its kind
            kind = "Nan" if np.isnan(vals[bad[0]]) else "Infinity"
            raise _invalid(f"{kind} in summary histogram for: {name}")
        p = pb()
        s = p.summary_pb2.Summary()
        s.value.add(tag=_s(tag), histo=_histogram_proto(vals))
        return np.array(s.SerializeToString(), dtype=object)
    return histogram_summary


register_op("HistogramSummary", infer=_allowed_infer("values", _REAL), bind=_histogram_bind,
            grad=None)


def histogram(name, values, collections=None, family=None):
    """A summary op with a histogram of `values` (TF's default exponential buckets).

    Args:
      name: the summary's name; values: a real numeric tensor of any shape.
      collections, family: as in `scalar`.
    Returns:
      A scalar string tensor: a serialized `Summary`.
    Raises:
      tf.errors.InvalidArgumentError (at run): NaN or infinite values.

    >>> tf.summary.histogram("weights", tf.constant([1.0, 2.0, 2.5])).op.type
    'HistogramSummary'
    """
    pb()
    with _SummaryScope(name, family, values=[values], default_name="HistogramSummary") \
            as (tag, scope):
        # as TF's op_def_library: the inputs in order, a value converted as 'values'
        tag_t = constant(tag, dtype=_dt.string, name="tag")
        t = op_input(values, "values")
        _check_dtype("values", _REAL, t)
        val = _apply("HistogramSummary", [tag_t, t], {}, scope)
    _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


# ---------------------------------------------------------------------------------------
# ImageSummary (PNG written as TF's libpng writes it: engine/ops/png_writer.py)
# ---------------------------------------------------------------------------------------
def _normalize_float_image(im, bad_color):
    """TF's NormalizeFloatImage: to uint8 by 255/max, or centred at 128 by 127/max|x|. The
    bounds and the scale are float32 (the values read as floats), the scale and offset
    then the image's type, in which `value * scale + offset` is computed (half: each step
    rounded to half, as Eigen::half)."""
    ft = {np.dtype(np.float64): np.float64, np.dtype(np.float16): np.float16}.get(
        im.dtype, np.float32)
    hwd = im.astype(ft, copy=False)
    finite = np.isfinite(hwd).all(axis=-1)
    good = hwd[finite].astype(np.float32)
    if good.size:
        lo, hi = good.min(), good.max()
    else:
        lo, hi = np.float32(np.inf), np.float32(-np.inf)
    f32 = np.float32
    if lo < 0:
        m = max(abs(lo), abs(hi))
        scale, offset = (f32(0) if m < 1e-6 else f32(127) / m), f32(128)
    else:
        scale, offset = (f32(0) if hi < 1e-6 else f32(255) / hi), f32(0)
    with np.errstate(invalid="ignore", over="ignore"):
        out = (hwd * ft(scale) + ft(offset))
    out = np.where(finite[..., None], out, 0).astype(np.uint8)
    out[~finite] = bad_color[:im.shape[-1]]
    return out


def default_bad_color():
    """TF's default `bad_color` attr of ImageSummary (opaque red), a uint8 tensor attr: an
    attr, not an input, so the op count (and the seeds of later ops) is TF's."""
    return np.array([255, 0, 0, 255], dtype=np.uint8)


def _image_kernel(tag, tensor, max_images, bad_color=None):
    if bad_color is None:
        bad_color = default_bad_color()
    tensor = np.asarray(tensor)
    if tensor.ndim != 4 or tensor.shape[-1] not in (1, 3, 4):
        raise _invalid(f"Tensor must be 4-D with last dim 1, 3, or 4, not "
                       f"{_shape_str(tensor.shape)}")
    bad_color = np.asarray(bad_color, dtype=np.uint8).reshape(-1)
    depth = tensor.shape[-1]
    if bad_color.size < depth:
        raise _invalid(f"bad_color must have at least {depth} channels, got "
                       f"{_shape_str(bad_color.shape)}")
    base = _s(tag)
    n = min(max_images, tensor.shape[0])
    p = pb()
    s = p.summary_pb2.Summary()
    for i in range(n):
        im = tensor[i]
        if im.dtype != np.uint8:
            im = _normalize_float_image(im, bad_color)
        v = s.value.add(tag=f"{base}/image/{i}" if max_images > 1 else f"{base}/image")
        v.image.height, v.image.width, v.image.colorspace = im.shape[0], im.shape[1], depth
        v.image.encoded_image_string = png_writer.encode_png(np.ascontiguousarray(im))
    return np.array(s.SerializeToString(), dtype=object)


register_op("ImageSummary", infer=_allowed_infer("tensor", _IMAGE), kernel=_image_kernel,
            grad=None)


def image(name, tensor, max_outputs=3, collections=None, family=None):
    """A summary op with up to `max_outputs` images of a [batch, h, w, c] tensor.

    uint8 images are written as they are; float images are scaled to [0, 255]
    per image (by 255/max if all values are >= 0, else centred at 128), and
    non-finite pixels become red, as in TF.

    Raises (at run): InvalidArgumentError if the tensor is not 4-D with 1, 3 or 4
    channels.

    >>> tf.summary.image("inputs", tf.zeros([2, 8, 8, 1]), max_outputs=4).op.type
    'ImageSummary'
    """
    pb()
    with _SummaryScope(name, family, values=[tensor]) as (tag, scope):
        t = convert_to_tensor(tensor)
        _check_dtype("tensor", _IMAGE, t)
        val = _apply("ImageSummary", [constant(tag, dtype=_dt.string, name="tag"), t],
                     {"max_images": int(max_outputs)}, scope)
    _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


# ---------------------------------------------------------------------------------------
# AudioSummaryV2 (16-bit PCM WAV)
# ---------------------------------------------------------------------------------------
def _audio_kernel(tag, tensor, sample_rate, max_outputs):
    tensor = np.asarray(tensor)
    if tensor.ndim not in (2, 3):
        raise _invalid(f"Tensor must be 3-D or 2-D, got: {_shape_str(tensor.shape)}")
    if tensor.ndim == 2:
        tensor = tensor[:, :, None]
    rate = float(np.asarray(sample_rate))
    if rate <= 0:
        raise _invalid("sample_rate must be > 0")
    base = _s(tag)
    p = pb()
    s = p.summary_pb2.Summary()
    wav_rate = int(np.rint(np.float32(rate)))   # (TF's lrintf: halves to even)
    for i in range(min(max_outputs, tensor.shape[0])):
        v = s.value.add(tag=f"{base}/audio/{i}" if max_outputs > 1 else f"{base}/audio")
        a = v.audio
        a.sample_rate = rate
        a.num_channels = tensor.shape[2]
        a.length_frames = tensor.shape[1]
        a.encoded_audio_string = wav_bytes(np.asarray(tensor[i], np.float32), wav_rate)
        a.content_type = "audio/wav"
    return np.array(s.SerializeToString(), dtype=object)


register_op("AudioSummaryV2", infer=_summary_infer, kernel=_audio_kernel, grad=None)
# AudioSummary: V2's first form (removed at GraphDef version 15), the rate a float attr
register_op("AudioSummary", infer=_summary_infer, kernel=_audio_kernel, grad=None)


def audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None):
    """A summary op with up to `max_outputs` clips of a [batch, frames(, channels)] tensor.

    Samples in [-1, 1] are written as 16-bit PCM WAV at `sample_rate` Hz.

    >>> tf.summary.audio("speech", tf.zeros([1, 160]), 16000).op.type
    'AudioSummaryV2'
    """
    pb()
    with _SummaryScope(name, family, values=[tensor]) as (tag, scope):
        t = convert_to_tensor(tensor)
        if t.dtype.base_dtype is not _dt.float32:
            raise TypeError(f"Input 'tensor' of 'AudioSummaryV2' Op has type "
                            f"{t.dtype.base_dtype.name} that does not match expected type of "
                            "float32.")
        rate = convert_to_tensor(sample_rate, dtype=_dt.float32, name="sample_rate")
        val = _apply("AudioSummaryV2", [constant(tag, dtype=_dt.string, name="tag"), t, rate],
                     {"max_outputs": int(max_outputs)}, scope)
    _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


# ---------------------------------------------------------------------------------------
# TensorSummaryV2 (tensor_summary, text)
# ---------------------------------------------------------------------------------------
def _tensor_summary_kernel(tag, tensor, serialized_summary_metadata):
    p = pb()
    s = p.summary_pb2.Summary()
    v = s.value.add(tag=_s(tag))
    v.metadata.ParseFromString(np.asarray(serialized_summary_metadata).item())
    v.tensor.CopyFrom(tensor_proto(np.asarray(tensor)))
    return np.array(s.SerializeToString(), dtype=object)


register_op("TensorSummaryV2", infer=_summary_infer, kernel=_tensor_summary_kernel, grad=None)


def _tensor_summary_v1_bind(node, ctx):
    """TensorSummary (V2's first form): the tensor under the op's name as node_name (its
    description, labels and display_name attrs are not written, as TF's kernel)."""
    name = node.name

    def kernel(tensor):
        s = pb().summary_pb2.Summary()
        s.value.add(node_name=name).tensor.CopyFrom(tensor_proto(np.asarray(tensor)))
        return np.array(s.SerializeToString(), dtype=object)
    return kernel


register_op("TensorSummary", infer=_summary_infer, bind=_tensor_summary_v1_bind, grad=None)


def tensor_summary(name, tensor, summary_description=None, collections=None,
                   summary_metadata=None, family=None, display_name=None):
    """A summary op holding a whole tensor (`Summary.Value.tensor`).

    Args:
      summary_metadata: a `SummaryMetadata` proto (or its bytes), e.g. naming a plugin.
    """
    p = pb()
    if summary_metadata is None:
        summary_metadata = p.summary_pb2.SummaryMetadata()
    if summary_description is not None:
        summary_metadata.summary_description = summary_description
    if display_name is not None:
        summary_metadata.display_name = display_name
    meta = summary_metadata if isinstance(summary_metadata, bytes) \
        else summary_metadata.SerializeToString()
    with _SummaryScope(name, family, values=[tensor]) as (tag, scope):
        t = convert_to_tensor(tensor)
        val = _apply("TensorSummaryV2", [
            constant(tag, dtype=_dt.string, name="tag"), t,
            constant(meta, dtype=_dt.string, name="serialized_summary_metadata")], {}, scope)
    _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def text(name, tensor, collections=None):
    """A summary op with a string tensor, shown by TensorBoard's text plugin.

    Raises:
      ValueError: `tensor` is not a string tensor.

    >>> tf.summary.text("notes", tf.constant("step done")).op.type
    'TensorSummaryV2'
    """
    p = pb()
    tensor = convert_to_tensor(tensor)
    if tensor.dtype.base_dtype is not _dt.string:
        raise ValueError(f"Expected tensor {tensor.name} to have dtype string, got "
                         f"{tensor.dtype}")
    meta = p.summary_pb2.SummaryMetadata(
        plugin_data=p.summary_pb2.SummaryMetadata.PluginData(plugin_name="text"))
    return tensor_summary(name=name, tensor=tensor, summary_metadata=meta,
                          collections=collections)


# ---------------------------------------------------------------------------------------
# MergeSummary
# ---------------------------------------------------------------------------------------
def _merge_kernel(*inputs, **_):
    p = pb()
    out = p.summary_pb2.Summary()
    seen = set()
    for x in inputs:
        for b in np.asarray(x, dtype=object).reshape(-1):
            s = p.summary_pb2.Summary()
            try:
                s.ParseFromString(b)
            except Exception:  # noqa: BLE001 - protobuf's DecodeError
                raise _invalid("Could not parse one of the summary inputs") from None
            for v in s.value:
                if v.tag in seen:
                    raise _invalid(f"Duplicate tag {v.tag} found in summary inputs")
                seen.add(v.tag)
                out.value.add().CopyFrom(v)
    return np.array(out.SerializeToString(), dtype=object)


def _merge_infer(inputs, attrs):
    if any(t.dtype.base_dtype is not _dt.string for t in inputs):
        raise TypeError("Tensors in list passed to 'inputs' of 'MergeSummary' Op have types "
                        f"[{', '.join(t.dtype.base_dtype.name for t in inputs)}] that do not "
                        "match expected type string.")
    return _STRING_SCALAR


register_op("MergeSummary", infer=_merge_infer, kernel=_merge_kernel, grad=None)


def merge(inputs, collections=None, name=None):
    """One serialized `Summary` with the values of all `inputs` (duplicate tags fail at run).

    >>> merged = tf.summary.merge([tf.summary.scalar("loss", 0.5), tf.summary.scalar("acc", 0.9)])
    >>> merged.op.type
    'MergeSummary'
    """
    pb()
    inputs = [convert_to_tensor(x) for x in inputs]
    if not inputs:   # MergeSummary's N has minimum 1 (TF's op-def check)
        raise ValueError("List argument 'inputs' to 'MergeSummary' Op with length 0 shorter "
                         "than minimum length 1.")
    with name_scope(name, "Merge", inputs):
        g = get_default_graph()
        val = g._create_op("MergeSummary", inputs, {"N": len(inputs)},
                           name or "MergeSummary").outputs[0]
    _collect(val, collections, [])
    return val


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    """Merges every summary in collection `key` (None if there is none)."""
    ops = get_default_graph().get_collection(key, scope)
    if not ops:
        return None
    return merge(ops, name=name)
