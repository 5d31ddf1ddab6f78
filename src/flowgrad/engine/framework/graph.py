"""Graph, Operation and Tensor: the data model that user code builds.

A Graph is an append-only list of Operations. Ops can only take inputs from
ops that exist already, so creation order is a topological order; the runtime
relies on that for its deterministic schedule.
"""
from __future__ import annotations

import collections
import contextlib
import itertools
import re
import threading
import weakref
from typing import TYPE_CHECKING, Any, ContextManager, Iterator

from . import engine_view as _engine_view
from . import errors
from . import op_traceback as _op_traceback
from . import tape as _tape
from .device_spec import DeviceSpec, MergeDevice
from .dtypes import DType
from .graph_def import (attr_from_node, graph_def_versions, graph_to_graph_def, node_def_proto,
                        node_def_text, op_def_proto)
from .graph_def_lower import TA_LAYOUTS, ta_handle_of
from .graph_keys import (GraphKeys, _device_string, _parse_device,  # noqa: F401 - re-exported
                         _shape_str, merge_shapes)
from .registry import (OPS, STRING_ATTRS, get_op_def, op_defs, string_attrs,
                       text_attrs)
from .shape_reads import PARTIAL_SHAPE_INPUTS, summarize_value, tracking, untracked
from .tensor_shape import TensorShape, as_shape, debug_string
from . import graph_records as _records

# TF 1.14's process-wide ops.uid(): each Tensor and Graph made takes one, and so does a
# traced function's name (__inference_<name>_<uid>)
UIDS = itertools.count()

_capture_site = _op_traceback.capture


def _device_result(dev):
    """A device function's result as TF 1.14's compat.as_str(_device_string(dev))."""
    if isinstance(dev, DeviceSpec):
        return dev.to_string()
    if isinstance(dev, bytes):
        return dev.decode("utf-8")
    if not isinstance(dev, str):
        raise TypeError(f"Expected binary or unicode string, got {dev!r}")
    return dev

if TYPE_CHECKING:  # annotations only: the runtime sits above the graph
    from ..runtime.session import BaseSession

# op types whose GraphDef form is not one node of the same name and type: a graph holding
# one lists TF's nodes in get_operations() (tf_nodes.py)
_VIEW_TYPES = frozenset(("Cond", "While", "TensorArrayV3", "DecodeImage", "PrintV2",
                         "ReportUninitialized"))
# tf_nodes.py's `view(graph)` -> (ops, {name: op}) and `unsupported(op, what)`, registered
# when it is imported (it subclasses this module's Operation and Tensor)
TF_VIEW = {}
# What the GraphDef export raises on purpose for a graph it cannot write (graph_def*.py,
# proto.py: NotImplementedError for a form not written, ValueError for an attr or tensor
# TF's protos cannot hold, TypeError from protobuf for an attr flowgrad keeps, ImportError
# without the optional protos): get_operations() then lists flowgrad's own ops. Any other
# error is a bug of the export and surfaces.
_UNWRITABLE = (NotImplementedError, ValueError, TypeError, ImportError)
_VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
_VALID_NAMES_SEEN: set = set()  # (name, in a scope) already checked
_VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")


# (priority, type, fn(value, dtype, name, as_ref) -> Tensor), kept sorted by priority:
# tf.register_tensor_conversion_function (constant_op) fills it; op creation reads it.
_TENSOR_CONVERSIONS: list = []


# The readers of a tensor's build-time value that TF's error context needs: constant_op
# (const_value) and ops/_array_util (refined_ints, shape_value) import this module, so they
# register their functions here when they are imported instead of being imported by it.
VALUE_READERS: dict = {}


def _input_value(t):
    """An input's value as TF's shape refiner evaluates it (constants, small int
    subgraphs), or None."""
    with untracked():
        v = VALUE_READERS["const_value"](t)
        if v is None:
            v = VALUE_READERS["refined_ints"](t)
    return v


def _check_shape_values(op_type, inputs, read):
    """TF's check of a shape given as a tensor (MakeShapeFromShapeTensor): a value below -1
    is "Invalid value in tensor used for shape". The refiner's ConstantPartialShape raises
    it with no op context; where that read leaves the rank unknown, the shape function reads
    the value whole and raises it with the op's context (after the shape function: flowgrad's
    reads it as TF's `constant_value_as_shape`, unknown below 0). `read`: the inputs the
    refiner just evaluated (graph.py's replay of TF's runs, in _shape_error: the refiner's
    check only), or None: every shape input, both checks."""
    for i in PARTIAL_SHAPE_INPUTS[op_type]:
        if i >= len(inputs) or (read is not None and i not in read):
            continue
        # (an op built too: its shape function read the value, a constant, a computed one
        # or a partly known one: tf.fill(tf.concat([tf.shape(x)[1:], [-2]], 0), 1.0))
        with untracked():
            r = VALUE_READERS["shape_ints"](inputs[i])
        if r is None:
            continue
        partial, whole, _ = r
        for d in () if partial is None else partial.tolist():
            if d is not None and d < -1:
                err = ValueError(f"Invalid value in tensor used for shape: {d}")
                err.no_context = True
                raise err
        if whole is not None and read is None:
            for d in whole.tolist():
                if d < -1:
                    raise ValueError(f"Invalid value in tensor used for shape: {d}")


def _partial_str(t):
    """An input's "partial shape" in TF's error context: only one ConstantPartialShape
    gives a known rank (else TF names its computed value, if any)."""
    with untracked():
        r = VALUE_READERS["shape_ints"](t)
        if r is not None and not r[2]:
            return None
        dims = VALUE_READERS["shape_value"](t)
    if dims is None:
        return None
    return "[" + ",".join("?" if d is None or d < 0 else str(d) for d in dims) + "]"


def _shape_error(op_def, op_type, inputs, attrs, e, candidate):
    """TF's InferenceContext::AttachContext: the op, its input shapes, and the input values
    its shape function asked for before failing (see shape_reads)."""
    msg = str(e)
    ctx = f" for '{candidate}' (op: '{op_type}') with input shapes: " + \
        ", ".join(_shape_str(t._shape) for t in inputs)
    computed = getattr(e, "computed_tensors", None)
    partial = getattr(e, "partial_shapes", None)
    if computed is None and partial is None:
        computed, partial = {}, {}
        shaped = PARTIAL_SHAPE_INPUTS.get(op_type, ())
        # TF's first run knows no input values; the refiner then evaluates the ones asked
        # for and runs it again, until no more are asked for. The error of a run names
        # the values known in that run.
        known: set[int] = set()
        read: set[int] = set()
        everything = set(range(len(inputs)))
        while True:
            # (reads as strict as _create_op's: its shape inputs' whole reads raise)
            with tracking(inputs, known) as run, \
                    VALUE_READERS["strict_reads"]() if shaped else contextlib.nullcontext():
                try:
                    op_def.infer(inputs, attrs)
                    ok = True
                except ValueError as e1:
                    msg, ok = str(e1), False
                except Exception:   # noqa: BLE001 - flowgrad needs the values: know all
                    ok = None
            read |= run.read
            if ok is False or known == everything:
                break
            new = read - known if ok else everything - known
            if not new:   # (flowgrad's infer fails only with every value known)
                new = everything - known
            if ok and op_type in PARTIAL_SHAPE_INPUTS:
                _check_shape_values(op_type, inputs, new)
            known |= new
        for i in sorted(read & known):
            if i in shaped:
                p = _partial_str(inputs[i])
                if p is not None:
                    partial[i] = p
                    continue
            v = _input_value(inputs[i])
            if v is not None:
                computed[i] = "<" + summarize_value(v) + ">"
    if computed:
        ctx += " and with computed input tensors: " + \
            ", ".join(f"input[{i}] = {v}" for i, v in sorted(computed.items()))
    if partial:
        ctx += " and with input tensors computed as partial shapes: " + \
            ",".join(f"input[{i}] = {v}" for i, v in sorted(partial.items()))
    return f"{msg}{ctx}."


