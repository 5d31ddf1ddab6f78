"""`tf.contrib.opt.ShampooOptimizer` (Gupta, Koren and Singer, 2018), as TF 1.14's
contrib/opt shampoo.py builds it on tf.train.Optimizer.

Per variable: a slot `gbar` (the momentum of the gradient) and, per dimension i of size at
most max_matrix_size, a statistics matrix `Gbar_i` (grad contracted with itself over the
other axes, added every precond_update_interval steps) whose inverse 2*rank-th root, taken
with the Svd op of (Gbar_i/d + epsilon*I) every svd_interval steps (kept in slot `H_i`
between), preconditions the gradient along that axis (tensordot `precond_i`); larger
dimensions keep a diagonal statistic. Slots are named as TF names them (`w/Shampoo`,
`w/Shampoo_1`, ...). The Svd is Eigen's JacobiSVD below 16 columns (flowgrad's bits match
TF's there); from 16 columns TF uses BDCSVD, whose bits flowgrad does not reproduce.
"""
from __future__ import annotations


from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import get_default_graph, name_scope
from ...ops import (array_ops, comparison_ops, control_flow_ops, linalg_impl, linalg_ops,
                    math_ops, state_ops)
from ... import logging
from ...train.optimizer import Optimizer
from . import matrix_functions

__all__ = ["ShampooOptimizer"]


def GetParam(var, timestep):
    """A hyperparameter's value at `timestep`: var(timestep) when var is callable."""
    return var(timestep) if callable(var) else var


