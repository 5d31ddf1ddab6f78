"""`tf.Variable`: a TF 1.x reference variable (VariableV2 + Assign + Identity 'read')."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
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
from ..engine.ops import state as _state  # noqa: F401 - registers the variable primitives
from ..engine.ops._base import apply
from ..engine.ops.ordering import group, no_op
from . import scatter_ops, state_ops


class Variable:
    """A mutable tensor that lives across `Session.run` calls (TF 1.x RefVariable).

    Reads alias the variable's buffer; `assign` with the same shape writes
    into it in place, so ops ordered after an assign see the new value.

    >>> v = tf.Variable(3.0, name="x")
    >>> v.name
    'x:0'
    """

    def __init__(self, initial_value=None, trainable=True, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 expected_shape=None, import_scope=None, constraint=None, use_resource=None,
                 synchronization=None, aggregation=None, shape=None):
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
        if trainable is None:
            trainable = True
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections.append(GraphKeys.TRAINABLE_VARIABLES)
        self._trainable = trainable
        self._constraint = constraint
        self._save_slice_info = None
        g = get_default_graph()
        init_from_fn = callable(initial_value)
        with g._atomic(), g.control_dependencies(None):
            with name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as scope:
                if init_from_fn:
                    with name_scope("Initializer"):
                        initial_value = initial_value()
                initial_value = convert_to_tensor(initial_value, name="initial_value", dtype=dtype)
                if isinstance(initial_value, Tensor) and initial_value.graph is not g:
                    raise ValueError("initial_value must be from the same graph as the variable")
                ishape = initial_value.shape
                if shape is not None:
                    ishape = as_shape(shape)
                if validate_shape and not ishape.is_fully_defined():
                    raise ValueError(f"initial_value must have a shape specified: "
                                     f"{initial_value}")
                vshape = ishape if validate_shape else TensorShape(None)
                true_name = scope[:-1]
                self._variable = apply("VariableV2", [], {
                    "shape": vshape.as_tuple() if vshape.ndims is not None else None,
                    "dtype": initial_value.dtype.base_dtype, "container": g._container,
                    "shared_name": ""}, true_name + "/")
                self._initial_value = initial_value
                self._initializer_op = apply(
                    "Assign", [self._variable, initial_value],
                    {"validate_shape": validate_shape, "use_locking": False}, "Assign").op
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
        self._constraint = None
        self._caching_device = None
        self._save_slice_info = None

    def to_proto(self, export_scope=None):
        def strip(n):
            if export_scope and n.startswith(export_scope + "/"):
                return n[len(export_scope) + 1:]
            return n
        return {"variable_name": strip(self._variable.name),
                "initializer_name": strip(self._initializer_op.name),
                "snapshot_name": strip(self._snapshot.name),
                "initial_value_name": strip(self._initial_value.name)
                if self._initial_value is not None else None,
                "trainable": self._trainable}

    @staticmethod
    def from_proto(variable_def, import_scope=None):
        return Variable(variable_def=variable_def, import_scope=import_scope)

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
        """The value, initializing the variable first if it is not yet initialized."""
        with self.graph.control_dependencies(None):
            return apply("InitializedValue", [self._variable, self._initial_value], {},
                         self._variable.op.name + "/InitializedValue")

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

    def scatter_div(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_div", sparse_delta, use_locking, name)

    def scatter_max(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_max", sparse_delta, use_locking, name)

    def scatter_min(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("scatter_min", sparse_delta, use_locking, name)

    def load(self, value, session=None):
        """Writes `value` into the variable through a feed (no new ops are kept per call)."""
        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session "
                             "should be established")
        session.run(self._initializer_op, {self._initializer_op.inputs[1]: value})

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
            return fn(self._snapshot, *args)
        setattr(cls, operator, _run)


RefVariable = Variable
VariableV1 = Variable


def _variable_to_tensor(v, dtype=None, name=None, as_ref=False):
    t = v._ref() if as_ref else v.value()
    if dtype is not None and not _dt.as_dtype(dtype).is_compatible_with(t.dtype):
        raise ValueError(f"Incompatible type conversion requested to type "
                         f"'{_dt.as_dtype(dtype).name}' for variable of type '{v.dtype.name}'")
    return t


register_tensor_conversion_function(Variable, _variable_to_tensor)


# -- collections and initializers ------------------------------------------------------------
def global_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


all_variables = global_variables


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
    """A tensor whose evaluation raises FailedPreconditionError if a variable is uninitialized.

    It stacks the ranks of the variables (reading each one), as TF 1.x does;
    None if there are no variables.
    """
    var_list = global_variables() + local_variables() if var_list is None else var_list
    if not var_list:
        return None
    with name_scope("assert_variables_initialized"):
        return apply("AssertVariablesInitialized", [v._ref() for v in var_list],
                     {"names": tuple(v.op.name for v in var_list)}, "stack")


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """A string tensor with the names of the variables not yet initialized."""
    var_list = global_variables() + local_variables() if var_list is None else var_list
    with name_scope(name):
        if not var_list:
            return constant([], dtype=_dt.string)
        return apply("ReportUninitialized", [v._ref() for v in var_list],
                     {"names": tuple(v.op.name for v in var_list)}, "boolean_mask/GatherV2")
