"""Box ops of TF 1.14's image_ops: non-max suppression, CropAndResize (with its two gradient
kernels), DrawBoundingBoxes and ExtractGlimpse.

The kernels follow TF's CPU kernels step by step in float32: NMS pops candidates from a
binary heap ordered as libstdc++'s std::priority_queue orders them (so equal scores come out
in TF's order), CropAndResize computes its sampling positions and lerps in TF's order, and
its gradients accumulate in TF's loop order.

Known differences: CombinedNonMaxSuppression orders equal scores stably where TF's std::sort
(introsort) may not; ExtractGlimpse fills the part of a window outside the image with
flowgrad's own noise (TF's uniform and Gaussian noise is unseeded).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import Tensor, get_default_graph
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import refined_ints, shape_value
from ._base import apply, check_dtype, const_value, convert_to_tensor

__all__ = []

_F32 = np.float32


def _whole(t):
    """An input's value as TF's input_tensor reads it: a constant, or its constant subgraph
    evaluated whole by the shape refiner; None when unknown."""
    v = const_value(t)
    return v if v is not None else refined_ints(t, partial=False)

def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _shape_str(a):
    return "[" + ",".join(str(d) for d in np.shape(a)) + "]"


def _rank_check(op_type, t, rank, arg):
    if t.shape.ndims not in (None, rank):
        raise ValueError(f"Shape must be rank {rank} but is rank {t.shape.ndims}")


def _type_check(op_type, t, dtype, arg):
    if t.dtype.base_dtype is not dtype:
        raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                        f"that does not match expected type of {dtype.name}.")


# -- non-max suppression ----------------------------------------------------------------------
def _heap_order(scores, keep):
    """The order std::priority_queue<Candidate> (max-heap on score, libstdc++'s push_heap /
    pop_heap over a deque) yields the candidates `keep` pushed in index order."""
    heap = []

    def push(item):
        heap.append(item)
        hole = len(heap) - 1
        parent = (hole - 1) // 2
        while hole > 0 and heap[parent][1] < item[1]:
            heap[hole] = heap[parent]
            hole = parent
            parent = (hole - 1) // 2
        heap[hole] = item

    def pop():
        top = heap[0]
        value = heap[-1]
        n = len(heap) - 1
        heap[-1] = top
        hole, child = 0, 0
        while child < (n - 1) // 2:
            child = 2 * (child + 1)
            if heap[child][1] < heap[child - 1][1]:
                child -= 1
            heap[hole] = heap[child]
            hole = child
        if n % 2 == 0 and child == (n - 2) // 2:
            child = 2 * (child + 1)
            heap[hole] = heap[child - 1]
            hole = child - 1
        parent = (hole - 1) // 2
        while hole > 0 and heap[parent][1] < value[1]:
            heap[hole] = heap[parent]
            hole = parent
            parent = (hole - 1) // 2
        if n:
            heap[hole] = value
        heap.pop()
        return top

    for i in np.flatnonzero(keep):
        push((int(i), scores[i]))
    while heap:
        yield pop()[0]


def _iou_suppress(boxes, threshold):
    """TF's IOUGreaterThanThreshold, in the boxes' dtype."""
    b = np.asarray(boxes)
    t = b.dtype.type
    lo_y, hi_y = np.minimum(b[:, 0], b[:, 2]), np.maximum(b[:, 0], b[:, 2])
    lo_x, hi_x = np.minimum(b[:, 1], b[:, 3]), np.maximum(b[:, 1], b[:, 3])
    area = (hi_y - lo_y) * (hi_x - lo_x)
    thr = t(threshold)

    def suppress(i, selected):
        if not selected:
            return False
        j = np.asarray(selected[::-1])
        iy = np.maximum(np.minimum(hi_y[i], hi_y[j]) - np.maximum(lo_y[i], lo_y[j]), t(0))
        ix = np.maximum(np.minimum(hi_x[i], hi_x[j]) - np.maximum(lo_x[i], lo_x[j]), t(0))
        inter = (iy * ix).astype(b.dtype)
        with np.errstate(divide="ignore", invalid="ignore"):
            iou = (inter / ((area[i] + area[j]) - inter).astype(b.dtype)).astype(b.dtype)
        valid = (area[i] > 0) & (area[j] > 0)
        return bool(np.any(valid & (iou > thr)))
    return suppress


def _overlap_suppress(overlaps, threshold):
    o = np.asarray(overlaps, _F32)
    thr = _F32(threshold)

    def suppress(i, selected):
        return bool(selected) and bool(np.any(o[i, selected] > thr))
    return suppress


def _greedy(scores, output_size, score_threshold, suppress):
    keep = np.asarray(scores).astype(_F32) > _F32(score_threshold)
    selected = []
    if output_size == 0:
        return selected
    # TF compares selected.size() (a size_t) with the int size: a negative one is no limit
    limit = output_size if output_size > 0 else None
    for i in _heap_order(np.asarray(scores), keep):
        if not suppress(i, selected):
            selected.append(i)
            if len(selected) == limit:
                break
    return selected


def _dim_for_scalar_input(value, idx):
    """TF's MakeDimForScalarInput: the value of scalar input idx as a dimension."""
    if value is not None and int(value) < 0:
        raise ValueError(f"Dimension size, given by scalar input {idx}, must be non-negative "
                         f"but is {int(value)}")
    return None if value is None else int(value)


def _scalar_arg(v, arg, label=None):
    a = np.asarray(v)
    if a.ndim:
        raise _invalid(f"{label or arg} must be 0-D, got shape {_shape_str(a)}")
    return a.item()


