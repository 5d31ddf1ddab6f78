"""tf.contrib.image's warps (contrib/image/python/ops/dense_image_warp.py,
interpolate_spline.py, sparse_image_warp.py): dense_image_warp (bilinear sampling at
grid - flow), interpolate_spline (polyharmonic splines: a linear solve, then evaluation) and
sparse_image_warp (a spline flow from control points, then dense_image_warp), built from ops
as TF builds them."""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...engine.framework.tensor_shape import dimension_value
from ...ops import array_ops, check_ops, linalg_impl, linalg_ops, math_ops, matrix_ops

EPSILON = 0.0000000001


def _interpolate_bilinear(grid, query_points, name="interpolate_bilinear", indexing="ij"):
    """Values of `grid` [b, h, w, c] at fractional `query_points` [b, n, 2] (clamped)."""
    if indexing != "ij" and indexing != "xy":
        raise ValueError("Indexing mode must be 'ij' or 'xy'")
    with name_scope(name):
        grid = convert_to_tensor(grid)
        query_points = convert_to_tensor(query_points)
        shape = grid.shape.as_list()
        if len(shape) != 4:
            raise ValueError("Grid must be 4 dimensional. Received size: " + str(grid.shape))
        batch_size, height, width, channels = (array_ops.shape(grid)[0],
                                               array_ops.shape(grid)[1],
                                               array_ops.shape(grid)[2],
                                               array_ops.shape(grid)[3])
        shape = [batch_size, height, width, channels]
        query_type, grid_type = query_points.dtype, grid.dtype
        with control_dependencies([
                check_ops.assert_equal(len(query_points.shape), 3,
                                       message="Query points must be 3 dimensional."),
                check_ops.assert_equal(array_ops.shape(query_points)[2], 2,
                                       message="Query points must be size 2 in dim 2.")]):
            num_queries = array_ops.shape(query_points)[1]
        with control_dependencies([
                check_ops.assert_greater_equal(height, 2,
                                               message="Grid height must be at least 2."),
                check_ops.assert_greater_equal(width, 2,
                                               message="Grid width must be at least 2.")]):
            alphas, floors, ceils = [], [], []
            index_order = [0, 1] if indexing == "ij" else [1, 0]
            unstacked_query_points = array_ops.unstack(query_points, axis=2)
        for dim in index_order:
            with name_scope("dim-" + str(dim)):
                queries = unstacked_query_points[dim]
                max_floor = math_ops.cast(shape[dim + 1] - 2, query_type)
                min_floor = constant(0.0, dtype=query_type)
                floor = math_ops.minimum(math_ops.maximum(min_floor, math_ops.floor(queries)),
                                         max_floor)
                int_floor = math_ops.cast(floor, _dt.int32)
                floors.append(int_floor)
                ceils.append(int_floor + 1)
                alpha = math_ops.cast(queries - floor, grid_type)
                min_alpha = constant(0.0, dtype=grid_type)
                max_alpha = constant(1.0, dtype=grid_type)
                alpha = math_ops.minimum(math_ops.maximum(min_alpha, alpha), max_alpha)
                alphas.append(array_ops.expand_dims(alpha, 2))
        with control_dependencies([check_ops.assert_less_equal(
                math_ops.cast(batch_size * height * width, dtype=_dt.float32),
                np.iinfo(np.int32).max / 8,
                message="The image size or batch size is sufficiently large\n"
                        "                       that the linearized addresses used by "
                        "array_ops.gather\n                       may exceed the int32 "
                        "limit.")]):
            flattened_grid = array_ops.reshape(grid, [batch_size * height * width, channels])
            batch_offsets = array_ops.reshape(
                array_ops.range(batch_size) * height * width, [batch_size, 1])

        def gather(y_coords, x_coords, name):
            with name_scope("gather-" + name):
                linear_coordinates = batch_offsets + y_coords * width + x_coords
                gathered_values = array_ops.gather(flattened_grid, linear_coordinates)
                return array_ops.reshape(gathered_values, [batch_size, num_queries, channels])

        top_left = gather(floors[0], floors[1], "top_left")
        top_right = gather(floors[0], ceils[1], "top_right")
        bottom_left = gather(ceils[0], floors[1], "bottom_left")
        bottom_right = gather(ceils[0], ceils[1], "bottom_right")
        with name_scope("interpolate"):
            interp_top = alphas[1] * (top_right - top_left) + top_left
            interp_bottom = alphas[1] * (bottom_right - bottom_left) + bottom_left
            return alphas[0] * (interp_bottom - interp_top) + interp_top


