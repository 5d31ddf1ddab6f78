"""Assert, Print and tf.print.

Values are formatted as TF 1.14's C++ kernels format them: `tf.Print` and
`tf.Assert` use the legacy summary (at most `summarize` elements in all,
"[1 2 3...]"), `tf.print` the v2 summary (`summarize` elements at each end of
every dimension, "[0 1 2 ... 7 8 9]", rows on separate lines). Floats print
with the shortest of 6/9 (float) or 15/17 (double) significant digits that
round-trips, as C++ StrCat does.
"""
from __future__ import annotations

import datetime
import logging
import os
import pprint
import random
import sys

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.errors import c_escape as _cescape
from ..engine.framework import fpenv
from ..engine.framework.shape_reads import summarize as _summarize
from ..engine.framework.graph import Operation, Tensor, get_default_graph, name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.framework.constant_op import convert_n_to_tensor, convert_to_tensor
from ..engine.ops._base import apply, apply_op, to_tensor, type_list_input
from ..engine.ops.control_flow import cond
from ..engine.ops.ordering import no_op
from .sparse_tensor import SparseTensor

__all__ = ["Assert", "Print", "print"]

# ---------------------------------------------------------------------------------------
# Value formatting (TF's Tensor::SummarizeValue)
# ---------------------------------------------------------------------------------------
_F32_TINY = float(np.finfo(np.float32).tiny)


def _fmt_float32(v):
    if 0 < abs(v) < _F32_TINY:   # a float32 denormal reads as (signed) zero: TF's DAZ
        return "-0" if v < 0 else "0"
    s = "%.6g" % v
    if np.isfinite(v) and np.float32(s) != np.float32(v):
        s = "%.9g" % v
    return _c_float(s)


def _fmt_float64(v):
    s = "%.15g" % v
    if np.isfinite(v) and float(s) != float(v):
        s = "%.17g" % v
    return _c_float(s)


def _c_float(s):
    return {"nan": "nan", "-nan": "-nan", "inf": "inf", "-inf": "-inf"}.get(s, s)


def _element_formatter(arr, v2):
    kind = arr.dtype.kind
    if arr.dtype == np.float64:
        return _fmt_float64
    if kind == "f":
        return lambda v: _fmt_float32(np.float32(v))
    if kind == "b":
        return lambda v: "1" if v else "0"
    if kind in "iu":
        return lambda v: str(int(v))
    if v2:
        return lambda v: '"' + _cescape(v) + '"'
    return _cescape


def _summarize_irregular(n, summarize):
    """TF's summary of a type it does not print (complex): "?" per element shown, then
    "..." when summarize leaves some out."""
    shown = n if summarize is None or summarize < 0 else summarize
    return " ".join("?" * min(shown, n)) + ("..." if shown < n else "")


@fpenv.ieee   # (Python's formatting and comparisons see denormals, as C's printf does)
def summarize_v1(arr, summarize=3):
    """The legacy summary used by tf.Print and tf.Assert (without the outer brackets)."""
    arr = np.asarray(arr)
    n = arr.size
    if arr.dtype.kind == "c":
        return _summarize_irregular(n, summarize)
    limit = n if summarize is None or summarize < 0 else min(summarize, n)
    return _summarize(arr, limit, _element_formatter(arr, False))


@fpenv.ieee
def summarize_v2(arr, summarize=3):
    """The summary tf.print uses: `summarize` elements at each end of each dimension."""
    arr = np.asarray(arr)
    if arr.dtype.kind == "c":
        return "[" + _summarize_irregular(arr.size, summarize) + "]"
    fmt = _element_formatter(arr, True)
    # at most as many elements at each end as the tensor has (none for an empty one)
    ends = arr.size if summarize is None or summarize < 0 else min(summarize, arr.size)
    if arr.ndim == 0:   # a scalar ("hi" quoted), "..." when summarize is 0
        return fmt(arr.reshape(-1)[0]) if ends else "..."
    nd = arr.ndim
    parts = []

    def spacing(dim):
        if dim == nd - 1:
            parts.append(" ")
        else:
            parts.append("\n" * (nd - dim - 1) + " " * (dim + 1))

    def one_dim(dim, sub):
        if dim == nd:
            parts.append(fmt(sub))
            return
        parts.append("[")
        count = sub.shape[0]
        start_of_end = max(ends, count - ends)
        for i in range(min(ends, count)):
            if i > 0:
                spacing(dim)
            one_dim(dim + 1, sub[i])
        if count > 2 * ends:
            spacing(dim)
            parts.append("...")
        for i in range(start_of_end, count):
            spacing(dim)
            one_dim(dim + 1, sub[i])
        parts.append("]")

    one_dim(0, arr)
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Assert
# ---------------------------------------------------------------------------------------
def _assert_infer(inputs, attrs):
    cond = inputs[0]
    if cond.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'condition' of 'Assert' Op has type {cond.dtype.base_dtype.name} "
                        "that does not match expected type of bool.")
    return []


