"""TF-GAN's sliced Wasserstein distance (TF 1.14 contrib/gan/python/eval/python/
sliced_wasserstein_impl.py; Karras et al., https://arxiv.org/abs/1710.10196): random
7x7 patches (a py_func on NumPy's global generator) of each level of the images' Laplacian
pyramids, compared by sorted random projections or by an SVD."""
from __future__ import annotations

import numpy as np

from ....engine.framework import dtypes
from ....engine.framework.constant_op import constant
from ....engine.ops.linalg import matmul
from ....engine.ops.convolution import conv2d
from ....engine.ops.linalg_decomp import svd
from ....engine.ops.top_k import top_k
from ....ops import array_ops, math_ops, nn_ops, random_ops
from ....ops.script_ops import py_func
from ....ops.space_ops import batch_to_space

__all__ = ["sliced_wasserstein_distance"]

_GAUSSIAN_FILTER = np.float32([[1, 4, 6, 4, 1], [4, 16, 24, 16, 4], [6, 24, 36, 24, 6],
                               [4, 16, 24, 16, 4], [1, 4, 6, 4, 1]]).reshape([5, 5, 1, 1]) / 256.0


def _laplacian_pyramid(batch, num_levels):
    """The Laplacian pyramid of `batch` ([N, H, W, C]), `num_levels` levels (cv2's pyrDown
    / pyrUp filters)."""
    gaussian_filter = constant(_GAUSSIAN_FILTER)

    def spatial_conv(batch, gain):
        s = array_ops.shape(batch)
        padded = array_ops.pad(batch, [[0, 0], [2, 2], [2, 2], [0, 0]], "REFLECT")
        xt = array_ops.transpose(padded, [0, 3, 1, 2])
        xt = array_ops.reshape(xt, [s[0] * s[3], s[1] + 4, s[2] + 4, 1])
        conv_out = conv2d(xt, gaussian_filter * gain, [1] * 4, "VALID")
        conv_xt = array_ops.reshape(conv_out, [s[0], s[3], s[1], s[2]])
        return array_ops.transpose(conv_xt, [0, 2, 3, 1])

    def pyr_down(batch):
        return spatial_conv(batch, 1)[:, ::2, ::2]

    def pyr_up(batch):
        s = array_ops.shape(batch)
        zeros = array_ops.zeros([3 * s[0], s[1], s[2], s[3]])
        res = array_ops.concat([batch, zeros], 0)
        res = batch_to_space(res, crops=[[0, 0], [0, 0]], block_size=2)
        return spatial_conv(res, 4)

    pyramid = [math_ops.cast(batch, dtypes.float32)]
    for _ in range(1, num_levels):
        pyramid.append(pyr_down(pyramid[-1]))
        pyramid[-2] -= pyr_up(pyramid[-1])
    return pyramid


def _batch_to_patches(batch, patches_per_image, patch_size):
    """`patches_per_image` random [patch_size, patch_size, 3] patches of each image."""

    def py_func_random_patches(batch):
        batch_size, height, width, channels = batch.shape
        patch_count = patches_per_image * batch_size
        hs = patch_size // 2
        patch_id, y, x, chan = np.ogrid[0:patch_count, -hs:hs + 1, -hs:hs + 1, 0:3]
        img_id = patch_id // patches_per_image
        y = y + np.random.randint(hs, height - hs, size=(patch_count, 1, 1, 1))
        x = x + np.random.randint(hs, width - hs, size=(patch_count, 1, 1, 1))
        idx = ((img_id * height + y) * width + x) * channels + chan
        return batch.flat[idx]

    return py_func(py_func_random_patches, [batch], batch.dtype, stateful=False)


def _normalize_patches(patches):
    """The patches concatenated, each normalized to mean 0 and variance 1, flattened."""
    patches = array_ops.concat(patches, 0)
    mean, variance = nn_ops.moments(patches, [1, 2, 3], keep_dims=True)
    patches = (patches - mean) / math_ops.sqrt(variance)
    return array_ops.reshape(patches, [array_ops.shape(patches)[0], -1])


