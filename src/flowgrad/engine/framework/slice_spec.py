"""TF's StridedSlice spec made dense over the input's dims (ValidateStridedSliceOp's
BuildDenseSpec): shared by the op's shape inference (ops/indexing.py) and Grappler's
symbolic shapes (optimize/symbolic_shapes.py)."""
from __future__ import annotations

MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def dense_spec(rank, begin, end, strides, attrs):
    """One entry per output step: ("new",), ("shrink", index or None), ("unknown",) (a
    slice whose bounds are not known: `begin` / `end` None), ("slice", begin, end, stride)
    (None for a masked bound) or ("full", None, None, 1); the ellipsis expanded into
    whole dims, the dims past the spec whole. Raises ValueError with TF's messages for a
    zero stride, several ellipses, or more indexed dims than `rank`."""
    bm, em, elm, nm, sm = (attrs.get(m, 0) for m in MASKS)
    n = len(strides)
    for i in range(n):
        if int(strides[i]) == 0:
            raise ValueError(f"strides[{i}] must be non-zero")
    if elm & (elm - 1):
        raise ValueError("Multiple ellipses in slice spec not allowed")
    spec = []
    for i in range(n):
        bit = 1 << i
        if elm & bit:
            after = sum(1 for j in range(i + 1, n) if not (nm >> j) & 1)
            fill = rank - len([s for s in spec if s[0] != "new"]) - after
            spec.extend([("full", None, None, 1)] * max(fill, 0))
        elif nm & bit:
            spec.append(("new",))
        elif sm & bit:
            spec.append(("shrink", None if begin is None else int(begin[i])))
        elif (begin is None or end is None) and not (bm & em & bit):
            spec.append(("unknown",))
        else:
            spec.append(("slice", None if bm & bit else int(begin[i]),
                         None if em & bit else int(end[i]), int(strides[i])))
            # (with both masks set, begin/end are ignored: the size is known without them)
    used = len([s for s in spec if s[0] != "new"])
    if used > rank:
        raise ValueError(f"Index out of range using input dim {rank}; input has only {rank} "
                         "dims")
    if not elm:
        spec.extend([("full", None, None, 1)] * (rank - used))
    return spec