def _convert_input(value, op_type, name=None):
    """A non-Tensor op input through the registered conversion functions (an IndexedSlices
    densifies, a Variable reads), as TF's op_def_library converts every input."""
    for _, base_type, fn in _TENSOR_CONVERSIONS:
        if isinstance(value, base_type):
            t = fn(value, dtype=None, name=name, as_ref=False)
            if isinstance(t, Tensor):
                return t
    raise TypeError(f"Input to op '{op_type}' must be a Tensor, got {value!r}")


# ---------------------------------------------------------------------------------------
# Tensor
# ---------------------------------------------------------------------------------------
# tensor -> (layer, node_index, tensor_index): the Keras layer call that made a tensor
# (TF 1.14's `tensor._keras_history`, which Tensor's slots cannot hold); keras'
# base_layer fills it, Tensor._keras_history reads it
KERAS_HISTORY = _records.GraphRecords("KERAS_HISTORY")
KerasHistory = collections.namedtuple("KerasHistory", ["layer", "node_index", "tensor_index"])
# tensor -> its Keras mask (TF 1.14's `tensor._keras_mask`, None where a layer's output has
# none; a callable where the layer deferred it): keras' base_layer fills it
KERAS_MASK = _records.GraphRecords("KERAS_MASK")
_NO_MASK = object()


class Tensor:
    """A symbolic handle to one output of an Operation (TF 1.x graph tensor)."""

    # `aliases`: set by contrib.layers' collect_named_outputs (TF sets it on the tensor);
    # `_metric_obj`: the Keras Metric whose result this is (TF's Metric.__call__ sets it)
    __slots__ = ("_op", "_value_index", "_dtype", "_shape", "_consumers", "aliases",
                 "_metric_obj", "__weakref__")

    # Let NumPy defer to our operators (ndarray + Tensor -> Tensor.__radd__).
    __array_priority__ = 100
    OVERLOADABLE_OPERATORS = frozenset()

    def __init__(self, op, value_index, dtype, shape):
        next(UIDS)   # (TF's Tensor takes its ops.uid())
        self._op = op
        self._value_index = value_index
        self._dtype = dtype
        self._shape = shape
        self._consumers = []

    @property
    def op(self) -> Operation:
        return self._op

    @property
    def _keras_history(self):
        """TF 1.14's KerasHistory(layer, node_index, tensor_index) of a Keras tensor;
        AttributeError for any other tensor, as TF's missing attribute."""
        try:
            return KerasHistory(*KERAS_HISTORY[self])
        except KeyError:
            raise AttributeError("'Tensor' object has no attribute '_keras_history'") \
                from None

    @property
    def _keras_mask(self):
        """TF 1.14's Keras mask of a layer's output (None where it has none); AttributeError
        for a tensor no layer made and no code gave a mask, as TF's missing attribute."""
        m = KERAS_MASK.get(self, _NO_MASK)
        if m is _NO_MASK:
            if self in KERAS_HISTORY:   # TF's _set_mask_metadata sets every output's
                return None
            raise AttributeError("'Tensor' object has no attribute '_keras_mask'")
        if callable(m):   # a mask the layer deferred: made now
            m = KERAS_MASK[self] = m()
        return m

    @_keras_mask.setter
    def _keras_mask(self, mask):
        KERAS_MASK[self] = mask

    @property
    def value_index(self) -> int:
        return self._value_index

    @property
    def dtype(self) -> DType:
        return self._dtype

    @property
    def graph(self) -> Graph:
        return self._op._graph

    @property
    def name(self) -> str:
        return f"{self._op._name}:{self._value_index}"

    @property
    def device(self) -> str:
        return self._op.device

    @property
    def shape(self) -> TensorShape:
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    def set_shape(self, shape) -> None:
        """Merges `shape` into the static shape (ValueError if incompatible)."""
        self._shape = merge_shapes(self._shape, as_shape(shape))

    def consumers(self) -> list[Operation]:
        """TF 1.14's consumers: of a tensor a tf.cond branch reads from outside, the
        branch's Switch of it, not the branch ops flowgrad runs on it (`_consumers`)."""
        if self._op._graph._tf_view and not _engine_view.active():
            try:
                got = TF_VIEW["consumers"](self)
            except _UNWRITABLE:   # as in Graph.get_operations
                got = None
            if got is not None:
                return list(got)
        return list(self._consumers)

    def eval(self, feed_dict: dict | None = None, session: BaseSession | None = None) -> Any:
        """Runs this tensor in `session` (default: the default session) and returns its value."""
        return _eval_with_default(self, feed_dict, session)

    def _as_node_def_input(self):
        return self._op._name if self._value_index == 0 else self.name

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self._shape} dtype={self._dtype.name}>"

    def __str__(self):
        # TF leaves the shape out when its rank is unknown
        shape = f", shape={self._shape}" if self._shape.ndims is not None else ""
        return (f'Tensor("{self.name}"{shape}, dtype={self._dtype.name}'
                f'{", device=" + self.device if self.device else ""})')

    # __eq__/__hash__ are object identity (TF 1.x semantics), inherited from object so
    # that sets and dicts of tensors run at C speed in the gradient walks.

    def __bool__(self):
        raise TypeError(
            "Using a `tf.Tensor` as a Python `bool` is not allowed. Use `if t is not None:` "
            "instead of `if t:` to test if a tensor is defined, and use TensorFlow ops such as "
            "tf.cond to execute subgraphs conditioned on the value of a tensor.")

    __nonzero__ = __bool__

    def __iter__(self):
        # A generator, as in TF 1.14: iter(t) succeeds, the first next() raises.
        raise TypeError("Tensor objects are only iterable when eager execution is enabled. To "
                        "iterate over this tensor use tf.map_fn.")
        yield  # unreachable: makes this function a generator

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError(
            f"Cannot convert a symbolic Tensor ({self.name}) to a numpy array.")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    # Python operators are attached by flowgrad.ops.overloads (TF 1.x `math_ops` does
    # the same), so that this module has no dependency on the op library.


