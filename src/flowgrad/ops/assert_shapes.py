"""tf.debugging.assert_shapes (TF 1.14's check_ops.assert_shapes): shape relationships
between tensors, checked statically where the sizes are known (ValueError) and by Assert
ops at run time where they are not (InvalidArgumentError), built as TF builds them."""
from __future__ import annotations

from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.ops.comparison import equal
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.ops.shape import rank as _rank
from ..engine.ops.shape import shape as _shape
from .check_ops import assert_rank, assert_rank_at_least, assert_rank_in
from .control_flow_ops import cond, group
from .logging_ops import Assert

__all__ = ["assert_shapes"]


def _dimension_sizes(x):
    """Static sizes as ints, unknown ones as tensors; a scalar is rank 1 of size 1."""
    dynamic = _shape(x)
    rank = x.shape.ndims
    if rank == 0:
        return (1,)
    if rank is not None:
        return [int(d) if d is not None else dynamic[i]
                for i, d in enumerate(x.shape.as_list())]
    return cond(equal(_rank(x), 0), lambda: constant([1]), lambda: dynamic)


def _known(size):
    if size is None:
        return False
    try:
        int(size)
    except (ValueError, TypeError):
        return False
    return True


def _any_size(symbol):
    return symbol is None or (isinstance(symbol, str) and symbol == ".")


def _outer_dims(symbol):
    return symbol is Ellipsis or (isinstance(symbol, str) and symbol == "*")


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """Asserts the shapes {tensor: symbolic shape} agree: equal symbols mean equal sizes,
    an int an exact size, None or '.' any size, a first `...` or '*' any outer dims.

    >>> x = tf.zeros([2, 3]); y = tf.zeros([2, 4])
    >>> op = tf.debugging.assert_shapes({x: ("N", "Q"), y: ("N", "D")})
    """
    message = message or ""
    with name_scope(name, "assert_shapes", [shapes, data]):
        shapes = {x: s for x, s in shapes.items() if s is not None}
        shapes = {convert_to_tensor(x): s for x, s in shapes.items()}
        for x, s in shapes.items():
            if not (hasattr(s, "__iter__") or hasattr(s, "__getitem__")):
                raise ValueError(f"{message}.  Tensor {x.name}.  Specified shape must be an "
                                 "iterable.  An iterable has the attribute `__iter__` or "
                                 f"`__getitem__`.  Received specified shape: {s}")
            shapes[x] = tuple(s)
        innermost = set()
        for x, s in shapes.items():
            for i, symbol in enumerate(s):
                if not _outer_dims(symbol):
                    continue
                if i != 0:
                    raise ValueError(f"{message}.  Tensor {x.name} specified shape index {i}.  "
                                     "Symbol `...` or `*` for a variable number of unspecified "
                                     "dimensions is only allowed as the first entry")
                innermost.add(x)
        actual = {x: _dimension_sizes(x) for x in shapes}
        specified = {}
        for x, s in shapes.items():
            s = s[1:] if x in innermost else s
            specified[x] = s if len(s) else (1,)

        rank_assertions = []
        for x in shapes:
            n = len(specified[x])
            if x in innermost:
                if n in (0, 1):
                    continue
                a = assert_rank_at_least(x=x, rank=n, data=data, summarize=summarize,
                                         message=message, name=name)
            elif n in (0, 1):
                a = assert_rank_in(x=x, ranks=[0, 1], data=data, summarize=summarize,
                                   message=message, name=name)
            else:
                a = assert_rank(x=x, rank=n, data=data, summarize=summarize, message=message,
                                name=name)
            rank_assertions.append(a)

        size_assertions = []
        seen = {}
        for x in shapes:
            sizes = specified[x]
            for i, symbol in enumerate(sizes):
                if _any_size(symbol):
                    continue
                dim = i - len(sizes) if x in innermost else i
                if symbol in seen or _known(symbol):
                    if _known(symbol):
                        want = int(symbol)
                        how = "Specified explicitly"
                    else:
                        want, by, at = seen[symbol]
                        how = f"Specified by tensor {by.name} dimension {at}"
                    got = actual[x][dim]
                    if _known(got) and _known(want):
                        if int(got) != int(want):
                            raise ValueError(f"{message}.  {how}.  Tensor {x.name} dimension "
                                             f"{dim} must have size {int(want)}.  Received "
                                             f"size {int(got)}, shape {x.shape}")
                        continue
                    condition = equal(convert_to_tensor(got), convert_to_tensor(want))
                    data_ = data if data is not None else [
                        message, how, f"Tensor {x.name} dimension", dim, "must have size",
                        want, "Received shape: ", _shape(x)]
                    size_assertions.append(Assert(condition, data_, summarize=summarize))
                else:
                    seen[symbol] = (actual[x][dim], x, dim)
        with control_dependencies(rank_assertions):
            return group(size_assertions)
