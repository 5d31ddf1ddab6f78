"""`tf.Variable`: TF 1.x reference variables (VariableV2 + Assign + Identity 'read') and
resource variables (`ResourceVariable`: VarHandleOp + AssignVariableOp + ReadVariableOp).

`tf.Variable(...)` makes a reference variable unless `use_resource=True`, the
current variable scope's `use_resource`, or `tf.enable_resource_variables()`
asks for a resource variable, as TF 1.14's default variable creator decides.
"""
from __future__ import annotations

import contextlib
import enum
import functools
import inspect

from ..engine.framework import dtypes as _dt
from ..engine.framework import tape as _tape
from ..engine.framework.constant_op import (
    constant,
    convert_to_tensor,
    register_tensor_conversion_function,
)
from ..engine.framework.graph import (
    GraphKeys,
    Operation,
    Tensor,
    get_default_graph,
    get_default_session,
    name_scope,
)
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.framework.meta_graph import (
    strip_name_scope, variable_def_dict, variable_def_proto)
from ..engine.ops import resource as _res
from ..engine.ops import state as _state  # noqa: F401 - registers the variable primitives
from ..engine.ops._base import apply
from ..engine.ops.shape import identity
from ..engine.ops.comparison import logical_not
from ..engine.framework import branches as _branches
from ..engine.ops.control_flow import cond as _cond
from ..engine.ops.control_flow import guard_initialized_cond as _cf_guard
from ..engine.ops.joining import stack
from ..engine.ops.ordering import group, no_op
from . import array_ops, scatter_nd_ops, scatter_ops, state_ops
from .partitioned_variables import SaveSliceInfo as _SaveSliceInfo


# tf.enable_resource_variables() sets this (variable_scope.py has the public functions).
_DEFAULT_USE_RESOURCE = False


class VariableSynchronization(enum.Enum):
    """When a distributed variable is synchronized (accepted, one device here)."""

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """How a distributed variable's updates are aggregated (TF 1.x enum)."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3  # noqa: PIE796 - TF 1.x's alias of ONLY_FIRST_REPLICA


VariableAggregationV2 = VariableAggregation


def validate_synchronization_aggregation_trainable(synchronization, aggregation, trainable,
                                                   name):
    """TF's defaults and checks: AUTO, NONE, and trainable unless synchronized ON_READ."""
    if aggregation is None:
        aggregation = VariableAggregation.NONE
    elif not isinstance(aggregation, VariableAggregation):
        try:
            aggregation = VariableAggregation(aggregation)
        except ValueError:
            raise ValueError(f"Invalid variable aggregation mode: {aggregation} for variable: "
                             f"{name}") from None
    if synchronization is None:
        synchronization = VariableSynchronization.AUTO
    else:
        try:
            synchronization = VariableSynchronization(synchronization)
        except ValueError:
            raise ValueError(f"Invalid variable synchronization mode: {synchronization} for "
                             f"variable: {name}") from None
    if trainable is None:
        trainable = synchronization != VariableSynchronization.ON_READ
    return synchronization, aggregation, trainable


def _scope_use_resource():
    store = get_default_graph()._variable_scope_store
    return None if store is None else store.current_scope.use_resource


class _VariableMeta(type):
    """`tf.Variable(...)` is TF's default variable creator: a RefVariable or a ResourceVariable."""

    @property
    def __signature__(cls):
        # the constructor's, as TF's metaclass shows (not __call__'s *args, **kwargs)
        sig = inspect.signature(cls.__init__)
        return sig.replace(parameters=list(sig.parameters.values())[1:])

    def __call__(cls, *args, **kwargs):
        if cls is not Variable:
            return super().__call__(*args, **kwargs)
        creators = getattr(get_default_graph(), "_variable_creators", None)
        if creators:
            # tf.variable_creator_scope: each creator gets the next one and the arguments
            bound = _V1_SIGNATURE.bind(None, *args, **kwargs)
            bound.apply_defaults()
            kw = dict(bound.arguments)
            kw.pop("self", None)

            def make(**kw):
                return _VariableMeta._default_create(cls, **kw)
            for creator in creators:
                make = functools.partial(creator, make)
            return make(**kw)
        return _VariableMeta._default_create(cls, *args, **kwargs)

    def _default_create(cls, *args, **kwargs):
        use_resource = kwargs.get("use_resource") if len(args) < 12 else args[11]
        if use_resource is None:
            use_resource = _scope_use_resource()
        if use_resource is None:
            use_resource = _DEFAULT_USE_RESOURCE
        variable_def = kwargs.get("variable_def") if len(args) < 7 else args[6]
        if variable_def is not None:
            use_resource = bool(variable_def.get("is_resource"))
        if not use_resource:
            return super(_VariableMeta, RefVariable).__call__(*args, **kwargs)
        kw = _V1_SIGNATURE.bind(None, *args, **kwargs).arguments
        for k in ("self", "use_resource", "expected_shape"):
            kw.pop(k, None)
        return ResourceVariable(**kw)



