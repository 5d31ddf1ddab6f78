"""tf.train.experimental's loss scales (TF 1.14 training/experimental/loss_scale.py), graph
mode: LossScale (the base: calling it gives the scale as a float32 tensor, `update(grads)`
gives (update op, should_apply_gradients)), FixedLossScale (a constant) and
DynamicLossScale (resource variables 'current_loss_scale' and 'good_steps': the scale
grows by `multiplier` after `increment_period` finite steps and shrinks on a nonfinite
gradient, that step's gradients then not applied)."""
import abc

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph
from ..ops import control_flow_ops, math_ops
from ..ops.variables import Variable

__all__ = ["LossScale", "FixedLossScale", "DynamicLossScale", "get",
           "get_loss_scale_weights"]


class LossScale(metaclass=abc.ABCMeta):
    """The base of the loss scales: `__call__`, `update(grads)`, `get_config`."""

    def __init__(self):
        self._weights = {}

    @abc.abstractmethod
    def __call__(self):
        """The loss scale as a scalar float32 tensor."""

    @abc.abstractmethod
    def update(self, grads):
        """(update_op, should_apply_gradients) for the unscaled gradients `grads`."""

    def _add_weight(self, name, initial_value, dtype=None):
        """A non-trainable resource variable of the loss scale, one per graph and name."""
        variable = Variable(initial_value=initial_value, name=name, dtype=dtype,
                            trainable=False, use_resource=True)
        key = (name, id(get_default_graph()))
        if self._weights.get(key) is not None:
            raise RuntimeError("Duplicate variables detected. {}".format(key))
        self._weights[key] = variable
        return variable

    @abc.abstractmethod
    def get_config(self):
        """The constructor's arguments."""

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def get_loss_scale_weights(loss_scale):
    return loss_scale._weights.values()


class FixedLossScale(LossScale):
    """A loss scale that never changes."""

    def __init__(self, loss_scale_value):
        super().__init__()
        if not isinstance(loss_scale_value, (int, float)):
            raise ValueError("loss_scale_value must be a Python int or float.")
        if loss_scale_value < 1:
            raise ValueError("loss_scale_value must be at least 1.")
        self._loss_scale_value = float(loss_scale_value)

    def __call__(self):
        return convert_to_tensor(self._loss_scale_value)

    def update(self, grads):
        del grads
        return control_flow_ops.no_op(), True

    def get_config(self):
        return {"loss_scale_value": self._loss_scale_value}


def _is_all_finite(grads):
    per_grad = [math_ops.reduce_all(math_ops.is_finite(g)) for g in grads if g is not None]
    return math_ops.reduce_all(per_grad)


def _assign_if_finite(var, value):
    return control_flow_ops.cond(math_ops.is_finite(value), lambda: var.assign(value).op,
                                 control_flow_ops.no_op)


class DynamicLossScale(LossScale):
    """A loss scale raised by `multiplier` after `increment_period` steps of finite
    gradients and lowered by it (not below 1) at a step with a nonfinite one."""

    def __init__(self, initial_loss_scale=2 ** 15, increment_period=2000, multiplier=2.):
        super().__init__()
        self._initial_loss_scale = float(initial_loss_scale)
        self._increment_period = int(increment_period)
        self._multiplier = float(multiplier)
        self._current_loss_scale = self._add_weight(
            name="current_loss_scale", dtype=_dt.float32,
            initial_value=self._initial_loss_scale)
        self._num_good_steps = self._add_weight(name="good_steps", dtype=_dt.int64,
                                                initial_value=0)

    initial_loss_scale = property(lambda self: self._initial_loss_scale)
    increment_period = property(lambda self: self._increment_period)
    multiplier = property(lambda self: self._multiplier)

    def __call__(self):
        return self._current_loss_scale

    def update(self, grads):
        is_finite = _is_all_finite(grads)

        def update_if_finite_grads():
            def incr_loss_scale():
                new_loss_scale = self._current_loss_scale * self._multiplier
                return control_flow_ops.group(
                    _assign_if_finite(self._current_loss_scale, new_loss_scale),
                    self._num_good_steps.assign(0))
            return control_flow_ops.cond(
                self._num_good_steps + 1 >= self._increment_period, incr_loss_scale,
                lambda: self._num_good_steps.assign_add(1).op)

        def update_if_not_finite_grads():
            new_loss_scale = math_ops.maximum(
                self._current_loss_scale / self._multiplier, 1)
            return control_flow_ops.group(self._num_good_steps.assign(0),
                                          self._current_loss_scale.assign(new_loss_scale))

        update_op = control_flow_ops.cond(is_finite, update_if_finite_grads,
                                          update_if_not_finite_grads)
        return update_op, is_finite

    def get_config(self):
        return {"initial_loss_scale": self.initial_loss_scale,
                "increment_period": self.increment_period, "multiplier": self.multiplier}


def get(identifier):
    """A LossScale from a number (fixed), 'dynamic', a LossScale or None."""
    if isinstance(identifier, (int, float)):
        return FixedLossScale(identifier)
    if identifier == "dynamic":
        return DynamicLossScale()
    if isinstance(identifier, LossScale):
        return identifier
    if identifier is None:
        return None
    raise ValueError("Could not interpret loss scale identifier: %s" % identifier)
