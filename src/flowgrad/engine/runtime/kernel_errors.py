"""A kernel's NumPy exception as the OpError TF 1.14 raises for that op.

The runtime calls `op_error(exc, node, args)` when a kernel fails (args: the values the
kernel was called with, or None when unknown). NumPy's wording ("operands could not be
broadcast", "gufunc signature", "axis 5 is out of bounds", MemoryError) becomes TF's
class and message for the op type, checked against TF 1.14 (tests/golden/errors9/
gen_runtime_errors.py); anything not mapped stays an InvalidArgumentError naming
NumPy's exception. `decorate` adds what TF adds below the message: the node, where
it was defined, and its inputs defined on other lines (OpError.__str__ adds the user's
stack when the op was created).
"""
from __future__ import annotations

import math
import re

import numpy as np

from ..framework import errors
from ..framework import op_traceback

_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_REDUCTIONS = {"Sum", "Mean", "Max", "Min", "Prod", "All", "Any", "EuclideanNorm"}
_OOM_HINT = ("Hint: If you want to see a list of allocated tensors when OOM happens, add "
             "report_tensor_allocations_upon_oom to RunOptions for current allocation info.")
# TF's DataTypeString names where they differ from the dtype's name
_TF_TYPE_NAME = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


def _dims(shape) -> str:
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _shape(x):
    return tuple(np.shape(x))


def _type_name(np_dtype) -> str:
    name = np.dtype(np_dtype).name
    return _TF_TYPE_NAME.get(name, name)


def _oom(exc, node, args):
    """(shape, numpy dtype) of the allocation that failed, as well as it can be known."""
    shape = getattr(exc, "shape", None)
    dtype = getattr(exc, "dtype", None)
    if shape is None and node is not None:
        if node.type == "Fill" and args:
            shape = tuple(int(d) for d in np.asarray(args[0]).reshape(-1))
        else:
            out = node.op._outputs[0] if node.op is not None and node.op._outputs else None
            t = out.shape.as_tuple() if out is not None else None
            if t is not None and None not in t:
                shape = t
    if dtype is None and node is not None and node.op is not None and node.op._outputs:
        try:
            dtype = np.dtype(node.op._outputs[0].dtype.base_dtype.as_numpy_dtype)
        except TypeError:
            dtype = None
    return shape, dtype


def _resource_exhausted(exc, node, args):
    shape, dtype = _oom(exc, node, args)
    if shape is None or dtype is None:
        return errors.ResourceExhaustedError(
            None, None, f"OOM when allocating tensor on {_DEVICE} by allocator cpu ({exc})")
    nbytes = math.prod(int(d) for d in shape) * np.dtype(dtype).itemsize
    return errors.ResourceExhaustedError(
        None, None, f"OOM when allocating tensor with shape{_dims(shape)} and type "
        f"{_type_name(dtype)} on {_DEVICE} by allocator cpu\n\t({nbytes} bytes requested)")


def _shape_mismatch(node, args, exc):
    """TF's message for a shape mismatch found while running `node`, or None."""
    ty = node.type
    shapes = [_shape(a) for a in args]
    if ty == "Conv2D" and len(shapes[0]) == 4 and len(shapes[1]) == 4:
        fmt = node.attrs.get("data_format", "NHWC")
        fmt = fmt.decode() if isinstance(fmt, bytes) else fmt
        depth = shapes[0][1 if fmt == "NCHW" else 3]
        return ("input depth must be evenly divisible by filter depth: "
                f"{depth} vs {shapes[1][2]}")
    if ty == "MatMul":
        return f"Matrix size-incompatible: In[0]: {_dims(shapes[0])}, In[1]: {_dims(shapes[1])}"
    if ty in ("BatchMatMul", "BatchMatMulV2"):
        a, b = shapes[0], shapes[1]
        adj_x = bool(node.attrs.get("adj_x", False))
        adj_y = bool(node.attrs.get("adj_y", False))
        if len(a) >= 2 and len(b) >= 2:
            try:
                np.broadcast_shapes(a[:-2], b[:-2])
            except ValueError:
                return (f"In[0] and In[1] must have compatible batch dimensions: {_dims(a)} "
                        f"vs. {_dims(b)}")
            ka = a[-2] if adj_x else a[-1]
            kb = b[-1] if adj_y else b[-2]
            if ka != kb:
                return (f"In[0] mismatch In[1] shape: {ka} vs. {kb}: {_dims(a)} {_dims(b)} "
                        f"{int(adj_x)} {int(adj_y)}")
        return None
    if ty == "AddN":
        for i, s in enumerate(shapes[1:], 1):
            if s != shapes[0]:
                return (f"Inputs to operation {node.name} of type AddN must have the same size "
                        f"and shape.  Input 0: {_dims(shapes[0])} != input {i}: {_dims(s)}")
        return None
    if ty == "BiasAdd":
        return (f"Must provide as many biases as the last dimension of the input tensor: "
                f"{_dims(shapes[1])} vs. {_dims(shapes[0])}")
    if ty == "SoftmaxCrossEntropyWithLogits":
        return (f"logits and labels must be broadcastable: logits_size={_dims(shapes[0])} "
                f"labels_size={_dims(shapes[1])}")
    if len(shapes) == 2 and "broadcast" in str(exc):   # a binary op (Add, Mul, Less, ...)
        return f"Incompatible shapes: {_dims(shapes[0])} vs. {_dims(shapes[1])}"
    return None


