"""`tf.test`: TF 1.14's TestCase and test helpers, and gradient checking (TF's
gradient_checker API and a directional checker); `mock` is unittest.mock, as TF's
tf.test.mock on Python 3."""
from unittest import mock

from .benchmark import TensorFlowBenchmark as Benchmark, benchmark_config
from .graph_def_equal import assert_equal_graph_def
from .gradient_checker import check_grads, compute_gradient, compute_gradient_error
from .test_case import (TestCase, get_temp_dir, gpu_device_name, is_built_with_cuda,
                        is_gpu_available, main)

__all__ = ["Benchmark", "assert_equal_graph_def", "benchmark_config", "check_grads",
           "compute_gradient", "compute_gradient_error", "TestCase", "main", "get_temp_dir",
           "is_gpu_available", "is_built_with_cuda", "gpu_device_name", "mock"]
