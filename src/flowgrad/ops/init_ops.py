"""Initializers: zeros, ones, constant, random_*, glorot_*, variance_scaling, orthogonal.

TF 1.14's classes (`tf.zeros_initializer` is `Zeros`, ...): an initializer is
called with `(shape, dtype=None, partition_info=None)` and builds the ops of
the initial value. They are compositions of existing ops (array_ops,
random_ops, linalg_ops), so they need no op block of their own.
"""
from __future__ import annotations

import math

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.tensor_shape import TensorShape
from . import array_ops, linalg_ops, math_ops, matrix_ops, random_ops

__all__ = [
    "Constant",
    "GlorotNormal",
    "GlorotUniform",
    "Identity",
    "Initializer",
    "Ones",
    "Orthogonal",
    "RandomNormal",
    "RandomUniform",
    "TruncatedNormal",
    "UniformUnitScaling",
    "VarianceScaling",
    "Zeros",
    "constant_initializer",
    "glorot_normal_initializer",
    "glorot_uniform_initializer",
    "he_normal",
    "he_uniform",
    "identity_initializer",
    "lecun_normal",
    "lecun_uniform",
    "ones_initializer",
    "orthogonal_initializer",
    "random_normal_initializer",
    "random_uniform_initializer",
    "truncated_normal_initializer",
    "uniform_unit_scaling_initializer",
    "variance_scaling_initializer",
    "zeros_initializer",
]


def _assert_float_dtype(dtype):
    if not dtype.is_floating:
        raise ValueError(f"Expected floating point type, got {dtype}.")
    return dtype


def _shape_list(shape):
    if isinstance(shape, TensorShape):
        return shape.as_list()
    return list(shape)


class Initializer:
    """Base class: `init(shape, dtype=None, partition_info=None)` returns a Tensor."""

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if "dtype" in config and isinstance(config["dtype"], str):
            config["dtype"] = _dt.as_dtype(config["dtype"])
        return cls(**config)


class Zeros(Initializer):
    """Initializes to 0 (TF 1.x `tf.zeros_initializer`)."""

    def __init__(self, dtype=_dt.float32):
        self.dtype = _dt.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.zeros(shape, dtype if dtype is not None else self.dtype)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Ones(Initializer):
    """Initializes to 1 (TF 1.x `tf.ones_initializer`)."""

    def __init__(self, dtype=_dt.float32):
        self.dtype = _dt.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.ones(shape, dtype if dtype is not None else self.dtype)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Constant(Initializer):
    """Initializes to `value` (a scalar fills the shape; a short list is padded with its last
    element, as TF 1.14's tf.constant does).

    Raises:
      TypeError: value is not a Python scalar, list, tuple or NumPy array.
    """

    def __init__(self, value=0, dtype=_dt.float32, verify_shape=False):
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError(f"Invalid type for initial value: {type(value)} (expected Python "
                            "scalar, list or tuple of values, or numpy.ndarray).")
        self.value = value
        self.dtype = _dt.as_dtype(dtype)
        self._verify_shape = verify_shape

    def __call__(self, shape, dtype=None, partition_info=None, verify_shape=None):
        dtype = dtype if dtype is not None else self.dtype
        if verify_shape is None:
            verify_shape = self._verify_shape
        return constant(self.value, dtype=dtype, shape=shape, verify_shape=verify_shape)

    def get_config(self):
        return {"value": self.value, "dtype": self.dtype.name}


class RandomUniform(Initializer):
    """Uniform in [minval, maxval) (maxval None means 1 for floats)."""

    def __init__(self, minval=0, maxval=None, seed=None, dtype=_dt.float32):
        self.minval = minval
        self.maxval = maxval
        self.seed = seed
        self.dtype = _dt.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        return random_ops.random_uniform(shape, self.minval, self.maxval, dtype,
                                            seed=self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed,
                "dtype": self.dtype.name}


class RandomNormal(Initializer):
    """Normal with `mean` and `stddev` (floating dtypes only)."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=_dt.float32):
        self.mean = mean
        self.stddev = stddev
        self.seed = seed
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        return random_ops.random_normal(shape, self.mean, self.stddev, dtype, seed=self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed,
                "dtype": self.dtype.name}


class TruncatedNormal(Initializer):
    """Normal with `mean` and `stddev`, redrawn beyond two standard deviations."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=_dt.float32):
        self.mean = mean
        self.stddev = stddev
        self.seed = seed
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        return random_ops.truncated_normal(shape, self.mean, self.stddev, dtype,
                                              seed=self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed,
                "dtype": self.dtype.name}


class UniformUnitScaling(Initializer):
    """Uniform in ±sqrt(3 / fan_in) * factor (deprecated in TF 1.x, still exported)."""

    def __init__(self, factor=1.0, seed=None, dtype=_dt.float32):
        self.factor = factor
        self.seed = seed
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        scale_shape = _shape_list(shape) if partition_info is None else \
            partition_info.full_shape
        input_size = 1.0
        for dim in scale_shape[:-1]:
            input_size *= float(dim)
        input_size = max(input_size, 1.0)
        max_val = math.sqrt(3 / input_size) * self.factor
        return random_ops.random_uniform(shape, -max_val, max_val, dtype, seed=self.seed)

    def get_config(self):
        return {"factor": self.factor, "seed": self.seed, "dtype": self.dtype.name}


