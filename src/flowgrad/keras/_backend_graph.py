"""tf.keras.backend's variables, values and functions (TF 1.14 keras/backend.py):
variable/constant/zeros/ones/eye, batch_get_value/set_value, update ops, print_tensor,
gradients, and `function` (K.function: feeds, fetches, updates, the learning phase).

The public module is keras/backend.py, which re-exports these.
"""
import contextlib
import sys

import numpy as np

from ..engine.autodiff.gradients import gradients as _gradients
from ..engine.framework import constant_op
from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import is_tensor
from ..engine.framework.graph import Tensor, control_dependencies, name_scope
from ..engine.ops.matrix import matrix_diag
from ..engine.runtime import kernel_errors
from ..ops import _nest as nest
from ..ops import array_ops, control_flow_ops, init_ops, logging_ops, math_ops, state_ops
from ..ops.array_ops import eye as _eye
from ..ops.sparse_tensor import SparseTensor
from ..ops.variables import ResourceVariable
from ..train import moving_averages
from . import _backend_core as _core
from ._backend_core import dtype, floatx, get_graph, get_session, track_variable
from ._backend_math import int_shape, to_dense

__all__ = ["backend", "variable", "constant", "zeros", "ones", "eye", "random_uniform_variable",
           "random_normal_variable", "count_params", "update", "update_add", "update_sub",
           "moving_average_update", "eval", "get_value", "batch_get_value", "set_value",
           "batch_set_value", "print_tensor", "function", "gradients", "learning_phase_scope",
           "manual_variable_initialization", "GraphExecutionFunction"]


def backend():
    """The name of the backend: 'tensorflow'."""
    return "tensorflow"


def variable(value, dtype=None, name=None, constraint=None):  # noqa: A002
    """A ResourceVariable holding `value` (floatx() by default), tracked so get_session()
    initializes it; a scipy sparse matrix gives a SparseTensor."""
    if dtype is None:
        dtype = floatx()
    if hasattr(value, "tocoo"):
        coo = value.tocoo()
        indices = np.concatenate((np.expand_dims(coo.row, 1), np.expand_dims(coo.col, 1)), 1)
        v = SparseTensor(indices=indices, values=coo.data, dense_shape=coo.shape)
        v._keras_shape = coo.shape
        return v
    v = ResourceVariable(value, dtype=_dt.as_dtype(dtype), name=name, constraint=constraint)
    if isinstance(value, np.ndarray):
        v._keras_shape = value.shape
    elif hasattr(value, "shape"):
        v._keras_shape = int_shape(value)
    track_variable(v)
    return v


def constant(value, dtype=None, shape=None, name=None):  # noqa: A002
    """A Const of dtype floatx() by default."""
    if dtype is None:
        dtype = floatx()
    return constant_op.constant(value, dtype=dtype, shape=shape, name=name)


def _filled(fn, shape, dtype, name):
    if dtype is None:
        dtype = floatx()
    v = fn(shape=shape, dtype=_dt.as_dtype(dtype), name=name)
    if all(v.shape.as_list()):
        return variable(v, dtype=dtype, name=name)
    track_variable(v)
    return v


def zeros(shape, dtype=None, name=None):  # noqa: A002
    """A variable of zeros (a zeros tensor when the shape is not fully known)."""
    return _filled(array_ops.zeros, shape, dtype, name)


def ones(shape, dtype=None, name=None):  # noqa: A002
    """A variable of ones (a ones tensor when the shape is not fully known)."""
    return _filled(array_ops.ones, shape, dtype, name)


def eye(size, dtype=None, name=None):  # noqa: A002
    """A variable holding the identity matrix of `size`."""
    if dtype is None:
        dtype = floatx()
    tf_dtype = _dt.as_dtype(dtype)
    if isinstance(size, (int, np.integer)):
        # TF 1.14's linalg_ops.eye of a known size: a ones Const and a MatrixDiag
        with name_scope(None, "eye"):
            value = matrix_diag(constant_op.constant(np.ones(int(size)), dtype=tf_dtype,
                                                     name="ones"))
    else:
        value = _eye(size, dtype=tf_dtype)
    return variable(value, dtype, name)


def _seed(seed):
    return np.random.randint(10e8) if seed is None else seed


def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):  # noqa: A002
    """A variable initialized from U(low, high)."""
    if dtype is None:
        dtype = floatx()
    value = init_ops.random_uniform_initializer(low, high, dtype=_dt.as_dtype(dtype),
                                                seed=_seed(seed))(shape)
    return variable(value, dtype=dtype, name=name)


