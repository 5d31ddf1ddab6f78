"""tf.keras.backend's core (TF 1.14 keras/backend.py): per-graph layer-name counters
(`dense`, `dense_1`, ...), the learning-phase placeholder, floatx and epsilon, Keras'
session, the RNN loop. The public module is keras/backend.py, which re-exports these.
"""
import builtins as _builtins

import numpy as np

from ..engine.framework import constant_op
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph, name_scope, reset_default_graph
from .. import nn
from ..ops import array_ops, control_flow_ops, math_ops, random_ops, sparse_ops
from ..ops.linalg_ops import matmul
from ..ops.sparse_tensor import SparseTensor
from ..ops.variables import Variable
from ..engine.framework.graph import Tensor
from ..engine.framework.tensor_shape import dimension_value
from ..engine.ops.control_flow import while_loop
from ..ops import _nest as nest
from ..ops.tensor_array_ops import TensorArray
from ..engine.framework import graph_records as _records

__all__ = ["floatx", "set_floatx", "epsilon", "set_epsilon", "image_data_format",
           "set_image_data_format", "get_uid", "reset_uids", "learning_phase",
           "set_learning_phase", "name_scope", "unique_object_name", "get_graph",
           "clear_session", "is_sparse", "cast_to_floatx", "ndim", "dtype", "placeholder",
           "relu", "elu", "softmax", "all", "any", "concatenate", "expand_dims", "batch_dot",
           "switch", "in_train_phase", "in_test_phase", "random_normal", "random_uniform",
           "get_session", "set_session", "rnn", "get_graph", "track_variable"]

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"
_UIDS = _records.GraphRecords("_UIDS")            # graph -> {name: last uid}
_LEARNING_PHASES = _records.GraphRecords("_LEARNING_PHASES")  # graph -> tensor or 0/1
_GRAPH_VARIABLES = _records.GraphRecords("_GRAPH_VARIABLES")  # graph -> [variables keras tracks]
# graph -> ids of variables "initialized"
_KERAS_INITIALIZED = _records.GraphRecords("_KERAS_INITIALIZED")
_MANUAL_VAR_INIT = [False]  # manual_variable_initialization(True): get_session leaves them


def floatx():
    """The default float type as a string ('float32')."""
    return _FLOATX


def set_floatx(value):
    """Sets the default float type ('float16', 'float32' or 'float64')."""
    global _FLOATX
    if value not in {"float16", "float32", "float64"}:
        raise ValueError("Unknown floatx type: " + str(value))
    _FLOATX = str(value)


def epsilon():
    """The fuzz factor used in numeric expressions (1e-7)."""
    return _EPSILON


def set_epsilon(value):
    """Sets the fuzz factor."""
    global _EPSILON
    _EPSILON = value