def _assert_kernel(condition, *data, summarize=3):
    if np.ndim(condition) != 0:
        raise errors.InvalidArgumentError(
            None, None, f"In[0] is not a scalar: [{','.join(map(str, np.shape(condition)))}]")
    if not condition:
        raise errors.InvalidArgumentError(
            None, None, "assertion failed: " + " ".join(
                "[" + summarize_v1(d, summarize) + "]" for d in data))


register_op("Assert", infer=_assert_infer, kernel=_assert_kernel, stateful=True, grad=None)


def Assert(condition, data, summarize=None, name=None):
    """Raises InvalidArgumentError when run with `condition` False, showing `data`.

    As TF 1.14: when every `data` tensor is a string or int32, one Assert op; otherwise
    the Assert sits in a cond (`AssertGuard`) that runs it only when `condition` is False,
    and the cond's op is returned.

    Args:
      condition: a scalar bool tensor.
      data: tensors (or values) printed in the error message.
      summarize: how many elements of each to print (default 3).
      name: the op's name scope (default "Assert").
    Returns:
      The Assert Operation (use it in control_dependencies).
    Raises:
      TypeError: condition is not bool.

    >>> x = tf.placeholder(tf.float32, [2])
    >>> check = tf.Assert(tf.reduce_all(x > 0.0), [x])
    >>> with tf.control_dependencies([check]):
    ...     y = tf.identity(x)
    """
    g = get_default_graph()
    data = list(data)
    with g._atomic(), name_scope(name, "Assert", [condition] + data):
        xs = convert_n_to_tensor(data)
        if all(x.dtype.base_dtype in (_dt.string, _dt.int32) for x in xs):
            return _assert_op(condition, data, summarize)
        condition = convert_to_tensor(condition, name="Condition")
        guarded = cond(condition, no_op, lambda: _assert_op(condition, data, summarize),
                       name="AssertGuard")
        return guarded if isinstance(guarded, Operation) else guarded.op


def _assert_op(condition, data, summarize):
    """TF's generated `Assert` wrapper: inputs converted in the op's own scope."""
    with name_scope("Assert") as scope:
        cond = condition if isinstance(condition, Tensor) else \
            to_tensor(condition, name="condition")
        _assert_infer([cond], {})
        xs = [x if isinstance(x, Tensor) else to_tensor(x, name=f"data_{i}")
              for i, x in enumerate(data)]
        return apply_op("Assert", [cond] + xs,
                        {"summarize": 3 if summarize is None else int(summarize)}, scope)


# ---------------------------------------------------------------------------------------
# Print (TF 1.x identity that logs to stderr)
# ---------------------------------------------------------------------------------------
def _print_infer(inputs, attrs):
    x = inputs[0]
    return [(x.dtype.base_dtype, x.shape)]


def _print_bind(node, ctx):
    message = node.attrs.get("message", "")
    first_n = node.attrs.get("first_n", -1)
    summarize = node.attrs.get("summarize", 3)
    # One counter per op and session (as TF's per-session kernel), kept in the session
    # context so that every plan that runs this op, and every tier of a plan, shares it.
    count = ctx.rngs.setdefault(("Print.first_n", node.name), [0])

    def print_kernel(x, *data):
        if first_n < 0 or count[0] < first_n:
            count[0] += 1
            sys.stderr.write(message + "".join("[" + summarize_v1(d, summarize) + "]"
                                               for d in data) + "\n")
        return x
    return print_kernel


def _print_grad(op, grad):
    """d/dx Print(x) = 1; the printed data get no gradient."""
    return [grad] + [None] * (len(op.inputs) - 1)


register_op("Print", infer=_print_infer, bind=_print_bind, grad=_print_grad, stateful=True,
            aliases_input=True)


