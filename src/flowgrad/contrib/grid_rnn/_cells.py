"""TF 1.14's contrib/grid_rnn/python/ops/grid_rnn_cell.py: GridRNNCell (one cell per grid
dimension; input dimensions projected by `project_m_<d>` / `project_c_<d>`, recurrent
dimensions run their cell in scope `recurrent/cell_<d>` (`recurrent` when tied),
non-recurrent ones a fully_connected layer in `non_recurrent/cell_<d>`; the non-priority
dimensions first) and its Grid1/2/3 presets. Op for op as TF (the op counter after them
is TF's)."""
from __future__ import annotations

import functools
from collections import namedtuple

from ...engine.framework.tensor_shape import dimension_value
from ...logging import warning as _warn
from ...ops import array_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import BasicLSTMCell, BasicRNNCell, GRUCell, LSTMCell, RNNCell
from ..layers.layers import fully_connected

__all__ = ["Grid1BasicLSTMCell", "Grid1BasicRNNCell", "Grid1LSTMCell", "Grid2BasicLSTMCell",
           "Grid2BasicRNNCell", "Grid2GRUCell", "Grid2LSTMCell", "Grid3LSTMCell",
           "GridRNNCell"]

_GridRNNDimension = namedtuple("_GridRNNDimension", [
    "idx", "is_input", "is_output", "is_priority", "non_recurrent_fn"])

_GridRNNConfig = namedtuple("_GridRNNConfig", [
    "num_dims", "dims", "inputs", "outputs", "recurrents", "priority", "non_priority",
    "tied", "num_units"])


class GridRNNCell(RNNCell):
    """A grid of `num_dims` cells; the input feeds `input_dims`, the output is that of
    `output_dims`, `priority_dims` run after the others see their new outputs."""

    def __init__(self, num_units, num_dims=1, input_dims=None, output_dims=None,
                 priority_dims=None, non_recurrent_dims=None, tied=False, cell_fn=None,
                 non_recurrent_fn=None, state_is_tuple=True, output_is_tuple=True):
        # as TF's, it does not run RNNCell.__init__ (its own __call__ opens the scope)
        if not state_is_tuple:
            _warn("%s: Using a concatenated state is slower and will soon be deprecated.  "
                  "Use state_is_tuple=True.", self)
        if not output_is_tuple:
            _warn("%s: Using a concatenated output is slower and will soon be deprecated.  "
                  "Use output_is_tuple=True.", self)
        if num_dims < 1:
            raise ValueError("dims must be >= 1: {}".format(num_dims))
        self._config = _parse_rnn_config(num_dims, input_dims, output_dims, priority_dims,
                                         non_recurrent_dims, non_recurrent_fn or nn_ops.relu,
                                         tied, num_units)
        self._state_is_tuple = state_is_tuple
        self._output_is_tuple = output_is_tuple
        if cell_fn is None:
            my_cell_fn = functools.partial(LSTMCell, num_units=num_units,
                                           state_is_tuple=state_is_tuple)
        else:
            def my_cell_fn():
                return cell_fn(num_units)
        if tied:
            self._cells = [my_cell_fn()] * num_dims
        else:
            self._cells = [my_cell_fn() for _ in range(num_dims)]
        if not isinstance(self._cells[0], RNNCell):
            raise TypeError("cell_fn must return an RNNCell instance, saw: %s"
                            % type(self._cells[0]))
        outputs, recurrents = self._config.outputs, self._config.recurrents
        if output_is_tuple:
            self._output_size = tuple(self._cells[0].output_size for _ in outputs)
        else:
            self._output_size = self._cells[0].output_size * len(outputs)
        if state_is_tuple:
            self._state_size = tuple(self._cells[0].state_size for _ in recurrents)
        else:
            self._state_size = self._cell_state_size() * len(recurrents)

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    def __call__(self, inputs, state, scope=None):
        conf = self._config
        dtype = inputs.dtype
        c_prev, m_prev, cell_output_size = self._extract_states(state)
        new_output = [None] * conf.num_dims
        new_state = [None] * conf.num_dims
        with vs.variable_scope(scope or type(self).__name__):
            self._project_input(inputs, c_prev, m_prev, cell_output_size > 0)
            _propagate(conf.non_priority, conf, self._cells, c_prev, m_prev, new_output,
                       new_state, True)
            _propagate(conf.priority, conf, self._cells, c_prev, m_prev, new_output,
                       new_state, False)
            output_tensors = [new_output[i] for i in conf.outputs]
            if self._output_is_tuple:
                output = tuple(output_tensors)
            elif output_tensors:
                output = array_ops.concat(output_tensors, 1)
            else:
                output = array_ops.zeros([0, 0], dtype)
            if self._state_is_tuple:
                states = tuple(new_state[i] for i in conf.recurrents)
            else:
                state_tensors = [x for i in conf.recurrents for x in new_state[i]]
                if state_tensors:
                    states = array_ops.concat(state_tensors, 1)
                else:
                    states = array_ops.zeros([0, 0], dtype)
        return output, states

    def _extract_states(self, state):
        conf = self._config
        c_prev = [None] * conf.num_dims
        m_prev = [None] * conf.num_dims
        total = self._cell_state_size()
        cell_output_size = total - conf.num_units
        if self._state_is_tuple:
            if len(conf.recurrents) != len(state):
                raise ValueError("Expected state as a tuple of {} element".format(
                    len(conf.recurrents)))
            for dim, dim_state in zip(conf.recurrents, state):
                if cell_output_size > 0:
                    c_prev[dim], m_prev[dim] = dim_state
                else:
                    m_prev[dim] = dim_state
        else:
            for dim, start in zip(conf.recurrents, range(0, self.state_size, total)):
                if cell_output_size > 0:
                    c_prev[dim] = array_ops.slice(state, [0, start], [-1, conf.num_units])
                    m_prev[dim] = array_ops.slice(state, [0, start + conf.num_units],
                                                  [-1, cell_output_size])
                else:
                    m_prev[dim] = array_ops.slice(state, [0, start], [-1, conf.num_units])
        return c_prev, m_prev, cell_output_size

    def _project_input(self, inputs, c_prev, m_prev, with_c):
        conf = self._config
        if (inputs is not None and dimension_value(inputs.shape.with_rank(2)[1]) > 0
                and conf.inputs):
            if isinstance(inputs, tuple):
                if len(conf.inputs) != len(inputs):
                    raise ValueError("Expect inputs as a tuple of {} tensors".format(
                        len(conf.inputs)))
                input_splits = inputs
            else:
                input_splits = array_ops.split(value=inputs, num_or_size_splits=len(
                    conf.inputs), axis=1)
            input_sz = dimension_value(input_splits[0].shape.with_rank(2)[1])
            for i, j in enumerate(conf.inputs):
                project_m = vs.get_variable("project_m_{}".format(j),
                                            [input_sz, conf.num_units], dtype=inputs.dtype)
                m_prev[j] = matmul(input_splits[i], project_m)
                if with_c:
                    project_c = vs.get_variable("project_c_{}".format(j),
                                                [input_sz, conf.num_units],
                                                dtype=inputs.dtype)
                    c_prev[j] = matmul(input_splits[i], project_c)

    def _cell_state_size(self):
        sizes = self._cells[0].state_size
        if isinstance(sizes, tuple):
            return sum(sizes)
        return sizes