def image_data_format():
    """'channels_last' (the default) or 'channels_first'."""
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    """Sets the default image data format."""
    global _IMAGE_DATA_FORMAT
    if data_format not in {"channels_last", "channels_first"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    _IMAGE_DATA_FORMAT = str(data_format)


def get_graph():
    """The graph Keras builds in: the default graph (graph mode)."""
    return get_default_graph()


def _uid_map(graph=None):
    g = graph or get_default_graph()
    if g not in _UIDS:
        _UIDS[g] = {}
    return _UIDS[g]


def get_uid(prefix=""):
    """1, 2, 3, ... for successive calls with `prefix` in the default graph."""
    uids = _uid_map().setdefault("__uid__", {})
    uids[prefix] = uids.get(prefix, 0) + 1
    return uids[prefix]


def reset_uids():
    """Forgets the layer-name counters of the default graph."""
    _uid_map().clear()


def unique_object_name(name, name_uid_map=None, avoid_names=None, namespace="",
                       zero_based=False):
    """`name`, `name_1`, ... unique among the objects named in this graph."""
    if name_uid_map is None:
        name_uid_map = _uid_map()
    if avoid_names is None:
        avoid_names = set()
    proposed = None
    while proposed is None or proposed in avoid_names:
        key = (namespace, name)
        number = name_uid_map.get(key, 0)
        if zero_based:
            proposed = name + "_" + str(number) if number else name
            name_uid_map[key] = number + 1
        else:
            name_uid_map[key] = number + 1
            proposed = name + "_" + str(number + 1)
    return proposed


def learning_phase():
    """The learning phase of the default graph: a bool placeholder_with_default(False)
    named 'keras_learning_phase', or the value set by set_learning_phase."""
    g = get_default_graph()
    if g not in _LEARNING_PHASES:
        with name_scope(""):
            with name_scope("keras_learning_phase") as scope:
                default = constant_op.constant(False, name="input")
                _LEARNING_PHASES[g] = array_ops.placeholder_with_default(
                    default, shape=(), name=scope)
    return _LEARNING_PHASES[g]


def set_learning_phase(value):
    """Fixes the learning phase of the default graph to 0 (test) or 1 (train)."""
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    _LEARNING_PHASES[get_default_graph()] = value


def clear_session():
    """Resets the default graph, forgets every graph's layer names and Keras' session, and
    makes the new graph's learning phase (TF 1.14's placeholder_with_default ops)."""
    reset_default_graph()
    _UIDS.clear()
    _SESSION["session"] = None
    _LEARNING_PHASES.clear()
    learning_phase()


def is_sparse(tensor):
    """Whether `tensor` is a SparseTensor."""
    return type(tensor).__name__ == "SparseTensor"


def is_keras_tensor(x):
    """Whether `x` was returned by a Keras layer or by Input (TF 1.14 keras/backend.py; TF's
    tf.keras.backend does not export it, keras_applications calls it on input_tensor).

    Raises:
      ValueError: `x` is not a Tensor, Variable or SparseTensor, in TF's words.
    """
    if not isinstance(x, (Tensor, Variable, SparseTensor)):
        raise ValueError("Unexpectedly found an instance of type `" + str(type(x)) +
                         "`. Expected a symbolic tensor instance.")
    return hasattr(x, "_keras_history")


def _dtype_name(dtype):
    return _dt.as_dtype(dtype).name


# -- tensor helpers the layers use (TF 1.14 keras/backend.py) ------------------------------
def cast_to_floatx(x):
    """`x` as a numpy array of dtype floatx()."""
    return np.asarray(x, dtype=floatx())


def ndim(x):
    """The rank of `x` as an int, or None when unknown."""
    return x.shape.ndims


def dtype(x):
    """The dtype of `x` as a string ('float32', ...)."""
    return x.dtype.base_dtype.name


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):  # noqa: A002
    """A placeholder of dtype floatx() by default; `ndim` gives a shape of Nones."""
    if dtype is None:
        dtype = floatx()
    if not shape and ndim:
        shape = tuple(None for _ in range(ndim))
    if sparse:
        return sparse_ops.sparse_placeholder(dtype, shape=shape, name=name)
    return array_ops.placeholder(dtype, shape=shape, name=name)


def relu(x, alpha=0.0, max_value=None, threshold=0):
    """Rectified linear unit with a leak `alpha`, a cap `max_value` and a `threshold`."""
    if alpha != 0.0:
        if max_value is None and threshold == 0:
            return nn.leaky_relu(x, alpha=alpha)
        negative_part = nn.relu(-x + threshold) if threshold != 0 else nn.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        x = x * math_ops.cast(math_ops.greater(x, threshold), floatx())
    elif max_value == 6:
        x = nn.relu6(x)
        clip_max = False
    else:
        x = nn.relu(x)
    if clip_max:
        base = x.dtype.base_dtype
        x = math_ops.clip_by_value(x, constant_op.constant(0.0, dtype=base),
                                   constant_op.constant(max_value, dtype=base))
    if alpha != 0.0:
        x -= convert_to_tensor(alpha, dtype=x.dtype.base_dtype) * negative_part
    return x


