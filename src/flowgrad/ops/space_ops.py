"""TF 1.14's space/depth/batch rearrangements and patch ops under their public names:
depth_to_space, space_to_depth, space_to_batch, batch_to_space,
required_space_to_batch_paddings, nn.with_space_to_batch, extract_image_patches
(image.extract_patches), extract_volume_patches, nn.dilation2d and nn.erosion2d. The
ops are in engine/ops/patches.py and convolution.py (SpaceToBatchND, BatchToSpaceND);
the composites build the ops TF 1.14 builds.
"""
from __future__ import annotations

__all__ = ["depth_to_space", "space_to_depth", "space_to_batch", "batch_to_space",
           "required_space_to_batch_paddings", "extract_image_patches",
           "extract_volume_patches"]

from typing import Callable

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.static_value import constant_value
from ..engine.ops import patches as _p
from ..engine.ops._array_util import TensorLike
from ..engine.ops._base import to_tensor
from ..engine.ops.construction import zeros
from ..engine.ops.convolution import batch_to_space_nd, space_to_batch_nd
from ..engine.ops.elementwise import negative
from ..engine.ops.indexing import reverse
from ..engine.ops.joining import concat, stack
from ..engine.ops.shape import shape


def depth_to_space(input: TensorLike, block_size: int, name: str | None = None,  # noqa: A002
                   data_format: str = "NHWC") -> Tensor:
    """Moves depth blocks of size block_size**2 into spatial blocks (op DepthToSpace).

    >>> x = tf.reshape(tf.range(8), [1, 1, 2, 4])
    >>> tf.Session().run(tf.depth_to_space(x, 2))[0, :, :, 0]
    array([[0, 1, 4, 5],
           [2, 3, 6, 7]], dtype=int32)
    """
    return _p.depth_to_space(input, block_size, data_format, name)


def space_to_depth(input: TensorLike, block_size: int, name: str | None = None,  # noqa: A002
                   data_format: str = "NHWC") -> Tensor:
    """Moves block_size x block_size spatial blocks into depth (op SpaceToDepth)."""
    return _p.space_to_depth(input, block_size, data_format, name)


def _block(block_size, block_shape):
    if block_size is not None and block_shape is not None:
        raise ValueError("Cannot specify both 'block_size' and 'block_shape'")
    return block_size if block_shape is None else block_shape


def space_to_batch(input: TensorLike, paddings: TensorLike, block_size: int | None = None,  # noqa: A002
                   name: str | None = None, block_shape: int | None = None) -> Tensor:
    """SpaceToBatchND over the two spatial dims of a 4-D input with a square block."""
    b = _block(block_size, block_shape)
    result = space_to_batch_nd(input, block_shape=np.array([b, b], dtype=np.int64),
                               paddings=paddings, name=name)
    result.set_shape(result.shape.with_rank(4))
    return result


def batch_to_space(input: TensorLike, crops: TensorLike, block_size: int,  # noqa: A002
                   name: str | None = None, block_shape: int | None = None) -> Tensor:
    """BatchToSpaceND over the two spatial dims of a 4-D input with a square block."""
    b = _block(block_size, block_shape)
    result = batch_to_space_nd(input, block_shape=np.array([b, b], dtype=np.int64),
                               crops=crops, name=name)
    result.set_shape(result.shape.with_rank(4))
    return result


def required_space_to_batch_paddings(input_shape: TensorLike, block_shape: TensorLike,
                                     base_paddings: TensorLike | None = None,
                                     name: str | None = None) -> tuple:
    """(paddings, crops) that make input_shape + base paddings divisible by block_shape.

    >>> p, c = tf.required_space_to_batch_paddings([5, 6], [2, 4])
    >>> tf.Session().run(p)
    array([[0, 1],
           [0, 2]], dtype=int32)
    """
    with name_scope(name, "required_space_to_batch_paddings", [input_shape, block_shape]):
        input_shape = to_tensor(input_shape, dtype=_dt.int32, name="input_shape")
        block_shape = to_tensor(block_shape, dtype=_dt.int32, name="block_shape")
        block_shape.shape.assert_is_fully_defined()
        block_shape.shape.assert_has_rank(1)
        n = block_shape.shape.as_tuple()[0]
        if n == 0:
            return zeros([0, 2], _dt.int32), zeros([0, 2], _dt.int32)
        input_shape.shape.assert_is_compatible_with([n])
        if base_paddings is not None:
            base_paddings = to_tensor(base_paddings, dtype=_dt.int32, name="base_paddings")
            base_paddings.shape.assert_is_compatible_with([n, 2])
        else:
            base_paddings = zeros([n, 2], _dt.int32)
        consts = [constant_value(t) for t in (block_shape, input_shape, base_paddings)]
        if all(c is not None for c in consts):
            block_shape, input_shape, base_paddings = [np.asarray(c) for c in consts]
        pad_start = base_paddings[:, 0]
        orig_pad_end = base_paddings[:, 1]
        full_input_shape = input_shape + pad_start + orig_pad_end
        pad_end_extra = (block_shape - full_input_shape % block_shape) % block_shape
        pad_end = orig_pad_end + pad_end_extra
        result_paddings = stack([[pad_start[i], pad_end[i]] for i in range(n)], name="paddings")
        result_crops = stack([[0, pad_end_extra[i]] for i in range(n)], name="crops")
        return result_paddings, result_crops


