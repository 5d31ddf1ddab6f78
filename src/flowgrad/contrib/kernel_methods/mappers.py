"""TF 1.14's kernel mappers (contrib/kernel_methods/python/mappers): the abstract
DenseKernelMapper and RandomFourierFeatureMapper, whose map is
sqrt(2 / D) * cos(x @ Omega + b) with Omega ~ N(0, 1 / stddev^2) [d, D] and
b ~ U[0, 2 pi) [D] drawn by NumPy's global generator seeded with `seed` (TF reseeds it on
each map, as here), made float32 Consts."""
from __future__ import annotations

import abc
import math

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant
from ...engine.ops.linalg import matmul
from ...ops import math_ops

__all__ = ["DenseKernelMapper", "InvalidShapeError", "RandomFourierFeatureMapper"]


class InvalidShapeError(Exception):
    """Exception thrown when a tensor's shape deviates from an expected shape."""


class DenseKernelMapper(abc.ABC):
    """A kernel mapper of dense inputs to dense outputs (abstract)."""

    @abc.abstractmethod
    def map(self, input_tensor):
        """The mapped `input_tensor`."""
        raise NotImplementedError(f"map is not implemented for {self}.")

    @property
    @abc.abstractmethod
    def name(self):
        """The name of the kernel mapper."""

    @property
    @abc.abstractmethod
    def output_dim(self):
        """The output dimension of the mapping."""


class RandomFourierFeatureMapper(DenseKernelMapper):
    """Random Fourier features (Rahimi and Recht) of `input_dim` features into
    `output_dim`, approximating the Gaussian kernel of standard deviation `stddev`."""

    def __init__(self, input_dim, output_dim, stddev=1.0, seed=1, name=None):
        self._input_dim = input_dim
        self._output_dim = output_dim
        self._stddev = stddev
        self._seed = seed
        self._name = name

    @property
    def name(self):
        return self._name or str(id(self))

    @property
    def input_dim(self):
        return self._input_dim

    @property
    def output_dim(self):
        return self._output_dim

    def map(self, input_tensor):
        """[batch, output_dim] random Fourier features of [batch, input_dim] `input_tensor`."""
        shape = input_tensor.get_shape()
        if len(shape) != 2:
            raise InvalidShapeError(
                "The shape of the tensor should be 2. Got %d instead." % len(shape))
        features_dim = shape[1]
        if features_dim != self._input_dim:
            raise InvalidShapeError(
                "Invalid dimension: expected %d input features, got %d instead."
                % (self._input_dim, features_dim))
        np.random.seed(self._seed)
        omega = constant(np.random.normal(scale=1.0 / self._stddev,
                                          size=[self._input_dim, self._output_dim]),
                         dtype=_dt.float32)
        bias = constant(np.random.uniform(low=0.0, high=2 * np.pi, size=[self._output_dim]),
                        dtype=_dt.float32)
        x_omega_plus_bias = math_ops.add(matmul(input_tensor, omega), bias)
        return math.sqrt(2.0 / self._output_dim) * math_ops.cos(x_omega_plus_bias)