def _check_boxes(boxes, scores):
    b = np.asarray(boxes)
    if b.ndim != 2:
        raise _invalid("boxes must be 2-D" + _shape_str(b))
    if b.shape[1] != 4:
        raise _invalid("boxes must have 4 columns")
    s = np.asarray(scores)
    if s.ndim != 1:
        raise _invalid("scores must be 1-D" + _shape_str(s))
    if s.shape[0] != b.shape[0]:
        raise _invalid("scores has incompatible shape")


def _nms_args(max_output_size, iou_threshold, score_threshold, iou_name="iou_threshold"):
    size = int(_scalar_arg(max_output_size, "max_output_size"))
    iou = _F32(_scalar_arg(iou_threshold, iou_name))
    if iou_name == "iou_threshold" and not (0 <= iou <= 1):
        raise _invalid("iou_threshold must be in [0, 1]")
    score = _F32(_scalar_arg(score_threshold, "score_threshold"))
    return size, iou, score


def _nms_v3_kernel(boxes, scores, max_output_size, iou_threshold, score_threshold, T=None):
    size, iou, score = _nms_args(max_output_size, iou_threshold, score_threshold)
    _check_boxes(boxes, scores)
    sel = _greedy(scores, size, score, _iou_suppress(boxes, iou))
    return np.asarray(sel, np.int32)


def _nms_v4_kernel(boxes, scores, max_output_size, iou_threshold, score_threshold,
                   pad_to_max_output_size=False, T=None):
    size, iou, score = _nms_args(max_output_size, iou_threshold, score_threshold)
    _check_boxes(boxes, scores)
    sel = _greedy(scores, size, score, _iou_suppress(boxes, iou))
    valid = len(sel)
    if pad_to_max_output_size:
        sel = (sel + [0] * max(size - valid, 0))[:max(size, 0)]
    return np.asarray(sel, np.int32), np.int32(valid)


def _nms_overlaps_kernel(overlaps, scores, max_output_size, overlap_threshold,
                         score_threshold):
    size, thr, score = _nms_args(max_output_size, overlap_threshold, score_threshold,
                                 "overlap_threshold")
    o = np.asarray(overlaps)
    if o.ndim != 2:
        raise _invalid("overlaps must be 2-D" + _shape_str(o))
    if o.shape[1] != o.shape[0]:
        raise _invalid("overlaps must be square" + _shape_str(o))
    s = np.asarray(scores)
    if s.ndim != 1:
        raise _invalid("scores must be 1-D" + _shape_str(s))
    if s.shape[0] != o.shape[0]:
        raise _invalid("scores has incompatible shape")
    return np.asarray(_greedy(s, size, score, _overlap_suppress(o, thr)), np.int32)


def _dim(t, i):
    return t.shape.as_tuple()[i] if t.shape.ndims else None


def _merge_dims(a, i, b, j):
    # TF's shape-function Merge of a's dimension i with b's dimension j
    da, db = _dim(a, i), _dim(b, j)
    if None not in (da, db) and da != db:
        raise ValueError(f"Dimensions must be equal, but are {da} and {db}")


def dim_is(t, i, value):
    # TF's shape-function WithValue
    d = _dim(t, i)
    if d not in (None, value):
        raise ValueError(f"Dimension must be {value} but is {d}")


def _scalar_input(op_type, t, arg):
    if t.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")


def _nms_infer(op_type, first="boxes", n_out=1):
    def infer(inputs, attrs):
        boxes, scores, size, thr, score_thr = inputs
        if first == "boxes":
            check_dtype(op_type, boxes, (_dt.float16, _dt.float32), "T")
            if scores.dtype.base_dtype is not boxes.dtype.base_dtype:
                raise TypeError(f"Input 'scores' of '{op_type}' Op has type "
                                f"{scores.dtype.base_dtype.name} that does not match type "
                                f"{boxes.dtype.base_dtype.name} of argument 'boxes'.")
        else:
            _type_check(op_type, boxes, _dt.float32, first)
            _type_check(op_type, scores, _dt.float32, "scores")
        _type_check(op_type, size, _dt.int32, "max_output_size")
        _rank_check(op_type, boxes, 2, first)
        _rank_check(op_type, scores, 1, "scores")
        for t, arg in ((size, "max_output_size"), (thr, "threshold"),
                       (score_thr, "score_threshold")):
            _scalar_input(op_type, t, arg)
        if first == "boxes":   # TF: boxes[0] merged with scores[0], then boxes[1] is 4
            _merge_dims(boxes, 0, scores, 0)
            dim_is(boxes, 1, 4)
        n = None
        if attrs.get("pad_to_max_output_size"):
            n = _dim_for_scalar_input(_whole(size), 2)
        out = [(_dt.int32, TensorShape([n]))]
        if n_out == 2:
            out.append((_dt.int32, TensorShape([])))
        return out
    return infer


register_op("NonMaxSuppressionV3", infer=_nms_infer("NonMaxSuppressionV3"),
            kernel=_nms_v3_kernel, grad=no_gradient_registered)
register_op("NonMaxSuppressionV4", infer=_nms_infer("NonMaxSuppressionV4", n_out=2),
            kernel=_nms_v4_kernel, grad=no_gradient_registered)
register_op("NonMaxSuppressionWithOverlaps",
            infer=_nms_infer("NonMaxSuppressionWithOverlaps", "overlaps"),
            kernel=_nms_overlaps_kernel, grad=None)


# NonMaxSuppression (the threshold an attr) and NonMaxSuppressionV2 (an input): V3's kernel
# with no score threshold; NotDifferentiable in TF 1.14. V3's shape rule checks the
# threshold inputs they have (max_output_size stands in for those they lack: it is checked
# scalar first).
def _nms_v1_kernel(boxes, scores, max_output_size, iou_threshold=0.5):
    return _nms_v3_kernel(boxes, scores, max_output_size, _F32(iou_threshold), _F32(-np.inf))