def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):  # noqa: A002
    """A variable initialized from N(mean, scale)."""
    if dtype is None:
        dtype = floatx()
    value = init_ops.random_normal_initializer(mean, scale, dtype=_dt.as_dtype(dtype),
                                               seed=_seed(seed))(shape)
    return variable(value, dtype=dtype, name=name)


def count_params(x):
    """The number of scalars in `x` (a numpy integer)."""
    return np.prod(x.shape.as_list())


def update(x, new_x):
    """state_ops.assign."""
    return state_ops.assign(x, new_x)


def update_add(x, increment):
    """state_ops.assign_add."""
    return state_ops.assign_add(x, increment)


def update_sub(x, decrement):
    """state_ops.assign_sub."""
    return state_ops.assign_sub(x, decrement)


def moving_average_update(x, value, momentum):
    """assign_moving_average(x, value, momentum, zero_debias=True)."""
    return moving_averages.assign_moving_average(x, value, momentum, zero_debias=True)


# -- values --------------------------------------------------------------------------------
def get_value(x):
    """The value of `x` (a numpy array) in get_session(); a non-tensor is returned as is."""
    if not is_tensor(x) and not hasattr(x, "initializer"):
        return x
    session = get_session((x,))
    if getattr(x, "graph", session.graph) is not session.graph:   # TF's x.eval(session)
        raise ValueError("Cannot use the given session to evaluate tensor: the tensor's "
                         "graph is different from the session's graph.")
    return session.run(x)


def eval(x):  # noqa: A001
    """get_value of `x` (a SparseTensor made dense first)."""
    return get_value(to_dense(x))


def batch_get_value(tensors):
    """The values of `tensors` in one run of get_session()."""
    if tensors:
        return get_session(tensors).run(tensors)
    return []


def _assign_op(x, shape):
    """TF's per-variable assign placeholder and op, made once and kept on the variable."""
    if getattr(x, "_assign_placeholder", None) is None:
        base = _dt.as_dtype(x.dtype.name.split("_")[0])
        ph = array_ops.placeholder(base, shape=shape)
        x._assign_placeholder = ph
        x._assign_op = x.assign(ph)
    return x._assign_placeholder, x._assign_op


def set_value(x, value):
    """Loads the numpy `value` into variable `x` (through an assign placeholder)."""
    value = np.asarray(value, dtype=dtype(x))
    with get_graph().as_default():
        ph, op = _assign_op(x, value.shape)
        get_session().run(op, feed_dict={ph: value})


def batch_set_value(tuples):
    """set_value for each (variable, value) pair, in one run."""
    with get_graph().as_default():
        if tuples:
            ops, feed = [], {}
            for x, value in tuples:
                value = np.asarray(value, dtype=dtype(x))
                ph, op = _assign_op(x, value.shape)
                ops.append(op)
                feed[ph] = value
            get_session().run(ops, feed_dict=feed)


def print_tensor(x, message=""):
    """x through an Identity that first prints `message` and x (tf.print to stdout)."""
    if isinstance(x, Tensor):
        op = logging_ops.print(message, x, output_stream=sys.stdout)
        with control_dependencies([op]):
            return array_ops.identity(x)
    logging_ops.print(message, x, output_stream=sys.stdout)
    return x


def gradients(loss, variables):
    """tf.gradients of `loss` with respect to `variables` (colocated with their ops)."""
    return _gradients(loss, variables, colocate_gradients_with_ops=True)


# -- the learning phase --------------------------------------------------------------------
def manual_variable_initialization(value):
    """When True, get_session() leaves Keras variables uninitialized (the user runs the
    initializers)."""
    _core._MANUAL_VAR_INIT[0] = value


@contextlib.contextmanager
def learning_phase_scope(value):
    """Sets the learning phase of the default graph to `value` (0 or 1) inside the block."""
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    graph = get_graph()
    previous = _core._LEARNING_PHASES.get(graph, None)
    try:
        _core.set_learning_phase(value)
        yield
    finally:
        graph = get_graph()
        if previous is not None:
            _core._LEARNING_PHASES[graph] = previous
        else:
            _core._LEARNING_PHASES.pop(graph, None)


# -- K.function ----------------------------------------------------------------------------
_RUN_ARGS = ("self", "fetches", "feed_dict", "options", "run_metadata")