# TF 1.14 guards a variable's initial value that reads other variables
# (_try_guard_against_uninitialized_dependencies): each variable it reads becomes that
# variable's initialized_value() (a cond: 9 ops, 10 for a resource variable) and every op
# on a path from it is copied (named `<op>_<variable>`), the copy assigned. flowgrad builds
# the same ops (_guard) where it can copy every op on those paths: plain ops, and the cond
# of a ref variable's initialized_value() (an ExponentialMovingAverage's or optimizer
# slot's initial value; its Switch_1 copied too when that variable's own initial value
# reads another variable: v.initialized_value() chains); elsewhere (another
# tf.cond or loop on a path) it reads the values as they are and counts TF's ops (the
# graph's op counter gives graph-seeded random ops their seeds).
_GUARD_STOP = frozenset(("IsVariableInitialized", "VarIsInitializedOp", "ReadVariableOp"))
# ops a guard cannot copy (their branches, bodies or kernels are bound to the op itself)
_GUARD_NO_COPY = frozenset(("Cond", "While", "WhileGrad", "LoopVar", "V1Frames",
                            "V1FramesGrad", "VarHandleOp"))


def _initialized_cond(op):
    """(the variable's op, its initial value) when `op` is the Cond of a variable's
    initialized_value() (its predicate IsVariableInitialized / VarIsInitializedOp of the
    variable, its captures the variable and the initial value), else None."""
    if op.type != "Cond" or op._inputs[0].op.type not in ("IsVariableInitialized",
                                                          "VarIsInitializedOp"):
        return None
    var = op._inputs[0].op._inputs[0]
    rest = [t for t in op._inputs[1:] if t is not var]
    return (var.op, rest[0]) if len(rest) == 1 and len(op._inputs) == 3 else None


def _guard_count(initial_value):
    """The ops TF's guard creates for `initial_value` (0 when it reads no variable)."""
    if not isinstance(initial_value, Tensor):
        return 0
    modified, total = {}, 0
    stack = [(initial_value.op, False)]
    while stack:
        op, done = stack.pop()
        if op in modified and not done:
            continue
        if op.type in _GUARD_STOP:
            modified[op] = False
            continue
        if op.type in ("VariableV2", "VarHandleOp"):
            modified[op] = True
            total += 9 if op.type == "VariableV2" else 10
            continue
        found = _initialized_cond(op)
        if found is not None:   # TF's cond on the variable: guarded inside
            ref, init = found
            if not done:
                modified[op] = None
                stack.append((op, True))
                stack.append((init.op, False))
                continue
            init_changed = bool(modified.get(init.op))
            if ref.type == "VariableV2":   # var -> its cond; read/Switch, read, Merge copied
                # (TF's op cache: a variable read by several conds is replaced once)
                total += (0 if modified.get(ref) else 9) + 3 + (1 if init_changed else 0)
                modified[op] = modified[ref] = True
            else:   # the read is a ReadVariableOp: only the initial value's side
                total += 2 if init_changed else 0
                modified[op] = init_changed
            continue
        if not done:
            modified[op] = None
            stack.append((op, True))
            stack.extend((t.op, False) for t in op.inputs if t.op not in modified)
            continue
        changed = any(modified.get(t.op) for t in op.inputs)
        modified[op] = changed
        total += 1 if changed else 0
    return total


def _guard_var(op):
    """The variable of variable op `op` in the graph's global or local variables (TF's
    _find_initialized_value_for_variable), else None."""
    names = (op.name, op.name + ":0")
    for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES):
        for var in op.graph.get_collection(key):
            if getattr(var, "name", None) in names and hasattr(var, "initialized_value"):
                return var
    return None


def _guard_walk(initial_value):
    """({op: whether TF's guard copies it (a variable op: replaces it)}, whether flowgrad
    can build those copies: not where the value is computed in a loop body or cond branch,
    whose tensors the copies, made outside, could not read) for the ops `initial_value`
    reads."""
    modified, ok, inside = {}, True, False
    stack = [(initial_value.op, False)]
    while stack:
        op, done = stack.pop()
        if op in modified and not done:
            continue
        if not done:
            inside = inside or op.type == "LoopVar" or bool(_branches.chain(op))
        if op.type in _GUARD_STOP:
            modified[op] = False
            continue
        if op.type in ("VariableV2", "VarHandleOp"):
            modified[op] = _guard_var(op) is not None
            ok = ok and not (modified[op] and op.type == "VarHandleOp")
            continue
        found = _initialized_cond(op)
        ins = [found[1].op, found[0]] if found is not None else [t.op for t in op._inputs]
        if not done:
            modified[op] = None
            stack.append((op, True))
            stack.extend((o, False) for o in ins if o not in modified)
            continue
        modified[op] = any(modified.get(o) for o in ins)
        if modified[op] and (op.type in _GUARD_NO_COPY or _branches.chain(op)):
            ok = ok and found is not None and found[0].type == "VariableV2"
    return modified, ok and not inside


def _cf_made_in(g):
    """What tells the ops made inside the tf.cond branches / tf.while_loop bodies being built
    (read before control_dependencies(None) leaves them): their first op id and the ops
    lifted out of them (TF's init_scope), and the id of the next op (the variable's own ops,
    made outside) in graph `g`, or None outside any."""
    ctxs = g._cf_contexts
    return (ctxs[0][0], g._cf_lifted, len(g._ops), g) if ctxs else None