def Print(input_, data, message=None, first_n=None, summarize=None, name=None):
    """Returns `input_` and, each time it is computed, prints `message` and `data` to stderr.

    Args:
      input_: the tensor passed through.
      data: tensors to print, each as "[...]".
      message: a prefix string.
      first_n: print only the first n times (default: always).
      summarize: elements to print per tensor (default 3).
    Returns:
      A tensor equal to `input_`.

    >>> x = tf.constant([1.0, 2.0])
    >>> y = tf.Print(x, [x], message="x = ")
    """
    g = get_default_graph()
    with g._atomic(), name_scope(name or "Print") as scope:
        # TF's generated wrapper converts in the op's scope: Print/input, Print/data_0
        x = to_tensor(input_, name="input")
        xs = type_list_input("Print", "data", data)
        attrs = {"message": message or "", "first_n": -1 if first_n is None else int(first_n),
                 "summarize": 3 if summarize is None else int(summarize)}
        return apply("Print", [x] + xs, attrs, scope)


# ---------------------------------------------------------------------------------------
# tf.print (PrintV2: an op that prints)
# ---------------------------------------------------------------------------------------
def _placeholder_for(text, default="{}"):
    """TF's _generate_placeholder_string: "{}", lengthened with digits of random.Random(5)
    until it does not occur in `text`."""
    ph, rng = default, random.Random(5)
    while ph in text:
        ph += str(rng.randint(0, 9))
    return ph


def _map_leaves(fn, x):
    """`x` with fn applied to each leaf, as TF's nest sees a structure: dicts (leaves in
    sorted key order), lists, tuples and namedtuples are structures, the rest leaves."""
    if isinstance(x, dict):
        done = {k: _map_leaves(fn, x[k]) for k in sorted(x)}
        return type(x)((k, done[k]) for k in x)
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return type(x)(*(_map_leaves(fn, v) for v in x))
    if isinstance(x, (list, tuple)):
        return type(x)(_map_leaves(fn, v) for v in x)
    return fn(x)


def _is_printed_tensor(x):
    return isinstance(x, SparseTensor) or _is_tensor_like(x)


def _print_v2_infer(inputs, attrs):
    return []


# TF's PrintV2 logs through LOG(severity) at these lines of kernels/logging_ops.cc
_CPP_LOG = {"log(info)": ("I", 174, 0), "log(warning)": ("W", 176, 1),
            "log(error)": ("E", 178, 2)}


def _write(stream, text):
    if stream == "stderr":
        sys.stderr.write(text)
    elif stream == "stdout":
        sys.stdout.write(text)
    elif isinstance(stream, str) and stream.startswith("file://"):
        try:   # appended, as TF's kernel opens the file
            with open(stream[len("file://"):], "a") as f:
                f.write(text)
        except OSError:
            raise errors.InternalError(None, None,
                                       "Can't open file: " + stream[len("file://"):])
    elif stream in _CPP_LOG:   # a C++ log line on stderr, unless TF_CPP_MIN_LOG_LEVEL hides it
        sev, line, level = _CPP_LOG[stream]
        try:
            shown = level >= int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0") or 0)
        except ValueError:
            shown = True
        if shown:
            now = datetime.datetime.now()
            sys.stderr.write(f"{now:%Y-%m-%d %H:%M:%S.%f}: {sev} tensorflow/core/kernels/"
                             f"logging_ops.cc:{line}] {text}\n")   # (text ends with `end`)
    elif hasattr(stream, "write"):
        stream.write(text)
    else:
        stream(text.removesuffix("\n"))


def _print_v2_bind(node, ctx):
    stream = node.attrs["output_stream"]
    end = node.attrs.get("end", "\n")
    end = end.decode() if isinstance(end, bytes) else end

    def print_v2(value):   # (one string: StringFormat's, or a scalar string as it is)
        v = np.asarray(value).item()
        _write(stream, (v.decode("utf-8", "surrogateescape") if isinstance(v, bytes)
                        else str(v)) + end)
    return print_v2


def _string_format_kernel(*inputs, template="", placeholder="{}", summarize=3, **_):
    pieces = template.split(placeholder)
    out = [pieces[0]]
    for v, piece in zip(inputs, pieces[1:]):
        out += [summarize_v2(v, summarize), piece]
    return np.array("".join(out).encode("utf-8", "surrogateescape"), dtype=object)


register_op("StringFormat", infer=lambda i, a: [(_dt.string, TensorShape([]))],
            kernel=_string_format_kernel, grad=None)
register_op("PrintV2", infer=_print_v2_infer, bind=_print_v2_bind, stateful=True, grad=None)