def dense_image_warp(image, flow, name="dense_image_warp"):
    """output[b, j, i, :] = image[b, j - flow[b, j, i, 0], i - flow[b, j, i, 1], :], sampled
    bilinearly (edges clamped)."""
    with name_scope(name):
        batch_size, height, width, channels = (array_ops.shape(image)[0],
                                               array_ops.shape(image)[1],
                                               array_ops.shape(image)[2],
                                               array_ops.shape(image)[3])
        grid_x, grid_y = array_ops.meshgrid(array_ops.range(width), array_ops.range(height))
        stacked_grid = math_ops.cast(array_ops.stack([grid_y, grid_x], axis=2), flow.dtype)
        batched_grid = array_ops.expand_dims(stacked_grid, axis=0)
        query_points_on_grid = batched_grid - flow
        query_points_flattened = array_ops.reshape(query_points_on_grid,
                                                   [batch_size, height * width, 2])
        interpolated = _interpolate_bilinear(image, query_points_flattened)
        return array_ops.reshape(interpolated, [batch_size, height, width, channels])


def _cross_squared_distance_matrix(x, y):
    x_norm_squared = math_ops.reduce_sum(math_ops.square(x), 2)
    y_norm_squared = math_ops.reduce_sum(math_ops.square(y), 2)
    x_norm_squared_tile = array_ops.expand_dims(x_norm_squared, 2)
    y_norm_squared_tile = array_ops.expand_dims(y_norm_squared, 1)
    x_y_transpose = linalg_ops.matmul(x, y, adjoint_b=True)
    return x_norm_squared_tile - 2 * x_y_transpose + y_norm_squared_tile


def _pairwise_squared_distance_matrix(x):
    x_x_transpose = linalg_ops.matmul(x, x, adjoint_b=True)
    x_norm_squared = matrix_ops.matrix_diag_part(x_x_transpose)
    x_norm_squared_tile = array_ops.expand_dims(x_norm_squared, 2)
    return x_norm_squared_tile - 2 * x_x_transpose + array_ops.transpose(
        x_norm_squared_tile, [0, 2, 1])


def _phi(r, order):
    with name_scope("phi"):
        if order == 1:
            return math_ops.sqrt(math_ops.maximum(r, EPSILON))
        if order == 2:
            return 0.5 * r * math_ops.log(math_ops.maximum(r, EPSILON))
        if order == 4:
            return 0.5 * math_ops.square(r) * math_ops.log(math_ops.maximum(r, EPSILON))
        r = math_ops.maximum(r, EPSILON)
        if order % 2 == 0:
            return 0.5 * math_ops.pow(r, 0.5 * order) * math_ops.log(r)
        return math_ops.pow(r, 0.5 * order)


def _solve_interpolation(train_points, train_values, order, regularization_weight):
    b, n, _ = array_ops.unstack(array_ops.shape(train_points), num=3)
    d = train_points.shape[-1]
    if dimension_value(d) is None:
        raise ValueError("The dimensionality of the input points (d) must be "
                         "statically-inferrable.")
    k = train_values.shape[-1]
    if dimension_value(k) is None:
        raise ValueError("The dimensionality of the output values (k) must be "
                         "statically-inferrable.")
    c, f = train_points, train_values
    with name_scope("construct_linear_system"):
        matrix_a = _phi(_pairwise_squared_distance_matrix(c), order)
        if regularization_weight > 0:
            batch_identity_matrix = array_ops.expand_dims(array_ops.eye(n, dtype=c.dtype), 0)
            matrix_a += regularization_weight * batch_identity_matrix
        ones = array_ops.ones_like(c[..., :1], dtype=c.dtype)
        matrix_b = array_ops.concat([c, ones], 2)
        left_block = array_ops.concat([matrix_a, array_ops.transpose(matrix_b, [0, 2, 1])], 1)
        num_b_cols = dimension_value(matrix_b.shape[2])
        lhs_zeros = array_ops.zeros([b, num_b_cols, num_b_cols], train_points.dtype)
        right_block = array_ops.concat([matrix_b, lhs_zeros], 1)
        lhs = array_ops.concat([left_block, right_block], 2)
        rhs_zeros = array_ops.zeros([b, dimension_value(d) + 1, dimension_value(k)],
                                    train_points.dtype)
        rhs = array_ops.concat([f, rhs_zeros], 1)
    with name_scope("solve_linear_system"):
        w_v = linalg_impl.matrix_solve(lhs, rhs)
        w = w_v[:, :n, :]
        v = w_v[:, n:, :]
    return w, v


