"""`tf.test.TestCase`, `tf.test.main` and the device queries: TF 1.14's test kit.

The assertions and their failure messages follow TF 1.14's TensorFlowTestCase
(tensorflow/python/framework/test_util.py); sessions are flowgrad sessions.
"""
from __future__ import annotations

import collections.abc
import contextlib
import itertools
import math
import os
import random
import re
import sys
import tempfile
import threading
import unittest

import numpy as np
from absl.testing import absltest

from ..engine.framework import errors
from ..engine.framework.graph import (Tensor, get_default_graph, get_default_session,
                                      reset_default_graph)
from ..engine.runtime import placement
from ..engine.runtime.session import Session
from ..flags import FLAGS

_DEFAULT_GRAPH_SEED = 87654321  # TF's random_seed.DEFAULT_GRAPH_SEED
_temp_root = None


def get_temp_dir():
    """A temporary directory for this process's tests (`tf.test.get_temp_dir`), created on
    first use (under $TEST_TMPDIR when set, as TF's)."""
    global _temp_root
    if _temp_root is None:
        base = os.environ.get("TEST_TMPDIR") or None
        _temp_root = tempfile.mkdtemp(prefix="flowgrad_test_", dir=base)
    return _temp_root


def _canonical_device(spec):
    """TF's `pydev.canonical_name`: '/cpu:0' and '/device:cpu:0' are '/device:CPU:0'."""
    parts = []
    for part in str(spec or "").split("/"):
        key, _, rest = part.partition(":")
        if key.lower() in ("cpu", "gpu"):
            part = f"device:{key.upper()}:{rest}"
        elif key == "device":
            kind, _, index = rest.partition(":")
            part = f"device:{kind.upper()}:{index}"
        if part:
            parts.append(part)
    return "/" + "/".join(parts) if parts else ""


class _CheckedThread:
    """A thread whose exception fails the test at `join` (TestCase.checkedThread)."""

    def __init__(self, testcase, target, args=None, kwargs=None):
        self._testcase = testcase
        self._target = target
        self._args = () if args is None else args
        self._kwargs = {} if kwargs is None else kwargs
        self._thread = threading.Thread(target=self._protected_run)
        self._exception = None
        self._is_thread_joined = False

    def _protected_run(self):
        try:
            self._target(*self._args, **self._kwargs)
        except Exception as e:  # noqa: BLE001 - reported by join(), as TF's
            self._exception = e

    def start(self):
        self._thread.start()

    def join(self):
        self._is_thread_joined = True
        self._thread.join()
        if self._exception is not None:
            self._testcase.fail(f"Error in checkedThread: {self._exception}")

    def is_alive(self):
        return self._thread.is_alive()

    def check_termination(self):
        if self._is_thread_joined:
            if self.is_alive():
                raise RuntimeError("Thread was not joined with main thread, and is still "
                                   "running when the test finished.")
        else:
            self._testcase.fail("A checked thread was not joined.")


class _CapturedWrites:
    def __init__(self, path):
        self.capture_location = path

    def contents(self):
        with open(self.capture_location) as f:
            return f.read()


