"""`tf.contrib.opt`'s optimizers built on another optimizer or on tf.train's updates:
VariableClippingOptimizer, MultitaskOptimizerWrapper (+ clip_gradients_by_global_norm),
DropStaleGradientOptimizer, RegAdagradOptimizer and LARSOptimizer, as TF 1.14 builds them.
"""
from __future__ import annotations

import contextlib
import types

from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import Tensor, get_default_graph, name_scope
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import (array_ops, comparison_ops, control_flow_ops, init_ops, math_ops,
                    variable_scope)
from ...summary import summary_ops
from ...train import training_ops, training_util
from ...train.optimizer import Optimizer
from ...train.optimizers import AdagradOptimizer
from ... import logging

__all__ = ["VariableClippingOptimizer", "MultitaskOptimizerWrapper",
           "clip_gradients_by_global_norm", "DropStaleGradientOptimizer",
           "RegAdagradOptimizer", "LARSOptimizer"]


class VariableClippingOptimizer(Optimizer):
    """Applies `opt`'s updates, then clips the listed variables to `max_norm` (L2 norm along
    the given dimensions, as tf.clip_by_norm).

    Args:
      opt: the Optimizer that computes and applies the gradients.
      vars_to_clip_dims: {variable: [dimensions of the norm]}.
      max_norm: the norm to clip to.
      colocate_clip_ops_with_vars: colocate the norm ops with their variable.
    """

    def __init__(self, opt, vars_to_clip_dims, max_norm, use_locking=False,
                 colocate_clip_ops_with_vars=False, name="VariableClipping"):
        super().__init__(use_locking, name)
        self._opt = opt
        self._vars_to_clip_dims = {var: clip_dims[:]
                                   for var, clip_dims in vars_to_clip_dims.items()}
        self._max_norm = max_norm
        self._colocate_clip_ops_with_vars = colocate_clip_ops_with_vars

    def compute_gradients(self, *args, **kwargs):
        return self._opt.compute_gradients(*args, **kwargs)

    def get_slot(self, *args, **kwargs):
        return self._opt.get_slot(*args, **kwargs)

    def get_slot_names(self, *args, **kwargs):
        return self._opt.get_slot_names(*args, **kwargs)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        g = get_default_graph()
        with name_scope(name, self._name) as name:
            update_op = self._opt.apply_gradients(grads_and_vars, global_step=global_step)
            clip_update_ops = []
            with g.control_dependencies([update_op]):
                for grad, var in grads_and_vars:
                    if grad is None or var not in self._vars_to_clip_dims:
                        continue
                    with name_scope("clip_" + var.op.name):
                        if isinstance(grad, Tensor):
                            clip_update_ops.append(self._clip_dense(var))
                        else:
                            clip_update_ops.append(self._clip_sparse(grad, var))
            return control_flow_ops.group(*([update_op] + clip_update_ops), name=name)

    def _clip_dense(self, var):
        with self._maybe_colocate_with(var):
            updated_var_value = var.read_value()
            normalized_var = math_ops.clip_by_norm(updated_var_value, self._max_norm,
                                                   self._vars_to_clip_dims[var])
            delta = updated_var_value - normalized_var
        with get_default_graph().colocate_with(var.op):
            return var.assign_sub(delta, use_locking=self._use_locking)

    def _clip_sparse(self, grad, var):
        clip_dims = self._vars_to_clip_dims[var]
        if 0 in clip_dims:
            logging.warning("Clipping norm across dims %s for %s is inefficient when including "
                            "sparse dimension 0.", clip_dims, var.op.name)
            return self._clip_dense(var)
        g = get_default_graph()
        with g.colocate_with(var.op):
            var_subset = array_ops.gather(var, grad.indices)
        with self._maybe_colocate_with(var):
            normalized_var_subset = math_ops.clip_by_norm(var_subset, self._max_norm, clip_dims)
            delta = IndexedSlices(var_subset - normalized_var_subset, grad.indices,
                                  grad.dense_shape)
        with g.colocate_with(var.op):
            return var.scatter_sub(delta, use_locking=self._use_locking)

    @contextlib.contextmanager
    def _maybe_colocate_with(self, var):
        if self._colocate_clip_ops_with_vars:
            with get_default_graph().colocate_with(var.op):
                yield
        else:
            yield


# ---------------------------------------------------------------------------------------
# MultitaskOptimizerWrapper
# ---------------------------------------------------------------------------------------
def _is_all_zeros(grad):
    return comparison_ops.equal(math_ops.count_nonzero(grad), 0)