class ShampooOptimizer(Optimizer):
    """The Shampoo optimizer: Kronecker-factored full-matrix preconditioning per axis.

    Args:
      global_step: the step (a Variable or number; cast to float32 here).
      max_matrix_size: the largest dimension given a full statistics matrix.
      gbar_decay, gbar_weight: the gradient momentum (gbar = decay*gbar + weight*grad).
      mat_gbar_decay, mat_gbar_weight: the same for the statistics matrices.
      learning_rate: the step size (a number or a function of the step).
      svd_interval: steps between the matrix roots (slots H_i keep them).
      precond_update_interval: steps between the statistics updates.
      epsilon: damping of the statistics; alpha: the total root (1/2 by default).
      use_iterative_root: the root by TF's coupled Newton iterations (matrix_functions.py,
        in tf.while_loops) instead of the SVD.
    """

    def __init__(self, global_step=0, max_matrix_size=768, gbar_decay=0.0, gbar_weight=1.0,
                 mat_gbar_decay=1.0, mat_gbar_weight=1.0, learning_rate=1.0, svd_interval=1,
                 precond_update_interval=1, epsilon=1e-4, alpha=0.5, use_iterative_root=False,
                 use_locking=False, name="Shampoo"):
        super().__init__(use_locking, name)
        self._global_step = math_ops.cast(global_step, dtypes.float32)
        self._max_matrix_size = max_matrix_size
        self._gbar_decay = gbar_decay
        self._gbar_weight = gbar_weight
        self._mat_gbar_decay = mat_gbar_decay
        self._mat_gbar_weight = mat_gbar_weight
        self._learning_rate = learning_rate
        self._svd_interval = svd_interval
        self._precond_update_interval = precond_update_interval
        self._epsilon = epsilon
        self._alpha = alpha
        self._use_iterative_root = use_iterative_root
        self._name = name

    def _create_slots(self, var_list):
        for v in var_list:
            with get_default_graph().colocate_with(v.op):
                self._zeros_slot(v, "gbar", self._name)
                for i, d in enumerate(v.get_shape().as_list()):
                    d_tensor = convert_to_tensor(d, name="shape_as_tensor")
                    if d <= self._max_matrix_size:
                        mat_g_init = array_ops.zeros_like(array_ops.eye(d_tensor))
                        if self._svd_interval > 1:
                            self._get_or_make_slot(v, array_ops.eye(d_tensor), "H_" + str(i),
                                                   self._name)
                    else:
                        mat_g_init = array_ops.zeros([d_tensor])
                    self._get_or_make_slot(v, mat_g_init, "Gbar_" + str(i), self._name)

    def _resource_apply_dense(self, grad, var):
        return self._apply_dense(grad, var)

    def _apply_dense(self, grad, var):
        return self._apply_gradient(grad, var)

    def _resource_apply_sparse(self, grad_values, var, grad_indices):
        return self._apply_sparse_shared(grad_values, grad_indices, var)

    def _apply_sparse(self, grad, var):
        return self._apply_sparse_shared(grad.values, grad.indices, var)

    def _apply_sparse_shared(self, grad_values, grad_indices, var):
        if var.get_shape()[0] <= self._max_matrix_size or self._gbar_decay != 0.0:
            dense_grad = array_ops.scatter_nd(
                array_ops.expand_dims(grad_indices, axis=1), grad_values,
                array_ops.shape(var, out_type=grad_indices.dtype))
            return self._apply_gradient(dense_grad, var)
        return self._apply_gradient(grad_values, var, grad_indices)

    def _weighted_average(self, var, weight, weight_t, rest):
        """var = weight_t * var + rest (weight: its value when built)."""
        if weight == 0.0:
            return rest       # var is never read
        if weight == 1.0:
            return state_ops.assign_add(var, rest)
        return var.assign_add((weight_t - 1) * var + rest)

    def _update_mat_g(self, mat_g, grad, axes, mat_gbar_decay, mat_gbar_weight, i):
        grad_outer = linalg_ops.tensordot(grad, grad, axes=(axes, axes),
                                          name="grad_outer_" + str(i))
        return self._weighted_average(mat_g, self._mat_gbar_decay, mat_gbar_decay,
                                      mat_gbar_weight * grad_outer)

    def _compute_power_iter(self, var, mat_g, mat_g_size, alpha, mat_h_slot_name,
                            iter_count=100, epsilon=1e-6):
        """mat_g^alpha by Newton iterations: the square root, then its 2*alpha-th root."""
        mat_g_sqrt = matrix_functions.matrix_square_root(mat_g, mat_g_size, iter_count,
                                                         self._epsilon)
        mat_h = matrix_functions.matrix_inverse_pth_root(mat_g_sqrt, mat_g_size, 2 * alpha,
                                                         iter_count, epsilon,
                                                         ridge_epsilon=0.0)
        if mat_h_slot_name is not None:
            return state_ops.assign(self.get_slot(var, mat_h_slot_name), mat_h)
        return mat_h

    def _compute_power(self, var, mat_g, mat_g_size, alpha, mat_h_slot_name=None):
        """mat_g^alpha by the SVD of mat_g + epsilon*I, or by iterations (assigned to a slot
        when named)."""
        with name_scope("matrix_iterative_power"):
            if self._use_iterative_root:
                return self._compute_power_iter(var, mat_g, mat_g_size, alpha,
                                                mat_h_slot_name)
            if mat_g_size == 1:
                mat_h = math_ops.pow(mat_g + self._epsilon, alpha)
            else:
                damping = self._epsilon * array_ops.eye(
                    math_ops.cast(mat_g_size, dtypes.int32))
                diag_d, mat_u, mat_v = linalg_impl.svd(mat_g + damping, full_matrices=True)
                mat_h = linalg_ops.matmul(
                    mat_v * math_ops.pow(math_ops.maximum(diag_d, self._epsilon), alpha),
                    array_ops.transpose(mat_u))
            if mat_h_slot_name is not None:
                return state_ops.assign(self.get_slot(var, mat_h_slot_name), mat_h)
            return mat_h

    def _apply_gradient(self, grad, var, indices=None):
        global_step = self._global_step + 1
        gbar = self.get_slot(var, "gbar")
        gbar_decay_t = GetParam(self._gbar_decay, global_step)
        gbar_weight_t = GetParam(self._gbar_weight, global_step)
        if indices is not None:
            if self._gbar_decay != 0.0:
                logging.warning("Not applying momentum for variable: %s" % var.name)
            gbar_updated = grad
        else:
            gbar_updated = self._weighted_average(gbar, self._gbar_decay, gbar_decay_t,
                                                  gbar_weight_t * grad)
        shape = var.get_shape().as_list()
        mat_g_list = [self.get_slot(var, "Gbar_" + str(i)) for i in range(len(shape))]
        mat_gbar_decay_t = GetParam(self._mat_gbar_decay, global_step)
        mat_gbar_weight_t = GetParam(self._mat_gbar_weight, global_step)
        preconditioned_grad = gbar_updated
        v_rank = len(mat_g_list)
        neg_alpha = - GetParam(self._alpha, global_step) / v_rank
        svd_interval = GetParam(self._svd_interval, global_step)
        precond_update_interval = GetParam(self._precond_update_interval, global_step)
        for i, mat_g in enumerate(mat_g_list):
            axes = list(range(i)) + list(range(i + 1, v_rank))
            if shape[i] <= self._max_matrix_size:
                mat_g_updated = control_flow_ops.cond(
                    comparison_ops.less(math_ops.mod(global_step, precond_update_interval), 1),
                    lambda: self._update_mat_g(mat_g, grad, axes, mat_gbar_decay_t,
                                               mat_gbar_weight_t * precond_update_interval, i),
                    lambda: mat_g)
                mat_g_updated = mat_g_updated / float(shape[i])
                if self._svd_interval == 1:
                    mat_h = self._compute_power(var, mat_g_updated, shape[i], neg_alpha)
                else:
                    mat_h = control_flow_ops.cond(
                        comparison_ops.less(math_ops.mod(global_step, svd_interval), 1),
                        lambda: self._compute_power(var, mat_g_updated, shape[i], neg_alpha,
                                                    "H_" + str(i)),
                        lambda: self.get_slot(var, "H_" + str(i)))
                preconditioned_grad = linalg_ops.tensordot(
                    preconditioned_grad, mat_h, axes=([0], [0]), name="precond_" + str(i))
            else:
                if axes:
                    normalizer = 1.0 if indices is not None else float(shape[i])
                    grad_outer = math_ops.reduce_sum(grad * grad, axis=axes) / normalizer
                else:
                    grad_outer = grad * grad
                if i == 0 and indices is not None:
                    assert self._mat_gbar_decay == 1.0
                    mat_g_updated = state_ops.scatter_add(mat_g, indices,
                                                          mat_gbar_weight_t * grad_outer)
                    mat_g_updated_slice = array_ops.gather(mat_g_updated, indices)
                    mat_h = array_ops.where(
                        math_ops.greater(mat_g_updated_slice, 0),
                        math_ops.pow(mat_g_updated_slice, neg_alpha),
                        array_ops.zeros_like(mat_g_updated_slice))
                else:
                    mat_g_updated = self._weighted_average(
                        mat_g, self._mat_gbar_decay, mat_gbar_decay_t,
                        mat_gbar_weight_t * grad_outer)
                    mat_h = array_ops.where(
                        math_ops.greater(mat_g_updated, 0),
                        math_ops.pow(mat_g_updated, neg_alpha),
                        array_ops.zeros_like(mat_g_updated))
                preconditioned_grad = array_ops.transpose(
                    preconditioned_grad, perm=list(range(1, v_rank)) + [0]) * mat_h
        learning_rate_t = GetParam(self._learning_rate, global_step)
        if indices is not None:
            return state_ops.scatter_add(var, indices, -learning_rate_t * preconditioned_grad)
        return state_ops.assign_sub(var, learning_rate_t * preconditioned_grad)