def _nms_v2_kernel(boxes, scores, max_output_size, iou_threshold, T=None):
    return _nms_v3_kernel(boxes, scores, max_output_size, iou_threshold, _F32(-np.inf))


def _nms_old_infer(op_type):
    v3 = _nms_infer(op_type)

    def infer(inputs, attrs):
        size = inputs[2]
        return v3(list(inputs[:4]) + [size] * (5 - len(inputs[:4])), attrs)
    return infer


register_op("NonMaxSuppression", infer=_nms_old_infer("NonMaxSuppression"),
            kernel=_nms_v1_kernel, grad=None)
register_op("NonMaxSuppressionV2", infer=_nms_old_infer("NonMaxSuppressionV2"),
            kernel=_nms_v2_kernel, grad=None)


def _combined_nms_kernel(boxes, scores, max_output_size_per_class, max_total_size,
                         iou_threshold, score_threshold, pad_per_class=False, clip_boxes=True):
    b, s = np.asarray(boxes, _F32), np.asarray(scores, _F32)
    if b.shape[0] != s.shape[0]:
        raise _invalid("boxes and scores must have same batch size")
    per_class = int(_scalar_arg(max_output_size_per_class, "", "max_size_per_class"))
    total = int(_scalar_arg(max_total_size, "max_total_size"))
    if total <= 0:
        raise _invalid("max_total_size must be > 0")
    iou = _F32(_scalar_arg(iou_threshold, "iou_threshold"))
    score_thr = _F32(_scalar_arg(score_threshold, "score_threshold"))
    if not (0 <= iou <= 1):
        raise _invalid("iou_threshold must be in [0, 1]")
    if b.ndim != 4:
        raise _invalid("boxes must be 4-D" + _shape_str(b))
    num_classes = s.shape[2] if s.ndim == 3 else 0
    q = b.shape[2]
    if q not in (1, num_classes):
        raise _invalid("third dimension of boxes must be either 1 or num classes")
    if b.shape[3] != 4:
        raise _invalid("boxes must have 4 columns")
    if s.ndim != 3:
        raise _invalid("scores must be 3-D" + _shape_str(s))
    if s.shape[1] != b.shape[1]:
        raise _invalid("scores has incompatible shape")
    batches, num_boxes = b.shape[0], b.shape[1]
    size_per_class = min(per_class, num_boxes)
    if pad_per_class:
        per_batch = min(total, per_class * num_classes)
    else:
        per_batch = total
    out_boxes = np.zeros((batches, per_batch, 4), _F32)
    out_scores = np.zeros((batches, per_batch), _F32)
    out_classes = np.zeros((batches, per_batch), _F32)
    valid = np.zeros(batches, np.int32)
    for n in range(batches):
        results = []
        for c in range(num_classes):
            cls_boxes = b[n, :, c if q > 1 else 0, :]
            cls_scores = s[n, :, c]
            cand = np.flatnonzero(cls_scores > score_thr)
            # std::sort by descending score; a stable order for equal scores
            cand = cand[np.argsort(-cls_scores[cand], kind="stable")]
            suppress = _iou_suppress(cls_boxes, iou)
            selected = []
            for i in cand:
                if len(selected) == size_per_class:   # (a negative size: no limit, as TF)
                    break
                if not suppress(int(i), selected):
                    selected.append(int(i))
                    results.append((cls_scores[i], c, cls_boxes[i]))
        order = sorted(range(len(results)), key=lambda k: -results[k][0])
        count = min(len(results), per_batch)
        valid[n] = count
        for k, r in enumerate(order[:count]):
            score, c, box = results[r]
            out_boxes[n, k] = np.clip(box, 0, 1) if clip_boxes else box
            out_scores[n, k] = score
            out_classes[n, k] = c
    return out_boxes, out_scores, out_classes, valid


def _combined_nms_infer(inputs, attrs):
    boxes, scores, per_class, total, iou, score = inputs
    op = "CombinedNonMaxSuppression"
    for t, arg in ((boxes, "boxes"), (scores, "scores"), (iou, "iou_threshold"),
                   (score, "score_threshold")):
        _type_check(op, t, _dt.float32, arg)
    for t, arg in ((per_class, "max_output_size_per_class"), (total, "max_total_size")):
        _type_check(op, t, _dt.int32, arg)
    _rank_check(op, boxes, 4, "boxes")
    _rank_check(op, scores, 3, "scores")
    for t, arg in ((per_class, "max_output_size_per_class"), (total, "max_total_size"),
                   (iou, "iou_threshold"), (score, "score_threshold")):
        _scalar_input(op, t, arg)
    # TF: boxes and scores share the batch and the anchors, boxes' last dimension is 4, and
    # q (boxes' third) is 1 or the number of classes where both are known
    _merge_dims(boxes, 0, scores, 0)
    _merge_dims(boxes, 1, scores, 1)
    dim_is(boxes, 3, 4)
    if _dim(boxes, 2) not in (None, 1, _dim(scores, 2)) and _dim(scores, 2) is not None:
        raise ValueError("third dimension of boxes must be either 1 or equal to the third "
                         "dimension of scores")
    batch = _dim(boxes, 0)
    if batch is None:
        batch = _dim(scores, 0)
    # TF's shape function: the total's dimension first, then the per-class one (it reads
    # both before failing)
    tv, pv = _whole(total), _whole(per_class)
    n = _dim_for_scalar_input(tv, 3)
    if n is not None and n <= 0:
        raise ValueError("max_total_size should be > 0 ")
    per = _dim_for_scalar_input(pv, 2)
    if attrs.get("pad_per_class"):
        if per is not None and per <= 0:
            raise ValueError("max_output_size_per_class must be > 0 if pad_per_class is set "
                             "to true ")
        ncls = scores.shape.as_tuple()[2] if scores.shape.ndims else None
        n = None if n is None or per is None or ncls is None else min(n, per * ncls)
    return [(_dt.float32, TensorShape([batch, n, 4])), (_dt.float32, TensorShape([batch, n])),
            (_dt.float32, TensorShape([batch, n])), (_dt.int32, TensorShape([batch]))]


