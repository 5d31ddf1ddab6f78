"""`tf.train.ExponentialMovingAverage` and `assign_moving_average` (TF 1.14 semantics).

The shadow variable of `v` is `v/ExponentialMovingAverage` (a slot made as
slot_creator makes it), updated by `shadow -= (1 - decay) * (shadow - v)`:

>>> v = tf.Variable(1.0, name="v")
>>> ema = tf.train.ExponentialMovingAverage(decay=0.9)
>>> update = ema.apply([v])
>>> ema.average(v).op.name
'v/ExponentialMovingAverage'
"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, get_default_graph, name_scope
from ..ops import control_flow_ops, math_ops, state_ops
from ..ops.variables import (Variable, global_variables, moving_average_variables,
                             trainable_variables)
from ..ops import init_ops
from ..ops import variable_scope as vs
from .slot_creator import create_slot, create_zeros_slot

__all__ = ["ExponentialMovingAverage", "assign_moving_average"]


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """variable -= (1 - decay) * (variable - value); returns the updated variable's ref.

    Args:
      variable: a Variable. value: a tensor of its shape. decay: float or float Tensor.
      zero_debias: if True, keep a biased copy and a step count and write the
        debiased value biased / (1 - decay^t) into `variable` (for averages
        that start at zero).
      name: scope name ("AssignMovingAvg").
    Returns:
      The variable's value after the update.
    """
    with name_scope(name, "AssignMovingAvg", [variable, value, decay]) as scope:
        decay = convert_to_tensor(1.0 - decay, name="decay")
        if decay.dtype.base_dtype is not variable.dtype.base_dtype:
            decay = math_ops.cast(decay, variable.dtype.base_dtype)
        if zero_debias:
            return _zero_debias(variable, value, decay, scope)
        return state_ops.assign_sub(variable, (variable - value) * decay, name=scope)


def _zero_debias(unbiased_var, value, decay, scope):
    """Updates a biased shadow and a step count; writes biased / (1 - (1-decay)^t) (as TF)."""
    g = get_default_graph()
    with vs.variable_scope(unbiased_var.name[:-len(":0")], values=[unbiased_var, value, decay]):
        with g.control_dependencies(None):
            def maybe_get_unique(name):
                if vs.get_variable_scope().reuse:
                    return name
                vs_vars = [x.op.name for x in vs.get_variable_scope().global_variables()]
                full_name = vs.get_variable_scope().name + "/" + name
                if full_name not in vs_vars:
                    return name
                idx = 1
                while full_name + ("_%d" % idx) in vs_vars:
                    idx += 1
                return name + ("_%d" % idx)
            with g.colocate_with(unbiased_var.op):
                biased_var = vs.get_variable(
                    maybe_get_unique("biased"), initializer=init_ops.zeros_initializer(),
                    shape=unbiased_var.get_shape(), dtype=unbiased_var.dtype.base_dtype,
                    trainable=False)
                local_step = vs.get_variable(
                    maybe_get_unique("local_step"), shape=[],
                    dtype=unbiased_var.dtype.base_dtype,
                    initializer=init_ops.zeros_initializer(), trainable=False)
    update_biased = state_ops.assign_sub(biased_var, (biased_var - value) * decay)
    update_local_step = local_step.assign_add(1)
    bias_factor = 1 - math_ops.pow(1.0 - decay, update_local_step)
    return state_ops.assign(unbiased_var, update_biased / bias_factor, name=scope)


class ExponentialMovingAverage:
    """Maintains exponential moving averages (shadow variables) of variables and tensors.

    Args:
      decay: the decay (close to 1, e.g. 0.999).
      num_updates: optional step count; the decay used is then
        min(decay, (1 + num_updates) / (10 + num_updates)).
      zero_debias: debias the averages of Tensors (which start at zero).
      name: the shadow variables' suffix and the update op's name.
    """

    def __init__(self, decay, num_updates=None, zero_debias=False,
                 name="ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        self._averages = {}

    @property
    def name(self):
        return self._name

    def apply(self, var_list=None):
        """Creates shadow variables for `var_list` (default: trainable variables) and
        returns one op that updates them all.

        Shadows of Variables start at the variable's value and join the
        MOVING_AVERAGE_VARIABLES collection; shadows of Tensors start at zero.

        Raises:
          TypeError: an element is not of a float dtype.
        """
        if var_list is None:
            var_list = trainable_variables()
        zero_debias_true = set()
        g = get_default_graph()
        for var in var_list:
            if var.dtype.base_dtype not in (_dt.bfloat16, _dt.float16, _dt.float32, _dt.float64):
                raise TypeError("The variables must be half, float, or double: %s" % var.name)
            if var not in self._averages:
                with g.control_dependencies(None):
                    if isinstance(var, Variable):
                        avg = create_slot(var, var.initialized_value(), self.name)
                        g.add_to_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, var)
                    else:
                        avg = create_zeros_slot(var, self.name)
                        if self._zero_debias:
                            zero_debias_true.add(avg)
                self._averages[var] = avg
        with name_scope(self.name) as scope:
            decay = convert_to_tensor(self._decay, name="decay")
            if self._num_updates is not None:
                num_updates = math_ops.cast(self._num_updates, _dt.float32, name="num_updates")
                decay = math_ops.minimum(decay, (1.0 + num_updates) / (10.0 + num_updates))
            updates = []
            for var in var_list:
                zero_debias = self._averages[var] in zero_debias_true
                updates.append(assign_moving_average(self._averages[var], var, decay,
                                                     zero_debias=zero_debias))
            return control_flow_ops.group(*updates, name=scope)

    def average(self, var):
        """The shadow Variable of `var`, or None."""
        return self._averages.get(var, None)

    def average_name(self, var):
        """The name of the shadow variable of `var` (also before `apply`)."""
        if var in self._averages:
            return self._averages[var].op.name
        return get_default_graph().unique_name(var.op.name + "/" + self.name, mark_as_used=False)

    def variables_to_restore(self, moving_avg_variables=None):
        """{name in the checkpoint: variable}: averaged variables restore from their shadow."""
        name_map = {}
        if moving_avg_variables is None:
            moving_avg_variables = trainable_variables() + moving_average_variables()
        moving_avg_variables = set(moving_avg_variables)
        for v in moving_avg_variables:
            name_map[self.average_name(v)] = v
        names = {v.name for v in moving_avg_variables}
        for v in global_variables():
            if v.name not in names and v.op.name not in name_map:
                name_map[v.op.name] = v
        return name_map