def _check_initial_value_context(made_in, initial_value, scope):
    """TF's RefVariable/ResourceVariable refusal of an initial value computed inside a
    control-flow construct (its op has a control-flow context)."""
    if made_in is None or not isinstance(initial_value, Tensor):
        return
    op = initial_value.op
    if op._graph is made_in[3] and made_in[0] <= op._id < made_in[2] and \
            op not in made_in[1]:
        raise ValueError(f"Initializer for variable {scope} is from inside a control-flow "
                         "construct, such as a loop or conditional. When creating a variable "
                         "inside a loop or conditional, use a lambda as the initializer.")


def _guard(scope, initial_value):
    """What a variable made in name scope `scope` assigns: `initial_value` as TF's guard
    rewrites it (see above), built in TF's order (each op's inputs first, in order)."""
    if not isinstance(initial_value, Tensor):
        return initial_value
    modified, ok = _guard_walk(initial_value)
    if not modified.get(initial_value.op):
        return initial_value
    if not ok:
        initial_value.graph._last_id += _guard_count(initial_value)
        return initial_value
    made = {}

    def build(op):   # op's replacement: an Operation, or a Tensor for the cond's copy
        if op in made:
            return made[op]
        if not modified.get(op):
            made[op] = op
        elif op.type == "VariableV2":
            made[op] = _guard_var(op).initialized_value()
        elif op.type == "Cond":
            var, init = _initialized_cond(op)
            new_init = output(init)
            made[op] = _cf_guard(op, build(var), scope, new_init)
        else:
            ins = [output(t) for t in op._inputs]
            made[op] = copy = op.graph._create_op(op.type, ins, dict(op._attrs),
                                                  f"{op.name}_{scope}".replace(":", "_"))
            copy._colocation = copy._colocation or op._colocation   # (TF copies _class)
        return made[op]

    def output(t):
        got = build(t.op)
        return got if isinstance(got, Tensor) else got.outputs[t.value_index]

    return output(initial_value)