def _sort_rows(matrix, num_rows):
    """Each column of `matrix` sorted, descending (top_k of the transpose)."""
    tmatrix = array_ops.transpose(matrix, [1, 0])
    sorted_tmatrix = top_k(tmatrix, num_rows)[0]
    return array_ops.transpose(sorted_tmatrix, [1, 0])


def _sliced_wasserstein(a, b, random_sampling_count, random_projection_dim):
    """The mean distance of the sorted projections of `a` and `b` on random unit vectors."""
    s = array_ops.shape(a)
    means = []
    for _ in range(random_sampling_count):
        proj = random_ops.random_normal([array_ops.shape(a)[1], random_projection_dim])
        proj *= math_ops.rsqrt(math_ops.reduce_sum(math_ops.square(proj), 0, keepdims=True))
        proj_a = matmul(a, proj)
        proj_b = matmul(b, proj)
        proj_a = _sort_rows(proj_a, s[0])
        proj_b = _sort_rows(proj_b, s[0])
        means.append(math_ops.reduce_mean(math_ops.abs(proj_a - proj_b)))
    return math_ops.reduce_mean(means)


def _sliced_wasserstein_svd(a, b):
    """As _sliced_wasserstein, on the SVD basis of `a` and `b` together."""
    s = array_ops.shape(a)
    sig, u = svd(array_ops.concat([a, b], 0))[:2]
    proj_a, proj_b = array_ops.split(u * sig, 2, axis=0)
    proj_a = _sort_rows(proj_a[:, ::-1], s[0])
    proj_b = _sort_rows(proj_b[:, ::-1], s[0])
    return math_ops.reduce_mean(math_ops.abs(proj_a - proj_b))


def sliced_wasserstein_distance(real_images, fake_images, resolution_min=16,
                                patches_per_image=64, patch_size=7, random_sampling_count=1,
                                random_projection_dim=7 * 7 * 3, use_svd=False):
    """For each pyramid level from the full resolution down to `resolution_min`, the pair
    (distance of real to real patches, distance of real to fake patches)."""
    height = real_images.shape[1]
    real_images.shape.assert_is_compatible_with([None, None, height, 3])
    fake_images.shape.assert_is_compatible_with(real_images.shape)
    resolution_full = int(height)
    resolution_min = min(resolution_min, resolution_full)
    resolutions = [2 ** i for i in range(int(np.log2(resolution_full)),
                                         int(np.log2(resolution_min)) - 1, -1)]
    patches_real, patches_fake, patches_test = ([[] for _ in resolutions] for _ in range(3))
    for lod, level in enumerate(_laplacian_pyramid(real_images, len(resolutions))):
        patches_real[lod].append(_batch_to_patches(level, patches_per_image, patch_size))
        patches_test[lod].append(_batch_to_patches(level, patches_per_image, patch_size))
    for lod, level in enumerate(_laplacian_pyramid(fake_images, len(resolutions))):
        patches_fake[lod].append(_batch_to_patches(level, patches_per_image, patch_size))
    for lod in range(len(resolutions)):
        for patches in [patches_real, patches_test, patches_fake]:
            patches[lod] = _normalize_patches(patches[lod])
    scores = []
    for lod in range(len(resolutions)):
        if not use_svd:
            scores.append(
                (_sliced_wasserstein(patches_real[lod], patches_test[lod],
                                     random_sampling_count, random_projection_dim),
                 _sliced_wasserstein(patches_real[lod], patches_fake[lod],
                                     random_sampling_count, random_projection_dim)))
        else:
            scores.append((_sliced_wasserstein_svd(patches_real[lod], patches_test[lod]),
                           _sliced_wasserstein_svd(patches_real[lod], patches_fake[lod])))
    return scores