# ---------------------------------------------------------------------------------------
# Operation
# ---------------------------------------------------------------------------------------
class Operation:
    """A node of the graph: an op type, inputs, attributes and output Tensors."""

    __slots__ = ("_graph", "_name", "_type", "_inputs", "_outputs", "_control_inputs",
                 "_control_outputs", "_attrs", "_id", "_device", "_colocation", "_grad_type",
                 "_def", "_traceback", "__weakref__")

    def __init__(self, graph, name, op_type, op_def, inputs, attrs, out_specs, control_inputs,
                 op_id):
        self._graph = graph
        self._name = name
        self._type = op_type
        self._def = op_def
        self._inputs = tuple(inputs)
        self._attrs = attrs
        self._id = op_id
        self._control_inputs = control_inputs
        self._control_outputs = []
        self._device = ""
        self._colocation = None
        self._grad_type = None
        self._outputs = [Tensor(self, i, d, s) for i, (d, s) in enumerate(out_specs)]

    @property
    def name(self) -> str:
        return self._name

    @property
    def type(self) -> str:
        return self._type

    @property
    def graph(self) -> Graph:
        return self._graph

    @property
    def inputs(self) -> tuple[Tensor, ...]:
        """TF 1.14's inputs: an op of a tf.cond branch reads the Switch TF's CondContext
        inserted for a tensor made outside the branch (a TFNode of get_operations()), not
        that tensor, which flowgrad runs it with (`_inputs`)."""
        if self._graph._tf_view and not _engine_view.active():
            try:
                ins = TF_VIEW["inputs"](self)
            except _UNWRITABLE:   # as in Graph.get_operations
                ins = None
            if ins is not None:
                return _InputList(ins)
        return _InputList(self._inputs)

    @property
    def outputs(self) -> list[Tensor]:
        return list(self._outputs)

    @property
    def control_inputs(self) -> list[Operation]:
        """TF 1.14's control inputs: an op of a tf.cond branch with no inputs has the
        branch's pivot (switch_t / switch_f, a TFNode of get_operations()), which flowgrad
        does not run it with (`_control_inputs`)."""
        if self._graph._tf_view:
            try:
                ctrl = TF_VIEW["control_inputs"](self)
            except _UNWRITABLE:   # as in Graph.get_operations
                ctrl = None
            if ctrl is not None:
                return list(ctrl)
        return list(self._control_inputs)

    @property
    def _control_outputs_list(self):
        return list(self._control_outputs)

    @property
    def device(self) -> str:
        return self._device

    def _set_device(self, device):
        """Sets the device (TF's private setter): a string as it is, a DeviceSpec printed."""
        self._device = _device_result(device)

    def _set_device_from_string(self, device_str):
        self._device = device_str

    @property
    def node_def(self):
        """TF's NodeDef protocol buffer of this op: name, op, inputs, device and every attr
        of TF's OpDef (defaults included) as AttrValue protos."""
        return node_def_proto(self)

    @property
    def op_def(self):
        """TF's OpDef protocol buffer of this op's type, as TF 1.14's op registry holds it
        (name, input_arg, output_arg, attr with defaults and allowed values, flags).

        Raises NotFoundError, as TF for a type it has not registered, for flowgrad's own
        op types (no TF OpDef exists for them). flowgrad's registry entry is `_def`."""
        od = op_def_proto(self._type)
        if od is None:
            raise errors.NotFoundError(
                None, None, f"Op type not registered '{self._type}' in binary running on "
                "flowgrad. Make sure the Op and Kernel are registered in the binary running in "
                "this process. Note that if you are loading a saved graph which used ops from "
                "tf.contrib, accessing (e.g.) `tf.contrib.resampler` should be done before "
                "importing the graph, as contrib ops are lazily registered when the module is "
                "first accessed.")
        return od

    @property
    def traceback(self):
        """Where the op was created: (filename, line, function, source) of the user's
        frames, outermost first (flowgrad's own frames are not recorded)."""
        return _op_traceback.frames(getattr(self, "_traceback", None))

    def get_attr(self, name: str) -> Any:
        """The attr's value as TF 1.14 returns it, decoded from the node's AttrValue: bytes
        for strings, a DType for types, TensorShapeProto / TensorProto for shapes and
        tensors, lists of those; ValueError if the op has no such attr."""
        return attr_from_node(self, name)

    def _get_attr(self, name: str) -> Any:
        """The attr as flowgrad keeps it (str, tuple shapes, NumPy arrays): for flowgrad's
        own code (gradients, lowerings), which reads its own values."""
        try:
            return self._attrs[name]
        except KeyError:
            if name == "T" and self._inputs:  # the type attr of TF's single-type ops
                return self._inputs[0].dtype.base_dtype
            if name == "_class" and self._colocation:
                return [b"loc:@" + c.encode() for c in self._colocation]
            raise ValueError(f"Operation '{self._name}' has no attr named '{name}'.") from None

    def _set_attr(self, name, value):
        self._attrs[name] = value

    def colocation_groups(self) -> list[bytes]:
        if self._colocation:
            return [b"loc:@" + c.encode() for c in self._colocation]
        return [b"loc:@" + self._name.encode()]

    def values(self) -> tuple[Tensor, ...]:
        return tuple(self._outputs)

    def _update_input(self, index, tensor):
        """Makes input `index` read `tensor` (TF's private edge update, which the graph
        editor uses). As TF 1.14's UpdateEdge: the new tensor's static shape must merge
        with the old one's (the op's output shapes stay); its dtype is not checked."""
        if not isinstance(tensor, Tensor):
            raise TypeError(f"tensor must be a Tensor: {tensor}")
        if tensor._op._graph is not self._graph:
            raise ValueError(f"{tensor} must be from the same graph as {self}.")
        for op, what in ((self, "Editing the inputs of"), (tensor._op, "Rerouting to")):
            if type(op) is not Operation:   # (a TFNode: tf_nodes.py)
                raise TF_VIEW["unsupported"](op, what)
            if op in self._graph._branch_of:
                raise NotImplementedError(
                    f"Editing the inputs of '{self._name}': '{op._name}' is an op of a "
                    "tf.cond branch, which flowgrad runs inside its Cond op.")
        n = len(self._inputs)
        if not 0 <= index < n:
            raise errors.OutOfRangeError(
                None, None, f"Cannot update edge. Input index [{index}] is greater than the "
                f"number of total inputs [{n}].")
        old = self._inputs[index]
        # (TF's shape refiner keeps each input's shape merged with every tensor it was given)
        merged = self._graph._edge_shapes.setdefault(self, {})
        seen = merged.get(index, old._shape)
        if not tensor._shape.is_compatible_with(seen):
            raise errors.InvalidArgumentError(
                None, None, "Cannot update edge, incompatible shapes: "
                f"{debug_string(tensor._shape, '?')} and {debug_string(seen, '?')}.")
        merged[index] = seen.merge_with(tensor._shape)
        self._inputs = self._inputs[:index] + (tensor,) + self._inputs[index + 1:]
        old._consumers.remove(self)
        tensor._consumers.append(self)
        if tensor._op._id > self._id:
            self._graph._backward_edges = True
        self._graph._version += 1   # (caches of the graph's form: tf_nodes, explain)

    def _remove_all_control_inputs(self):
        """Drops every control input of this op (TF's private setter)."""
        for c in self._control_inputs:
            c._control_outputs.remove(self)
        self._control_inputs = []
        self._graph._control_tensors.pop(self, None)
        self._graph._version += 1

    def _add_control_input(self, op):
        self._add_control_inputs([op])

    def _add_control_inputs(self, ops):
        for op in ops:
            if not isinstance(op, Operation):
                raise TypeError(f"op must be an Operation: {op!r}")
            if op not in self._control_inputs:
                self._control_inputs.append(op)
                op._control_outputs.append(self)
                if op._id > self._id:
                    self._graph._backward_edges = True
        self._graph._version += 1

    def run(self, feed_dict: dict | None = None, session: BaseSession | None = None) -> None:
        """Runs this op in `session` (default: the default session)."""
        _run_with_default(self, feed_dict, session)

    def __repr__(self):
        return f"<tf.Operation '{self._name}' type={self._type}>"

    def __str__(self):
        return node_def_text(node_def_proto(self))   # TF: the NodeDef's text format

    # identity __eq__/__hash__ inherited from object (fast sets/dicts of ops)


class _InputList(tuple):
    """`Operation.inputs`: a tuple of Tensors (TF returns a list-like object)."""


# ---------------------------------------------------------------------------------------
# Control dependency controller (TF's filtering rule)
# ---------------------------------------------------------------------------------------
class _ControlDependencies:
    """One `control_dependencies(...)` block.

    As in TF, an op created inside the block gets the block's control inputs
    unless one of its inputs was itself created inside the block (it is then
    already ordered after them).
    """

    __slots__ = ("control_inputs", "new_ops", "graph", "old_stack", "unframe", "tensors")

    def __init__(self, graph, control_inputs, unframe=True, tensors=None):
        self.graph = graph
        self.control_inputs = control_inputs
        # {control op: the tensor given for it}, for an op of several outputs (a GraphDef
        # writes a loop gradient's outputs as different nodes: the control input is the
        # node of that output, as TF's)
        self.tensors = tensors
        self.new_ops = set()
        self.old_stack = None
        # control_dependencies(None) also leaves the tf.cond branch / tf.while_loop body
        # being built, as TF's (its ops run once, outside: Graph._cf_unframed); not
        # flowgrad's own building of their ops
        self.unframe = unframe and control_inputs is None and bool(graph._cf_contexts)

    def __enter__(self):
        g = self.graph
        if self.control_inputs is None:
            self.old_stack = g._control_stack
            g._control_stack = []
            if self.unframe:
                self.old_stack = (self.old_stack, g._cf_contexts, len(g._ops))
                g._cf_contexts = []
            if g._frame_blocks:   # (the blocks a loop is built in do not reach here)
                g._frame_blocks = g._frame_blocks + (None,)
        else:
            g._control_stack = g._control_stack + [self]
        return None

    def __exit__(self, *exc):
        g = self.graph
        if self.control_inputs is None:
            g._control_stack = self.old_stack
            if self.unframe:
                g._control_stack, g._cf_contexts, n0 = self.old_stack
                made = g._ops[n0:]
                for attr in ("_cf_lifted", "_cf_unframed"):
                    if not isinstance(getattr(g, attr), set):
                        setattr(g, attr, set())
                    getattr(g, attr).update(made)
            if g._frame_blocks:
                g._frame_blocks = g._frame_blocks[:-1]
        else:
            g._control_stack = g._control_stack[:-1]
        return False


