"""tf.contrib.deprecated: TF 1.14's pre-1.0 summary functions (ops/logging_ops.py).

The tag is used as given (a string or a string tensor, no name-scope prefix and no
cleaning); each op is named by its own scope (`ScalarSummary`, `HistogramSummary`, ...)
and added to the SUMMARIES collection.
"""
from __future__ import annotations


from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, get_collection, get_default_graph, name_scope
from ..summary import summary_ops as _s

__all__ = ["audio_summary", "histogram_summary", "image_summary", "merge_all_summaries",
           "merge_summary", "scalar_summary"]


def _tag(tag, name):
    return convert_to_tensor(tag, dtype=_dt.string, name=name)


def scalar_summary(tags, values, collections=None, name=None):
    """A ScalarSummary of `values` under `tags` (same shapes)."""
    _s.pb()
    with name_scope(name, "ScalarSummary", [tags, values]) as scope:
        tags = _tag(tags, "tags")
        values = convert_to_tensor(values, name="values")
        _s._check_dtype("values", _s._REAL, values)
        val = _s._apply("ScalarSummary", [tags, values], {}, scope)
        _s._collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def histogram_summary(tag, values, collections=None, name=None):
    """A HistogramSummary of `values` under `tag`."""
    _s.pb()
    with name_scope(name, "HistogramSummary", [tag, values]) as scope:
        tag = _tag(tag, "tag")
        values = convert_to_tensor(values, name="values")
        _s._check_dtype("values", _s._REAL, values)
        val = _s._apply("HistogramSummary", [tag, values], {}, scope)
        _s._collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def image_summary(tag, tensor, max_images=3, collections=None, name=None):
    """An ImageSummary of up to `max_images` images of a [batch, h, w, c] tensor."""
    _s.pb()
    with name_scope(name, "ImageSummary", [tag, tensor]) as scope:
        tag = _tag(tag, "tag")
        tensor = convert_to_tensor(tensor, name="tensor")
        _s._check_dtype("tensor", _s._IMAGE, tensor)
        val = _s._apply("ImageSummary", [tag, tensor],
                        {"max_images": int(max_images)}, scope)
        _s._collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def audio_summary(tag, tensor, sample_rate, max_outputs=3, collections=None, name=None):
    """An AudioSummaryV2 of up to `max_outputs` float32 clips."""
    _s.pb()
    with name_scope(name, "AudioSummary", [tag, tensor]) as scope:
        sample_rate = convert_to_tensor(sample_rate, dtype=_dt.float32, name="sample_rate")
        tag = _tag(tag, "tag")
        tensor = convert_to_tensor(tensor, name="tensor")
        if tensor.dtype.base_dtype is not _dt.float32:
            raise TypeError(f"Input 'tensor' of 'AudioSummaryV2' Op has type "
                            f"{tensor.dtype.base_dtype.name} that does not match expected "
                            "type of float32.")
        val = _s._apply("AudioSummaryV2", [tag, tensor, sample_rate],
                        {"max_outputs": int(max_outputs)}, scope)
        _s._collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def merge_summary(inputs, collections=None, name=None):
    """One Summary with the values of all `inputs` (op MergeSummary/MergeSummary)."""
    _s.pb()
    inputs = [convert_to_tensor(x) for x in inputs]
    with name_scope(name, "MergeSummary", inputs):
        val = get_default_graph()._create_op("MergeSummary", inputs, {"N": len(inputs)},
                                             name or "MergeSummary").outputs[0]
        _s._collect(val, collections, [])
    return val


def merge_all_summaries(key=GraphKeys.SUMMARIES):
    """merge_summary of collection `key`, or None when it is empty."""
    summary_ops = get_collection(key)
    if not summary_ops:
        return None
    return merge_summary(summary_ops)