def _compute_fans(shape):
    """(fan_in, fan_out) as TF computes them for dense and convolution kernels."""
    shape = _shape_list(shape)
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = 1
    for d in shape[:-2]:
        receptive *= d
    return shape[-2] * receptive, shape[-1] * receptive


class VarianceScaling(Initializer):
    """Scale / fan variance: truncated normal, untruncated normal or uniform.

    Raises:
      ValueError: scale <= 0, or an unknown mode or distribution.
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 dtype=_dt.float32):
        if scale <= 0.:
            raise ValueError("`scale` must be positive float.")
        if mode not in {"fan_in", "fan_out", "fan_avg"}:
            raise ValueError("Invalid `mode` argument:", mode)
        distribution = distribution.lower()
        if distribution not in {"normal", "uniform", "truncated_normal", "untruncated_normal"}:
            raise ValueError("Invalid `distribution` argument:", distribution)
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.seed = seed
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        scale = self.scale
        scale_shape = shape if partition_info is None else partition_info.full_shape
        fan_in, fan_out = _compute_fans(scale_shape)
        if self.mode == "fan_in":
            scale /= max(1., fan_in)
        elif self.mode == "fan_out":
            scale /= max(1., fan_out)
        else:
            scale /= max(1., (fan_in + fan_out) / 2.)
        rops = random_ops
        if self.distribution in ("normal", "truncated_normal"):
            # the standard deviation of a unit normal truncated to [-2, 2]
            stddev = math.sqrt(scale) / .87962566103423978
            return rops.truncated_normal(shape, 0.0, stddev, dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return rops.random_normal(shape, 0.0, math.sqrt(scale), dtype, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return rops.random_uniform(shape, -limit, limit, dtype, seed=self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self.seed, "dtype": self.dtype.name}


class Orthogonal(Initializer):
    """A random orthogonal matrix (QR of a normal matrix), reshaped and times `gain`.

    Raises:
      ValueError: the shape has rank < 2.
    """

    def __init__(self, gain=1.0, seed=None, dtype=_dt.float32):
        self.gain = gain
        self.seed = seed
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        shape = _shape_list(shape)
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional")
        num_rows = 1
        for dim in shape[:-1]:
            num_rows *= dim
        num_cols = shape[-1]
        flat_shape = (num_cols, num_rows) if num_rows < num_cols else (num_rows, num_cols)
        a = random_ops.random_normal(flat_shape, dtype=dtype, seed=self.seed)
        if dtype == _dt.float16:  # TF's Qr runs in half precision; flowgrad's in float32
            q, r = matrix_ops.qr(math_ops.cast(a, _dt.float32), full_matrices=False)
            q, r = math_ops.cast(q, dtype), math_ops.cast(r, dtype)
        else:
            q, r = matrix_ops.qr(a, full_matrices=False)
        d = matrix_ops.diag_part(r)  # TF's one DiagPart op
        q = q * math_ops.sign(d)
        if num_rows < num_cols:
            q = linalg_ops.matrix_transpose(q)
        return self.gain * array_ops.reshape(q, shape)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


class Identity(Initializer):
    """`gain` times the identity matrix (2-D shapes only)."""

    def __init__(self, gain=1.0, dtype=_dt.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dt.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype if dtype is not None else self.dtype
        full_shape = _shape_list(shape) if partition_info is None else \
            partition_info.full_shape
        if len(full_shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
        rows, cols = (int(d) for d in full_shape)
        # TF's linalg_ops_impl.eye(rows, cols): MatrixDiag when square, else MatrixSetDiag
        eye = array_ops.eye(rows, cols, dtype=dtype)
        if partition_info is not None:
            eye = array_ops.slice(eye, partition_info.var_offset, _shape_list(shape))
        return self.gain * eye

    def get_config(self):
        return {"gain": self.gain, "dtype": self.dtype.name}


class GlorotUniform(VarianceScaling):
    """Uniform in ±sqrt(6 / (fan_in + fan_out)) (Xavier uniform)."""

    def __init__(self, seed=None, dtype=_dt.float32):
        super().__init__(scale=1.0, mode="fan_avg", distribution="uniform", seed=seed,
                         dtype=dtype)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


class GlorotNormal(VarianceScaling):
    """Truncated normal with stddev sqrt(2 / (fan_in + fan_out)) (Xavier normal)."""

    def __init__(self, seed=None, dtype=_dt.float32):
        super().__init__(scale=1.0, mode="fan_avg", distribution="truncated_normal", seed=seed,
                         dtype=dtype)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
uniform_unit_scaling_initializer = UniformUnitScaling
variance_scaling_initializer = VarianceScaling
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
orthogonal_initializer = Orthogonal
identity_initializer = Identity


def he_normal(seed=None):
    """VarianceScaling(2.0, fan_in, truncated normal)."""
    return VarianceScaling(scale=2., mode="fan_in", distribution="truncated_normal", seed=seed)


def he_uniform(seed=None):
    """VarianceScaling(2.0, fan_in, uniform)."""
    return VarianceScaling(scale=2., mode="fan_in", distribution="uniform", seed=seed)


def lecun_normal(seed=None):
    """VarianceScaling(1.0, fan_in, truncated normal)."""
    return VarianceScaling(scale=1., mode="fan_in", distribution="truncated_normal", seed=seed)


def lecun_uniform(seed=None):
    """VarianceScaling(1.0, fan_in, uniform)."""
    return VarianceScaling(scale=1., mode="fan_in", distribution="uniform", seed=seed)