class _FrameBlocks:
    """The control_dependencies blocks (`blocks`, outermost first) a loop (`loop` True) or
    cond whose ops are made from op index `start` on is built in, and the ops made in it
    (`seen`: TF's blocks record them)."""

    __slots__ = ("blocks", "loop", "start", "seen", "entered", "made", "stacks")

    def __init__(self, blocks, loop, start, entered=None):
        self.blocks, self.loop, self.start, self.seen = blocks, loop, start, set()
        self.entered = entered   # (a loop gradient's: the values its Enters hold)
        self.made = []   # TF's Identities: (the frame op, the Identity's name, its input)
        self.stacks = {}   # frame op -> the blocks open when it was made (TF's)


# ---------------------------------------------------------------------------------------
# Graph
# ---------------------------------------------------------------------------------------
_REF_INPUTS: dict = {}


def _densifies(value):
    """Whether an op input is an IndexedSlices (its conversion makes ops)."""
    return not isinstance(value, Tensor) and hasattr(value, "indices") and \
        hasattr(value, "values") and hasattr(value, "dense_shape")


def _input_arg_names(op_type, n):
    """The names of `op_type`'s first `n` input arguments in TF 1.14's op definition (None
    past a list argument, or for an op type it does not define)."""
    od = op_defs().get(op_type)
    names = []
    for arg in od["in"] if od else ():
        if arg[3] or arg[4]:   # a list argument: later positions are not fixed
            break
        names.append(arg[0])
    return (names + [None] * n)[:n]


def _ref_input_positions(op_type):
    """The input positions of `op_type`'s ref arguments in TF 1.14's op definition (those
    before any list argument, and a ref list's first: TF colocates RefSelect and RefMerge
    with their first reference), () when it has none or flowgrad has no definition for it."""
    od = op_defs().get(op_type)
    out = []
    for i, arg in enumerate(od["in"] if od else ()):
        if arg[3] or arg[4]:   # a list argument: later positions are not fixed
            if arg[5]:
                out.append(i)
            break
        if arg[5]:
            out.append(i)
    return tuple(out)