class TestCase(absltest.TestCase):
    """absltest.TestCase (its assertLen, assertEmpty, assertSameElements, ...) with TF
    1.14's helpers, as TF's TensorFlowTestCase.

    Each test starts on a fresh default graph with TF's default graph seed; `session`,
    `cached_session` and `test_session` enter their session and its graph as defaults;
    `evaluate` runs tensors in the default session; the assertions take tensors or
    arrays (nested lists, tuples, dicts and namedtuples for assertAllClose).
    """

    def __init__(self, methodName="runTest"):  # noqa: N803 - unittest's name
        super().__init__(methodName)
        self._threads = []
        self._tempdir = None
        self._cached_session = None
        self._cached_graph = None
        self._cached_config = None
        self._cached_force_gpu = False

    def setUp(self):
        self._clear_cached_session()
        random.seed(_DEFAULT_GRAPH_SEED)
        np.random.seed(_DEFAULT_GRAPH_SEED)
        reset_default_graph()
        get_default_graph().seed = _DEFAULT_GRAPH_SEED
        if self.id().endswith(".test_session"):
            self.skipTest("Not a test.")

    def tearDown(self):
        for thread in self._threads:
            thread.check_termination()
        self._clear_cached_session()

    def _clear_cached_session(self):
        if self._cached_session is not None:
            self._cached_session.close()
            self._cached_session = None

    def get_temp_dir(self):
        """A temporary directory unique to this test (the same one on every call)."""
        if not self._tempdir:
            self._tempdir = tempfile.mkdtemp(dir=get_temp_dir())
        return self._tempdir

    @contextlib.contextmanager
    def captureWritesToStream(self, stream):  # noqa: N802 - TF's name
        """Captures what is written to `stream` (a real file descriptor) inside the block."""
        stream.flush()
        fd = stream.fileno()
        path = tempfile.mktemp(dir=self.get_temp_dir())
        with open(path, "w") as tmp:
            orig_fd = os.dup(fd)
            os.dup2(tmp.fileno(), fd)
            try:
                yield _CapturedWrites(path)
            finally:
                stream.flush()
                os.dup2(orig_fd, fd)
                os.close(orig_fd)

    # -- sessions ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _set_default(self, sess, use_gpu, force_gpu):
        with sess.graph.as_default(), sess.as_default():
            if force_gpu:
                with sess.graph.device(gpu_device_name() or "/device:GPU:0"):
                    yield sess
            else:
                yield sess

    def _get_cached_session(self, graph, config, force_gpu, strict):
        if self._cached_session is None:
            self._cached_session = Session(graph=graph, config=config)
            self._cached_graph, self._cached_config = graph, config
            self._cached_force_gpu = force_gpu
            return self._cached_session
        for what, cached, now in (("graph", self._cached_graph, graph),
                                  ("config", self._cached_config, config),
                                  ("force_gpu value", self._cached_force_gpu, force_gpu)):
            if strict and cached is not now:
                raise ValueError(f"The {what} used to get the cached session is different "
                                 "than the one that was used to create the session. Maybe "
                                 "create a new session with self.session()")
        return self._cached_session

    @contextlib.contextmanager
    def session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        """A new Session on `graph` (the default graph if None), entered with its graph as
        the defaults for the block and closed after it."""
        with Session(graph=graph, config=config) as sess:
            with self._set_default(sess, use_gpu, force_gpu):
                yield sess

    @contextlib.contextmanager
    def cached_session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        """The test's one Session, created on first use and closed at tearDown; asking for it
        with another graph, config or force_gpu raises ValueError (as in TF)."""
        sess = self._get_cached_session(graph, config, force_gpu, strict=True)
        with self._set_default(sess, use_gpu, force_gpu):
            yield sess

    @contextlib.contextmanager
    def test_session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        """Deprecated in TF 1.14: use `session()` or `cached_session()`."""
        if self.id().endswith(".test_session"):
            self.skipTest("Not a test.")
        if graph is None:
            sess = self._get_cached_session(graph, config, force_gpu, strict=False)
            with self._set_default(sess, use_gpu, force_gpu):
                yield sess
        else:
            with self.session(graph, config, use_gpu, force_gpu) as sess:
                yield sess

    test_session.__test__ = False  # a helper, not a test: pytest must not collect it

    def evaluate(self, tensors):
        """The values of `tensors` (a tensor or a nested structure of them), run in the
        default session or else in the test's cached session."""
        sess = get_default_session()
        if sess is None:
            with self.test_session() as sess:
                return sess.run(tensors)
        return sess.run(tensors)

    def checkedThread(self, target, args=None, kwargs=None):  # noqa: N802 - TF's name
        """A thread wrapper (start/join) whose exception in `target` fails the test."""
        thread = _CheckedThread(self, target, args, kwargs)
        self._threads.append(thread)
        return thread

    # -- assertions -------------------------------------------------------------------

    def _GetNdArray(self, a):  # noqa: N802 - TF's name
        if isinstance(a, Tensor):
            a = self.evaluate(a)
        return a if isinstance(a, np.ndarray) else np.array(a)

    def assertStartsWith(self, actual, expected_start, msg=None):  # noqa: N802
        if not actual.startswith(expected_start):
            fail = f"{actual!r} does not start with {expected_start!r}"
            self.fail(fail + (f" : {msg!r}" if msg else ""))

    def assertNear(self, f1, f2, err, msg=None):  # noqa: N802
        """|f1 - f2| <= err."""
        self.assertTrue(f1 == f2 or math.fabs(f1 - f2) <= err,
                        "%f != %f +/- %f%s" % (f1, f2, err, f" ({msg})" if msg is not None
                                               else ""))

    def assertArrayNear(self, farray1, farray2, err, msg=None):  # noqa: N802
        self.assertEqual(len(farray1), len(farray2), msg=msg)
        for f1, f2 in zip(farray1, farray2):
            self.assertNear(float(f1), float(f2), err, msg=msg)

    def assertNDArrayNear(self, ndarray1, ndarray2, err, msg=None):  # noqa: N802
        """The Frobenius norm of the difference is below `err`."""
        self.assertTrue(np.linalg.norm(ndarray1 - ndarray2) < err, msg=msg)

    def _assert_array_like_all_close(self, a, b, rtol, atol, msg):
        a, b = self._GetNdArray(a), self._GetNdArray(b)
        if a.shape != b.shape and (b.ndim <= 3 or b.size < 500):
            shape_msg = f"Shape mismatch: expected {a.shape}, got {b.shape} with contents {b}."
        else:
            shape_msg = f"Shape mismatch: expected {a.shape}, got {b.shape}."
        self.assertEqual(a.shape, b.shape, shape_msg)
        if np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True):
            return
        msgs = [msg]
        cond = np.logical_or(np.abs(a - b) > atol + rtol * np.abs(b), np.isnan(a) != np.isnan(b))
        if a.ndim:
            where = np.where(cond)
            x, y = a[where], b[where]
            msgs.append(f"not close where = {where}")
        else:
            x, y = a, b
        msgs += [f"not close lhs = {x}", f"not close rhs = {y}",
                 f"not close dif = {np.abs(x - y)}", f"not close tol = {atol + rtol * np.abs(y)}",
                 f"dtype = {a.dtype}, shape = {a.shape}"]
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg="\n".join(msgs),
                                   equal_nan=True)

    def _assert_all_close_recursive(self, a, b, rtol, atol, path, msg):
        path_str = ("[" + "][".join(str(p) for p in path) + "]") if path else ""
        msg = msg or ""
        a = a._asdict() if hasattr(a, "_asdict") else a
        b = b._asdict() if hasattr(b, "_asdict") else b
        a_is_dict = isinstance(a, collections.abc.Mapping)
        if a_is_dict != isinstance(b, collections.abc.Mapping):
            raise ValueError(f"Can't compare dict to non-dict, a{path_str} vs b{path_str}. {msg}")
        mismatch = f"Mismatched value: a{path_str} is different from b{path_str}. {msg}"
        if a_is_dict:
            self.assertCountEqual(a.keys(), b.keys(),
                                  msg=f"mismatched keys: a{path_str} has keys {a.keys()}, but "
                                      f"b{path_str} has keys {b.keys()}. {msg}")
            for k in a:
                self._assert_all_close_recursive(a[k], b[k], rtol, atol, path + [k], msg)
        elif isinstance(a, (list, tuple)):
            try:
                a_arr, b_arr = self._GetNdArray(a), self._GetNdArray(b)
                self._assert_array_like_all_close(a_arr, b_arr, rtol, atol, mismatch)
            except (ValueError, TypeError):
                if len(a) != len(b):
                    raise ValueError(f"Mismatched length: a{path_str} has {len(a)} items, but "
                                     f"b{path_str} has {len(b)} items. {msg}") from None
                for i, (x, y) in enumerate(zip(a, b)):
                    self._assert_all_close_recursive(x, y, rtol, atol, path + [str(i)], msg)
        else:
            try:
                self._assert_array_like_all_close(a, b, rtol, atol, mismatch)
            except TypeError as e:
                e.args = (f"{e.args[0]} : Error: a{path_str} has {type(a)}, but b{path_str} "
                          f"has {type(b)}. {msg}",) + e.args[1:]
                raise

    def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802
        """Arrays, tensors, or nested lists/tuples/dicts/namedtuples of them are elementwise
        close: |a - b| <= atol + rtol * |b| (NaN equals NaN)."""
        self._assert_all_close_recursive(a, b, rtol, atol, [], msg)

    def assertAllCloseAccordingToType(self, a, b, rtol=1e-6, atol=1e-6,  # noqa: N802
                                      float_rtol=1e-6, float_atol=1e-6, half_rtol=1e-3,
                                      half_atol=1e-3, bfloat16_rtol=1e-2, bfloat16_atol=1e-2,
                                      msg=None):
        """assertAllClose with tolerances widened for float32/complex64, float16 and
        bfloat16 operands."""
        a, b = self._GetNdArray(a), self._GetNdArray(b)
        kinds = {a.dtype, b.dtype}
        if kinds & {np.dtype(np.float32), np.dtype(np.complex64)}:
            rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
        if np.dtype(np.float16) in kinds:
            rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
        if any(d.name == "bfloat16" for d in kinds):
            rtol, atol = max(rtol, bfloat16_rtol), max(atol, bfloat16_atol)
        self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertNotAllClose(self, a, b, **kwargs):  # noqa: N802
        try:
            self.assertAllClose(a, b, **kwargs)
        except AssertionError:
            return
        raise AssertionError("The two values are close at all elements")

    def assertAllEqual(self, a, b, msg=None):  # noqa: N802
        """Same shape and equal elements (NaN equals NaN in float arrays)."""
        msg = msg or ""
        a, b = self._GetNdArray(a), self._GetNdArray(b)
        if b.ndim <= 3 or b.size < 500:
            self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got "
                                               f"{b.shape}. Contents: {b}. \n{msg}.")
        else:
            self.assertEqual(a.shape, b.shape,
                             f"Shape mismatch: expected {a.shape}, got {b.shape}. {msg}")
        same = a == b
        if a.dtype.kind == "f" or a.dtype.name == "bfloat16":
            same = np.logical_or(same, np.logical_and(np.isnan(a), np.isnan(b)))
        if np.all(same):
            return
        msgs = [msg]
        diff = np.logical_not(same)
        if a.ndim:
            where = np.where(diff)
            x, y = a[where], b[where]
            msgs.append(f"not equal where = {where}")
        else:
            x, y = a, b
        msgs += [f"not equal lhs = {x}", f"not equal rhs = {y}"]
        np.testing.assert_array_equal(a, b, err_msg="\n".join(msgs))

    def assertAllGreater(self, a, comparison_target):  # noqa: N802
        self.assertGreater(np.min(self._GetNdArray(a)), comparison_target)

    def assertAllLess(self, a, comparison_target):  # noqa: N802
        self.assertLess(np.max(self._GetNdArray(a)), comparison_target)

    def assertAllGreaterEqual(self, a, comparison_target):  # noqa: N802
        self.assertGreaterEqual(np.min(self._GetNdArray(a)), comparison_target)

    def assertAllLessEqual(self, a, comparison_target):  # noqa: N802
        self.assertLessEqual(np.max(self._GetNdArray(a)), comparison_target)

    @staticmethod
    def _format_subscripts(subscripts, value, limit=10, indent=2):
        rows = np.transpose(subscripts)
        lines = [" " * indent + f"{s} : {value[tuple(s)]}" for s in itertools.islice(rows, limit)]
        if len(rows) > limit:
            lines.append(" " * indent + "...")
        return lines

    def assertAllInRange(self, target, lower_bound, upper_bound,  # noqa: N802
                         open_lower_bound=False, open_upper_bound=False):
        """Every element lies in [lower_bound, upper_bound] (open ends if asked); NaN fails."""
        target = self._GetNdArray(target)
        if not (np.issubdtype(target.dtype, np.floating)
                or np.issubdtype(target.dtype, np.integer)):
            raise AssertionError(f"The value of {target} does not have an ordered numeric "
                                 f"type, instead it has type: {target.dtype}")
        nans = np.where(np.isnan(target))
        if np.size(nans):
            raise AssertionError(
                f"{len(nans[0])} of the {np.size(target)} element(s) are NaN. Subscripts(s) "
                "and value(s) of the NaN element(s):\n"
                + "\n".join(self._format_subscripts(nans, target)))
        range_str = (("(" if open_lower_bound else "[") + f"{lower_bound}, {upper_bound}"
                     + (")" if open_upper_bound else "]"))
        low = np.less_equal(target, lower_bound) if open_lower_bound else \
            np.less(target, lower_bound)
        high = np.greater_equal(target, upper_bound) if open_upper_bound else \
            np.greater(target, upper_bound)
        bad = np.where(np.logical_or(low, high))
        if np.size(bad):
            raise AssertionError(
                f"{len(bad[0])} of the {np.size(target)} element(s) are outside the range "
                f"{range_str}. Subscript(s) and value(s) of the offending elements:\n"
                + "\n".join(self._format_subscripts(bad, target)))

    def assertAllInSet(self, target, expected_set):  # noqa: N802
        target = self._GetNdArray(target)
        diff = np.setdiff1d(target.flatten(), list(expected_set))
        if np.size(diff):
            raise AssertionError(f"{np.size(diff)} unique element(s) are not in the set "
                                 f"{expected_set}: {diff}")

    def assertDTypeEqual(self, target, expected_dtype):  # noqa: N802
        self.assertEqual(self._GetNdArray(target).dtype, expected_dtype)

    @contextlib.contextmanager
    def assertRaisesWithPredicateMatch(self, exception_type,  # noqa: N802
                                       expected_err_re_or_predicate):
        """The block raises `exception_type` and the predicate holds for it (a regular
        expression is searched in the message and the names of the failing op)."""
        if callable(expected_err_re_or_predicate):
            predicate = expected_err_re_or_predicate
        else:
            def predicate(e):
                err_str = e.message if isinstance(e, errors.OpError) else str(e)
                op = e.op if isinstance(e, errors.OpError) else None
                while op is not None:
                    err_str += "\nCaused by: " + op.name
                    op = getattr(op, "_original_op", None)
                return re.search(expected_err_re_or_predicate, err_str)
        try:
            yield
            self.fail(exception_type.__name__ + " not raised")
        except Exception as e:  # noqa: BLE001 - re-raised as TF does
            if not isinstance(e, exception_type) or not predicate(e):
                raise AssertionError(f"Exception of type {type(e)}: {e}") from e

    def assertRaisesOpError(self, expected_err_re_or_predicate):  # noqa: N802
        """The block raises a `tf.errors.OpError` matching the regex or predicate."""
        return self.assertRaisesWithPredicateMatch(errors.OpError, expected_err_re_or_predicate)

    def assertShapeEqual(self, np_array, tf_tensor, msg=None):  # noqa: N802
        if not isinstance(np_array, (np.ndarray, np.generic)):
            raise TypeError("np_array must be a Numpy ndarray or Numpy scalar")
        if not isinstance(tf_tensor, Tensor):
            raise TypeError("tf_tensor must be a Tensor")
        self.assertAllEqual(np_array.shape, tf_tensor.get_shape().as_list(), msg=msg)

    def assertDeviceEqual(self, device1, device2, msg=None):  # noqa: N802
        device1, device2 = _canonical_device(device1), _canonical_device(device2)
        self.assertEqual(device1, device2, f"Devices {device1} and {device2} are not equal. "
                                           f"{msg}")

    def assertProtoEquals(self, expected_message_maybe_ascii, message, msg=None):  # noqa: N802
        """`message` equals the expected protocol buffer (a message, or its text format)."""
        from google.protobuf import text_format  # lazy: protobuf loads for proto checks only
        msg = msg or ""
        if isinstance(expected_message_maybe_ascii, type(message)):
            expected = expected_message_maybe_ascii
        elif isinstance(expected_message_maybe_ascii, str):
            expected = type(message)()
            text_format.Merge(expected_message_maybe_ascii, expected)
        else:
            raise AssertionError(f"Can't compare protos of type "
                                 f"{type(expected_message_maybe_ascii)} and {type(message)}. "
                                 f"{msg}")
        if expected != message:
            self.assertMultiLineEqual(text_format.MessageToString(expected),
                                      text_format.MessageToString(message), msg=msg or None)

    assertRaisesRegexp = unittest.TestCase.assertRaisesRegex  # noqa: N815 - TF's alias
    assertItemsEqual = unittest.TestCase.assertCountEqual  # noqa: N815 - TF's alias