def extract_image_patches(images: TensorLike, ksizes: list | None = None,
                          strides: list | None = None, rates: list | None = None,
                          padding: str | None = None, name: str | None = None,
                          sizes: list | None = None) -> Tensor:
    """The patches of `images` [b, rows, cols, d] in the depth dimension (op
    ExtractImagePatches); `sizes` is `ksizes`' newer name.

    >>> x = tf.reshape(tf.range(9.), [1, 3, 3, 1])
    >>> tf.Session().run(tf.extract_image_patches(x, [1, 2, 2, 1], [1, 1, 1, 1],
    ...                                           [1, 1, 1, 1], "VALID"))[0, 0]
    array([[0., 1., 3., 4.],
           [1., 2., 4., 5.]], dtype=float32)
    """
    if ksizes is not None and sizes is not None:
        raise ValueError("Cannot specify both 'ksizes' and 'sizes'")
    ksizes = sizes if ksizes is None else ksizes
    return _p.extract_image_patches(images, ksizes, strides, rates, padding, name)


def extract_patches(images: TensorLike, sizes: list, strides: list, rates: list, padding: str,
                    name: str | None = None) -> Tensor:
    """tf.image.extract_patches: extract_image_patches with TF 2's argument names."""
    return _p.extract_image_patches(images, sizes, strides, rates, padding, name)


def extract_volume_patches(input: TensorLike, ksizes: list, strides: list,  # noqa: A002
                           padding: str, name: str | None = None) -> Tensor:
    """The 3-D patches of `input` [b, planes, rows, cols, d] (op ExtractVolumePatches)."""
    return _p.extract_volume_patches(input, ksizes, strides, padding, name)


def dilation2d(input: TensorLike, filter: TensorLike | None = None,  # noqa: A002
               strides: list | None = None, rates: list | None = None,
               padding: str | None = None, name: str | None = None,
               filters: TensorLike | None = None, dilations: list | None = None) -> Tensor:
    """Grayscale morphological dilation of 4-D `input` by 3-D `filter` (op Dilation2D);
    `filters` and `dilations` are the newer names of `filter` and `rates`."""
    if filter is not None and filters is not None:
        raise ValueError("Cannot specify both 'filter' and 'filters'")
    if rates is not None and dilations is not None:
        raise ValueError("Cannot specify both 'rates' and 'dilations'")
    filter = filters if filter is None else filter
    rates = dilations if rates is None else rates
    return _p.dilation2d(input, filter, strides, rates, padding, name)


def erosion2d(value: TensorLike, kernel: TensorLike, strides: list, rates: list,
              padding: str, name: str | None = None) -> Tensor:
    """Grayscale erosion: -dilation2d(-value, reverse(kernel)) (TF's duality)."""
    with name_scope(name, "erosion2d", [value, kernel]) as scope:
        return negative(_p.dilation2d(negative(value), reverse(kernel, [0, 1]), strides,
                                      rates, padding, scope))


# -- nn.with_space_to_batch --------------------------------------------------------------------
def _adjust(orig, fill_value, spatial_dims):
    """TF's _with_space_to_batch_adjust: `orig` padded with `fill_value` rows for the
    dimensions before and between the spatial ones."""
    const_orig = constant_value(orig) if isinstance(orig, Tensor) else np.asarray(orig)
    dims = (orig.shape.as_list() if isinstance(orig, Tensor) else list(np.shape(orig)))[1:]
    dtype = (orig.dtype.as_numpy_dtype if isinstance(orig, Tensor)
             else np.asarray(orig).dtype)
    src = const_orig if const_orig is not None else orig
    parts, prev, i = [], 0, 0
    while i < len(spatial_dims):
        start_i = i
        if spatial_dims[i] > 1:
            parts.append(np.full([spatial_dims[i] - 1 - prev] + dims, fill_value, dtype=dtype))
        while i + 1 < len(spatial_dims) and spatial_dims[i + 1] == spatial_dims[i] + 1:
            i += 1
        parts.append(src[start_i:i + 1])
        prev = spatial_dims[i]
        i += 1
    return np.concatenate(parts) if const_orig is not None else concat(parts, 0)