class Graph:
    """A TensorFlow computation graph (TF 1.x `tf.Graph`)."""

    # tf.cond branches / tf.while_loop bodies being built, outermost first: (first op id,
    # tensors it read from outside). TF 1.14 makes a Switch (cond) or Enter (loop) for each
    # tensor a context first reads from outside it; flowgrad counts them (_cf_note) so that
    # graph-seeded random ops made later get TF's seeds.
    _cf_contexts = ()
    _cf_lifted = frozenset()   # ops made by _cf_outside while a context was being built
    _cf_unframed = frozenset()   # those of them made under control_dependencies(None)
    # The control_dependencies blocks the tf.while_loop / tf.cond being built was made in,
    # innermost last: a _FrameBlocks per loop or cond (flowgrad builds their ops under
    # control_dependencies(None), TF 1.14 inside the blocks), None where
    # control_dependencies(None) or init_scope cleared them (see _frame_block_note)
    _frame_blocks = ()

    def __init__(self):
        next(UIDS)   # (TF's Graph takes an ops.uid() for its graph key)
        self._ops = []
        self._last_id = 0  # ops ever added; `_rollback` does not lower it (see _next_id)
        self._ops_by_name = {}
        self._names_in_use = {}
        self._name_journal = None
        self._name_stack = ""
        self._control_stack = []
        self._control_tensors = weakref.WeakKeyDictionary()   # op -> {control op: tensor}
        self._edge_shapes = weakref.WeakKeyDictionary()   # op -> {input: shape}: _update_input
        self._device_stack = []
        self._colocation_stack = []
        self._class_scope = None    # TF's _attr_scope({"_class": ...}): see _class_attr_scope
        self._collections = {}
        self._finalized = False
        self._version = 0
        self._def_versions = None   # a VersionDef imports changed (else TF 1.14's)
        self._backward_edges = False
        self._gradient_override_map = {}
        self._variable_creators = []   # tf.variable_creator_scope, outermost first
        self._lock = threading.RLock()
        self._seed = None
        self._random_seed_counter = 0
        self._building_function = False
        self._unfeedable = set()
        self._unfetchable = set()
        self._branch_of = {}   # op -> (Cond op, branch): framework/branches.py
        self._variable_scope_store = None
        self._container = ""
        self._unique_ids = 0

    # -- default graph ------------------------------------------------------------------
    def as_default(self) -> ContextManager[Graph]:
        return _default_graph_stack.get_controller(self)

    @property
    def version(self) -> int:
        """TF's: a number that increases as ops are added (the last op id; flowgrad's
        plan caches watch `_version`, which every change of the graph bumps)."""
        return self._last_id

    @property
    def graph_def_versions(self):
        """The VersionDef of this graph's GraphDefs: producer 38, TF 1.14's, until an
        imported GraphDef changes it (`_merge_def_versions`)."""
        v = graph_def_versions()
        if self._def_versions is not None:
            v.CopyFrom(self._def_versions)
        return v

    def _merge_def_versions(self, imported):
        """TF's GraphConstructor::UpdateVersionDef when a GraphDef is imported: the lower
        producer, the higher min_consumer, the union of bad_consumers (ascending)."""
        v = self.graph_def_versions
        v.producer = min(v.producer, imported.producer)
        v.min_consumer = max(v.min_consumer, imported.min_consumer)
        if imported.bad_consumers:
            bad = sorted(set(v.bad_consumers) | set(imported.bad_consumers))
            del v.bad_consumers[:]
            v.bad_consumers.extend(bad)
        self._def_versions = v

    @property
    def finalized(self) -> bool:
        return self._finalized

    def finalize(self) -> None:
        self._finalized = True

    def _unsafe_unfinalize(self):
        self._finalized = False

    @property
    def seed(self) -> int | None:
        return self._seed

    @seed.setter
    def seed(self, value: int | None) -> None:
        self._seed = value

    @property
    def building_function(self) -> bool:
        return False

    # -- names ----------------------------------------------------------------------------
    def get_name_scope(self) -> str:
        return self._name_stack

    def unique_name(self, name: str, mark_as_used: bool = True) -> str:
        """TF's rule: prefix the current scope, then append _1, _2, ... if taken."""
        if self._name_stack:
            name = self._name_stack + "/" + name
        name_key = name.lower()
        i = self._names_in_use.get(name_key, 0)
        if mark_as_used:
            if self._name_journal is not None:
                self._name_journal.append((name_key, i))
            self._names_in_use[name_key] = i + 1
        if i > 0:
            base_name_key = name_key
            while name_key in self._names_in_use:
                name_key = f"{base_name_key}_{i}"
                i += 1
            if mark_as_used:
                if self._name_journal is not None:
                    self._name_journal.append((name_key, 0))
                self._names_in_use[name_key] = 1
            name = f"{name}_{i - 1}"
        return name

    def _begin_transaction(self):
        """Starts recording name changes so that `_rollback` can undo a failed build."""
        self._name_journal = []
        return (len(self._ops), self._name_journal)

    @contextlib.contextmanager
    def _atomic(self):
        """A multi-op build that either completes or leaves the graph (ops and names) as it was.

        Nested uses are covered by the outermost one.
        """
        if self._name_journal is not None:
            yield
            return
        token = self._begin_transaction()
        try:
            yield
        except BaseException:
            self._rollback(token)
            raise
        self._end_transaction(token)

    def _end_transaction(self, token):
        self._name_journal = None

    def _rollback(self, token):
        """Removes every op created since `token` and restores the name counters.

        Used by multi-op builders (tf.gradients) so that an error leaves the
        graph exactly as it was.
        """
        n_ops, journal = token
        for op in reversed(self._ops[n_ops:]):
            for t in op._inputs:
                if t._consumers and t._consumers[-1] is op:
                    t._consumers.pop()
                elif op in t._consumers:
                    t._consumers.remove(op)
            for c in op._control_inputs:
                if op in c._control_outputs:
                    c._control_outputs.remove(op)
            for c in self._control_stack:
                c.new_ops.discard(op)
            del self._ops_by_name[op._name]
        del self._ops[n_ops:]
        for key, prev in reversed(journal):
            if prev == 0:
                self._names_in_use.pop(key, None)
            else:
                self._names_in_use[key] = prev
        self._name_journal = None
        self._version += 1

    @contextlib.contextmanager
    def name_scope(self, name: str | None) -> Iterator[str]:
        """Opens a name scope; a name ending in '/' re-enters that scope exactly."""
        if name:
            if type(name) is not str:
                name = _name_str(name)
            if self._name_stack:
                if not _VALID_SCOPE_NAME.match(name):
                    raise ValueError(f"'{name}' is not a valid scope name")
            elif not _VALID_OP_NAME.match(name):
                raise ValueError(f"'{name}' is not a valid scope name")
        old = self._name_stack
        try:
            if not name:
                new = ""
            elif name[-1] == "/":
                new = name[:-1]
            else:
                new = self.unique_name(name)
            self._name_stack = new
            yield "" if not new else new + "/"
        finally:
            self._name_stack = old

    # -- ops ------------------------------------------------------------------------------
    def _next_id(self):
        """TF's `_last_id`, the number of ops ever created here (a random op's seed2 with
        only a graph seed): never goes down, though `_rollback` removes a failed build's ops."""
        return self._last_id

    def create_op(self, op_type: str, inputs, dtypes=None, input_types=None,
                  name: str | None = None, attrs: dict | None = None, op_def=None,
                  compute_shapes: bool = True, compute_device: bool = True) -> Operation:
        """Creates an op (TF 1.x signature; `dtypes` and `input_types` are checked)."""
        if name and name[-1:] != "/":   # (TF's Operation checks the whole node name)
            full = f"{self._name_stack}/{name}" if self._name_stack else name
            if not _VALID_OP_NAME.match(full):
                raise ValueError(f"'{full}' is not a valid node name")
        return self._create_op(op_type, list(inputs), attrs or {}, name)

    def _create_op(self, op_type, inputs, attrs, name=None, ctrl=None):
        """Validates, infers shapes, and only then adds the op: nothing half-built."""
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        d = body_graph_for(self)
        if d is not None:
            # a function body being traced (tf.switch_case, tf.function): ops on outer
            # tensors are made in the body, which captures those tensors
            return d._create_op(op_type, inputs, attrs, name, ctrl)
        op_def = OPS.get(op_type) or get_op_def(op_type)
        if name and type(name) is not str:   # (before any input is converted)
            name = _name_str(name, op_type)
        if any(type(t) is not Tensor and _densifies(t) for t in inputs):
            # TF's op_def_library converts the inputs in the op's name scope, each named
            # after its argument (a gathered product's MatMul gradient: MatMul/a), and the
            # op takes the scope's name
            with self.name_scope(name or op_type) as scope:
                inputs = [_convert_input(t, op_type, arg) if _densifies(t) else t
                          for t, arg in zip(inputs, _input_arg_names(op_type, len(inputs)))]
            return self._create_op(op_type, inputs, attrs, scope, ctrl)
        for i, t in enumerate(inputs):
            if type(t) is not Tensor and not isinstance(t, Tensor):
                t = _convert_input(t, op_type)
                inputs = list(inputs)  # a copy: the caller's list is left as it is
                inputs[i] = t
            elif type(t._op) is not Operation and t._op._id < 0:
                raise TF_VIEW["unsupported"](t._op, f"Building a {op_type} op on an output of")
            if t._op._graph is not self:
                if _nested_in(t._op._graph, self):   # a function graph's op (tf.data's map)
                    return t._op._graph._create_op(op_type, inputs, attrs, name, ctrl)
                first = next((x for x in inputs if x._op._graph is self), None)
                other = first if first is not None else repr(self)
                raise ValueError(f"{t} must be from the same graph as {other}.")
        strings = STRING_ATTRS.get(op_type)   # (most op types have none: nothing to look at)
        if strings is None:
            strings = string_attrs(op_type)
        if strings and attrs and any(type(attrs.get(k)) is bytes for k in strings):
            attrs = text_attrs(op_type, attrs)   # b"SAME" is stored as "SAME", as in TF
        exact = False
        if name is None:
            name = op_type
        elif name[-1:] == "/":
            # A name scope's name ("pow/"): used exactly, it is already unique.
            name = name[:-1]
            exact = True
        elif (name, bool(self._name_stack)) not in _VALID_NAMES_SEEN:
            # TF: a generated op wrapper opens name_scope(name) first (the scope rule: a
            # leading '_' or '-' is allowed below the root); tf.constant calls create_op,
            # whose Operation checks the whole node name
            if not (_VALID_SCOPE_NAME if self._name_stack else _VALID_OP_NAME).match(name):
                if op_type == "Const":
                    full = f"{self._name_stack}/{name}" if self._name_stack else name
                    raise ValueError(f"'{full}' is not a valid node name")
                raise ValueError(f"'{name}' is not a valid scope name")
            if len(_VALID_NAMES_SEEN) < 10000:
                _VALID_NAMES_SEEN.add((name, bool(self._name_stack)))
        try:
            if op_type in PARTIAL_SHAPE_INPUTS:
                # (one memo of the values read: the check reads what infer read)
                with VALUE_READERS["refine_scope"](self):
                    specs = op_def.infer(inputs, attrs)
                    _check_shape_values(op_type, inputs, None)
            else:
                specs = op_def.infer(inputs, attrs)
        except (ValueError, TypeError) as e:
            if getattr(e, "no_context", False):
                raise
            # The name the op would have had (marked as used below where TF's C layer failed).
            candidate = name if exact else self.unique_name(name, mark_as_used=False)
            msg = str(e)
            # As TF: shape errors name the op and its input shapes; type errors (raised by
            # TF's Python op wrappers) are left as they are.
            if isinstance(e, ValueError) and f"'{candidate}'" not in msg:
                msg = _shape_error(op_def, op_type, inputs, attrs, e, candidate)
            refused = f"for '{candidate}' (op: " in msg
            if (refused or isinstance(e, TypeError)) and not exact:
                # TF's create_op takes the op's name before its C layer refuses the op, and
                # its op wrappers check the input types inside the op's name scope: a later
                # op is `name_1`
                self.unique_name(name)
            if refused:   # ... and its id: seeds of later random ops count it
                self._last_id += 1
            raise type(e)(msg) from None
        full = name if exact else self.unique_name(name)
        op = Operation(self, full, op_type, op_def, inputs, attrs, specs,
                       self._control_inputs_for(inputs), len(self._ops))
        op._traceback = _capture_site()
        self._add_op(op, inputs)
        if ctrl:
            op._add_control_inputs(ctrl)
        return op

    def _cf_note(self, tensors):
        """Counts the Switch/Enter ops TF 1.14 makes for `tensors` read inside the
        control-flow contexts being built (each outer context first)."""
        for t in tensors:
            for start, seen in self._cf_contexts:
                if (t._op._id < start or t._op in self._cf_lifted) and t not in seen:
                    seen.add(t)
                    self._last_id += 1

    @contextlib.contextmanager
    def _cf_outside(self):
        """TF's init_scope (a variable's ops) inside a cond branch / loop body: the ops made
        here are outside the contexts being built, so reading them there counts a
        Switch/Enter (TF: `rnn/while/basic_lstm_cell/MatMul/Enter` of the kernel)."""
        saved = self._cf_contexts
        if not saved:
            yield
            return
        n0 = len(self._ops)
        self._cf_contexts = []
        blocks = self._frame_blocks
        if blocks:
            self._frame_blocks = blocks + (None,)
        try:
            yield
        finally:
            self._cf_contexts = saved
            self._frame_blocks = blocks
            if not isinstance(self._cf_lifted, set):
                self._cf_lifted = set()
            self._cf_lifted.update(self._ops[n0:])

    @contextlib.contextmanager
    def _cf_context(self, seen=()):
        """A tf.cond branch / tf.while_loop body being built (see _cf_contexts)."""
        if not isinstance(self._cf_contexts, list):
            self._cf_contexts = []
        self._cf_contexts.append((len(self._ops), set(seen)))
        try:
            yield
        finally:
            self._cf_contexts.pop()

    def _tf_control_stack(self):
        """The control_dependencies blocks TF 1.14 has open here, outermost first."""
        top = self._frame_blocks[-1] if self._frame_blocks else None
        return (top.blocks if top is not None else []) + self._control_stack

    @contextlib.contextmanager
    def _frame_of_blocks(self, loop, clear=True, entered=None):
        """control_dependencies(None) (not when `clear` is False) for the ops of a
        tf.while_loop (`loop` True) or tf.cond (False) being built, which TF 1.14 builds
        inside the blocks open here (see _frame_block_note; `loop` None: a function graph's
        while_v2, outside them). `entered`: the values a loop's gradient frame has entered
        (a set, updated), else the loop's own contexts count them (_cf_note)."""
        blocks = self._tf_control_stack()
        with _ControlDependencies(self, None, unframe=False) if clear else \
                contextlib.nullcontext():
            saved = self._frame_blocks
            if loop is None or (not blocks and not saved and not loop):
                yield None
                return
            entry = _FrameBlocks(blocks, loop, len(self._ops), entered)
            self._frame_blocks = saved + (entry,)
            try:
                yield entry
            finally:
                self._frame_blocks = saved

    def _frame_block_note(self, op, inputs):
        """TF 1.14 gives `op`, made in a loop's frame, the control inputs of the blocks the
        loop is built in (unless an input was made in them), and WhileContext._AddOpInternal
        replaces each from outside the frame by an Identity of its first output made in the
        loop, whose input enters it through an Enter (one per value and loop): those ops
        counted (graph-seeded random ops made later get TF's seed2). A cond's ops only pass
        the blocks on (CondContext drops the inputs from outside its loop)."""
        chain = []
        for e in reversed(self._frame_blocks):
            if e is None:
                break
            chain.append(e)
        top = chain[0]
        input_ops = [t._op for t in inputs]
        ctrl = []
        stack = top.blocks + self._control_stack
        if stack:
            top.stacks[op] = stack
        for c in stack:
            if any(o in c.new_ops or any(o in e.seen for e in chain if c in e.blocks)
                   for o in input_ops):
                continue
            for x in c.control_inputs:
                if x not in ctrl and x not in input_ops:
                    ctrl.append(x)
        for e in chain:
            e.seen.add(op)
        if not top.loop or op._type == "LoopVar":
            return
        for x in ctrl:
            if (x._id < top.start or x in self._cf_lifted) and x._outputs:
                self._last_id += 1   # the Identity, then its input's Enter(s)
                # (named in the scope TF makes `op` in: a Const's, else (and a static
                # Shape / Size / Rank, tf.zeros / ones / zeros_like of a known shape, made
                # in a name_scope of their own name) its own)
                saved = self._name_stack
                base = re.sub(r"_\d+$", "", op._name.rpartition("/")[2])
                self._name_stack = op._name.rpartition("/")[0] if op._type == "Const" and \
                    base not in ("Shape", "Size", "Rank", "zeros", "ones", "zeros_like",
                                 "ones_like") else op._name
                try:
                    top.made.append((op, self.unique_name("Identity"), x._outputs[0]))
                finally:
                    self._name_stack = saved
                if top.entered is None:
                    self._cf_note([x._outputs[0]])
                elif x._outputs[0] not in top.entered:
                    top.entered.add(x._outputs[0])
                    self._last_id += 1

    def _control_inputs_for(self, inputs):
        stack = self._control_stack
        if not stack:
            return []
        ctrl = []
        input_ops = [t._op for t in inputs]
        for c in stack:
            if any(o in c.new_ops for o in input_ops):
                continue
            for x in c.control_inputs:
                if x not in ctrl and x not in input_ops:
                    ctrl.append(x)
        return ctrl

    def _add_op(self, op, inputs):
        if op._name in self._ops_by_name:
            raise ValueError(f"Duplicate node name in graph: '{op._name}'")
        self._ops.append(op)
        self._last_id += 1
        if self._cf_contexts:
            self._cf_note(inputs)
            if op._type in TA_LAYOUTS and inputs and not self.building_function:
                # TF's op also reads the array's handle (a TensorList has none)
                h = ta_handle_of(inputs[0])
                if h is not None:
                    self._cf_note([h])
        if self._frame_blocks and self._frame_blocks[-1] is not None:
            self._frame_block_note(op, inputs)
        self._ops_by_name[op._name] = op
        if op._type in _VIEW_TYPES:
            self._tf_view = True
        for t in inputs:
            t._consumers.append(op)
        for c in op._control_inputs:
            c._control_outputs.append(op)
        for c in self._control_stack:
            c.new_ops.add(op)
            if c.tensors:   # (which output a control input was given as: _ControlDependencies)
                for x in op._control_inputs:
                    if x in c.tensors:
                        self._control_tensors.setdefault(op, {}).setdefault(x, c.tensors[x])
        if self._device_stack:
            op._device = self._current_device(op)
        if self._class_scope is not None:
            op._colocation = [self._class_scope]
        if self._colocation_stack:
            # as TF: the colocation groups of every op on the stack, sorted
            op._colocation = sorted({c for entry in self._colocation_stack for o in entry
                                     for c in (o._colocation or (o._name,))})
            for c in self._colocation_stack[-1]:
                if c._device and not op._device:   # as TF: the colocated op's device
                    op._device = c._device
        refs = _REF_INPUTS.get(op._type)
        if refs is None:
            refs = _REF_INPUTS[op._type] = _ref_input_positions(op._type)
        if refs and inputs:
            # as TF's op_def_library: an op taking a ref input (Assign, Apply*, Scatter*)
            # is colocated with that input's op, whose device it takes
            groups = list(op._colocation or ())
            for i in refs:
                if i < len(inputs) and inputs[i]._dtype.is_ref_dtype:
                    src = inputs[i]._op
                    for c in src._colocation or (src._name,):
                        if c not in groups:
                            groups.append(c)
                    op._device = src._device
            if groups:   # (TF colocates with the ref inputs on its stack: sorted too)
                op._colocation = sorted(groups)
        if self._gradient_override_map and op._type in self._gradient_override_map:
            op._grad_type = self._gradient_override_map[op._type]
        if _tape._local.__dict__.get("stack"):
            _tape.record(op)
        self._version += 1

    _has_hidden_ops = False   # an imported TF control-flow region op is in the graph
    _tf_view = False          # an op whose GraphDef form is several of TF's nodes is
    _tf_view_cache = None     # (tf_nodes.py), and the last list of them

    def get_operations(self) -> list[Operation]:
        """The graph's ops as TF 1.14's graph lists them, in creation order.

        A graph holding flowgrad's functional control flow (tf.cond, tf.while_loop,
        TensorArrays...) lists the nodes of TF's dataflow form, as as_graph_def() writes
        them: its own ops where TF has them, read-only TFNode views for TF's Switch, Merge,
        Enter, Exit... (tf_nodes.py). flowgrad's own code walks `_flowgrad_operations()`."""
        if self._tf_view:
            try:
                return list(TF_VIEW["view"](self)[0])
            except _UNWRITABLE:   # a graph the export cannot write: flowgrad's list
                pass
        return self._flowgrad_operations()

    def _flowgrad_operations(self) -> list[Operation]:
        """The ops flowgrad builds and runs, in creation order; not the V1Frames ops that
        run the Switch/Merge/Enter/Exit nodes of an imported TF graph (TF's graph holds only
        those nodes)."""
        if self._has_hidden_ops:
            return [op for op in self._ops if op._type != "V1Frames"]
        return list(self._ops)

    def _tf_node(self, name):
        """The node `name` of TF's form of this graph (get_operations()), or None."""
        if not self._tf_view:
            return None
        try:
            return TF_VIEW["view"](self)[1].get(name)
        except _UNWRITABLE:   # as in get_operations
            return None

    def get_operation_by_name(self, name: str) -> Operation:
        if not isinstance(name, str):
            raise TypeError(f"Operation names are strings (or similar), not {type(name).__name__}.")
        return self.as_graph_element(name, allow_tensor=False, allow_operation=True)

    def get_tensor_by_name(self, name: str) -> Tensor:
        if not isinstance(name, str):
            raise TypeError(f"Tensor names are strings (or similar), not {type(name).__name__}.")
        return self.as_graph_element(name, allow_tensor=True, allow_operation=False)

    def _get_operation_by_name_unsafe(self, name):
        return self._ops_by_name[name]

    def as_graph_element(self, obj, allow_tensor: bool = True,
                         allow_operation: bool = True) -> Tensor | Operation:
        """Resolves a Tensor, Operation, Variable or name to an element of this graph."""
        if allow_tensor and allow_operation:
            types_str = "Tensor or Operation"
        elif allow_tensor:
            types_str = "Tensor"
        else:
            types_str = "Operation"
        conv = getattr(obj, "_as_graph_element", None)
        if conv is not None:
            obj = conv()
        if isinstance(obj, str):
            name = obj
            if ":" in name and allow_tensor:
                try:
                    op_name, out_n = name.split(":")
                    out_n = int(out_n)
                except ValueError:
                    raise ValueError(
                        f"The name {name!r} looks a like a Tensor name, but is not a valid one. "
                        "Tensor names must be of the form \"<op_name>:<output_index>\".") from None
                op = self._ops_by_name.get(op_name) or self._tf_node(op_name)
                if op is None:
                    raise KeyError(f"The name {name!r} refers to a Tensor which does not exist. "
                                   f"The operation, {op_name!r}, does not exist in the graph.")
                if out_n >= len(op._outputs):
                    raise KeyError(
                        f"The name {name!r} refers to a Tensor which does not exist. The "
                        f"operation, {op_name!r}, exists but only has {len(op._outputs)} outputs.")
                return op._outputs[out_n]
            if ":" in name and not allow_tensor:
                raise ValueError(f"Name {name!r} appears to refer to a Tensor, not a {types_str}.")
            if ":" not in name and allow_operation:
                op = self._ops_by_name.get(name) or self._tf_node(name)
                if op is None:
                    raise KeyError(f"The name {name!r} refers to an Operation not in the graph.")
                return op
            if ":" not in name:
                if name in self._ops_by_name:
                    raise ValueError(
                        f"The name {name!r} refers to an Operation, not a {types_str}. Tensor "
                        "names must be of the form \"<op_name>:<output_index>\".")
                raise ValueError(
                    f"The name {name!r} looks like an (invalid) Operation name, not a {types_str}.")
        if isinstance(obj, Tensor) and allow_tensor:
            if obj.graph is not self:
                raise ValueError(f"Tensor {obj} is not an element of this graph.")
            return obj
        if isinstance(obj, Operation) and allow_operation:
            if obj._graph is not self:
                raise ValueError(f"Operation {obj} is not an element of this graph.")
            return obj
        raise TypeError(f"Can not convert a {type(obj).__name__} into a {types_str}.")

    # -- control dependencies, devices, colocation ---------------------------------------
    def control_dependencies(self, control_inputs) -> ContextManager[None]:
        """Ops created in this context run after `control_inputs` (None clears)."""
        if control_inputs is None:
            return _ControlDependencies(self, None)
        ops, tensors = [], {}
        for c in control_inputs:
            if not isinstance(c, (Tensor, Operation)) and (
                    hasattr(c, "_handle") and hasattr(c, "op") or _densifies(c)):
                # as TF: a resource variable (an unread one too) is not read; an
                # IndexedSlices stands for its op (its values')
                c = c.op
            conv = getattr(c, "_as_graph_element", None)
            if conv is not None and not isinstance(c, (Tensor, Operation)):
                c = conv()
            if isinstance(c, Tensor):
                if len(c._op._outputs) > 1:
                    tensors.setdefault(c._op, c)
                c = c._op
            elif callable(c) and not isinstance(c, Operation):
                raise TypeError(f"Can not convert a {type(c).__name__} into a Tensor or Operation.")
            if not isinstance(c, Operation):
                c = self.as_graph_element(c)
                if isinstance(c, Tensor):
                    c = c._op
            if c._graph is not self:
                raise ValueError(f"Control input {c.name} must be from the same graph.")
            if c not in ops:
                ops.append(c)
        return _ControlDependencies(self, ops, tensors=tensors or None)

    @contextlib.contextmanager
    def device(self, device_name_or_function) -> Iterator[None]:
        """As TF 1.14's: a device string (or DeviceSpec) is parsed on entry (its
        ValueError, or AttributeError for what is not a string, raised there)."""
        d = device_name_or_function
        if isinstance(d, MergeDevice):   # pydev.merge_device(spec): the spec itself
            d = d._spec
        if d is not None and not callable(d):   # a string, a tf.DeviceSpec
            d = DeviceSpec.from_string(d.to_string() if isinstance(d, DeviceSpec) else d)
        self._device_stack.append(d)
        try:
            yield
        finally:
            self._device_stack.pop()

    def _current_device(self, op):
        """The device of the device stack as TF 1.14 sets it: the innermost entry applies
        first; a device spec fills the parts the device so far leaves unset (printed
        canonical; an empty spec is skipped), a device function sees the op (with that
        device) and its string is taken as it is (not canonical: '/cpu:0' stays), and
        `None` stops the entries outside it."""
        cur = ""
        for d in reversed(self._device_stack):
            if d is None:
                break
            if isinstance(d, DeviceSpec):
                if d.to_string():
                    cur = d.make_merged_spec(DeviceSpec.from_string(cur)).to_string()
            else:
                op._device = cur
                cur = _device_result(d(op))
        return cur

    @contextlib.contextmanager
    def _class_attr_scope(self, name):
        """TF's `_attr_scope({"_class": ["loc:@<name>"]})`, which a Variable's constructor
        puts around its initializer and variable ops (colocated with a variable that does
        not exist yet): each op made inside carries that `_class` (a colocate_with inside
        overrides it, as in TF)."""
        old, self._class_scope = self._class_scope, name
        try:
            yield
        finally:
            self._class_scope = old

    @contextlib.contextmanager
    def colocate_with(self, op, ignore_existing: bool = False) -> Iterator[None]:
        # as TF 1.14: colocation is stronger than device functions, which are set aside
        devices, self._device_stack = self._device_stack, []
        try:
            with self._colocate_with(op, ignore_existing):
                yield
        finally:
            self._device_stack = devices

    @contextlib.contextmanager
    def _colocate_with(self, op, ignore_existing):
        if op is None:
            old = self._colocation_stack
            self._colocation_stack = []
            try:
                yield
            finally:
                self._colocation_stack = old
            return
        conv = getattr(op, "_as_graph_element", None)
        if conv is not None and not isinstance(op, (Tensor, Operation)):
            op = conv()
        if isinstance(op, Tensor):
            op = op._op
        old = self._colocation_stack
        if ignore_existing:   # as TF: the enclosing colocations set aside
            self._colocation_stack = []
        self._colocation_stack.append([op])
        try:
            yield
        finally:
            self._colocation_stack.pop()
            self._colocation_stack = old

    @contextlib.contextmanager
    def gradient_override_map(self, op_type_map: dict[str, str]) -> Iterator[None]:
        """Within this context, ops of type K use the gradient registered for V."""
        for k, v in op_type_map.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError("op_type_map must be a dictionary mapping strings to strings")
        old = self._gradient_override_map
        self._gradient_override_map = {**old, **op_type_map}
        try:
            yield
        finally:
            self._gradient_override_map = old

    # the dtype AutoCastVariables (tf.keras mixed precision) read as; None: their own
    _auto_cast_variable_read_dtype = None

    @contextlib.contextmanager
    def _enable_auto_casting_variables(self, dtype) -> Iterator[None]:
        """Within this context AutoCastVariables read as `dtype` (None: uncast)."""
        old = self._auto_cast_variable_read_dtype
        self._auto_cast_variable_read_dtype = dtype
        try:
            yield
        finally:
            self._auto_cast_variable_read_dtype = old

    @contextlib.contextmanager
    def container(self, container_name: str) -> Iterator[None]:
        """Variables created in this context are recorded with `container_name`."""
        old = self._container
        self._container = container_name
        try:
            yield self._container
        finally:
            self._container = old

    # -- collections ----------------------------------------------------------------------
    def add_to_collection(self, name: str, value) -> None:
        self._check_not_finalized()
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value) -> None:
        names = (names,) if isinstance(names, str) else set(names)
        for n in names:
            self.add_to_collection(n, value)

    def get_collection_ref(self, name: str) -> list:
        return self._collections.setdefault(name, [])

    def get_collection(self, name: str, scope: str | None = None) -> list:
        coll = self._collections.get(name)
        if coll is None:
            return []
        if scope is None:
            return list(coll)
        regex = re.compile(scope)
        out = []
        for item in coll:
            try:
                if regex.match(item.name):
                    out.append(item)
            except AttributeError:
                pass
        return out

    @property
    def collections(self) -> list[str]:
        """The names of this graph's collections."""
        return list(self._collections)

    def get_all_collection_keys(self) -> list[str]:
        return [k for k, v in self._collections.items() if isinstance(v, list)]

    def clear_collection(self, name: str) -> None:
        self._collections.pop(name, None)

    def _check_not_finalized(self):
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")

    # -- feeding / fetching ---------------------------------------------------------------
    def prevent_feeding(self, tensor: Tensor) -> None:
        self._unfeedable.add(tensor)

    def is_feedable(self, tensor: Tensor) -> bool:
        return tensor not in self._unfeedable

    def prevent_fetching(self, op: Operation) -> None:
        self._unfetchable.add(op)

    def is_fetchable(self, tensor_or_op: Tensor | Operation) -> bool:
        op = tensor_or_op._op if isinstance(tensor_or_op, Tensor) else tensor_or_op
        return op not in self._unfetchable

    def as_graph_def(self, from_version=None, add_shapes: bool = False):
        """This graph as a TF `GraphDef` protobuf (needs the `summary` extra)."""
        return graph_to_graph_def(self, add_shapes=add_shapes)

    def __repr__(self):
        return f"<flowgrad.Graph object at {id(self):#x}>"