_TWO_SHAPES = re.compile(r"broadcast together with shapes \(([\d, ]*)\) \(([\d, ]*)\)\s*$")


def _numpy_pair(exc):
    """TF's message for NumPy's two-operand broadcast error (a fused kernel's step)."""
    m = _TWO_SHAPES.search(str(exc))
    if m is None:
        return None
    a, b = ([int(d) for d in g.replace(" ", "").split(",") if d] for g in m.groups())
    return f"Incompatible shapes: {_dims(a)} vs. {_dims(b)}"


def op_error(exc, node, args=None) -> errors.OpError:
    """The OpError TF raises where `node`'s kernel raised `exc` (not yet decorated)."""
    if isinstance(exc, MemoryError) or (isinstance(exc, ValueError)
                                        and "array is too big" in str(exc)):
        return _resource_exhausted(exc, node, args)
    if node is not None and args is not None:
        msg = None
        try:
            if node.type == "SparseSoftmaxCrossEntropyWithLogits" and isinstance(
                    exc, (ValueError, IndexError)):
                lg, lb = _shape(args[0]), _shape(args[1])
                if not lg or not lb or lg[0] != lb[0]:
                    msg = ("logits and labels must have the same first dimension, got logits "
                           f"shape {_dims(lg)} and labels shape {_dims(lb)}")
            elif node.type in ("ArgMax", "ArgMin") and isinstance(exc, (IndexError,
                                                                        ValueError)):
                rank = len(_shape(args[0]))
                msg = (f"Expected dimension in the range [{-rank}, {rank}), but got "
                       f"{int(np.asarray(args[1]))}")
            elif isinstance(exc, ValueError) and (
                    "broadcast" in str(exc) or "gufunc signature" in str(exc)
                    or "shape-mismatch" in str(exc)):
                msg = _shape_mismatch(node, args, exc) if len(args) <= 2 or node.type in (
                    "AddN", "BatchMatMul", "BatchMatMulV2", "MatMul") else None
            elif isinstance(exc, np.exceptions.AxisError if hasattr(np, "exceptions")
                            else np.AxisError) and node.type in _REDUCTIONS:
                axes = np.asarray(args[1]).reshape(-1)
                rank = len(_shape(args[0]))
                bad = next((int(a) for a in axes if not -rank <= a < rank), None)
                if bad is not None:
                    msg = (f"Invalid reduction dimension ({bad} for input with {rank} "
                           "dimension(s)")
        except Exception:  # noqa: BLE001 - an odd input: keep NumPy's message
            msg = None
        if msg is not None:
            return errors.InvalidArgumentError(None, None, msg)
    if isinstance(exc, ValueError):
        msg = _numpy_pair(exc)
        if msg is not None:
            return errors.InvalidArgumentError(None, None, msg)
    name = node.name if node is not None else "?"
    ty = node.type if node is not None else "?"
    return errors.InvalidArgumentError(
        None, None, f"{type(exc).__name__} in op '{name}' ({ty}): {exc}")


_SOURCES = ("\n\nErrors may have originated from an input operation.\n"
            "Input Source operations connected to node ")


def _input_sources(op, where):
    """TF's error_interpolation block naming the op's inputs (data, then control) defined
    on other lines than the op and than each other; "" when there are none."""
    seen, lines = {where}, []
    for src in [t.op for t in op._inputs] + list(op._control_inputs):
        at = op_traceback.defined_at(getattr(src, "_traceback", None))
        if at is not None and at not in seen:
            seen.add(at)
            lines.append(f" {src.name} (defined at {at})")
    if not lines:
        return ""
    return _SOURCES + f"{op.name}:\n" + "\t\n".join(lines)