register_op("CombinedNonMaxSuppression", infer=_combined_nms_infer,
            kernel=_combined_nms_kernel, grad=no_gradient_registered)


# -- CropAndResize ----------------------------------------------------------------------------
_CROP_TYPES = (_dt.uint8, _dt.uint16, _dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.float16,
               _dt.float32, _dt.float64)


def _crop_common(image_shape, boxes, box_ind, crop_size=None):
    b = np.asarray(boxes, _F32)
    ind = np.asarray(box_ind)
    batch = image_shape[0]
    if b.ndim != 2 or (b.shape[1] != 4 if b.ndim == 2 else True):
        raise _invalid("boxes must be 2-D" if b.ndim != 2 else "boxes must have 4 columns")
    if ind.ndim != 1:
        raise _invalid("box_index must be 1-D" + _shape_str(ind))
    if ind.shape[0] != b.shape[0]:
        raise _invalid("box_index has incompatible shape")
    if np.any((ind < 0) | (ind >= batch)):
        raise errors.OutOfRangeError(None, None, "box_index has values outside [0, batch_size)")
    return b, ind.astype(np.int64)


def _axis_positions(lo, hi, in_size, crop, ratio_first=False):
    """TF's in_y / in_x for every box and output index: [boxes, crop], float32.

    The forward kernel scales by (hi - lo) * (in - 1) / (crop - 1); the boxes' gradient
    kernel (`ratio_first`) by (hi - lo) * ((in - 1) / (crop - 1))."""
    n1 = _F32(in_size - 1)
    if crop > 1:
        if ratio_first:
            scale = ((hi - lo) * (n1 / _F32(crop - 1))).astype(_F32)
        else:
            scale = ((hi - lo) * n1 / _F32(crop - 1)).astype(_F32)
        pos = lo[:, None] * n1 + np.arange(crop, dtype=_F32)[None, :] * scale[:, None]
    else:  # 0.5 * (lo + hi) * (in - 1): the sum in float, the rest in double
        pos = (0.5 * (lo + hi).astype(_F32).astype(np.float64) * (in_size - 1))[:, None]
    pos = pos.astype(_F32)
    inside = (pos >= 0) & (pos <= n1)
    return pos, inside


def _round_half_away(x):
    f = np.floor(x)
    return np.where(x - f >= _F32(0.5), f + 1, f)


def _crop_and_resize_kernel(image, boxes, box_ind, crop_size, method="bilinear",
                            extrapolation_value=0.0, T=None):
    img = np.asarray(image)
    if img.ndim != 4:
        raise _invalid("input image must be 4-D" + _shape_str(img))
    batch, ih, iw, depth = img.shape
    if ih <= 0 or iw <= 0:
        raise _invalid("image dimensions must be positive")
    cs = np.asarray(crop_size)
    if cs.shape != (2,):
        raise _invalid("crop_size must be a 1-D tensor of length 2, got: " + _shape_str(cs))
    ch, cw = int(cs[0]), int(cs[1])
    if ch <= 0 or cw <= 0:
        raise _invalid("crop dimensions must be positive")
    b, ind = _crop_common(img.shape, boxes, box_ind)
    nb = b.shape[0]
    py, iny = _axis_positions(b[:, 0], b[:, 2], ih, ch)
    px, inx = _axis_positions(b[:, 1], b[:, 3], iw, cw)
    src = img.astype(_F32)
    bi = ind[:, None, None]
    if method == "bilinear":
        ty = np.clip(np.floor(py), 0, ih - 1).astype(np.int64)
        by = np.clip(np.ceil(py), 0, ih - 1).astype(np.int64)
        yl = (py - np.floor(py)).astype(_F32)
        lx = np.clip(np.floor(px), 0, iw - 1).astype(np.int64)
        rx = np.clip(np.ceil(px), 0, iw - 1).astype(np.int64)
        xl = (px - np.floor(px)).astype(_F32)[:, None, :, None]
        tl = src[bi, ty[:, :, None], lx[:, None, :]]
        tr = src[bi, ty[:, :, None], rx[:, None, :]]
        bl = src[bi, by[:, :, None], lx[:, None, :]]
        br = src[bi, by[:, :, None], rx[:, None, :]]
        top = tl + (tr - tl) * xl
        bottom = bl + (br - bl) * xl
        out = top + (bottom - top) * yl[:, :, None, None]
    else:
        cy = np.clip(_round_half_away(py), 0, ih - 1).astype(np.int64)
        cx = np.clip(_round_half_away(px), 0, iw - 1).astype(np.int64)
        out = src[bi, cy[:, :, None], cx[:, None, :]]
    mask = (iny[:, :, None] & inx[:, None, :])[..., None]
    out = np.where(mask, out, _F32(extrapolation_value)).astype(_F32)
    return out.reshape(nb, ch, cw, depth)