# ---------------------------------------------------------------------------------------
# The default-graph stack (thread-local, as in TF)
# ---------------------------------------------------------------------------------------
class _DefaultStack(threading.local):
    def __init__(self):
        super().__init__()
        self.stack = []

    def get_controller(self, obj):
        return _StackController(self, obj)


class _StackController:
    __slots__ = ("_stack", "_obj")

    def __init__(self, stack, obj):
        self._stack = stack
        self._obj = obj

    def __enter__(self):
        self._stack.stack.append(self._obj)
        return self._obj

    def __exit__(self, *exc):
        st = self._stack.stack
        if st and st[-1] is self._obj:
            st.pop()
        elif self._obj in st:
            st.remove(self._obj)
        return False


class _DefaultGraphStack(_DefaultStack):
    def __init__(self):
        super().__init__()


_default_graph_stack = _DefaultGraphStack()

# The default-session stack lives beside the graph stack (as in TF's ops.py), so that
# Tensor.eval and Operation.run need nothing from the runtime: any object with
# `graph` and `run(fetches, feed_dict)` can be a default session.
_default_session_stack = _DefaultStack()


def get_default_session() -> BaseSession | None:
    """The innermost session entered with `as_default()` (or `with Session()`), else None."""
    st = _default_session_stack.stack
    return st[-1] if st else None