class GraphExecutionFunction(object):
    """A callable running `outputs` (and the `updates`, after the first output) for values
    of `inputs` in get_session(): TF 1.14's Keras function in graph mode."""

    def __init__(self, inputs, outputs, updates=None, name=None, **session_kwargs):
        updates = updates or []
        if not isinstance(updates, (list, tuple)):
            raise TypeError("`updates` in a Keras backend function should be a list or tuple.")
        self.inputs = nest.flatten(inputs)
        self._outputs_structure = outputs
        self.outputs = [x.value() if hasattr(x, "initializer") and hasattr(x, "value") else x
                        for x in nest.flatten(outputs)]
        with control_dependencies([self.outputs[0]]):
            ops = []
            for u in updates:
                if isinstance(u, tuple):
                    p, new_p = u
                    ops.append(state_ops.assign(p, new_p))
                else:
                    ops.append(u)
            self.updates_op = control_flow_ops.group(*ops)
        self.name = name
        self.feed_dict = session_kwargs.pop("feed_dict", None)
        self.fetches = session_kwargs.pop("fetches", [])
        if not isinstance(self.fetches, list):
            self.fetches = [self.fetches]
        self.run_options = session_kwargs.pop("options", None)
        self.run_metadata = session_kwargs.pop("run_metadata", None)
        self.fetches = [array_ops.identity(x) for x in self.fetches]
        self.session_kwargs = session_kwargs
        self.fetch_callbacks = {}
        if session_kwargs:
            raise ValueError("Some keys in session_kwargs are not supported at this time: %s"
                             % (session_kwargs.keys(),))

    def __call__(self, inputs):
        inputs = nest.flatten(inputs)
        session = get_session(inputs)
        feed = {}
        symbols = []
        for tensor, value in zip(self.inputs, inputs):
            if value is None:
                continue
            if isinstance(tensor, SparseTensor) or type(tensor).__name__ == "SparseTensor":
                coo = value.tocoo()
                indices = np.concatenate((np.expand_dims(coo.row, 1),
                                          np.expand_dims(coo.col, 1)), 1)
                feed[tensor] = (indices, coo.data, coo.shape)
            elif is_tensor(value):
                symbols.append((tensor, value))
            else:
                feed[tensor] = np.asarray(value, dtype=_dt.as_dtype(tensor.dtype).as_numpy_dtype)
        if symbols:
            # TF connects a tensor value to its placeholder inside the run (a
            # CallableOptions tensor_connection); flowgrad evaluates it first and feeds it
            values = session.run([math_ops.cast(v, t.dtype) if v.dtype != t.dtype else v
                                  for t, v in symbols])
            for (t, _), val in zip(symbols, values):
                feed[t] = val
        if self.feed_dict:
            for key in sorted(self.feed_dict.keys(), key=lambda k: k.name):
                feed[key] = np.asarray(self.feed_dict[key], dtype=key.dtype.base_dtype.name)
        fetched = run_function(session, self.outputs + self.fetches + [self.updates_op],
                               feed_dict=feed, options=self.run_options,
                               run_metadata=self.run_metadata)
        fetched = fetched[:-1]
        n = len(self.outputs)
        for fetch, out in zip(self.fetches, fetched[n:]):
            if fetch in self.fetch_callbacks:
                self.fetch_callbacks[fetch](out)
        return nest.pack_sequence_as(self._outputs_structure, fetched[:n])


def run_function(session, fetches, feed_dict=None, **kwargs):
    """session.run as TF 1.14's Keras runs its functions, through a callable made from
    options: the fed values' shapes are not checked against the placeholders' (a value
    fed to the wrong placeholder fails where an op reads it), and an OpError comes
    uninterpolated (`[[{{node Name}}]]`, no creation stack). A session without callables
    (a wrapper) runs them as run() does."""
    run = getattr(session, "_run_callable", session.run)
    try:
        return run(fetches, feed_dict=feed_dict, **kwargs)
    except errors.OpError as e:
        raise kernel_errors.uninterpolated(e) from None


def function(inputs, outputs, updates=None, name=None, **kwargs):
    """A Keras function: `f(list_of_input_values) -> list_of_output_values`; keyword
    arguments are Session.run's (feed_dict, fetches, options, run_metadata)."""
    for key in kwargs:
        if key not in _RUN_ARGS and key not in ("inputs", "outputs", "updates", "name"):
            raise ValueError('Invalid argument "%s" passed to K.function with TensorFlow '
                             'backend' % key)
    return GraphExecutionFunction(inputs, outputs, updates=updates, **kwargs)