def _apply_interpolation(query_points, train_points, w, v, order):
    phi_pairwise_dists = _phi(_cross_squared_distance_matrix(query_points, train_points), order)
    rbf_term = linalg_ops.matmul(phi_pairwise_dists, w)
    query_points_pad = array_ops.concat(
        [query_points, array_ops.ones_like(query_points[..., :1], train_points.dtype)], 2)
    linear_term = linalg_ops.matmul(query_points_pad, v)
    return rbf_term + linear_term


def interpolate_spline(train_points, train_values, query_points, order,
                       regularization_weight=0.0, name="interpolate_spline"):
    """The polyharmonic spline of `order` through (train_points [b, n, d], train_values
    [b, n, k]), evaluated at query_points [b, m, d]."""
    with name_scope(name):
        train_points = convert_to_tensor(train_points)
        train_values = convert_to_tensor(train_values)
        query_points = convert_to_tensor(query_points)
        with name_scope("solve"):
            w, v = _solve_interpolation(train_points, train_values, order,
                                        regularization_weight)
        with name_scope("predict"):
            return _apply_interpolation(query_points, train_points, w, v, order)


def _get_grid_locations(image_height, image_width):
    y_range = np.linspace(0, image_height - 1, image_height)
    x_range = np.linspace(0, image_width - 1, image_width)
    y_grid, x_grid = np.meshgrid(y_range, x_range, indexing="ij")
    return np.stack((y_grid, x_grid), -1)


def _expand_to_minibatch(np_array, batch_size):
    return np.tile(np.expand_dims(np_array, 0), [batch_size] + [1] * np_array.ndim)


def _get_boundary_locations(image_height, image_width, num_points_per_edge):
    y_range = np.linspace(0, image_height - 1, num_points_per_edge + 2)
    x_range = np.linspace(0, image_width - 1, num_points_per_edge + 2)
    ys, xs = np.meshgrid(y_range, x_range, indexing="ij")
    is_boundary = np.logical_or(np.logical_or(xs == 0, xs == image_width - 1),
                                np.logical_or(ys == 0, ys == image_height - 1))
    return np.stack([ys[is_boundary], xs[is_boundary]], axis=-1)


def _add_zero_flow_controls_at_boundary(control_point_locations, control_point_flows,
                                        image_height, image_width, boundary_points_per_edge):
    batch_size = dimension_value(control_point_locations.shape[0])
    boundary_point_locations = _get_boundary_locations(image_height, image_width,
                                                       boundary_points_per_edge)
    boundary_point_flows = np.zeros([boundary_point_locations.shape[0], 2])
    type_to_use = control_point_locations.dtype
    boundary_point_locations = constant(
        _expand_to_minibatch(boundary_point_locations, batch_size), dtype=type_to_use)
    boundary_point_flows = constant(_expand_to_minibatch(boundary_point_flows, batch_size),
                                    dtype=type_to_use)
    return (array_ops.concat([control_point_locations, boundary_point_locations], 1),
            array_ops.concat([control_point_flows, boundary_point_flows], 1))


def sparse_image_warp(image, source_control_point_locations, dest_control_point_locations,
                      interpolation_order=2, regularization_weight=0.0, num_boundary_points=0,
                      name="sparse_image_warp"):
    """Warps `image` so that the source control points move to the destination ones (a
    spline flow; `num_boundary_points` > 0 pins the boundary). Returns (warped, flow)."""
    image = convert_to_tensor(image)
    source_control_point_locations = convert_to_tensor(source_control_point_locations)
    dest_control_point_locations = convert_to_tensor(dest_control_point_locations)
    control_point_flows = dest_control_point_locations - source_control_point_locations
    clamp_boundaries = num_boundary_points > 0
    boundary_points_per_edge = num_boundary_points - 1
    with name_scope(name):
        batch_size, image_height, image_width, _ = image.shape.as_list()
        grid_locations = _get_grid_locations(image_height, image_width)
        flattened_grid_locations = np.reshape(grid_locations, [image_height * image_width, 2])
        flattened_grid_locations = constant(
            _expand_to_minibatch(flattened_grid_locations, batch_size), image.dtype)
        if clamp_boundaries:
            dest_control_point_locations, control_point_flows = \
                _add_zero_flow_controls_at_boundary(dest_control_point_locations,
                                                    control_point_flows, image_height,
                                                    image_width, boundary_points_per_edge)
        flattened_flows = interpolate_spline(dest_control_point_locations,
                                             control_point_flows, flattened_grid_locations,
                                             interpolation_order, regularization_weight)
        dense_flows = array_ops.reshape(flattened_flows,
                                        [batch_size, image_height, image_width, 2])
        warped_image = dense_image_warp(image, dense_flows)
        return warped_image, dense_flows