def _preset(num_dims, cell_fn, num_units, tied, non_recurrent_fn, state_is_tuple,
            output_is_tuple):
    return dict(num_units=num_units, num_dims=num_dims, input_dims=0, output_dims=0,
                priority_dims=0, tied=tied,
                non_recurrent_dims=None if non_recurrent_fn is None else 0,
                cell_fn=cell_fn, non_recurrent_fn=non_recurrent_fn,
                state_is_tuple=state_is_tuple, output_is_tuple=output_is_tuple)


class Grid1BasicRNNCell(GridRNNCell):
    """1-D grid of BasicRNNCells."""

    def __init__(self, num_units, state_is_tuple=True, output_is_tuple=True):
        super().__init__(**_preset(1, lambda n: BasicRNNCell(num_units=n), num_units, False,
                                   None, state_is_tuple, output_is_tuple))


class Grid2BasicRNNCell(GridRNNCell):
    """2-D grid of BasicRNNCells (dimension 0 non-recurrent with `non_recurrent_fn`)."""

    def __init__(self, num_units, tied=False, non_recurrent_fn=None, state_is_tuple=True,
                 output_is_tuple=True):
        super().__init__(**_preset(2, lambda n: BasicRNNCell(num_units=n), num_units, tied,
                                   non_recurrent_fn, state_is_tuple, output_is_tuple))


class Grid1BasicLSTMCell(GridRNNCell):
    """1-D grid of BasicLSTMCells."""

    def __init__(self, num_units, forget_bias=1, state_is_tuple=True, output_is_tuple=True):
        def cell_fn(n):
            return BasicLSTMCell(num_units=n, forget_bias=forget_bias)
        super().__init__(**_preset(1, cell_fn, num_units, False, None, state_is_tuple,
                                   output_is_tuple))


class Grid2BasicLSTMCell(GridRNNCell):
    """2-D grid of BasicLSTMCells."""

    def __init__(self, num_units, tied=False, non_recurrent_fn=None, forget_bias=1,
                 state_is_tuple=True, output_is_tuple=True):
        def cell_fn(n):
            return BasicLSTMCell(num_units=n, forget_bias=forget_bias)
        super().__init__(**_preset(2, cell_fn, num_units, tied, non_recurrent_fn,
                                   state_is_tuple, output_is_tuple))


def _lstm_fn(forget_bias, use_peepholes):
    def cell_fn(n):
        return LSTMCell(num_units=n, forget_bias=forget_bias, use_peepholes=use_peepholes)
    return cell_fn


class Grid1LSTMCell(GridRNNCell):
    """1-D grid of LSTMCells."""

    def __init__(self, num_units, use_peepholes=False, forget_bias=1.0, state_is_tuple=True,
                 output_is_tuple=True):
        super().__init__(**_preset(1, _lstm_fn(forget_bias, use_peepholes), num_units,
                                   False, None, state_is_tuple, output_is_tuple))