def _crop_and_resize_infer(inputs, attrs):
    image, boxes, box_ind, crop_size = inputs
    op = "CropAndResize"
    check_dtype(op, image, _CROP_TYPES, "T")
    _type_check(op, boxes, _dt.float32, "boxes")
    _type_check(op, box_ind, _dt.int32, "box_ind")
    _type_check(op, crop_size, _dt.int32, "crop_size")
    if attrs.get("method", "bilinear") not in ("bilinear", "nearest"):
        raise ValueError(f"Value for attr 'method' of \"{attrs.get('method')}\" is not in the "
                         "list of allowed values: \"bilinear\", \"nearest\"")
    _rank_check(op, image, 4, "image")
    _rank_check(op, boxes, 2, "boxes")
    _rank_check(op, box_ind, 1, "box_ind")
    _rank_check(op, crop_size, 1, "crop_size")
    _merge_dims(boxes, 0, box_ind, 0)
    dim_is(boxes, 1, 4)
    dim_is(crop_size, 0, 2)   # TF's SetOutputToSizedImage: [crop_height, crop_width]
    depth = image.shape.as_tuple()[3] if image.shape.ndims else None
    n = boxes.shape.as_tuple()[0] if boxes.shape.ndims else None
    if n is None and box_ind.shape.ndims:
        n = box_ind.shape.as_tuple()[0]
    v = const_value(crop_size)
    if v is None:   # TF's input_tensor: the size's constant subgraph, evaluated whole
        v = refined_ints(crop_size, partial=False)
    h, w = (None, None) if v is None else (int(v[0]), int(v[1]))
    return [(_dt.float32, TensorShape([n, h, w, depth]))]


def _accumulate(out_flat, idx, terms):
    """out[idx[k]] += terms[k] for k in order (TF's sequential loop), in out's dtype."""
    np.add.at(out_flat, idx.ravel(), terms.ravel().astype(out_flat.dtype))


def _crop_grad_image_kernel(grads, boxes, box_ind, image_size, T=_dt.float32,
                            method="bilinear"):
    g = np.asarray(grads, _F32)
    size = np.asarray(image_size)
    if size.shape != (4,):
        raise _invalid("image_size must be 1-D with 4 elements")
    batch, ih, iw, depth = (int(v) for v in size)
    if ih <= 0 or iw <= 0:
        raise _invalid("image dimensions must be positive")
    if g.ndim != 4:
        raise _invalid("grads image must be 4-D" + _shape_str(g))
    nb, ch, cw, gd = g.shape
    if gd != depth:
        raise _invalid("image_size and grads are incompatible")
    b, ind = _crop_common((batch,), boxes, box_ind)
    if b.shape[0] != nb:
        raise _invalid("boxes and grads have incompatible shape")
    dtype = _dt.as_dtype(T).as_numpy_dtype
    out = np.zeros(batch * ih * iw * depth, dtype)
    py, iny = _axis_positions(b[:, 0], b[:, 2], ih, ch)
    px, inx = _axis_positions(b[:, 1], b[:, 3], iw, cw)
    ok = (iny[:, :, None] & inx[:, None, :])[..., None]            # [nb, ch, cw, 1]
    ok = np.broadcast_to(ok, g.shape)
    bi = ind[:, None, None, None]
    dd = np.arange(depth)[None, None, None, :]

    def flat(yy, xx):
        return ((bi * ih + yy[:, :, None, None]) * iw + xx[:, None, :, None]) * depth + dd

    if method == "bilinear":
        ty = np.clip(np.floor(py), 0, ih - 1).astype(np.int64)
        by = np.clip(np.ceil(py), 0, ih - 1).astype(np.int64)
        yl = (py - np.floor(py)).astype(_F32)[:, :, None, None]
        lx = np.clip(np.floor(px), 0, iw - 1).astype(np.int64)
        rx = np.clip(np.ceil(px), 0, iw - 1).astype(np.int64)
        xl = (px - np.floor(px)).astype(_F32)[:, None, :, None]
        one = _F32(1)
        dtop = (one - yl) * g
        dbottom = yl * g
        terms = np.stack([(one - xl) * dtop, xl * dtop, (one - xl) * dbottom, xl * dbottom], -1)
        idx = np.stack([flat(ty, lx), flat(ty, rx), flat(by, lx), flat(by, rx)], -1)
        idx = np.broadcast_to(idx, terms.shape)
        keep = np.broadcast_to(ok[..., None], terms.shape)
        _accumulate(out, idx[keep], terms[keep])
    else:
        cy = np.clip(_round_half_away(py), 0, ih - 1).astype(np.int64)
        cx = np.clip(_round_half_away(px), 0, iw - 1).astype(np.int64)
        idx = np.broadcast_to(flat(cy, cx), g.shape)
        _accumulate(out, idx[ok], g[ok])
    return out.reshape(batch, ih, iw, depth)


