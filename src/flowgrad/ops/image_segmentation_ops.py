"""tf.contrib.image.connected_components and bipartite_match, and their ops
ImageConnectedComponents and BipartiteMatch.

BipartiteMatch is TF's greedy matching: every (distance, row, col) of the valid rows goes,
in row-major order, into a std::priority_queue ordered by smallest distance (libstdc++'s
heap, so ties pop in TF's order); popped pairs whose row and column are both free are
matched until top_k (or all possible) pairs are.

The kernel is TF 1.14's blocked union-find (contrib/image/kernels/segmentation_ops.h): at
block sizes 1, 2, 4, ... it joins, inside each 2x2 group of blocks, the pixels across the
vertical seam and then across the horizontal seam (equal nonzero values), union by rank
without path compression; a pixel's id is its root's flat index + 1 (0 for zero pixels), so
the raw ids are TF's. connected_components then renumbers them 1, 2, ... in row-major order
of first appearance, as TF does.
"""
from __future__ import annotations

import collections as _collections

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import image_boxes as _boxes
from . import array_ops, comparison_ops, control_flow_ops, math_ops

__all__ = ["bipartite_match", "connected_components"]

_OP = "ImageConnectedComponents"
_DTYPES = (_dt.int64, _dt.int32, _dt.uint16, _dt.int16, _dt.uint8, _dt.int8, _dt.float16,
           _dt.float32, _dt.float64, _dt.bool_, _dt.string)


def _infer(inputs, attrs):
    _boxes.check_dtype(_OP, inputs[0], _DTYPES, "dtype")
    return [(_dt.int64, inputs[0].shape)]


def _kernel(image, dtype=None):
    image = np.asarray(image)
    if image.ndim != 3:
        raise errors.InvalidArgumentError(None, None, "Input images must have rank 3")
    n, rows, cols = image.shape
    flat = image.reshape(-1)
    nonzero = (np.vectorize(len, otypes=[np.int64])(flat) > 0) if flat.dtype == object \
        else flat != 0
    flat, nonzero = flat.tolist(), np.asarray(nonzero, bool).tolist()
    forest = list(range(flat.__len__()))
    rank = [0] * len(forest)

    def find(i):
        while forest[i] != i:
            i = forest[i]
        return i

    def union(a, b):
        if not nonzero[a] or flat[a] != flat[b]:
            return
        a, b = find(a), find(b)
        if a == b:
            return
        if rank[a] < rank[b]:
            forest[b] = a
        else:
            forest[a] = b
            rank[b] += 1

    bh = bw = 1
    while bh < rows or bw < cols:
        for b in range(n):
            base = b * rows * cols
            for sy in range(0, rows, 2 * bh):
                for sx in range(0, cols, 2 * bw):
                    cx = sx + bw - 1
                    if cx + 1 < cols:
                        for y in range(sy, min(rows, sy + 2 * bh)):
                            i = base + y * cols + cx
                            union(i, i + 1)
                    cy = sy + bh - 1
                    if cy + 1 < rows:
                        for x in range(sx, min(cols, sx + 2 * bw)):
                            i = base + cy * cols + x
                            union(i, i + cols)
        bh *= 2
        bw *= 2
    out = np.array([find(i) + 1 for i in range(len(forest))], np.int64)
    out[~np.asarray(nonzero, bool)] = 0  # zero pixels are their own roots
    return out.reshape(image.shape)


register_op(_OP, infer=_infer, kernel=_kernel, grad=None)