class Grid2LSTMCell(GridRNNCell):
    """2-D grid of LSTMCells."""

    def __init__(self, num_units, tied=False, non_recurrent_fn=None, use_peepholes=False,
                 forget_bias=1.0, state_is_tuple=True, output_is_tuple=True):
        super().__init__(**_preset(2, _lstm_fn(forget_bias, use_peepholes), num_units, tied,
                                   non_recurrent_fn, state_is_tuple, output_is_tuple))


class Grid3LSTMCell(GridRNNCell):
    """3-D grid of LSTMCells."""

    def __init__(self, num_units, tied=False, non_recurrent_fn=None, use_peepholes=False,
                 forget_bias=1.0, state_is_tuple=True, output_is_tuple=True):
        super().__init__(**_preset(3, _lstm_fn(forget_bias, use_peepholes), num_units, tied,
                                   non_recurrent_fn, state_is_tuple, output_is_tuple))


class Grid2GRUCell(GridRNNCell):
    """2-D grid of GRUCells."""

    def __init__(self, num_units, tied=False, non_recurrent_fn=None, state_is_tuple=True,
                 output_is_tuple=True):
        super().__init__(**_preset(2, lambda n: GRUCell(num_units=n), num_units, tied,
                                   non_recurrent_fn, state_is_tuple, output_is_tuple))


def _parse_rnn_config(num_dims, ls_input_dims, ls_output_dims, ls_priority_dims,
                      ls_non_recurrent_dims, non_recurrent_fn, tied, num_units):
    def check_dim_list(ls):
        if ls is None:
            ls = []
        if not isinstance(ls, (list, tuple)):
            ls = [ls]
        ls = sorted(set(ls))
        if any(d < 0 or d >= num_dims for d in ls):
            raise ValueError("Invalid dims: {}. Must be in [0, {})".format(ls, num_dims))
        return ls

    input_dims = check_dim_list(ls_input_dims)
    output_dims = check_dim_list(ls_output_dims)
    priority_dims = check_dim_list(ls_priority_dims)
    non_recurrent_dims = check_dim_list(ls_non_recurrent_dims)
    dims = [_GridRNNDimension(idx=i, is_input=i in input_dims, is_output=i in output_dims,
                              is_priority=i in priority_dims,
                              non_recurrent_fn=non_recurrent_fn if i in non_recurrent_dims
                              else None)
            for i in range(num_dims)]
    return _GridRNNConfig(
        num_dims=num_dims, dims=dims, inputs=input_dims, outputs=output_dims,
        recurrents=[x for x in range(num_dims) if x not in non_recurrent_dims],
        priority=priority_dims,
        non_priority=[x for x in range(num_dims) if x not in priority_dims],
        tied=tied, num_units=num_units)


def _propagate(dim_indices, conf, cells, c_prev, m_prev, new_output, new_state, first_call):
    """Runs the cells of `dim_indices` on the other dimensions' (new or previous) outputs
    and the last dimension's output as their state."""
    if len(dim_indices) == 0:
        return
    if conf.num_dims > 1:
        cell_inputs = array_ops.concat(
            [m_prev[d.idx] if new_output[d.idx] is None else new_output[d.idx]
             for d in conf.dims[:-1]], 1)
    else:
        cell_inputs = array_ops.zeros([m_prev[0].shape.as_list()[0], 0], m_prev[0].dtype)
    last_dim_output = new_output[-1] if new_output[-1] is not None else m_prev[-1]
    for i in dim_indices:
        d = conf.dims[i]
        if d.non_recurrent_fn:
            if conf.num_dims > 1:
                linear_args = array_ops.concat([cell_inputs, last_dim_output], 1)
            else:
                linear_args = last_dim_output
            with vs.variable_scope("non_recurrent" if conf.tied
                                   else "non_recurrent/cell_{}".format(i)):
                if conf.tied and not (first_call and i == dim_indices[0]):
                    vs.get_variable_scope().reuse_variables()
                scope = vs.get_variable_scope()
                if scope.initializer is None:
                    # TF 1.14 falls back to `layers.initializers.xavier_initializer`, an
                    # attribute tf.contrib.layers lacks: its AttributeError
                    raise AttributeError(
                        "module 'tensorflow.contrib.layers' has no attribute 'initializers'")
                new_output[d.idx] = fully_connected(
                    linear_args, num_outputs=conf.num_units, activation_fn=d.non_recurrent_fn,
                    weights_initializer=scope.initializer,
                    weights_regularizer=scope.regularizer)
        else:
            if c_prev[i] is not None:
                cell_state = (c_prev[i], last_dim_output)
            else:
                cell_state = last_dim_output
            with vs.variable_scope("recurrent" if conf.tied
                                   else "recurrent/cell_{}".format(i)):
                if conf.tied and not (first_call and i == dim_indices[0]):
                    vs.get_variable_scope().reuse_variables()
                new_output[d.idx], new_state[d.idx] = cells[i](cell_inputs, cell_state)
