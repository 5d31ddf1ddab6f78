"""TF 1.14's orthogonal convolution initializers (init_ops.ConvolutionDeltaOrthogonal and
ConvolutionOrthogonal1D/2D/3D, exported by tf.contrib.framework as
convolutional_delta_orthogonal and convolutional_orthogonal_1d/2d/3d).

Built as TF builds them (random normals, Qr, DiagPart and Sign, the block-orthogonal
matmuls of Xiao et al. 2018), so a seeded graph gives TF's numbers and later seeded ops
keep TF's op counts.
"""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.ops.indexing import scatter_nd
from . import array_ops, linalg_ops, math_ops, matrix_ops, random_ops
from .init_ops import Initializer, _assert_float_dtype

__all__ = ["ConvolutionDeltaOrthogonal", "ConvolutionOrthogonal", "ConvolutionOrthogonal1D",
           "ConvolutionOrthogonal2D", "ConvolutionOrthogonal3D"]


def _qr_sign(a):
    q, r = matrix_ops.qr(a, full_matrices=False)
    d = matrix_ops.diag_part(r)
    return q * math_ops.sign(d)


class ConvolutionDeltaOrthogonal(Initializer):
    """A delta-orthogonal kernel: zero except the spatial centre, an orthogonal matrix
    (times `gain`).

    Raises:
      ValueError: the shape's rank is not 3 to 5, or in_filters > out_filters.
    """

    def __init__(self, gain=1.0, seed=None, dtype=_dt.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        if dtype is None:
            dtype = self.dtype
        if len(shape) < 3 or len(shape) > 5:
            raise ValueError("The tensor to initialize must be at least three-dimensional and "
                             "at most five-dimensional")
        if shape[-2] > shape[-1]:
            raise ValueError("In_filters cannot be greater than out_filters.")
        a = random_ops.random_normal([shape[-1], shape[-1]], dtype=dtype, seed=self.seed)
        q = _qr_sign(a)
        q = q[:shape[-2], :]
        q *= math_ops.cast(self.gain, dtype=dtype)
        centre = [(shape[i] - 1) // 2 for i in range(len(shape) - 2)]
        return scatter_nd([centre], array_ops.expand_dims(q, 0), shape)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


class ConvolutionOrthogonal(Initializer):
    """Base of the orthogonal convolution initializers (seed incremented per draw, as TF)."""

    def __init__(self, gain=1.0, seed=None, dtype=_dt.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}

    def _orthogonal_matrix(self, n):
        a = random_ops.random_normal([n, n], dtype=self.dtype, seed=self.seed)
        if self.seed:
            self.seed += 1
        return _qr_sign(a)

    def _symmetric_projection(self, n):
        q = self._orthogonal_matrix(n)
        mask = math_ops.cast(random_ops.random_normal([n], seed=self.seed) > 0, self.dtype)
        if self.seed:
            self.seed += 1
        c = math_ops.multiply(q, mask)
        return linalg_ops.matmul(c, linalg_ops.matrix_transpose(c))

    def _check(self, shape, rank, what):
        if len(shape) != rank:
            raise ValueError("The tensor to initialize must be %s" % what)
        if shape[-2] > shape[-1]:
            raise ValueError("In_filters cannot be greater than out_filters.")

    def _orth(self, cin, cout):
        if cin > cout:
            raise ValueError("The number of input channels cannot exceed the number of "
                             "output channels.")
        return self._orthogonal_matrix(cout)[0:cin, :]


class ConvolutionOrthogonal2D(ConvolutionOrthogonal):
    """An orthogonal 2-D convolution kernel [k, k, in, out] (in <= out)."""

    def __call__(self, shape, dtype=None, partition_info=None):
        if dtype is None:
            dtype = self.dtype
        self._check(shape, 4, "four-dimensional")
        if shape[0] != shape[1]:
            raise ValueError("Kernel sizes must be equal.")
        kernel = self._orthogonal_kernel(shape[0], shape[2], shape[3])
        kernel *= math_ops.cast(self.gain, dtype=dtype)
        return kernel

    def _dict_to_tensor(self, x, k1, k2):
        return array_ops.stack([array_ops.stack([x[i, j] for j in range(k2)])
                                for i in range(k1)])

    def _block_orth(self, p1, p2):
        if p1.shape.as_list() != p2.shape.as_list():
            raise ValueError("The dimension of the matrices must be the same.")
        n = p1.shape.as_list()[0]
        eye = array_ops.eye(n, dtype=self.dtype)
        return {(0, 0): linalg_ops.matmul(p1, p2), (0, 1): linalg_ops.matmul(p1, (eye - p2)),
                (1, 0): linalg_ops.matmul((eye - p1), p2),
                (1, 1): linalg_ops.matmul((eye - p1), (eye - p2))}

    def _matrix_conv(self, m1, m2):
        n = (m1[0, 0]).shape.as_list()[0]
        if n != (m2[0, 0]).shape.as_list()[0]:
            raise ValueError("The entries in matrices m1 and m2 must have the same "
                             "dimensions!")
        k = int(np.sqrt(len(m1)))
        l = int(np.sqrt(len(m2)))  # noqa: E741 - TF's name
        result = {}
        size = k + l - 1
        for i in range(size):
            for j in range(size):
                result[i, j] = array_ops.zeros([n, n], self.dtype)
                for index1 in range(min(k, i + 1)):
                    for index2 in range(min(k, j + 1)):
                        if (i - index1) < l and (j - index2) < l:
                            result[i, j] += linalg_ops.matmul(m1[index1, index2],
                                                            m2[i - index1, j - index2])
        return result

    def _orthogonal_kernel(self, ksize, cin, cout):
        orth = self._orth(cin, cout)
        if ksize == 1:
            return array_ops.expand_dims(array_ops.expand_dims(orth, 0), 0)
        p = self._block_orth(self._symmetric_projection(cout),
                             self._symmetric_projection(cout))
        for _ in range(ksize - 2):
            temp = self._block_orth(self._symmetric_projection(cout),
                                    self._symmetric_projection(cout))
            p = self._matrix_conv(p, temp)
        for i in range(ksize):
            for j in range(ksize):
                p[i, j] = linalg_ops.matmul(orth, p[i, j])
        return self._dict_to_tensor(p, ksize, ksize)


class ConvolutionOrthogonal1D(ConvolutionOrthogonal):
    """An orthogonal 1-D convolution kernel [k, in, out] (in <= out)."""

    def __call__(self, shape, dtype=None, partition_info=None):
        if dtype is None:
            dtype = self.dtype
        self._check(shape, 3, "three-dimensional")
        kernel = self._orthogonal_kernel(shape[0], shape[-2], shape[-1])
        kernel *= math_ops.cast(self.gain, dtype=dtype)
        return kernel

    def _dict_to_tensor(self, x, k):
        return array_ops.stack([x[i] for i in range(k)])

    def _block_orth(self, projection_matrix):
        n = projection_matrix.shape.as_list()[0]
        eye = array_ops.eye(n, dtype=self.dtype)
        return {0: projection_matrix, 1: eye - projection_matrix}

    def _matrix_conv(self, m1, m2):
        n = (m1[0]).shape.as_list()[0]
        if n != (m2[0]).shape.as_list()[0]:
            raise ValueError("The entries in matrices m1 and m2 must have the same "
                             "dimensions!")
        k = len(m1)
        l = len(m2)  # noqa: E741 - TF's name
        result = {}
        size = k + l - 1
        for i in range(size):
            result[i] = array_ops.zeros([n, n], self.dtype)
            for index in range(min(k, i + 1)):
                if (i - index) < l:
                    result[i] += linalg_ops.matmul(m1[index], m2[i - index])
        return result

    def _orthogonal_kernel(self, ksize, cin, cout):
        orth = self._orth(cin, cout)
        if ksize == 1:
            return array_ops.expand_dims(orth, 0)
        p = self._block_orth(self._symmetric_projection(cout))
        for _ in range(ksize - 2):
            temp = self._block_orth(self._symmetric_projection(cout))
            p = self._matrix_conv(p, temp)
        for i in range(ksize):
            p[i] = linalg_ops.matmul(orth, p[i])
        return self._dict_to_tensor(p, ksize)


class ConvolutionOrthogonal3D(ConvolutionOrthogonal):
    """An orthogonal 3-D convolution kernel [k, k, k, in, out] (in <= out)."""

    def __call__(self, shape, dtype=None, partition_info=None):
        if dtype is None:
            dtype = self.dtype
        self._check(shape, 5, "five-dimensional")
        if shape[0] != shape[1] or shape[0] != shape[2]:
            raise ValueError("Kernel sizes must be equal.")
        kernel = self._orthogonal_kernel(shape[0], shape[-2], shape[-1])
        kernel *= math_ops.cast(self.gain, dtype=dtype)
        return kernel

    def _dict_to_tensor(self, x, k1, k2, k3):
        return array_ops.stack([array_ops.stack(
            [array_ops.stack([x[i, j, k] for k in range(k3)]) for j in range(k2)])
            for i in range(k1)])

    def _block_orth(self, p1, p2, p3):
        p1_shape = p1.shape.as_list()
        if p1_shape != p2.shape.as_list() or p1_shape != p3.shape.as_list():
            raise ValueError("The dimension of the matrices must be the same.")
        n = p1_shape[0]
        eye = array_ops.eye(n, dtype=self.dtype)

        def matmul(a, b, c):
            return linalg_ops.matmul(linalg_ops.matmul(a, b), c)

        def cast(i, p):
            return i * p + (1 - i) * (eye - p)

        return {(i, j, k): matmul(cast(i, p1), cast(j, p2), cast(k, p3))
                for i in [0, 1] for j in [0, 1] for k in [0, 1]}

    def _matrix_conv(self, m1, m2):
        n = (m1[0, 0, 0]).shape.as_list()[0]
        if n != (m2[0, 0, 0]).shape.as_list()[0]:
            raise ValueError("The entries in matrices m1 and m2 must have the same "
                             "dimensions!")
        k = int(np.cbrt(len(m1)))
        l = int(np.cbrt(len(m2)))  # noqa: E741 - TF's name
        result = {}
        size = k + l - 1
        for i in range(size):
            for j in range(size):
                for r in range(size):
                    result[i, j, r] = array_ops.zeros([n, n], self.dtype)
                    for index1 in range(min(k, i + 1)):
                        for index2 in range(min(k, j + 1)):
                            for index3 in range(min(k, r + 1)):
                                if (i - index1) < l and (j - index2) < l and (r - index3) < l:
                                    result[i, j, r] += linalg_ops.matmul(
                                        m1[index1, index2, index3],
                                        m2[i - index1, j - index2, r - index3])
        return result

    def _orthogonal_kernel(self, ksize, cin, cout):
        orth = self._orth(cin, cout)
        if ksize == 1:
            return array_ops.expand_dims(array_ops.expand_dims(
                array_ops.expand_dims(orth, 0), 0), 0)
        p = self._block_orth(self._symmetric_projection(cout), self._symmetric_projection(cout),
                             self._symmetric_projection(cout))
        for _ in range(ksize - 2):
            temp = self._block_orth(self._symmetric_projection(cout),
                                    self._symmetric_projection(cout),
                                    self._symmetric_projection(cout))
            p = self._matrix_conv(p, temp)
        for i in range(ksize):
            for j in range(ksize):
                for k in range(ksize):
                    p[i, j, k] = linalg_ops.matmul(orth, p[i, j, k])
        return self._dict_to_tensor(p, ksize, ksize, ksize)