def _is_tensor_like(x):
    return isinstance(x, Tensor) or (hasattr(x, "_as_graph_element") and
                                     not isinstance(x, Operation) and hasattr(x, "dtype"))


def _stream_constant(output_stream):
    """TF's name of a tf.print output stream: "stdout", "stderr", "log(info)",
    "log(warning)", "log(error)" (tf.logging's functions or levels) or "file://PATH"; any
    other object with `write` (or a callable taking the line) is kept as it is."""
    if output_stream is sys.stderr:
        return "stderr"
    if output_stream is sys.stdout:
        return "stdout"
    if isinstance(output_stream, str) and output_stream.startswith("file://"):
        return output_stream
    if isinstance(output_stream, int) and not isinstance(output_stream, bool):
        level = {logging.INFO: "info", logging.WARNING: "warning", logging.ERROR: "error"}
        if output_stream in level:
            return f"log({level[output_stream]})"
    elif callable(output_stream) and getattr(output_stream, "__module__", "") == "flowgrad.logging":
        name = {"warn": "warning"}.get(output_stream.__name__, output_stream.__name__)
        if name in ("info", "warning", "error"):
            return f"log({name})"
    if not isinstance(output_stream, (str, int)) and (hasattr(output_stream, "write") or
                                                      callable(output_stream)):
        return output_stream
    raise ValueError("Unsupported output stream, logging level, or file." +
                     str(output_stream) + ". Supported streams are sys.stdout, sys.stderr, "
                     "tf.logging.info, tf.logging.warning, tf.logging.error. File needs to "
                     "be in the form of 'file://<filepath>'.")


def print(*inputs, **kwargs):
    """An op that prints `inputs` when run (TF 1.x `tf.print`).

    Args:
      *inputs: tensors, Python values and structures (lists/dicts) of them;
        strings print as they are, tensors in TF's summary format.
      output_stream: sys.stderr (default), sys.stdout, any object with `write`,
        or a logging function such as tf.logging.info.
      summarize: elements printed at each end of each dimension (default 3,
        -1 for all).
      sep: separator between inputs (default " "); end: appended (default "\\n").
      name: the op's name.
    Returns:
      The PrintV2 Operation (of the StringFormat op TF builds, `name`_format when
      named): run it, or use it in control_dependencies.
    Raises:
      ValueError: an unknown keyword argument.

    >>> x = tf.constant([1, 2, 3])
    >>> p = tf.print("x:", x, output_stream=sys.stdout)
    """
    output_stream = kwargs.pop("output_stream", sys.stderr)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", "\n")
    name = kwargs.pop("name", None)
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for tf.print: {kwargs}")
    stream = _stream_constant(output_stream)
    with get_default_graph()._atomic():
        if (len(inputs) == 1 and _is_tensor_like(inputs[0]) and
                inputs[0].dtype.base_dtype == _dt.string and inputs[0].shape.ndims == 0):
            text = to_tensor(inputs[0])   # one scalar string: printed as it is
        else:
            template, ph, tensors = _print_template(inputs, sep)
            text = apply_op("StringFormat", tensors,
                            {"T": [t.dtype.base_dtype for t in tensors], "template": template,
                             "placeholder": ph, "summarize": int(summarize)},
                            name + "_format" if name else "StringFormat").outputs[0]
        return apply_op("PrintV2", [text], {"output_stream": stream, "end": end},
                        name or "PrintV2")


def _print_template(inputs, sep):
    """TF's tf.print template of `inputs`: each input pprint.pformat'ed (a string as it
    is) with a placeholder for each tensor ("SparseTensor(indices={}, values={},
    shape={})" for a sparse one), joined by `sep`, quotes around a bare placeholder
    removed; the placeholder does not occur in the inputs' own text. Returns (template,
    placeholder, the tensors in placeholder order)."""
    free = " ".join(pprint.pformat(_map_leaves(lambda v: "" if _is_printed_tensor(v) else v,
                                               x)) for x in inputs)
    ph = _placeholder_for(free)
    tensors = []

    def place(v):
        if isinstance(v, SparseTensor):
            tensors.extend([v.indices, v.values, v.dense_shape])
            return f"SparseTensor(indices={ph}, values={ph}, shape={ph})"
        if _is_tensor_like(v):
            tensors.append(v)
            return ph
        return v
    texts = [x if isinstance(x, str) else pprint.pformat(_map_leaves(place, x))
             for x in inputs]
    template = sep.join(texts).replace(f"'{ph}'", ph)
    return template, ph, [to_tensor(t) for t in tensors]