def main(argv=None):
    """Runs the tests of `__main__` (`tf.test.main`): parses the absl flags it knows, then
    runs unittest with the rest of the command line, and exits with its status."""
    argv = list(sys.argv if argv is None else argv)
    rest = FLAGS(argv, known_only=True) if not FLAGS.is_parsed() else argv
    absltest.print_python_version()   # then absltest's runner ("[ RUN      ] ..."), as TF
    absltest.run_tests(rest, (), {})


def is_built_with_cuda():
    """False: flowgrad runs on NumPy, on the CPU."""
    return False


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    """Whether a GPU device is there: JAX's GPUs through the XLA backend (or the test
    stand-ins of FLOWGRAD_XLA_GPU_STANDIN, engine/runtime/xla/devices.py); a GPU that
    reports its compute capability must have at least `min_cuda_compute_capability`."""
    for dev in placement.gpu_list():
        cc = getattr(dev, "compute_capability", None)
        if min_cuda_compute_capability is None or cc is None:
            return True
        major, minor = (int(p) for p in str(cc).split(".")[:2])
        if (major, minor) >= tuple(min_cuda_compute_capability):
            return True
    return False


def gpu_device_name():
    """'/device:GPU:0' when there is a GPU, else '' (TF's answers)."""
    return "/device:GPU:0" if placement.gpu_list() else ""