class Variable(metaclass=_VariableMeta):
    """A mutable tensor that lives across `Session.run` calls (TF 1.x RefVariable).

    Reads alias the variable's buffer; `assign` with the same shape writes
    into it in place, so ops ordered after an assign see the new value.

    >>> v = tf.Variable(3.0, name="x")
    >>> v.name
    'x:0'
    """

    SaveSliceInfo = _SaveSliceInfo

    def _set_save_slice_info(self, save_slice_info):
        """Marks this variable as a slice of a larger one (a PartitionedVariable's part)."""
        self._save_slice_info = save_slice_info

    def _get_save_slice_info(self):
        return self._save_slice_info

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 expected_shape=None, import_scope=None, constraint=None, use_resource=None,
                 synchronization=VariableSynchronization.AUTO,
                 aggregation=VariableAggregation.NONE, shape=None):
        if variable_def is not None:
            self._init_from_existing(variable_def, import_scope)
            return
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise ValueError(f"collections argument to Variable constructor must be a list, "
                             f"tuple, or set. Got {collections} of type {type(collections)}")
        if constraint is not None and not callable(constraint):
            raise ValueError("The `constraint` argument must be a callable.")
        collections = list(collections)
        synchronization, aggregation, trainable = validate_synchronization_aggregation_trainable(
            synchronization, aggregation, trainable, name)
        self._synchronization = synchronization
        self._aggregation = aggregation
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections.append(GraphKeys.TRAINABLE_VARIABLES)
        self._trainable = trainable
        self._constraint = constraint
        self._save_slice_info = None
        g = get_default_graph()
        init_from_fn = callable(initial_value)
        made_in = None if init_from_fn else _cf_made_in(g)
        with g._atomic(), g.control_dependencies(None), g._cf_outside():
            with name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as scope:
                true_name = scope[:-1]
                # as TF: an initializer function's ops get no device (device(None)) and,
                # with the variable op, the variable's _class
                with (g._class_attr_scope(true_name) if init_from_fn
                      else contextlib.nullcontext()):
                    if init_from_fn:
                        with name_scope("Initializer"), g.device(None):
                            initial_value = convert_to_tensor(
                                initial_value(), name="initial_value", dtype=dtype)
                    else:
                        initial_value = convert_to_tensor(initial_value, name="initial_value",
                                                          dtype=dtype)
                        _check_initial_value_context(made_in, initial_value, scope)
                    if isinstance(initial_value, Tensor) and initial_value.graph is not g:
                        raise ValueError("initial_value must be from the same graph as the "
                                         "variable")
                    ishape = initial_value.shape
                    if shape is not None:
                        ishape = as_shape(shape)
                    if validate_shape and not ishape.is_fully_defined():
                        raise ValueError(f"initial_value must have a shape specified: "
                                         f"{initial_value}")
                    vshape = ishape if validate_shape else TensorShape(None)
                    self._variable = apply("VariableV2", [], {
                        "shape": vshape.as_tuple() if vshape.ndims is not None else None,
                        "dtype": initial_value.dtype.base_dtype, "container": g._container,
                        "shared_name": ""}, true_name + "/")
                self._initial_value = initial_value
                self._initializer_op = apply(
                    "Assign", [self._variable, _guard(scope, initial_value)],
                    {"validate_shape": validate_shape, "use_locking": True}, "Assign").op
                with g.colocate_with(self._variable.op):
                    self._snapshot = apply("Identity", [self._variable], {}, "read")
        self._caching_device = caching_device
        g.add_to_collections(collections, self)

    def _init_from_existing(self, variable_def, import_scope):
        g = get_default_graph()
        prefix = (import_scope + "/") if import_scope else ""
        self._variable = g.as_graph_element(prefix + variable_def["variable_name"])
        self._initializer_op = g.as_graph_element(prefix + variable_def["initializer_name"])
        self._snapshot = g.as_graph_element(prefix + variable_def["snapshot_name"])
        iv = variable_def.get("initial_value_name")
        self._initial_value = g.as_graph_element(prefix + iv) if iv else None
        self._trainable = variable_def.get("trainable", True)
        self._synchronization = VariableSynchronization.AUTO
        self._aggregation = VariableAggregation.NONE
        self._constraint = None
        self._caching_device = None
        self._save_slice_info = _slice_info_of(variable_def, import_scope)

    def to_proto(self, export_scope=None):
        """TF's VariableDef proto of this variable (names relative to `export_scope`)."""
        return variable_def_proto(self._to_proto_dict(export_scope))

    def _to_proto_dict(self, export_scope=None):
        """The VariableDef as a dict (flowgrad's JSON meta graphs)."""
        def strip(n):
            return strip_name_scope(n, export_scope)   # (TF: "b" and "b/" alike)
        return {"variable_name": strip(self._variable.name),
                "initializer_name": strip(self._initializer_op.name),
                "snapshot_name": strip(self._snapshot.name),
                "initial_value_name": strip(self._initial_value.name)
                if self._initial_value is not None else None,
                "trainable": self._trainable,
                **_slice_info_entry(self._save_slice_info, export_scope)}

    @staticmethod
    def from_proto(variable_def, import_scope=None):
        """A RefVariable or ResourceVariable (by `is_resource`) from a VariableDef proto (or
        its dict)."""
        return Variable(variable_def=variable_def_dict(variable_def), import_scope=import_scope)

    # -- properties -----------------------------------------------------------------------
    @property
    def name(self):
        return self._variable.name

    @property
    def op(self) -> Operation:
        return self._variable.op

    @property
    def dtype(self):
        return self._variable.dtype

    @property
    def shape(self):
        return self._variable.shape

    def get_shape(self):
        return self._variable.shape

    def set_shape(self, shape):
        self._variable.set_shape(shape)
        self._snapshot.set_shape(shape)

    @property
    def graph(self):
        return self._variable.graph

    @property
    def device(self):
        return self._variable.device

    @property
    def initializer(self) -> Operation:
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    @property
    def trainable(self):
        return self._trainable

    @property
    def constraint(self):
        return self._constraint

    @property
    def synchronization(self):
        return self._synchronization

    @property
    def aggregation(self):
        return self._aggregation

    def value(self) -> Tensor:
        """The `name/read` snapshot: a tensor aliasing the variable's buffer."""
        return self._snapshot

    def read_value(self) -> Tensor:
        return apply("Identity", [self._variable], {}, "read")

    def _ref(self) -> Tensor:
        return self._variable

    def _as_graph_element(self):
        return self._variable

    def _AsTensor(self):
        return self._snapshot

    def initialized_value(self):
        """The value, or the initial value while the variable is uninitialized: TF's
        cond(is_variable_initialized(v), v.read_value, initial value) (init_scope: no
        control dependencies)."""
        with self.graph.control_dependencies(None):
            return _cond(state_ops.is_variable_initialized(self._variable), self.read_value,
                         lambda: self._initial_value)

    def eval(self, session=None):
        return self._variable.eval(session=session)

    def assign(self, value, use_locking=False, name=None, read_value=True):
        t = state_ops.assign(self._variable, value, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def assign_add(self, delta, use_locking=False, name=None, read_value=True):
        t = state_ops.assign_add(self._variable, delta, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
        t = state_ops.assign_sub(self._variable, delta, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def _scatter(self, fn_name, sparse_delta, use_locking, name):
        fn = getattr(scatter_ops, fn_name)
        return fn(self._variable, sparse_delta.indices, sparse_delta.values,
                  use_locking=use_locking, name=name)

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        """Subtracts IndexedSlices `sparse_delta` from this variable's rows."""
        return self._scatter("scatter_sub", sparse_delta, use_locking, name)

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        """Adds IndexedSlices `sparse_delta` to this variable's rows."""
        return self._scatter("scatter_add", sparse_delta, use_locking, name)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        """Writes IndexedSlices `sparse_delta` into this variable's rows."""
        return self._scatter("scatter_update", sparse_delta, use_locking, name)

    def scatter_mul(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_mul", sparse_delta, use_locking, name)

    def _strided_slice_assign(self, begin, end, strides, value, name, masks):
        """`self[...].assign(value)`: op StridedSliceAssign on the variable's ref, the value
        converted in the op's scope as TF's generated wrapper does."""
        if self._ref().dtype.base_dtype is _dt.resource:
            raise NotImplementedError("flowgrad does not implement sliced assignment to a "
                                      "ResourceVariable (ResourceStridedSliceAssign)")
        with name_scope(name) as scope:
            value = convert_to_tensor(value, dtype=self.dtype.base_dtype, name="value")
            return apply("StridedSliceAssign", [self._ref(), begin, end, strides, value],
                         dict(masks), scope)

    def scatter_div(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_div", sparse_delta, use_locking, name)

    def scatter_max(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_max", sparse_delta, use_locking, name)

    def scatter_min(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_min", sparse_delta, use_locking, name)

    def scatter_nd_sub(self, indices, updates, name=None):
        """Subtracts `updates` from the slices at `indices` [..., K] (ScatterNdSub)."""
        return scatter_nd_ops.scatter_nd_sub(self, indices, updates, use_locking=True, name=name)

    def scatter_nd_add(self, indices, updates, name=None):
        """Adds `updates` to the slices at `indices` [..., K] (ScatterNdAdd)."""
        return scatter_nd_ops.scatter_nd_add(self, indices, updates, use_locking=True, name=name)

    def scatter_nd_update(self, indices, updates, name=None):
        """Writes `updates` into the slices at `indices` [..., K] (ScatterNdUpdate)."""
        return scatter_nd_ops.scatter_nd_update(self, indices, updates, use_locking=True,
                                                name=name)

    def batch_scatter_update(self, sparse_delta, use_locking=False, name=None):
        """tf.batch_scatter_update of IndexedSlices `sparse_delta` into this variable."""
        return scatter_nd_ops.batch_scatter_update(self, sparse_delta.indices,
                                                   sparse_delta.values,
                                                   use_locking=use_locking, name=name)

    def load(self, value, session=None):
        """Writes `value` into the variable through a feed (no new ops are kept per call)."""
        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session "
                             "should be established")
        session.run(self._initializer_op, {self._initializer_op._inputs[1]: value})

    def count_up_to(self, limit):
        """Increments this integer variable until `limit` (OutOfRangeError after that)."""
        return state_ops.count_up_to(self._variable, limit)

    def __repr__(self):
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __iter__(self):
        raise TypeError("'Variable' object is not iterable.")

    __array_priority__ = 100

    @classmethod
    def _overload_operator(cls, operator, fn):
        """Forwards `operator` to the read tensor (TF 1.x does the same)."""
        def _run(self, *args):
            return fn(self.value(), *args)
        setattr(cls, operator, _run)


class RefVariable(Variable):
    """What `tf.Variable(...)` makes by default: a TF 1.x reference variable (see Variable)."""


VariableV1 = Variable
_V1_SIGNATURE = inspect.signature(Variable.__init__)


@contextlib.contextmanager
def variable_creator_scope(variable_creator):
    """Variables made inside are made by `variable_creator(next_creator, **kwargs)`, which
    may call `next_creator(**kwargs)` (TF 1.14's tf.variable_creator_scope; scopes nest,
    the innermost creator is called first). The scope belongs to the default graph."""
    g = get_default_graph()
    if getattr(g, "_variable_creators", None) is None:
        g._variable_creators = []
    stack = g._variable_creators
    stack.append(variable_creator)
    try:
        yield
    finally:
        stack.remove(variable_creator)


class ResourceVariable(Variable):
    """A variable reached through a resource handle (TF 1.14's ResourceVariable).

    Its ops: `v` (VarHandleOp), `v/IsInitialized/VarIsInitializedOp`,
    `v/Assign` (AssignVariableOp) and `v/Read/ReadVariableOp`. Every read is
    a ReadVariableOp, a snapshot: ops created after an assign see the new
    value, an earlier read keeps the old one, on every run.

    >>> v = tf.Variable([1.0, 2.0], name="rv", use_resource=True)
    >>> v.op.type, v.dtype.name
    ('VarHandleOp', 'float32')
    """

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, dtype=None, variable_def=None,
                 import_scope=None, constraint=None, distribute_strategy=None,
                 synchronization=None, aggregation=None, shape=None):
        if distribute_strategy is not None:
            raise NotImplementedError("flowgrad's ResourceVariable does not implement "
                                      "distribute_strategy")
        if variable_def:
            if initial_value is not None:
                raise ValueError("variable_def and initial_value are mutually exclusive.")
            self._init_from_proto(variable_def, import_scope)
            return
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        init_from_fn = callable(initial_value)
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise ValueError(f"collections argument to Variable constructor must be a list, "
                             f"tuple, or set. Got {collections} of type {type(collections)}")
        if constraint is not None and not callable(constraint):
            raise ValueError("The `constraint` argument must be a callable.")
        synchronization, aggregation, trainable = validate_synchronization_aggregation_trainable(
            synchronization, aggregation, trainable, name)
        self._synchronization = synchronization
        self._aggregation = aggregation
        self._trainable = trainable
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = list(collections) + [GraphKeys.TRAINABLE_VARIABLES]
        self._save_slice_info = None
        self._caching_device = caching_device
        self._constraint = constraint
        g = get_default_graph()
        made_in = None if init_from_fn else _cf_made_in(g)
        with g._atomic(), g.control_dependencies(None), g._cf_outside():
            with name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as scope:
                handle_name = scope[:-1]
                # as TF: the initial value's new ops and the handle carry the variable's _class
                with g._class_attr_scope(handle_name):
                    with name_scope("Initializer"), g.device(None):
                        initial_value = convert_to_tensor(
                            initial_value() if init_from_fn else initial_value,
                            name="initial_value", dtype=dtype)
                    _check_initial_value_context(made_in, initial_value, scope)
                    self._shape = as_shape(shape) if shape is not None else initial_value.shape
                    self._dtype = initial_value.dtype.base_dtype
                    self._handle = _res.var_handle_op(self._dtype, self._shape,
                                                      g._container or "", handle_name,
                                                      name=scope)
                self._initial_value = initial_value
                with name_scope("IsInitialized"):
                    self._is_initialized_op = _res.var_is_initialized_op(self._handle)
                with name_scope("Assign") as n, g.colocate_with(self._handle.op):
                    self._initializer_op = _res.assign_variable_op(   # TF's guard (above)
                        self._handle, _guard(scope, initial_value), name=n)
                with name_scope("Read"), g.colocate_with(self._handle.op):
                    value = _res.read_variable_op(self._handle, self._dtype)
                    self._graph_element = value
                    self._cached_value = (identity(value) if caching_device is not None
                                          else None)
        g.add_to_collections(collections, self)

    def _init_from_proto(self, variable_def, import_scope=None):
        g = get_default_graph()
        prefix = (import_scope + "/") if import_scope else ""
        self._handle = g.as_graph_element(prefix + variable_def["variable_name"])
        op = self._handle.op
        self._shape = TensorShape(op._attrs.get("shape"))
        self._dtype = op._attrs["dtype"]
        self._initializer_op = g.as_graph_element(prefix + variable_def["initializer_name"])
        iv = variable_def.get("initial_value_name")
        self._initial_value = g.as_graph_element(prefix + iv) if iv else None
        self._trainable = variable_def.get("trainable", True)
        self._synchronization = VariableSynchronization.AUTO
        self._aggregation = VariableAggregation.NONE
        snap = variable_def.get("snapshot_name")
        if snap:
            snapshot = g.as_graph_element(prefix + snap)
            self._cached_value = snapshot if snapshot.op.type != "ReadVariableOp" else None
            while snapshot.op.type != "ReadVariableOp":
                snapshot = snapshot.op.inputs[0]
            self._graph_element = snapshot
        else:
            self._cached_value = None
            self._graph_element = g.as_graph_element(op.name + "/Read/ReadVariableOp:0")
        self._is_initialized_op = None
        self._save_slice_info = _slice_info_of(variable_def, import_scope)
        self._caching_device = None
        self._constraint = None

    def to_proto(self, export_scope=None):
        """TF's VariableDef proto of this variable (names relative to `export_scope`)."""
        return variable_def_proto(self._to_proto_dict(export_scope))

    def _to_proto_dict(self, export_scope=None):
        def strip(n):
            return strip_name_scope(n, export_scope)   # (TF: "b" and "b/" alike)
        snapshot = self._cached_value if self._cached_value is not None else self._graph_element
        return {"variable_name": strip(self._handle.name),
                "initializer_name": strip(self._initializer_op.name),
                "snapshot_name": strip(snapshot.name),
                "initial_value_name": strip(self._initial_value.name)
                if self._initial_value is not None else None,
                "trainable": self._trainable, "is_resource": True,
                **_slice_info_entry(self._save_slice_info, export_scope)}

    # -- properties -----------------------------------------------------------------------
    @property
    def name(self):
        return self._handle.name

    @property
    def handle(self) -> Tensor:
        """The resource tensor (VarHandleOp's output) the variable's ops take."""
        return self._handle

    @property
    def op(self) -> Operation:
        return self._handle.op

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    def set_shape(self, shape):
        raise NotImplementedError("ResourceVariable does not implement set_shape()")

    @property
    def graph(self):
        return self._handle.graph

    @property
    def device(self):
        return self._handle.device

    @property
    def create(self) -> Operation:
        return self._initializer_op

    # -- reads ------------------------------------------------------------------------------
    def _read_variable_op(self) -> Tensor:
        _tape.variable_accessed(self)
        return _res.read_variable_op(self._handle, self._dtype)

    def value(self) -> Tensor:
        """A new ReadVariableOp (or the caching_device's cached read)."""
        if self._cached_value is not None:
            return self._cached_value
        # TF 1.14: the read is placed on the handle's device (none: no device at all)
        with self.graph.colocate_with(None, ignore_existing=True), \
                self.graph.device(self._handle.device or None):
            return self._read_variable_op()

    def read_value(self) -> Tensor:
        """`Read/ReadVariableOp` (on the handle's device, as TF) and an Identity of it."""
        with name_scope("Read"), self.graph.device(self._handle.device or None):
            value = self._read_variable_op()
        return identity(value)

    def sparse_read(self, indices, name=None) -> Tensor:
        """The rows `indices` of the variable (ResourceGather; its gradient is IndexedSlices)."""
        _tape.variable_accessed(self)
        with name_scope("Gather" if name is None else name) as name:
            value = _res.resource_gather(self._handle, indices, dtype=self._dtype, name=name)
        return identity(value)

    def gather_nd(self, indices, name=None):
        """The elements or slices `indices` of the variable (ResourceGatherNd, which TF 1.14
        does not differentiate)."""
        with name_scope("GatherNd" if name is None else name) as name:
            if self.trainable:
                _tape.variable_accessed(self)
            value = _res.resource_gather_nd(self._handle, indices, dtype=self._dtype,
                                            name=name)
        return identity(value)

    def _ref(self) -> Tensor:
        # what tf.gradients differentiates with respect to (TF: the handle)
        return self._handle

    def _as_graph_element(self):
        return self._graph_element

    def _AsTensor(self):
        return self.value()

    def eval(self, session=None):
        return self._graph_element.eval(session=session)

    def is_initialized(self, name=None) -> Tensor:
        return _res.var_is_initialized_op(self._handle, name)

    def initialized_value(self):
        """The value, or the initial value while the variable is uninitialized: TF's
        cond(VarIsInitializedOp(handle), read_value, initial value) (init_scope)."""
        with self.graph.control_dependencies(None):
            return _cond(_res.var_is_initialized_op(self._handle), self.read_value,
                         lambda: self._initial_value)

    # -- writes -----------------------------------------------------------------------------
    def _assign_dependencies(self):
        deps = [self._cached_value] if self._cached_value is not None else []
        return self.graph.control_dependencies(deps) if deps else _no_deps()

    def _lazy_read(self, op):
        return _UnreadVariable(self._handle, self._dtype, self._shape, op)

    def _strided_slice_assign(self, begin, end, strides, value, name, masks):
        """`self[...].assign(value)`: ResourceStridedSliceAssign of the handle (the value
        converted before it, outside its scope, as TF's), the variable read after it."""
        with self._assign_dependencies():
            op = _res.resource_strided_slice_assign(
                self._handle, begin, end, strides, convert_to_tensor(value, dtype=self._dtype),
                name, masks)
        return self._lazy_read(op)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Stores `value`; returns the variable after the write (or the op, read_value=False).

        Raises:
          ValueError: `value`'s static shape is incompatible with the variable's.
        """
        value = convert_to_tensor(value, dtype=self._dtype)
        self._shape.assert_is_compatible_with(value.shape)
        op = _res.assign_variable_op(self._handle, value, name=name)
        return self._lazy_read(op) if read_value else op

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        with self._assign_dependencies():
            op = _res.assign_add_variable_op(
                self._handle, convert_to_tensor(delta, dtype=self._dtype), name=name)
        return self._lazy_read(op) if read_value else op

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        with self._assign_dependencies():
            op = _res.assign_sub_variable_op(
                self._handle, convert_to_tensor(delta, dtype=self._dtype), name=name)
        return self._lazy_read(op) if read_value else op

    def _scatter(self, fn_name, sparse_delta, use_locking, name):
        if not isinstance(sparse_delta, IndexedSlices):
            raise ValueError(f"sparse_delta is not IndexedSlices: {sparse_delta}")
        fn = getattr(_res, "resource_" + fn_name)
        return self._lazy_read(fn(self._handle, convert_to_tensor(sparse_delta.indices),
                                  convert_to_tensor(sparse_delta.values, self._dtype),
                                  name=name))

    def count_up_to(self, limit):
        return _res.resource_count_up_to(self._handle, limit, T=self._dtype)

    def __bool__(self):
        return bool(self.read_value())

    def __iadd__(self, other):
        raise RuntimeError("Variable += value not supported. Use variable.assign_add(value) to "
                           "modify the variable value and variable = variable + value to get a "
                           "new Tensor object.")

    def __isub__(self, other):
        raise RuntimeError("Variable -= value not supported. Use variable.assign_sub(value) to "
                           "modify the variable value and variable = variable - value to get a "
                           "new Tensor object.")

    def __imul__(self, other):
        raise RuntimeError("Variable *= value not supported. Use `var.assign(var * value)` to "
                           "modify the variable or `var = var * value` to get a new Tensor "
                           "object.")

    def __itruediv__(self, other):
        raise RuntimeError("Variable /= value not supported. Use `var.assign(var / value)` to "
                           "modify the variable or `var = var / value` to get a new Tensor "
                           "object.")

    def __ipow__(self, other):
        raise RuntimeError("Variable **= value not supported. Use `var.assign(var ** value)` to "
                           "modify the variable or `var = var ** value` to get a new Tensor "
                           "object.")


class _no_deps:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


class _UnreadVariable(ResourceVariable):
    """What assign/assign_add/scatter_* return: the variable, read after that update."""

    def __init__(self, handle, dtype, shape, parent_op):  # noqa: D107 - no super().__init__
        self._handle = handle
        self._dtype = dtype
        self._shape = shape
        self._parent_op = parent_op
        self._trainable = False
        self._synchronization = None
        self._aggregation = None
        self._save_slice_info = None
        self._initial_value = None
        self._initializer_op = None
        self._is_initialized_op = None
        self._cached_value = None
        self._caching_device = None
        self._constraint = None
        self._graph_element = self.read_value()

    @property
    def name(self):
        return self._parent_op.name

    @property
    def op(self) -> Operation:
        return self._parent_op

    def value(self) -> Tensor:
        return self._read_variable_op()

    def read_value(self) -> Tensor:
        return self._read_variable_op()

    def _read_variable_op(self) -> Tensor:
        _tape.variable_accessed(self)
        # the assign's graph: a function body's when it was made in one (tf.switch_case)
        with self._parent_op.graph.control_dependencies([self._parent_op]):
            return _res.read_variable_op(self._handle, self._dtype)


def is_resource_variable(var) -> bool:
    """True for a ResourceVariable (or an object that acts as one)."""
    return isinstance(var, ResourceVariable) or hasattr(var, "_should_act_as_resource_variable")


def _variable_to_tensor(v, dtype=None, name=None, as_ref=False):
    # TF checks the dtype before reading: a mismatch adds no ReadVariableOp to the graph
    if dtype is not None and not _dt.as_dtype(dtype).is_compatible_with(v.dtype):
        raise ValueError(f"Incompatible type conversion requested to type "
                         f"'{_dt.as_dtype(dtype).name}' for variable of type '{v.dtype.name}'")
    return v._ref() if as_ref else v.value()


register_tensor_conversion_function(Variable, _variable_to_tensor)


# -- collections and initializers ------------------------------------------------------------
def global_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


def all_variables():
    """Deprecated TF 1.x name of global_variables() (TF's takes no scope)."""
    return global_variables()



def local_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def trainable_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def model_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.MODEL_VARIABLES, scope)


def moving_average_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


def variables_initializer(var_list, name="init"):
    """One op that runs the initializers of `var_list` (a NoOp if it is empty)."""
    if var_list:
        return group(*[v.initializer for v in var_list], name=name)
    return no_op(name=name)


def global_variables_initializer():
    return variables_initializer(global_variables())


initialize_all_variables = global_variables_initializer


def local_variables_initializer():
    return variables_initializer(local_variables(), name="init")


initialize_local_variables = local_variables_initializer


def is_variable_initialized(variable):
    return state_ops.is_variable_initialized(variable)


def assert_variables_initialized(var_list=None):
    """The variables' ranks, read from their values (FailedPreconditionError when one is
    uninitialized); None if there are no variables.

    As TF 1.14: per variable, colocated with it, an unoptimized rank (rank_internal(v,
    optimize=False): a Rank op, named Rank, Rank_1... in the current scope, reading the
    variable's value: a resource variable is read twice, the Rank taking the second read),
    stacked (`stack`) when there is more than one; a single variable's Rank is returned.
    """
    var_list = global_variables() + local_variables() if var_list is None else var_list
    if not var_list:
        return None
    g = get_default_graph()
    ranks = []
    for var in var_list:
        with g.colocate_with(var.op), name_scope(None, "Rank", [var]) as scope:
            convert_to_tensor(var)   # TF's rank_internal converts it, then gen rank again
            ranks.append(apply("Rank", [convert_to_tensor(var)], None, scope))
    return ranks[0] if len(ranks) == 1 else stack(ranks)


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """A string tensor with the names of the variables not yet initialized.

    Built as TF 1.14 builds it: one IsVariableInitialized (VarIsInitializedOp for a
    resource variable) per variable, stacked, negated and used as a boolean_mask of
    the names; with no variables, an empty string constant. With `var_list` None and
    no variable in the collections, every VariableV2 op of the graph is checked."""
    if var_list is None:
        var_list = global_variables() + local_variables()
        if not var_list:
            var_list = [op.outputs[0] for op in get_default_graph()._flowgrad_operations()
                        if op.type in ("Variable", "VariableV2", "AutoReloadVariable")]
    with name_scope(name):
        if var_list:
            init_vars = [state_ops.is_variable_initialized(v) for v in var_list]
        with get_default_graph().device("/cpu:0"):
            if not var_list:
                return constant([], dtype=_dt.string)
            variables_mask = logical_not(stack(init_vars))
            variable_names_tensor = constant([s.op.name for s in var_list])
            return array_ops.boolean_mask(variable_names_tensor, variables_mask)


def _slice_info_entry(info, export_scope):
    """{"save_slice_info_def": ...} of a partitioned variable's part (TF writes it unless the
    full variable lies outside `export_scope`), else {}."""
    if info is None:
        return {}
    d = info._to_proto_dict(export_scope)
    return {} if d is None else {"save_slice_info_def": d}


def _slice_info_of(variable_def, import_scope):
    d = variable_def.get("save_slice_info_def")
    return None if d is None else _SaveSliceInfo(save_slice_info_def=d,
                                                 import_scope=import_scope)