def _crop_grad_boxes_kernel(grads, image, boxes, box_ind, method="bilinear", T=None):
    g = np.asarray(grads, _F32)
    img = np.asarray(image)
    if img.ndim != 4:
        raise _invalid("input image must be 4-D" + _shape_str(img))
    batch, ih, iw, depth = img.shape
    if ih <= 0 or iw <= 0:
        raise _invalid("image dimensions must be positive")
    if g.ndim != 4:
        raise _invalid("grads image must be 4-D" + _shape_str(g))
    nb, ch, cw, gd = g.shape
    if gd != depth:
        raise _invalid("image, grads depth differ")
    b, ind = _crop_common(img.shape, boxes, box_ind)
    if b.shape[0] != nb:
        raise _invalid("boxes and grads have incompatible shape")
    src = img.astype(_F32)
    py, iny = _axis_positions(b[:, 0], b[:, 2], ih, ch, ratio_first=True)
    px, inx = _axis_positions(b[:, 1], b[:, 3], iw, cw, ratio_first=True)
    ty = np.clip(np.floor(py), 0, ih - 1).astype(np.int64)
    by = np.clip(np.ceil(py), 0, ih - 1).astype(np.int64)
    yl = (py - np.floor(py)).astype(_F32)[:, :, None, None]
    lx = np.clip(np.floor(px), 0, iw - 1).astype(np.int64)
    rx = np.clip(np.ceil(px), 0, iw - 1).astype(np.int64)
    xl = (px - np.floor(px)).astype(_F32)[:, None, :, None]
    bi = ind[:, None, None]
    tl = src[bi, ty[:, :, None], lx[:, None, :]]
    tr = src[bi, ty[:, :, None], rx[:, None, :]]
    bl = src[bi, by[:, :, None], lx[:, None, :]]
    br = src[bi, by[:, :, None], rx[:, None, :]]
    one = _F32(1)
    grad_y = ((one - xl) * (bl - tl) + xl * (br - tr)) * g
    grad_x = ((one - yl) * (tr - tl) + yl * (br - bl)) * g
    ok = np.broadcast_to((iny[:, :, None] & inx[:, None, :])[..., None], g.shape)
    out = np.zeros((nb, 4), _F32)

    def coeffs(n_in, n_crop, k):
        """The two factors of d(in_pos)/d(lo), d(in_pos)/d(hi) per output index k."""
        if n_crop > 1:
            ratio = _F32(n_in - 1) / _F32(n_crop - 1)
            kr = (k.astype(_F32) * ratio).astype(_F32)
            return (_F32(n_in - 1) - kr).astype(_F32), kr, False
        half = 0.5 * (n_in - 1)
        return half, half, True
    yy = np.arange(ch)[None, :, None, None]
    xx = np.arange(cw)[None, None, :, None]
    cy0, cy1, dy = coeffs(ih, ch, yy)
    cx0, cx1, dx = coeffs(iw, cw, xx)
    shape = g.shape
    # TF adds, per element in (y, x, d) order: box[0], box[2], box[1], box[3]
    seq = []
    for gy_or_gx, c, dbl in ((grad_y, cy0, dy), (grad_y, cy1, dy), (grad_x, cx0, dx),
                             (grad_x, cx1, dx)):
        if dbl:
            seq.append(np.broadcast_to(gy_or_gx.astype(np.float64) * c, shape))
        else:
            seq.append(np.broadcast_to((gy_or_gx * c).astype(_F32), shape))
    terms = np.stack(seq, -1)                      # [nb, ch, cw, d, 4] columns 0, 2, 1, 3
    for n in range(nb):
        t = terms[n][ok[n]]                        # [k, 4] in TF's loop order
        acc = [_F32(0)] * 4
        if dy or dx:
            for row in t:
                for j, col in enumerate((0, 2, 1, 3)):
                    acc[j] = _F32(np.float64(acc[j]) + row[j]) if (dy if j < 2 else dx) \
                        else _F32(acc[j] + _F32(row[j]))
        else:
            for j in range(4):
                a = np.zeros(1, _F32)
                np.add.at(a, np.zeros(len(t), np.int64), t[:, j].astype(_F32))
                acc[j] = a[0]
        out[n, 0], out[n, 2], out[n, 1], out[n, 3] = acc
    return out


def _crop_and_resize_grad(op, grad):
    image, boxes, box_ind, _ = op._inputs
    if image.shape.is_fully_defined():
        size = image.shape.as_list()
    else:
        size = apply("Shape", [image], {"out_type": _dt.int32})
    method = op._get_attr("method")
    dtype = image.dtype.base_dtype
    grad0 = None
    if dtype in (_dt.float16, _dt.float32, _dt.float64):
        grad0 = gen_op("CropAndResizeGradImage", [(grad, "grads"), (boxes, "boxes"),
                                                 (box_ind, "box_ind"), (size, "image_size")],
                       {"T": dtype, "method": method})
    grad1 = gen_op("CropAndResizeGradBoxes", [(grad, "grads"), (image, "image"),
                                             (boxes, "boxes"), (box_ind, "box_ind")],
                   {"method": "bilinear"})
    return [grad0, grad1, None, None]


def _grad_image_infer(inputs, attrs):
    grads, boxes, box_ind, size = inputs
    op = "CropAndResizeGradImage"
    _type_check(op, grads, _dt.float32, "grads")
    _type_check(op, size, _dt.int32, "image_size")
    dtype = _dt.as_dtype(attrs.get("T", _dt.float32))
    if dtype not in (_dt.float32, _dt.float16, _dt.float64):
        raise TypeError(f"Value passed to parameter 'T' has DataType {dtype.name} not in list "
                        "of allowed values: float32, float16, float64")
    _rank_check(op, grads, 4, "grads")
    v = shape_value(size)   # TF's MakeShapeFromShapeTensor: the known dims of shape(image)
    if v is not None and len(v) != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {len(v)}")
    return [(dtype, TensorShape(None if v is None else [None if d is None or d < 0 else int(d)
                                                        for d in v]))]


def _grad_boxes_infer(inputs, attrs):
    grads, image, boxes, box_ind = inputs
    op = "CropAndResizeGradBoxes"
    _type_check(op, grads, _dt.float32, "grads")
    check_dtype(op, image, _CROP_TYPES, "T")
    _rank_check(op, grads, 4, "grads")
    _rank_check(op, image, 4, "image")
    return [(_dt.float32, boxes.shape)]


register_op("CropAndResize", infer=_crop_and_resize_infer, kernel=_crop_and_resize_kernel,
            grad=_crop_and_resize_grad)
register_op("CropAndResizeGradImage", infer=_grad_image_infer,
            kernel=_crop_grad_image_kernel, grad=no_gradient_registered)