def elu(x, alpha=1.0):
    """Exponential linear unit with slope `alpha` below zero."""
    res = nn.elu(x)
    if alpha == 1:
        return res
    return array_ops.where(x > 0, res, alpha * res)


def softmax(x, axis=-1):
    """nn.softmax over `axis`."""
    return nn.softmax(x, axis=axis)


def all(x, axis=None, keepdims=False):  # noqa: A001
    """Logical AND over `axis` (x cast to bool)."""
    return math_ops.reduce_all(math_ops.cast(x, _dt.bool_), axis, keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    """Logical OR over `axis` (x cast to bool)."""
    return math_ops.reduce_any(math_ops.cast(x, _dt.bool_), axis, keepdims)


def concatenate(tensors, axis=-1):
    """Concatenates along `axis` (a negative axis counts from the first tensor's rank)."""
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    return array_ops.concat(list(tensors), axis)


def expand_dims(x, axis=-1):
    """array_ops.expand_dims."""
    return array_ops.expand_dims(x, axis)


def batch_dot(x, y, axes=None):
    """Dot product of the samples of x and y along `axes` (TF 1.14's rules)."""
    if isinstance(axes, int):
        axes = (axes, axes)
    x_ndim, y_ndim = ndim(x), ndim(y)
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 2]
    diff = 0
    if x_ndim > y_ndim:
        diff = x_ndim - y_ndim
        y = array_ops.reshape(y, array_ops.concat([array_ops.shape(y), [1] * diff], axis=0))
    elif y_ndim > x_ndim:
        diff = y_ndim - x_ndim
        x = array_ops.reshape(x, array_ops.concat([array_ops.shape(x), [1] * diff], axis=0))
    if ndim(x) == 2 and ndim(y) == 2:
        if axes[0] == axes[1]:
            out = math_ops.reduce_sum(math_ops.multiply(x, y), axes[0])
        else:
            out = math_ops.reduce_sum(
                math_ops.multiply(array_ops.transpose(x, [1, 0]), y), axes[1])
    else:
        adj_x = None if axes[0] == ndim(x) - 1 else True
        adj_y = True if axes[1] == ndim(y) - 1 else None
        out = matmul(x, y, adjoint_a=adj_x, adjoint_b=adj_y)
    if diff:
        idx = x_ndim + y_ndim - 3 if x_ndim > y_ndim else x_ndim - 1
        out = array_ops.squeeze(out, list(range(idx, idx + diff)))
    if ndim(out) == 1:
        out = expand_dims(out, 1)
    return out


def switch(condition, then_expression, else_expression):
    """cond() on a scalar condition, where() on a tensor one."""
    if condition.dtype != _dt.bool_:
        condition = math_ops.cast(condition, "bool")
    cond_ndim = ndim(condition)
    if not cond_ndim:
        then_fn = then_expression if callable(then_expression) else (lambda: then_expression)
        else_fn = else_expression if callable(else_expression) else (lambda: else_expression)
        return control_flow_ops.cond(condition, then_fn, else_fn)
    if callable(then_expression):
        then_expression = then_expression()
    if callable(else_expression):
        else_expression = else_expression()
    expr_ndim = ndim(then_expression)
    if cond_ndim > expr_ndim:
        raise ValueError("Rank of `condition` should be less than or equal to rank of "
                         "`then_expression` and `else_expression`. ndim(condition)="
                         + str(cond_ndim) + ", ndim(then_expression)=" + str(expr_ndim))
    if cond_ndim > 1:
        cond_shape = array_ops.concat([array_ops.shape(condition),
                                       [1] * (expr_ndim - cond_ndim)], axis=0)
        condition = array_ops.reshape(condition, cond_shape)
        expr_shape = array_ops.shape(then_expression)
        tile_shape = array_ops.where(expr_shape - cond_shape > 0, expr_shape,
                                     array_ops.ones_like(expr_shape))
        condition = array_ops.tile(condition, tile_shape)
    return array_ops.where(condition, then_expression, else_expression)


