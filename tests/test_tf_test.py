"""tf.test: TF 1.14's TestCase helpers and messages, tf.test.main, the device queries.

The class below is itself a tf.test.TestCase that pytest collects; the failure
messages are TF 1.14's (its test_util.py builds them the same way).
"""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import flowgrad as tf


class TFTestCaseTest(tf.test.TestCase):

    def test_fresh_graph_with_tf_default_seed(self):
        assert tf.get_default_graph().get_operations() == []
        assert tf.get_default_graph().seed == 87654321

    def test_get_temp_dir_is_one_directory_per_test(self):
        d = self.get_temp_dir()
        assert os.path.isdir(d) and self.get_temp_dir() == d
        assert os.path.dirname(d) == tf.test.get_temp_dir()

    def test_sessions_are_entered_as_defaults(self):
        x = tf.constant(2.0) * 3.0
        with self.session() as sess:
            assert tf.get_default_session() is sess
            assert x.eval() == 6.0
        with self.cached_session() as s1:
            with self.cached_session() as s2:
                assert s1 is s2
            assert self.evaluate(x) == 6.0
        with pytest.raises(ValueError, match="The graph used to get the cached session is "
                                             "different than the one"):
            with self.cached_session(graph=tf.Graph()):
                pass
        with self.test_session() as s3:
            assert s3 is s1
        assert self.evaluate([x, {"a": x}]) == [6.0, {"a": 6.0}]

    def test_all_close_and_equal(self):
        self.assertAllClose([1.0, 2.0], np.array([1.0, 2.0 + 1e-7]))
        self.assertAllClose({"a": (1.0, [2.0])}, {"a": (1.0, [2.0])})
        self.assertAllClose(tf.constant([1.0, np.nan]), [1.0, np.nan])
        with pytest.raises(AssertionError) as e:
            self.assertAllClose([1.0, 2.0], [1.0, 2.5])
        assert "Mismatched value: a is different from b." in str(e.value)
        assert "not close where = (array([1]),)" in str(e.value)
        assert "not close lhs = [2.]" in str(e.value)
        with pytest.raises(ValueError, match=r"Can't compare dict to non-dict, a\[x\] vs b\[x\]"):
            self.assertAllClose({"x": {"y": 1}}, {"x": 1})
        with pytest.raises(AssertionError, match=r"Shape mismatch: expected \(2,\), got \(3,\)"):
            self.assertAllClose([1, 2], [1, 2, 3])
        self.assertNotAllClose([1.0], [2.0])
        self.assertAllCloseAccordingToType(np.float16([1.0]), np.float16([1.0009]))
        self.assertAllEqual(tf.constant([1, 2]), [1, 2])
        with pytest.raises(AssertionError, match="not equal lhs = \\[2\\]"):
            self.assertAllEqual([1, 2], [1, 3])

    def test_near_range_set_order(self):
        self.assertNear(1.0, 1.05, 0.1)
        with pytest.raises(AssertionError, match=r"1.000000 != 2.000000 \+/- 0.100000"):
            self.assertNear(1.0, 2.0, 0.1)
        self.assertArrayNear([1.0, 2.0], [1.01, 2.01], 0.02)
        self.assertNDArrayNear(np.ones(4), np.ones(4) + 0.01, 0.03)
        self.assertAllInRange([1, 2, 3], 1, 3)
        with pytest.raises(AssertionError, match=r"1 of the 3 element\(s\) are outside the "
                                                 r"range \(1, 3\]\. "):
            self.assertAllInRange([1, 2, 3], 1, 3, open_lower_bound=True)
        with pytest.raises(AssertionError, match=r"1 of the 2 element\(s\) are NaN"):
            self.assertAllInRange([1.0, np.nan], 0, 2)
        self.assertAllInSet([1, 2, 2], {1, 2})
        with pytest.raises(AssertionError, match=r"1 unique element\(s\) are not in the set"):
            self.assertAllInSet([1, 5], [1, 2])
        self.assertAllGreater([2, 3], 1)
        self.assertAllLess([2, 3], 4)
        self.assertAllGreaterEqual([2, 3], 2)
        self.assertAllLessEqual([2, 3], 3)
        self.assertDTypeEqual(np.float32([1]), np.float32)
        self.assertShapeEqual(np.zeros((2, 3)), tf.zeros([2, 3]))
        with pytest.raises(TypeError, match="tf_tensor must be a Tensor"):
            self.assertShapeEqual(np.zeros(2), [0, 0])
        self.assertDeviceEqual("/cpu:0", "/device:CPU:0")
        with pytest.raises(AssertionError, match="Devices /device:CPU:0 and /device:GPU:0 "
                                                 "are not equal"):
            self.assertDeviceEqual("/cpu:0", "/gpu:0")
        self.assertStartsWith("hello", "he")

    def test_raises_op_error(self):
        x = tf.placeholder(tf.float32)
        with self.assertRaisesOpError("You must feed a value for placeholder tensor"):
            self.evaluate(x)
        with pytest.raises(AssertionError, match="Exception of type .*ValueError"):
            with self.assertRaisesOpError("x"):
                raise ValueError("not an op error")
        with pytest.raises(AssertionError, match="OpError not raised"):
            with self.assertRaisesOpError("x"):
                pass
        with self.assertRaisesWithPredicateMatch(ValueError, lambda e: "bad" in str(e)):
            raise ValueError("bad")

    def test_checked_thread(self):
        seen = []
        t = self.checkedThread(seen.append, args=(1,))
        t.start()
        t.join()
        assert seen == [1]
        bad = self.checkedThread(lambda: 1 / 0)
        bad.start()
        with pytest.raises(AssertionError, match="Error in checkedThread: division by zero"):
            bad.join()

    def test_proto_equals(self):
        from tensorboard.compat.proto import summary_pb2
        s = summary_pb2.Summary()
        s.value.add(tag="loss", simple_value=0.5)
        self.assertProtoEquals("value { tag: 'loss' simple_value: 0.5 }", s)
        with pytest.raises(AssertionError):
            self.assertProtoEquals("value { tag: 'acc' simple_value: 0.5 }", s)