def _eval_with_default(tensor, feed_dict, session):
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate tensor using `eval()`: No default session is "
                             "registered. Use `with sess.as_default()` or pass an explicit "
                             "session to `eval(session=sess)`")
        if session.graph is not tensor.graph:
            raise ValueError("Cannot use the default session to evaluate tensor: the tensor's "
                             "graph is different from the session's graph. Pass an explicit "
                             "session to `eval(session=sess)`.")
    if session.graph is not tensor.graph:
        raise ValueError("Cannot use the given session to evaluate tensor: the tensor's graph is "
                         "different from the session's graph.")
    return session.run(tensor, feed_dict)


def _run_with_default(op, feed_dict, session):
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("Cannot execute operation using `run()`: No default session is "
                             "registered. Use `with sess.as_default():` or pass an explicit "
                             "session to `run(session=sess)`")
        if session.graph is not op.graph:
            raise ValueError("Cannot use the default session to execute operation: the "
                             "operation's graph is different from the session's graph. Pass an "
                             "explicit session to run(session=sess).")
    if session.graph is not op.graph:
        raise ValueError("Cannot use the given session to execute operation: the operation's "
                         "graph is different from the session's graph.")
    session.run(op, feed_dict)
_global_default_graph = None


def get_default_graph() -> Graph:
    global _global_default_graph
    st = _default_graph_stack.stack
    if st:
        return st[-1]
    if _global_default_graph is None:
        _global_default_graph = Graph()
    return _global_default_graph