def in_train_phase(x, alt, training=None):
    """`x` while training, `alt` otherwise (a switch on a tensor `training`)."""
    if training is None:
        training = learning_phase()
    if training is True or (not hasattr(training, "op") and training == 1):
        return x() if callable(x) else x
    if training is False or (not hasattr(training, "op") and training == 0):
        return alt() if callable(alt) else alt
    return switch(training, x, alt)


def in_test_phase(x, alt, training=None):
    """`x` at test time, `alt` while training."""
    return in_train_phase(alt, x, training=training)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):  # noqa: A002
    """random_ops.random_normal with a numpy-drawn op seed when `seed` is None."""
    if dtype is None:
        dtype = floatx()
    if seed is None:
        seed = np.random.randint(10e6)
    return random_ops.random_normal(shape, mean=mean, stddev=stddev, dtype=dtype, seed=seed)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):  # noqa: A002
    """random_ops.random_uniform with a numpy-drawn op seed when `seed` is None."""
    if dtype is None:
        dtype = floatx()
    if seed is None:
        seed = np.random.randint(10e6)
    return random_ops.random_uniform(shape, minval=minval, maxval=maxval, dtype=dtype,
                                     seed=seed)


# -- keras' session side effects ----------------------------------------------------------
def track_variable(v):
    """Records `v` as a Keras variable of its graph (what get_session initializes); a
    PartitionedVariable (no `graph`) goes with the default graph, as TF's."""
    graph = v.graph if hasattr(v, "graph") else get_default_graph()
    tracked = _GRAPH_VARIABLES.setdefault(graph, [])
    for x in tracked:   # TF's is a set: a variable once (`any` is keras's here)
        if x is v:
            return
    tracked.append(v)


def _initialize_variables_ops():
    """The ops TF 1.14's keras get_session() adds when it initializes the Keras variables
    not yet initialized in its own session: an IsVariableInitialized per variable, then
    variables_initializer (a NoOp 'init'). TF 1.14 calls get_session() when it asks for the
    GPUs (a channels_first pool or conv in keras.backend on CPU), so its graphs have these
    ops, and later graph-seeded random ops see the op count they make; flowgrad builds
    the same ops (Keras' own session, which TF also initializes them in, is not made)."""
    from ..ops import variables as _variables  # lazy: ops.variables imports init_ops
    g = get_default_graph()
    done = _KERAS_INITIALIZED.setdefault(g, set())
    candidates = [v for v in _GRAPH_VARIABLES.get(g, []) if id(v) not in done]
    if not candidates:
        return
    for v in candidates:
        _variables.is_variable_initialized(v)
        done.add(id(v))
    _variables.variables_initializer(candidates)


_SESSION = {"session": None}


def get_session(op_input_list=()):
    """The default session if any, else Keras' own session when it is of the graph of
    `op_input_list` (the default graph without one), else a new one of the default graph;
    then initializes the Keras variables of the session's graph not yet initialized (an
    IsVariableInitialized per new variable, then variables_initializer), as TF 1.14."""
    from ..engine.framework.graph import _graph_of  # lazy: keep imports small
    from ..engine.framework.graph import get_default_session  # lazy: keep imports small
    from ..engine.runtime.session import Session  # lazy: the runtime is heavy
    from ..ops import variables as _variables  # lazy: ops.variables imports init_ops
    session = get_default_session()
    if session is None:
        own = _SESSION["session"]
        if own is None or own.graph is not _graph_of(list(op_input_list)) or \
                getattr(own, "_closed", False):
            own = Session(graph=get_default_graph())
            _SESSION["session"] = own
        session = own
    g = session.graph
    done = _KERAS_INITIALIZED.setdefault(g, set())
    candidates = [v for v in _GRAPH_VARIABLES.get(g, []) if id(v) not in done]
    if candidates and not _MANUAL_VAR_INIT[0]:
        flags = session.run([_variables.is_variable_initialized(v) for v in candidates])
        for v in candidates:
            done.add(id(v))
        uninitialized = [v for f, v in zip(flags, candidates) if not f]
        if uninitialized:
            session.run(_variables.variables_initializer(uninitialized))
    return session


