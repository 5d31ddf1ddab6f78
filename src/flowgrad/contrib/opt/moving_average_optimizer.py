"""`tf.contrib.opt.MovingAverageOptimizer`: an optimizer that also keeps an exponential
moving average of the variables it trains, and a saver that writes the averages under the
variables' names (to evaluate or serve with the averaged weights)."""
from __future__ import annotations

from ...engine.framework.graph import get_default_graph
from ...ops import control_flow_ops
from ...ops import variables
from ...ops.partitioned_variables import PartitionedVariable
from ...train.moving_averages import ExponentialMovingAverage
from ...train.optimizer import Optimizer
from ...train.saver import Saver, _op_list_to_dict

__all__ = ["MovingAverageOptimizer"]


class MovingAverageOptimizer(Optimizer):
    """Wraps `opt`: apply_gradients also updates an ExponentialMovingAverage of the trained
    variables (after the update when sequential_update, as TF); `swapping_saver()` saves
    each variable's average under the variable's name and the variable under the average's.

    Args:
      opt: the Optimizer computing and applying the gradients.
      average_decay, num_updates: the ExponentialMovingAverage's decay and num_updates.
      sequential_update: update the averages after the variables (a control dependency).
    """

    def __init__(self, opt, average_decay=0.9999, num_updates=None, sequential_update=True):
        # As TF, the base class is not initialized: everything goes through `opt`.
        self._optimizer = opt
        self._ema = ExponentialMovingAverage(average_decay, num_updates=num_updates)
        self._swapped_variable_name_map = None
        self._sequential_update = sequential_update

    def compute_gradients(self, *args, **kwargs):
        return self._optimizer.compute_gradients(*args, **kwargs)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        train_op = self._optimizer.apply_gradients(grads_and_vars, global_step=global_step,
                                                   name=name)
        var_list = [x[1] for x in grads_and_vars if x[0] is not None]
        self._swapped_variable_name_map = {}
        if self._sequential_update:
            with get_default_graph().control_dependencies([train_op]):
                ma_op = self._ema.apply(var_list)
        else:
            ma_op = self._ema.apply(var_list)
        for v in var_list:
            v_avg = self._ema.average(v)
            self._swapped_variable_name_map[v.op.name] = v_avg.op.name
            self._swapped_variable_name_map[v_avg.op.name] = v.op.name
        return control_flow_ops.group(train_op, ma_op, name="train_with_avg")

    def _find_swapped_variable(self, v_name_to_tensor, v_name, tensor):
        swapped_v_name = self._swapped_variable_name_map.get(v_name, None)
        if swapped_v_name is None:
            return tensor
        if swapped_v_name in v_name_to_tensor:
            return v_name_to_tensor[swapped_v_name]
        raise ValueError(("Variable to swap %s is not part of variables to save. "
                          "This breaks MovingAverageOptimizer.") % swapped_v_name)

    def swapping_saver(self, var_list=None, name="swapping_saver", **kwargs):
        """A tf.train.Saver of var_list (default: the global variables) with each trained
        variable and its average swapped.

        Raises:
          RuntimeError: apply_gradients (or minimize) was not called yet.
          ValueError: a variable's average is not in var_list.
        """
        if self._swapped_variable_name_map is None:
            raise RuntimeError("Must call apply_gradients or minimize before creating the "
                               "swapping_saver")
        if var_list is None:
            var_list = variables.global_variables()
        if not isinstance(var_list, dict):
            var_list = _op_list_to_dict(var_list)
        v_name_to_tensor = {}
        for k, tensor_or_list in var_list.items():
            if isinstance(tensor_or_list, (list, PartitionedVariable)):
                for tensor in tensor_or_list:
                    v_name_to_tensor[tensor.op.name] = tensor
            else:
                v_name_to_tensor[k] = tensor_or_list
        swapped_var_list = {}
        for k, tensor_or_list in var_list.items():
            if isinstance(tensor_or_list, list):
                swapped_var_list[k] = [
                    self._find_swapped_variable(v_name_to_tensor, tensor.op.name, tensor)
                    for tensor in tensor_or_list]
            else:
                swapped_var_list[k] = self._find_swapped_variable(v_name_to_tensor, k,
                                                                  tensor_or_list)
        return Saver(swapped_var_list, name=name, **kwargs)