def reset_default_graph() -> None:
    """Clears the default graph (AssertionError inside a nested graph, as TF)."""
    global _global_default_graph
    if _default_graph_stack.stack:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
    _global_default_graph = None   # (made when next asked for, as TF's: its uid then)


def _graph_of(values):
    """The graph that `values` (tensors, ops, variables) live in, else the default."""
    g = None
    first = None
    for v in values:
        conv = getattr(v, "_as_graph_element", None)
        if conv is not None and not isinstance(v, (Tensor, Operation)):
            v = conv()
        vg = v.graph if isinstance(v, (Tensor, Operation)) else None
        if vg is not None:
            if g is None:
                g, first = vg, v
            elif vg is not g:
                if _nested_in(vg, g):
                    g, first = vg, v
                elif not _nested_in(g, vg):
                    raise ValueError(f"{v} must be from the same graph as {first}.")
    d = get_default_graph()
    if g is not None and g is not d and _nested_in(d, g):
        return d    # outer tensors used in a function graph (tf.data's map): captured there
    return g or d


# how many function bodies are being traced now (engine/ops/functional.py)
_FUNCTION_BODIES = [0]


@contextlib.contextmanager
def tracing_function_body(graph):
    """`graph` (a function graph) is the default, and ops on outer tensors made while
    inside are made there (it captures those tensors)."""
    _FUNCTION_BODIES[0] += 1
    try:
        with graph.as_default():
            yield graph
    finally:
        _FUNCTION_BODIES[0] -= 1


def body_graph_for(graph):
    """The function body being traced that an op of `graph` is made in instead (a body
    nested in `graph`, e.g. a tf.switch_case branch traced inside a tf.function), else
    None."""
    if not _FUNCTION_BODIES[0]:
        return None
    d = get_default_graph()
    return d if d is not graph and _nested_in(d, graph) else None


def _nested_in(inner, outer):
    """True if `inner` is a function graph nested (at any depth) in `outer`."""
    g = getattr(inner, "_outer_graph", None)
    while g is not None:
        if g is outer:
            return True
        g = getattr(g, "_outer_graph", None)
    return False


def _name_str(name, op_type=None):
    """A name given as bytes as its str, as TF 1.14 reads it (compat.as_str); any other
    type of name the TypeError TF raises before making an op: its name_scope's regex
    match (Python 3.7's message), or for a Const (tf.constant's create_op) the
    `name[-1]` test."""
    if isinstance(name, bytes):
        return name.decode("utf-8")
    if op_type == "Const":
        raise TypeError(f"'{type(name).__name__}' object is not subscriptable")
    raise TypeError("expected string or bytes-like object")


def name_scope(name: str | None, default_name: str | None = None,
               values=None) -> ContextManager[str]:
    """`tf.name_scope(name, default_name, values)`: a scope in the values' graph."""
    n = name if name is not None else default_name
    if n is None and name is None and default_name is None:
        g = get_default_graph()
        return g.name_scope(None)
    g = _graph_of(values) if values else get_default_graph()
    if values and g is not get_default_graph():
        return _scope_in_graph(g, n)
    return g.name_scope(n)


@contextlib.contextmanager
def _scope_in_graph(g, n):
    with g.as_default(), g.name_scope(n) as s:
        yield s


def control_dependencies(control_inputs) -> ContextManager[None]:
    return get_default_graph().control_dependencies(control_inputs)


def device(device_name_or_function) -> ContextManager[None]:
    return get_default_graph().device(device_name_or_function)


def colocate_with(op, ignore_existing: bool = False) -> ContextManager[None]:
    return get_default_graph().colocate_with(op, ignore_existing)


def add_to_collection(name: str, value) -> None:
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value) -> None:
    get_default_graph().add_to_collections(names, value)


def get_collection(key: str, scope: str | None = None) -> list:
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key: str) -> list:
    return get_default_graph().get_collection_ref(key)


def get_name_scope() -> str:
    return get_default_graph().get_name_scope()


def dtype_of(x):
    return x.dtype