def _base_paddings(filter_shape, n, rate):
    """TF's _with_space_to_batch_base_paddings: the dilated filter's SAME padding."""
    fs = filter_shape[:n]
    pad_extra = fs + (fs - 1) * (rate - 1) - 1
    start = pad_extra // 2
    end = pad_extra - start
    return stack([[start[i], end[i]] for i in range(n)])


def with_space_to_batch(input: TensorLike, dilation_rate: TensorLike, padding: str,  # noqa: A002
                        op: Callable, filter_shape: TensorLike | None = None,
                        spatial_dims: list | None = None,
                        data_format: str | None = None) -> Tensor:
    """Runs `op(input, num_spatial_dims, padding)` as an atrous (dilated) op: on
    space_to_batch_nd of the input with block `dilation_rate`, then batch_to_space_nd."""
    x = to_tensor(input, name="input")
    in_shape = x.shape
    rate = to_tensor(dilation_rate, dtype=_dt.int32, name="dilation_rate")
    if rate.shape.ndims != 1:
        raise ValueError("rate must be rank 1")
    if not rate.shape.is_fully_defined():
        raise ValueError("rate must have known shape")
    n = rate.shape.as_tuple()[0]
    start = 2 if data_format is not None and data_format.startswith("NC") else 1
    if spatial_dims is None:
        spatial_dims = range(start, n + start)
    orig = list(spatial_dims)
    spatial_dims = sorted(set(int(d) for d in orig))
    if spatial_dims != orig or any(d < 1 for d in spatial_dims):
        raise ValueError("spatial_dims must be a montonically increasing sequence of positive "
                         "integers")
    want_rank = spatial_dims[-1] if start == 2 else spatial_dims[-1] + 1
    if in_shape.ndims is not None and in_shape.ndims < want_rank:
        raise ValueError(f"input tensor must have rank {want_rank} at least")
    const_rate = constant_value(rate)
    rate_or_const = rate
    if const_rate is not None:
        rate_or_const = np.asarray(const_rate)
        if np.any(rate_or_const < 1):
            raise ValueError("dilation_rate must be positive")
        if np.all(rate_or_const == 1):
            return op(x, n, padding)
    base_paddings = None
    if padding == "SAME":
        if filter_shape is None:
            raise ValueError("filter_shape must be specified for SAME padding")
        fshape = to_tensor(filter_shape, name="filter_shape")
        const_f = constant_value(fshape)
        base_paddings = _base_paddings(fshape if const_f is None else np.asarray(const_f), n,
                                       rate_or_const)
    elif padding == "VALID":
        base_paddings = np.zeros([n, 2], np.int32)
    else:
        raise ValueError(f"Invalid padding method {padding!r}")
    return space_to_batch_run(x, lambda y: op(y, n, "VALID"), base_paddings, rate,
                              spatial_dims)


def space_to_batch_run(x, op, base_paddings, rate, spatial_dims):
    """TF's _WithSpaceToBatch._with_space_to_batch_call: the required paddings of `x`'s
    spatial dims (Shape, strided slices and a stack of them when not known when building),
    SpaceToBatchND with block `rate` (the dilation_rate Tensor), `op` (the VALID op) on
    the batched input, then BatchToSpaceND."""
    in_spatial = None
    if x.shape.ndims is not None:
        dims = x.shape.as_list()
        in_spatial = [dims[i] for i in spatial_dims]
    if in_spatial is None or None in in_spatial:
        s = shape(x)
        in_spatial = stack([s[i] for i in spatial_dims])
    paddings, crops = required_space_to_batch_paddings(input_shape=in_spatial,
                                                       base_paddings=base_paddings,
                                                       block_shape=rate)
    block = _adjust(rate, 1, spatial_dims)
    paddings = _adjust(paddings, 0, spatial_dims)
    crops = _adjust(crops, 0, spatial_dims)
    converted = space_to_batch_nd(input=x, block_shape=block, paddings=paddings)
    result = op(converted)
    return batch_to_space_nd(input=result, block_shape=block, crops=crops)