def test_device_queries_answer_truthfully():
    assert tf.test.is_built_with_cuda() is False
    assert tf.test.is_gpu_available() is False
    assert tf.test.is_gpu_available(cuda_only=True, min_cuda_compute_capability=(3, 5)) is False
    assert tf.test.gpu_device_name() == ""


def test_compute_gradient_error():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [3])
        y = tf.reduce_sum(x * x)
        with tf.Session():
            err = tf.test.compute_gradient_error(x, [3], y, [], x_init_value=np.ones(3))
    assert err < 1e-6


TEST_MODULE = '''
import flowgrad as tf

class MathTest(tf.test.TestCase):
    def test_add(self):
        with self.test_session():
            self.assertAllEqual((tf.constant(1) + 2).eval(), 3)

if __name__ == "__main__":
    tf.test.main()
'''


def test_pytest_does_not_collect_test_session(tmp_path):
    path = tmp_path / "test_math_case.py"
    path.write_text(textwrap.dedent(TEST_MODULE))
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                          "-p", "no:cacheprovider", str(path)], capture_output=True, text=True,
                         cwd=str(tmp_path), check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "test_math_case.py::MathTest::test_add" in out.stdout
    assert "test_session" not in out.stdout


def test_tf_test_main_runs_the_scripts_tests(tmp_path):
    path = tmp_path / "math_case.py"
    path.write_text(textwrap.dedent(TEST_MODULE))
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stderr
    # unittest also finds test_session, which TF's setUp skips as "Not a test."
    assert "Ran 2 tests" in out.stderr and "OK (skipped=1)" in out.stderr