register_op("CropAndResizeGradBoxes", infer=_grad_boxes_infer, kernel=_crop_grad_boxes_kernel,
            grad=no_gradient_registered)


# -- DrawBoundingBoxes ------------------------------------------------------------------------
_COLOR_TABLE = [[1, 1, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 0, 1], [0.5, 0, 0.5, 1],
                [0.5, 0.5, 0, 1], [0.5, 0, 0, 1], [0, 0, 0.5, 1], [0, 1, 1, 1], [1, 0, 1, 1]]


def _draw_kernel(images, boxes, colors=None, T=None):
    img = np.asarray(images)
    if img.dtype == np.float16:
        raise errors.UnimplementedError(
            None, None, "tf.image.draw_bounding_boxes on float16 images: TF 1.14's kernel "
            "reads the float32 boxes as half and aborts the process")
    if img.ndim != 4:
        raise _invalid("The rank of the images should be 4")
    batch, height, width, depth = img.shape
    if depth not in (1, 3, 4):
        raise _invalid("Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA)")
    bx = np.asarray(boxes, _F32)
    if bx.ndim != 3 or bx.shape[2] != 4:
        raise _invalid("boxes must be 3-D [batch, num_boxes, 4]")
    if bx.shape[0] != batch:
        raise _invalid("The batch size of images and boxes must match")
    table = None
    if colors is not None:
        col = np.asarray(colors, _F32)
        if col.ndim != 2:
            raise _invalid("colors must be a 2-D matrix" + _shape_str(col))
        if col.shape[1] < depth:
            raise _invalid(f"colors must have equal or more channels than the image provided: "
                           f"{_shape_str(col)}")
        if col.shape[0]:
            table = [list(r) for r in col]
    if table is None:   # TF's default table: white boxes on a grey image; given colors stay
        table = [list(c) for c in _COLOR_TABLE]
        if depth == 1:
            for c in table:
                c[0] = 1
    out = img.copy()
    for n in range(batch):
        for k in range(bx.shape[1]):
            color = np.asarray(table[k % len(table)][:depth], _F32).astype(img.dtype)
            r0 = int(bx[n, k, 0] * _F32(height - 1))
            r1 = int(bx[n, k, 2] * _F32(height - 1))
            c0 = int(bx[n, k, 1] * _F32(width - 1))
            c1 = int(bx[n, k, 3] * _F32(width - 1))
            if r0 > r1 or c0 > c1 or r0 >= height or r1 < 0 or c0 >= width or c1 < 0:
                continue
            r0c, r1c = max(r0, 0), min(r1, height - 1)
            c0c, c1c = max(c0, 0), min(c1, width - 1)
            if r0 >= 0:
                out[n, r0, c0c:c1c + 1] = color
            if r1 < height:
                out[n, r1, c0c:c1c + 1] = color
            if c0 >= 0:
                out[n, r0c:r1c + 1, c0] = color
            if c1 < width:
                out[n, r0c:r1c + 1, c1] = color
    return out


def _draw_infer(op):
    def infer(inputs, attrs):
        images, boxes = inputs[0], inputs[1]
        check_dtype(op, images, (_dt.float32, _dt.float16), "T")
        _type_check(op, boxes, _dt.float32, "boxes")
        for t in inputs[2:]:
            _type_check(op, t, _dt.float32, "colors")
        if op == "DrawBoundingBoxes":   # TF 1.14's V2 has no shape checks (its kernel's)
            _rank_check(op, images, 4, "images")
            if _dim(images, 3) not in (None, 1, 3, 4):   # before the boxes, as TF
                raise ValueError("Channel depth should be either 1 (GRY), 3 (RGB), or 4 "
                                 "(RGBA)")
            _rank_check(op, boxes, 3, "boxes")
            dim_is(boxes, 2, 4)
        return [(images.dtype.base_dtype, images.shape)]
    return infer


register_op("DrawBoundingBoxes", infer=_draw_infer("DrawBoundingBoxes"), kernel=_draw_kernel,
            grad=None)
register_op("DrawBoundingBoxesV2", infer=_draw_infer("DrawBoundingBoxesV2"),
            kernel=_draw_kernel, grad=no_gradient_registered)