def connected_components(images):
    """Component ids (int64) of the 4-connected regions of equal nonzero values of image(s)
    [H, W] or [N, H, W]: 0 for zero pixels, 1, 2, ... across the batch in row-major order."""
    with name_scope("connected_components"):
        image_or_images = convert_to_tensor(images, name="images")
        rank = image_or_images.shape.ndims
        if rank == 2:
            images = image_or_images[None, :, :]
        elif rank == 3:
            images = image_or_images
        else:
            raise TypeError("images should have rank 2 (HW) or 3 (NHW). Static shape is %s"
                            % image_or_images.shape)
        components = _boxes.gen_op(_OP, [(images, "image")],
                                   {"dtype": images.dtype.base_dtype})
        components_flat = array_ops.reshape(components, [-1])
        unique_ids, id_index = array_ops.unique(components_flat)
        id_is_zero = array_ops.where(comparison_ops.equal(unique_ids, 0))[:, 0]
        nonzero_consecutive_ids = array_ops.range(
            array_ops.shape(unique_ids)[0] - array_ops.shape(id_is_zero)[0]) + 1

        def no_zero():
            return nonzero_consecutive_ids

        def has_zero():
            zero_id_ind = math_ops.cast(id_is_zero[0], _dt.int32)
            ids_before = nonzero_consecutive_ids[:zero_id_ind]
            ids_after = nonzero_consecutive_ids[zero_id_ind:]
            return array_ops.concat([ids_before, [0], ids_after], axis=0)

        new_ids = control_flow_ops.cond(
            comparison_ops.equal(array_ops.shape(id_is_zero)[0], 0), no_zero, has_zero)
        components = array_ops.reshape(array_ops.gather(new_ids, id_index),
                                       array_ops.shape(components))
        if rank == 2:
            return components[0, :, :]
        return components


def _bipartite_infer(inputs, attrs):
    d, n = inputs
    _boxes._type_check("BipartiteMatch", d, _dt.float32, "distance_mat")
    _boxes._type_check("BipartiteMatch", n, _dt.float32, "num_valid_rows")
    _boxes._rank_check("BipartiteMatch", d, 2, "distance_mat")
    dims = d.shape.as_list() if d.shape.ndims is not None else [None, None]
    return [(_dt.int32, TensorShape([dims[0]])), (_dt.int32, TensorShape([dims[1]]))]


def _bipartite_kernel(distance_mat, num_valid_rows, top_k=-1):
    d = np.asarray(distance_mat, np.float32)
    rows, cols = d.shape
    n = float(np.asarray(num_valid_rows))
    valid = rows if n < 0 else int(n)
    if valid > rows:
        raise errors.InvalidArgumentError(
            None, None, f"There should be at least {valid} rows in distance_mat, but only got "
            f"{rows} rows.")
    limit = min(valid, cols)
    top = top_k if 0 < top_k <= limit else limit
    row_to_col = np.full(rows, -1, np.int32)
    col_to_row = np.full(cols, -1, np.int32)
    keep = np.zeros(d.size, bool)
    keep[:valid * cols] = True
    matched = 0
    # a max-heap on -distance is TF's min-heap on distance (NaN compares false both ways)
    for i in (_boxes._heap_order(-d.reshape(-1), keep) if top > 0 else ()):
        r, c = divmod(int(i), cols)
        if row_to_col[r] != -1 or col_to_row[c] != -1:
            continue
        row_to_col[r], col_to_row[c] = c, r
        matched += 1
        if matched >= top:
            break
    return row_to_col, col_to_row


register_op("BipartiteMatch", infer=_bipartite_infer, kernel=_bipartite_kernel, grad=None)

BipartiteMatch = _collections.namedtuple(
    "BipartiteMatch", ["row_to_col_match_indices", "col_to_row_match_indices"])


def bipartite_match(distance_mat, num_valid_rows, top_k=-1, name="bipartite_match"):
    """Greedy matching of rows to columns by smallest distance: (row_to_col_match_indices
    [rows], col_to_row_match_indices [cols]), -1 for the unmatched; only the first
    `num_valid_rows` rows (all if negative) take part, at most `top_k` pairs (all if not
    positive)."""
    row_to_col, col_to_row = _boxes.gen_op(
        "BipartiteMatch", [(distance_mat, "distance_mat", _dt.float32),
                           (num_valid_rows, "num_valid_rows", _dt.float32)],
        {"top_k": int(top_k)}, name)
    return BipartiteMatch(row_to_col, col_to_row)
