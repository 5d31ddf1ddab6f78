"""`tf.contrib.opt.GGTOptimizer` (Agarwal et al., 2018), as TF 1.14's contrib/opt ggt.py
builds it on OptimizerV2.

Each variable's gradient is scattered into one flat vector (`flat_grad`, the variables laid
out by sorted name); `_finish` steps the optimizer's own float `global_step_N`, updates the
first moment, writes it into row (step-1) % window of `grad_buffer`, and preconditions the
moment with the SVD of the window's Gram matrix (plus svd_eps*I): head
m U diag(1/(sqrt(sigma)+sigma_eps)^3) U' m' moment, plus the rest of the moment divided by
min sqrt(sigma) when that exceeds eps. The SVD is TF's Svd op (Eigen's JacobiSVD for a
window under 16; BDCSVD, whose bits flowgrad does not reproduce, from 16 on).
"""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes
from ...engine.ops.matrix import diag
from ...ops import array_ops, control_flow_ops, linalg_impl, linalg_ops, math_ops, state_ops
from ..optimizer_v2.optimizer_v2 import OptimizerV2

__all__ = ["GGTOptimizer"]


class GGTOptimizer(OptimizerV2):
    """GGT: full-matrix adaptive preconditioning over a window of past first moments.

    Args:
      learning_rate, beta1: step size and first-moment decay.
      window: how many past moments the preconditioner keeps.
      eps: the smallest sqrt singular value for which the tail term is used.
      svd_eps: damping added to the Gram matrix's diagonal before its SVD.
      sigma_eps: added to the sqrt singular values before inverting them.
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, use_locking=False, name="GGT",
                 window=10, eps=1e-4, svd_eps=1e-6, sigma_eps=1e-2):
        super().__init__(use_locking, name)
        self._set_hyper("lr", learning_rate)
        self._set_hyper("beta1", beta1)
        self._set_hyper("window", window)
        self._set_hyper("eps", eps)
        self._set_hyper("svd_eps", svd_eps)
        self._set_hyper("sigma_eps", sigma_eps)
        self.index_dict = {}
        self.shape_dict = {}

    def _create_vars(self, var_list, state):
        self.shape_dict = {v.name: int(np.prod(v.get_shape().as_list()))
                           for v in sorted(var_list, key=lambda v: v.name)}
        idx = 0
        for v_name, v_dim in self.shape_dict.items():
            self.index_dict[v_name] = idx
            idx += v_dim
        dtype = var_list[0].dtype.base_dtype
        state.create_non_slot(initial_value=math_ops.cast(0., dtype=dtype), name="global_step")
        window = state.get_hyper("window")
        state.create_non_slot(initial_value=array_ops.zeros([window, idx], dtype=dtype),
                              name="grad_buffer")
        state.create_non_slot(initial_value=array_ops.zeros((idx,), dtype=dtype),
                              name="moment1")
        state.create_non_slot(initial_value=array_ops.zeros((idx,), dtype=dtype),
                              name="flat_grad")

    def _apply_sparse_duplicate_indices(self, grad, var, state):
        # TF 1.14's GGT defines _apply_sparse(grad, var) without the state OptimizerV2
        # passes: IndexedSlices gradients end in this TypeError
        raise TypeError("_apply_sparse() takes 3 positional arguments but 4 were given")

    def _prepare(self, state):
        self._variables = []

    def _apply_dense(self, grad, var, state):
        self._variables.append(var)
        start = self.index_dict[var.name]
        flat_grad = state.get_non_slot("flat_grad")
        new_flat_grad = array_ops.reshape(grad, [-1])
        return state_ops.scatter_update(
            flat_grad, array_ops.range(start, start + self.shape_dict[var.name]), new_flat_grad)

    _resource_apply_dense = _apply_dense

    def _finish(self, state):
        var_dtype = self._variables[0].dtype.base_dtype
        update_global_step = state_ops.assign_add(state.get_non_slot("global_step"), 1.)
        beta1 = state.get_hyper("beta1", dtype=var_dtype)
        moment1 = state.get_non_slot("moment1")
        flat_grad = state.get_non_slot("flat_grad")
        update_moment1 = moment1.assign(beta1 * moment1 + (1. - beta1) * flat_grad)
        window = state.get_hyper("window")
        next_grad_index = math_ops.floormod(
            math_ops.cast(update_global_step - 1., dtypes.int32), window)
        update_grad_buffer = state_ops.scatter_update(state.get_non_slot("grad_buffer"),
                                                      next_grad_index, update_moment1)
        eps = state.get_hyper("eps", dtype=var_dtype)
        svd_eps = state.get_hyper("svd_eps", dtype=var_dtype)
        sigma_eps = state.get_hyper("sigma_eps", dtype=var_dtype)
        lr = state.get_hyper("lr", dtype=var_dtype)
        denom = math_ops.sqrt(math_ops.minimum(
            update_global_step, math_ops.cast(window, dtype=var_dtype)))
        moment1_2d = array_ops.expand_dims(update_moment1, -1)
        m = array_ops.transpose(math_ops.divide(update_grad_buffer, denom))
        mm = linalg_ops.matmul(m, m, transpose_a=True)
        damping = math_ops.cast(array_ops.eye(window), dtype=var_dtype) * svd_eps
        sigma, u, _ = linalg_impl.svd(mm + damping)
        sigma_sqrt = math_ops.sqrt(sigma)
        sigma_sqrt_min = math_ops.reduce_min(sigma_sqrt)
        sigma_sqrt_inv = math_ops.divide(math_ops.cast(1.0, dtype=var_dtype),
                                         math_ops.pow(sigma_sqrt + sigma_eps, 3))
        new_step = array_ops.expand_dims(
            array_ops.zeros(flat_grad.get_shape(), dtype=var_dtype), -1)

        def project(scale):    # m U diag(scale) U' m' moment1, built as TF nests it
            return linalg_ops.matmul(m, linalg_ops.matmul(u, linalg_ops.matmul(
                diag(scale), linalg_ops.matmul(u, linalg_ops.matmul(
                    m, moment1_2d, transpose_a=True), transpose_a=True))))
        head = project(sigma_sqrt_inv)
        tail = moment1_2d - project(math_ops.divide(math_ops.cast(1.0, dtype=var_dtype),
                                                    sigma))
        scaled_tail = math_ops.divide(tail, sigma_sqrt_min)
        update_new_step = control_flow_ops.cond(
            sigma_sqrt_min > eps, lambda: math_ops.add(head, scaled_tail),
            lambda: math_ops.add(new_step, head))
        update_step = []
        for var in self._variables:
            start = self.index_dict[var.name]
            step = array_ops.reshape(
                update_new_step[start:start + self.shape_dict[var.name]], var.get_shape())
            update_step.append(state_ops.assign_sub(var, lr * step))
        return control_flow_ops.group(update_step)