def set_session(session):
    """Makes `session` the session Keras uses when no default session is set."""
    _SESSION["session"] = session


# -- the RNN time loop (TF 1.14's keras.backend.rnn) ------------------------------------
def _swap_batch_time(x):
    axes = list(range(x.shape.ndims))
    axes[0], axes[1] = 1, 0
    return array_ops.transpose(x, axes)


def _expand_mask(mask_t, like):
    rank = like.shape.ndims
    for _ in range(rank - mask_t.shape.ndims):
        mask_t = array_ops.expand_dims(mask_t, -1)
    multiples = [1] * mask_t.shape.ndims
    shape = like.shape.as_list()
    if _builtins.any(s is None for s in shape[1:]):
        dyn = array_ops.shape(like)
        multiples = array_ops.concat([[1], dyn[1:]], 0)
    else:
        multiples = [1] + shape[1:]
    return array_ops.tile(mask_t, multiples)


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None,
        unroll=False, input_length=None, time_major=False, zero_output_for_mask=False):
    """Iterates `step_function(input_t, states) -> (output_t, new_states)` over the time
    dimension of `inputs` (batch-major unless time_major); returns (last_output, outputs,
    new_states) as TF 1.14's keras.backend.rnn."""
    if not time_major:
        inputs = nest.map_structure(_swap_batch_time, inputs)
    flat_inputs = nest.flatten(inputs)
    time_steps = dimension_value(flat_inputs[0].shape[0])
    batch = dimension_value(flat_inputs[0].shape[1])
    time_steps_t = array_ops.shape(flat_inputs[0])[0]
    for inp in flat_inputs:
        inp.shape.with_rank_at_least(3)
    if mask is not None:
        if mask.dtype != _dt.bool_:
            mask = math_ops.cast(mask, _dt.bool_)
        if mask.shape.ndims == 2:
            mask = array_ops.expand_dims(mask, -1)
        if not time_major:
            mask = _swap_batch_time(mask)
    constants = list(constants or [])
    states = tuple(initial_states)
    if unroll:
        if not time_steps:
            raise ValueError("Unrolling requires a fixed number of timesteps.")
        successive_states, successive_outputs = [], []

        def _process(x):
            steps = array_ops.unstack(x)
            return steps[::-1] if go_backwards else steps
        processed = [_process(x) for x in flat_inputs]
        masks = _process(mask) if mask is not None else None
        prev_output = None
        for i in range(time_steps):
            inp = nest.pack_sequence_as(inputs, [p[i] for p in processed])
            output, new_states = step_function(inp, tuple(states) + tuple(constants))
            if masks is not None:
                mask_t = masks[i]
                if prev_output is None:
                    prev_output = array_ops.zeros_like(output)
                base = array_ops.zeros_like(output) if zero_output_for_mask else prev_output
                output = array_ops.where(_expand_mask(mask_t, output), output, base)
                new_states = [array_ops.where(_expand_mask(mask_t, ns), ns, s)
                              for s, ns in zip(nest.flatten(states), nest.flatten(new_states))]
                prev_output = output
            states = tuple(nest.flatten(new_states))
            successive_outputs.append(output)
            successive_states.append(states)
        last_output = successive_outputs[-1]
        new_states = successive_states[-1]
        outputs = array_ops.stack(successive_outputs)
    else:
        input_ta = tuple(
            TensorArray(dtype=inp.dtype, size=time_steps_t, tensor_array_name="input_ta_%s" % i)
            for i, inp in enumerate(flat_inputs))
        input_ta = tuple(
            ta.unstack(inp) if not go_backwards else ta.unstack(array_ops.reverse(inp, [0]))
            for ta, inp in zip(input_ta, flat_inputs))
        input_time_zero = nest.pack_sequence_as(inputs, [inp[0] for inp in flat_inputs])
        output_time_zero, _ = step_function(input_time_zero, tuple(states) + tuple(constants))
        flat_zero = nest.flatten(output_time_zero)
        output_ta = tuple(
            TensorArray(dtype=out.dtype, size=time_steps_t, element_shape=out.shape,
                        tensor_array_name="output_ta_%s" % i)
            for i, out in enumerate(flat_zero))
        time = constant_op.constant(0, dtype=_dt.int32, name="time")
        kwargs = {"cond": lambda time, *_: time < time_steps_t,
                  "maximum_iterations": input_length, "parallel_iterations": 32,
                  "swap_memory": True}
        if mask is not None:
            if not states:
                raise ValueError("No initial states provided! When using masking in an RNN, "
                                 "you should provide initial states (and your step function "
                                 "should return as its first state at time `t` the output at "
                                 "time `t-1`).")
            if go_backwards:
                mask = array_ops.reverse(mask, [0])
            mask_ta = TensorArray(dtype=_dt.bool_, size=time_steps_t,
                                  tensor_array_name="mask_ta").unstack(mask)
            zero_outputs = tuple(array_ops.zeros_like(o) for o in flat_zero)

            def _step(time, output_ta_t, prev_output, *states):
                current = nest.pack_sequence_as(inputs, [ta.read(time) for ta in input_ta])
                mask_t = mask_ta.read(time)
                output, new_states = step_function(current, tuple(states) + tuple(constants))
                flat_output = nest.flatten(output)
                base = zero_outputs if zero_output_for_mask else nest.flatten(prev_output)
                flat_new_output = tuple(
                    array_ops.where(_expand_mask(mask_t, o), o, b)
                    for o, b in zip(flat_output, base))
                flat_state = nest.flatten(states)
                flat_new_state = nest.flatten(new_states)
                for s, ns in zip(flat_state, flat_new_state):
                    if isinstance(ns, Tensor):
                        ns.set_shape(s.shape)
                final = tuple(array_ops.where(_expand_mask(mask_t, s), ns, s)
                              for s, ns in zip(flat_state, flat_new_state))
                output_ta_t = tuple(ta.write(time, out)
                                    for ta, out in zip(output_ta_t, flat_new_output))
                return (time + 1, output_ta_t, tuple(flat_new_output)) + final
            final_outputs = while_loop(body=_step,
                                       loop_vars=(time, output_ta, zero_outputs) + states,
                                       **kwargs)
            new_states = final_outputs[3:]
        else:
            def _step(time, output_ta_t, *states):
                current = nest.pack_sequence_as(inputs, [ta.read(time) for ta in input_ta])
                output, new_states = step_function(current, tuple(states) + tuple(constants))
                flat_new_state = nest.flatten(new_states)
                for s, ns in zip(nest.flatten(states), flat_new_state):
                    if isinstance(ns, Tensor):
                        ns.set_shape(s.shape)
                output_ta_t = tuple(ta.write(time, out)
                                    for ta, out in zip(output_ta_t, nest.flatten(output)))
                return (time + 1, output_ta_t) + tuple(flat_new_state)
            final_outputs = while_loop(body=_step, loop_vars=(time, output_ta) + states,
                                       **kwargs)
            new_states = final_outputs[2:]
        outputs = final_outputs[1][0].stack()
        last_output = outputs[-1]
    shape = outputs.shape.as_list()
    if shape:
        shape[0], shape[1] = time_steps, batch
        outputs.set_shape(shape)
    if not time_major:
        outputs = _swap_batch_time(outputs)
    return last_output, outputs, list(new_states)
