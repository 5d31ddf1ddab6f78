"""TF 1.14's contrib/opt matrix_functions.py: matrix square roots and inverse p-th roots
by coupled Newton iterations in a tf.while_loop (ShampooOptimizer's use_iterative_root)."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...ops import (array_ops, comparison_ops, control_flow_ops, linalg_ops, math_ops)

__all__ = ["matrix_square_root", "matrix_inverse_pth_root"]


def matrix_square_root(mat_a, mat_a_size, iter_count=100, ridge_epsilon=1e-4):
    """mat_a^0.5 of a symmetric PSD matrix (Higham's stable iteration, eq. 2.6b), iterated
    while the residual falls, at most iter_count times."""

    def _iter_condition(i, unused_mat_y, unused_old_mat_y, unused_mat_z, unused_old_mat_z,
                        err, old_err):
        return comparison_ops.logical_and(i < iter_count, err < old_err)

    def _iter_body(i, mat_y, unused_old_mat_y, mat_z, unused_old_mat_z, err,
                   unused_old_err):
        current_iterate = 0.5 * (3.0 * identity - linalg_ops.matmul(mat_z, mat_y))
        current_mat_y = linalg_ops.matmul(mat_y, current_iterate)
        current_mat_z = linalg_ops.matmul(current_iterate, mat_z)
        mat_sqrt_a = current_mat_y * math_ops.sqrt(norm)
        mat_a_approx = linalg_ops.matmul(mat_sqrt_a, mat_sqrt_a)
        residual = mat_a - mat_a_approx
        current_err = math_ops.sqrt(math_ops.reduce_sum(residual * residual)) / norm
        return i + 1, current_mat_y, mat_y, current_mat_z, mat_z, current_err, err

    identity = array_ops.eye(math_ops.cast(mat_a_size, dtypes.int32))
    mat_a = mat_a + ridge_epsilon * identity
    norm = math_ops.sqrt(math_ops.reduce_sum(mat_a * mat_a))
    mat_init_y = mat_a / norm
    mat_init_z = identity
    init_err = norm
    _, _, prev_mat_y, _, _, _, _ = control_flow_ops.while_loop(
        _iter_condition, _iter_body,
        [0, mat_init_y, mat_init_y, mat_init_z, mat_init_z, init_err, init_err + 1.0])
    return prev_mat_y * math_ops.sqrt(norm)


def matrix_inverse_pth_root(mat_g, mat_g_size, alpha, iter_count=100, epsilon=1e-6,
                            ridge_epsilon=1e-6):
    """mat_g^alpha for alpha = -1/p (p a positive integer) by the coupled Newton iteration,
    until max |M - I| <= epsilon or iter_count iterations."""
    identity = array_ops.eye(math_ops.cast(mat_g_size, dtypes.int32))

    def mat_power(mat_m, p):
        assert p == int(p) and p > 0
        power = None
        while p > 0:
            if p % 2 == 1:
                power = linalg_ops.matmul(mat_m, power) if power is not None else mat_m
            p //= 2
            mat_m = linalg_ops.matmul(mat_m, mat_m)
        return power

    def _iter_condition(i, mat_m, _):
        return comparison_ops.logical_and(
            i < iter_count, math_ops.reduce_max(math_ops.abs(mat_m - identity)) > epsilon)

    def _iter_body(i, mat_m, mat_x):
        mat_m_i = (1 - alpha) * identity + alpha * mat_m
        return (i + 1, linalg_ops.matmul(mat_power(mat_m_i, -1.0 / alpha), mat_m),
                linalg_ops.matmul(mat_x, mat_m_i))

    if mat_g_size == 1:
        return math_ops.pow(mat_g + ridge_epsilon, alpha)
    damped_mat_g = mat_g + ridge_epsilon * identity
    z = (1 - 1 / alpha) / (2 * math_ops.norm(damped_mat_g))
    _, _, mat_h = control_flow_ops.while_loop(
        _iter_condition, _iter_body, [0, damped_mat_g * z, identity * math_ops.pow(z, -alpha)])
    return mat_h
