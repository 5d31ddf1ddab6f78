"""`tf.test.TestCase` and `tf.test.main`: the unittest helpers TF 1.x test scripts use."""
from __future__ import annotations

import contextlib
import unittest

import numpy as np

from ..engine.framework.graph import get_default_graph, get_default_session, reset_default_graph
from ..engine.runtime.session import Session


class TestCase(unittest.TestCase):
    """unittest.TestCase with TF 1.x's helpers (session, evaluate, assertAllClose, ...)."""

    def setUp(self):
        reset_default_graph()
        super().setUp()

    @contextlib.contextmanager
    def session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        with Session(graph=graph or get_default_graph(), config=config) as sess:
            yield sess

    cached_session = session
    test_session = session

    def evaluate(self, tensors):
        sess = get_default_session()
        if sess is not None:
            return sess.run(tensors)
        with self.session() as sess:
            return sess.run(tensors)

    def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol,
                                   err_msg=msg or "")

    def assertAllEqual(self, a, b, msg=None):  # noqa: N802
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b), err_msg=msg or "")

    def assertNear(self, f1, f2, err, msg=None):  # noqa: N802
        self.assertTrue(abs(f1 - f2) <= err, msg or f"{f1} != {f2} +/- {err}")

    def assertShapeEqual(self, np_array, tf_tensor, msg=None):  # noqa: N802
        self.assertEqual(list(np_array.shape), tf_tensor.get_shape().as_list(), msg)


def main(argv=None):
    """Runs the tests of __main__ (tf.test.main)."""
    unittest.main(argv=argv)


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    return False


def is_built_with_cuda():
    return False


def gpu_device_name():
    return ""