def _get_wrapper(fn, opt):
    def wrapper(self, grad, *args, **kwargs):
        all_zeros = _is_all_zeros(grad)

        def call_fn():
            with get_default_graph().control_dependencies([fn(grad, *args, **kwargs)]):
                return control_flow_ops.no_op()
        return control_flow_ops.cond(all_zeros, control_flow_ops.no_op, call_fn)
    return types.MethodType(wrapper, opt)


class MultitaskOptimizerWrapper:
    """Wraps an Optimizer so that an all-zero gradient leaves its variable and slots alone
    (each update runs under a tf.cond on count_nonzero(grad) == 0).

    Raises:
      TypeError: opt is not a tf.train.Optimizer.
    """

    def __init__(self, opt):
        if not isinstance(opt, Optimizer):
            raise TypeError("Supplied optimizer must be an instance of tf.train.Optimizer")
        self._opt = opt
        for name in ("_apply_dense", "_resource_apply_dense", "_apply_sparse",
                     "_resource_apply_sparse"):
            if name.startswith("_resource") and getattr(type(opt), name) is getattr(Optimizer,
                                                                                    name):
                # flowgrad's default resource update calls the (wrapped) reference one
                continue
            setattr(opt, name, _get_wrapper(getattr(opt, name), opt))

    def __getattr__(self, name):
        return getattr(self._opt, name)


def clip_gradients_by_global_norm(gradients_variables, clip_norm=20.):
    """tf.clip_by_global_norm of the gradients, ignoring all-zero ones in the norm.

    Returns:
      ([(clipped gradient, variable)], the global norm).
    """
    gradients, variables = zip(*gradients_variables)

    def _replace_nonexisting_grad(grad):
        if grad is None:
            return grad
        all_zeros = _is_all_zeros(grad)
        return control_flow_ops.cond(
            all_zeros, lambda: array_ops.zeros([], dtype=dtypes.as_dtype(grad.dtype)),
            lambda: grad)

    nonzero_gradients = [_replace_nonexisting_grad(g) for g in gradients]
    fixed_global_norm = math_ops.global_norm(nonzero_gradients)
    gradients, _ = math_ops.clip_by_global_norm(gradients, clip_norm, use_norm=fixed_global_norm)
    return list(zip(gradients, variables)), fixed_global_norm


# ---------------------------------------------------------------------------------------
# DropStaleGradientOptimizer
# ---------------------------------------------------------------------------------------
class DropStaleGradientOptimizer(Optimizer):
    """Applies `opt`'s update only when the global step moved at most `staleness` steps
    since the gradients were computed; counts the dropped ones in `stale_counter`.

    Needs a global step (tf.train.get_or_create_global_step()) and the global_step
    argument of apply_gradients, as TF.
    """

    def __init__(self, opt, staleness, use_locking=False, name="DropStaleGradient"):
        super().__init__(use_locking, name)
        self._opt = opt
        self._staleness = staleness

    def compute_gradients(self, loss, *args, **kwargs):
        g = get_default_graph()
        with g.colocate_with(loss.op):
            self._local_step = training_util.get_global_step() + 0
        with g.control_dependencies([self._local_step]):
            loss = array_ops.identity(loss)
            return self._opt.compute_gradients(loss, *args, **kwargs)

    def get_slot(self, *args, **kwargs):
        return self._opt.get_slot(*args, **kwargs)

    def get_slot_names(self, *args, **kwargs):
        return self._opt.get_slot_names(*args, **kwargs)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        g = get_default_graph()
        gradients = []
        with g.colocate_with(global_step.op):
            stale_counter = variable_scope.get_variable(
                "stale_counter", [], initializer=init_ops.zeros_initializer(), trainable=False)

        def _accept_gradient_op():
            with g.control_dependencies([self._opt.apply_gradients(
                    grads_and_vars, global_step=global_step, name=name)]):
                return array_ops.identity(0.0)

        def _drop_gradient_op():
            return array_ops.identity(1.0)

        for grad, _ in grads_and_vars:
            if isinstance(grad, Tensor):
                gradients.append(grad)
            elif grad is not None:
                gradients.append(grad.op)
        with g.control_dependencies(gradients), g.colocate_with(global_step.op):
            staleness = array_ops.reshape(global_step - self._local_step, shape=())
        conditional_update = stale_counter.assign_add(control_flow_ops.cond(
            comparison_ops.less_equal(staleness, self._staleness), _accept_gradient_op,
            _drop_gradient_op))
        summary_ops.scalar("Gradient staleness percentage",
                           stale_counter / (math_ops.cast(global_step + 1, dtypes.float32)))
        return conditional_update