# -- ExtractGlimpse ---------------------------------------------------------------------------
def _glimpse_kernel(input, size, offsets, centered=True, normalized=True,  # noqa: A002
                    uniform_noise=True, noise="uniform"):
    x = np.asarray(input, _F32)
    if x.ndim != 4:
        raise _invalid("input must be 4-dimensional" + _shape_str(x))
    batch, ih, iw, depth = x.shape
    sz = np.asarray(size)
    if sz.shape != (2,):
        raise _invalid("input must be a vector of size 2 (height, width)" + _shape_str(sz))
    gh, gw = int(sz[0]), int(sz[1])
    if gh <= 0 or gw <= 0:
        raise _invalid("input must be a vector of size 2 (height, width)" + _shape_str(sz))
    off = np.asarray(offsets, _F32)
    if off.ndim != 2:
        raise _invalid("input must be a matrix" + _shape_str(off))
    if off.shape[0] != batch:
        raise _invalid("first dimension should be batch" + _shape_str(off))
    if off.shape[1] != 2:
        raise _invalid("second dimension should be of size 2 (y,x)" + _shape_str(off))
    if uniform_noise and noise not in ("", "uniform"):
        raise _invalid("The uniform_noise and noise should not be specified at the same time")
    kind = "uniform" if uniform_noise else (noise or "gaussian")
    out = np.empty((batch, gh, gw, depth), _F32)
    rng = np.random.default_rng()
    for n in range(batch):
        fy, fx = off[n, 0], off[n, 1]
        if normalized:
            fx = fx * _F32(iw)
            fy = fy * _F32(ih)
        if centered:
            fx = fx / _F32(2) + _F32(iw) / _F32(2)
            fy = fy / _F32(2) + _F32(ih) / _F32(2)
        fx = _F32(fx - _F32(gw) / _F32(2))
        fy = _F32(fy - _F32(gh) / _F32(2))
        ox, oy = int(fx), int(fy)                  # truncation toward zero, as TF's cast
        img = x[n]
        if kind == "zero":
            fill = np.zeros((gh, gw, depth), _F32)
        elif kind == "uniform":
            lo = img.min() if img.size else _F32(0)
            span = (img.max() - lo) if img.size else _F32(0)
            fill = (lo + rng.random((gh, gw, depth), dtype=_F32) * span).astype(_F32)
        else:
            mean = img.reshape(-1, depth).mean(0).astype(_F32)
            std = img.reshape(-1, depth).std(0).astype(_F32)
            fill = (mean + rng.standard_normal((gh, gw, depth), dtype=_F32) * std)
        out[n] = fill
        y0, y1 = max(oy, 0), min(oy + gh, ih)
        x0, x1 = max(ox, 0), min(ox + gw, iw)
        if y1 > y0 and x1 > x0:
            out[n, y0 - oy:y1 - oy, x0 - ox:x1 - ox] = img[y0:y1, x0:x1]
    return out


def _glimpse_infer(inputs, attrs):
    x, size, offsets = inputs
    op = "ExtractGlimpse"
    _type_check(op, x, _dt.float32, "input")
    _type_check(op, size, _dt.int32, "size")
    _type_check(op, offsets, _dt.float32, "offsets")
    _rank_check(op, x, 4, "input")
    _rank_check(op, size, 1, "size")
    _rank_check(op, offsets, 2, "offsets")
    dims = x.shape.as_tuple() or (None,) * 4
    off = offsets.shape.as_tuple() or (None, None)
    # TF merges the batch with the offsets' rows, and wants offsets [batch, 2]
    if dims[0] is not None and off[0] is not None and dims[0] != off[0]:
        raise ValueError(f"Dimensions must be equal, but are {dims[0]} and {off[0]}")
    if off[1] is not None and off[1] != 2:
        raise ValueError(f"Dimension must be 2 but is {off[1]}")
    v = const_value(size)
    if v is None:   # TF's input_tensor: the size's constant subgraph, evaluated whole
        v = refined_ints(size, partial=False)
    h, w = (None, None) if v is None else (int(v[0]), int(v[1]))
    batch = dims[0] if dims[0] is not None else off[0]
    return [(_dt.float32, TensorShape([batch, h, w, dims[3]]))]


register_op("ExtractGlimpse", infer=_glimpse_infer, kernel=_glimpse_kernel, grad=None)


# -- op creation as TF's generated wrappers --------------------------------------------------
def gen_op(op_type: str, args, attrs: dict | None = None, name: str | None = None):
    """Creates `op_type` as TF's generated wrapper does: inside the scope `name` (default the
    op type), each non-Tensor argument is converted to a Const named after its argument.

    Args:
      args: [(value, arg name) or (value, arg name, dtype) or (value, arg name, dtype,
        "preferred"[, allowed dtypes]): a type attr's default dtype, tried first for a
        non-Tensor value; the "preferred" arguments share one type attr, which the first of
        them sets (checked against the allowed dtypes at once, as TF does)].
      attrs: a dict, or a function of the converted inputs returning it (a type attr).
    """
    g = next((a[0].graph for a in args if isinstance(a[0], Tensor)), None) or \
        get_default_graph()
    with g.as_default(), g.name_scope(name or op_type) as scope:
        inputs = []
        inferred = None   # (dtype, argument) of the shared type attr, once set
        for a in args:
            value, arg = a[0], a[1]
            dtype = a[2] if len(a) > 2 else None
            preferred = len(a) > 3 and a[3] == "preferred"
            t = _convert_input(op_type, value, arg, dtype, preferred, inferred)
            if preferred and inferred is None:
                if len(a) > 4:
                    check_dtype(op_type, t, a[4], arg)
                inferred = (t.dtype.base_dtype, arg)
            inputs.append(t)
        if callable(attrs):
            attrs = attrs(inputs)
        return apply(op_type, inputs, attrs, scope)


def _convert_input(op_type, value, arg, dtype, preferred, inferred):
    """TF's op_def_library conversion of one input, with its errors: a fixed type or the
    type attr already inferred is required (a Tensor of another type: TypeError naming
    both), else the attr's default is only preferred."""
    want = (inferred[0] if inferred else None) if preferred else dtype
    try:
        if want is None:
            return convert_to_tensor(value, name=arg, preferred_dtype=dtype)
        return convert_to_tensor(value, dtype=want, name=arg)
    except TypeError as e:
        if want is None:
            raise
        raise TypeError(f"Expected {want.name} passed to parameter '{arg}' of op '{op_type}', "
                        f"got {value!r} of type '{type(value).__name__}' instead. Error: {e}") \
            from None
    except ValueError:
        try:
            observed = convert_to_tensor(value).dtype.base_dtype.name
        except ValueError as e:
            raise ValueError(f"Tried to convert '{arg}' to a tensor and failed. Error: {e}") \
                from None
        prefix = f"Input '{arg}' of '{op_type}' Op has type {observed} that does not match"
        if preferred:
            raise TypeError(f"{prefix} type {want.name} of argument '{inferred[1]}'.") from None
        raise TypeError(f"{prefix} expected type of {want.name}.") from None