_NODE_LINE = re.compile(r"\[\[node (\S+?)(?: \(defined at [^\n]*?\) )?\]\]")


def uninterpolated(err: errors.OpError) -> errors.OpError:
    """The error as TF 1.14 raises it from a callable made from options (Keras's
    K.function and training loops): not interpolated, its node line `[[{{node Name}}]]`,
    no input-sources block, no op (str() adds no creation stack)."""
    msg = _NODE_LINE.sub(lambda m: "[[{{node %s}}]]" % m.group(1),
                         err.message.partition(_SOURCES)[0])
    err._op = None
    return _set(err, msg)


def _drop_outside_sources(msg, op):
    """The message of an op that control-flow op `op` ran, without the sources that are
    `op`'s own inputs: in TF they reach the branch or body through Switch/Enter ops made
    on the inner op's line, which the block leaves out."""
    head, sep, block = msg.partition(_SOURCES)
    if not sep:
        return msg
    target, _, lines = block.partition(":\n")
    outside = {t.op.name for t in op._inputs} | {c.name for c in op._control_inputs}
    kept = [ln for ln in lines.split("\t\n")
            if ln.split(" (defined at ")[0].strip() not in outside]
    return head + (sep + target + ":\n" + "\t\n".join(kept) if kept else "")


_UNINIT = "Attempting to use uninitialized value "


def _variable_read(op, var):
    """The `var/read` Identity feeding `op`, if any: TF's executor fails in that read,
    which flowgrad's plan folds into its consumer."""
    for t in op._inputs:
        r = t.op
        if r.type == "Identity" and r._inputs and r._inputs[0].op.name == var:
            return r
    return None


def _assign_of(op, index):
    """The Assign reading output `index` of `op` (a RestoreV2, whose kernel checks every
    restored shape before it returns any value): TF 1.14 fails in that Assign."""
    if index < len(op._outputs):
        for c in op._outputs[index]._consumers:
            if c.type == "Assign":
                return c
    return None


def _set(err, msg):
    err._message = msg
    err.args = (msg,)
    return err


class Named:
    """(op, name) as `decorate` takes a plan node."""

    __slots__ = ("op", "name")

    def __init__(self, op):
        self.op, self.name = op, op.name


def decorate(err: errors.OpError, node) -> errors.OpError:
    """Adds what TF's error interpolation adds to the message: the node line (with where
    the op was defined) and the inputs defined elsewhere. The op's creation stack is
    str()'s (OpError.__str__), not the message's, as in TF.

    An op of a function body (a dataset function's FuncGraph) is not in the session's
    graph: TF leaves its tag uninterpolated (`[[{{node Name}}]]`), names no op, and the op
    that ran the function adds a plain `[[Name]]` line. An error of an op that a
    control-flow op (tf.cond, tf.while_loop) ran keeps that op's line only."""
    if node is None:
        return err
    op = node.op
    name = node.name
    msg = err.message
    if op is not None and msg.startswith(_UNINIT):
        op = _variable_read(op, msg[len(_UNINIT):]) or op
        name = op.name
    elif op is not None and getattr(err, "_assign_of_output", None) is not None:
        op = _assign_of(op, err._assign_of_output) or op
        name = op.name
    plain = f"[[node {name}]]"
    if plain not in msg:
        if f"node {name}" in msg:   # decorated already
            return err
        if "[[{{node " in msg:      # from a function body this op ran
            if getattr(err, "_lowered_cond", False) and op is not None and \
                    op.type in ("Cond", "If"):
                return err          # (TF's If, lowered into the body: named in the tag)
            tail = f"[[{name}]]"
            return err if tail in msg else _set(err, f"{msg}\n\t {tail}")
        if "[[node " in msg:        # from an op of a branch or loop body this op ran
            return _set(err, _drop_outside_sources(msg, op)) if op is not None else err
    if op is not None and getattr(op._graph, "_outer_graph", None) is not None:
        return err if f"{{{{node {name}}}}}" in msg else _set(
            err, f"{msg}\n\t [[{{{{node {name}}}}}]]")
    if err._op is None:
        err._op = op
    tb = getattr(op, "_traceback", None) if op is not None else None
    where = op_traceback.defined_at(tb)
    line = f"[[node {name} (defined at {where}) ]]" if where else f"[[node {name}]]"
    msg = msg.replace(plain, line, 1) if plain in msg else f"{msg}\n\t {line}"
    if isinstance(err, errors.ResourceExhaustedError):
        msg += "\n" + _OOM_HINT
    if where and op is not None:
        msg += _input_sources(op, where)
    return _set(err, msg)