# ---------------------------------------------------------------------------------------
# RegAdagradOptimizer, LARSOptimizer
# ---------------------------------------------------------------------------------------
class RegAdagradOptimizer(AdagradOptimizer):
    """Adagrad whose accumulator can be frozen: updates built inside
    `with opt.avoid_updating_slots():` leave it alone (ApplyAdagrad's update_slots=False),
    e.g. for a regularization loss."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="RegAdagrad"):
        super().__init__(learning_rate, initial_accumulator_value=initial_accumulator_value,
                         use_locking=use_locking, name=name)
        self._should_update_slots = True

    @contextlib.contextmanager
    def avoid_updating_slots(self):
        old = self._should_update_slots
        self._should_update_slots = False
        try:
            yield
        finally:
            self._should_update_slots = old

    def _apply_dense(self, grad, var, update_slots=True):
        return training_ops.apply_adagrad(
            var, self.get_slot(var, "accumulator"),
            math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype), grad,
            use_locking=self._use_locking, update_slots=self._should_update_slots)

    def _apply_sparse(self, grad, var, update_slots=True):
        return training_ops.sparse_apply_adagrad(
            var, self.get_slot(var, "accumulator"),
            math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype), grad.values,
            grad.indices, use_locking=self._use_locking,
            update_slots=self._should_update_slots)

    def _resource_apply_sparse(self, grad, var, indices, update_slots=True):
        return training_ops.sparse_apply_adagrad(
            var, self.get_slot(var, "accumulator"),
            math_ops.cast(self._learning_rate_tensor, grad.dtype), grad, indices,
            use_locking=self._use_locking, update_slots=self._should_update_slots)


class LARSOptimizer(Optimizer):
    """Layer-wise adaptive rate scaling (You et al.) on Momentum: lr is scaled per variable by
    eeta * |w| / (|g| + weight_decay * |w| + epsilon) (1 where a norm is 0), except for
    variables whose name contains an entry of skip_list.

    Raises:
      ValueError: momentum or weight_decay is negative.
    """

    def __init__(self, learning_rate, momentum=0.9, weight_decay=0.0001, eeta=0.001,
                 epsilon=0.0, name="LARSOptimizer", skip_list=None, use_nesterov=False):
        if momentum < 0.0:
            raise ValueError("momentum should be positive: %s" % momentum)
        if weight_decay < 0.0:
            raise ValueError("weight_decay should be positive: %s" % weight_decay)
        super().__init__(use_locking=False, name=name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._weight_decay = weight_decay
        self._eeta = eeta
        self._epsilon = epsilon
        self._skip_list = skip_list
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum", self._name)

    def compute_lr(self, grad, var):
        """The learning rate for `var` (scaled by the trust ratio unless skipped)."""
        scaled_lr = self._learning_rate
        if self._skip_list is None or not any(v in var.name for v in self._skip_list):
            w_norm = math_ops.norm(var, ord=2)
            g_norm = math_ops.norm(grad, ord=2)
            trust_ratio = array_ops.where(
                comparison_ops.greater(w_norm, 0),
                array_ops.where(
                    comparison_ops.greater(g_norm, 0),
                    (self._eeta * w_norm
                     / (g_norm + self._weight_decay * w_norm + self._epsilon)), 1.0),
                1.0)
            scaled_lr = self._learning_rate * trust_ratio
        return scaled_lr

    def _apply_dense(self, grad, var):
        scaled_lr = self.compute_lr(grad, var)
        return training_ops.apply_momentum(
            var, self.get_slot(var, "momentum"), scaled_lr, grad, self._momentum,
            use_locking=False, use_nesterov=self._use_nesterov)

    def _apply_sparse(self, grad, var):
        update = training_ops.sparse_apply_momentum(
            var, self.get_slot(var, "momentum"),
            math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype), grad.values,
            grad.indices, math_ops.cast(self._momentum_tensor, var.dtype.base_dtype),
            use_locking=self._use_locking, use_nesterov=self._use_nesterov)
        return update.op

    def _resource_apply_sparse(self, grad, var, indices):
        return training_ops.sparse_apply_momentum(
            var, self.get_slot(var, "momentum"),
            math_ops.cast(self._learning_rate_tensor, grad.dtype), grad, indices,
            math_ops.cast(self._momentum_tensor, grad.dtype), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov)

    def _prepare(self):
        learning_rate = self._learning_rate
        if callable(learning_rate):
            learning_rate = learning_rate()
        self._learning_rate_tensor = convert_to_tensor(learning_rate, name="learning_rate")
        momentum = self._momentum
        if callable(momentum):
            momentum = momentum()
        self._momentum_tensor = convert_to_tensor(momentum, name="momentum")
