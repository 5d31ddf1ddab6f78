"""A script's own tf.test.TestCase tests run by tf.test.main under TF 1.14: absltest's
report ("[ RUN      ] ...", "[  FAILED  ] ..."), the failures' messages (absltest's
assertLen / assertEmpty / assertSameElements and TF's assertAllClose among them) and the
summary. test_pdbg_tftest.py runs the same script under `flowgrad run`."""
import os
import re
import subprocess
import sys
import tempfile

SCRIPT = '''
import numpy as np
import tensorflow as tf


class UserTest(tf.test.TestCase):

    def testShapes(self):
        with self.cached_session() as sess:
            x = tf.reshape(tf.range(6), [2, 3])
            self.assertAllEqual(sess.run(tf.shape(x)), [2, 3])
            self.assertLen(x.eval(), 2)
            self.assertEmpty([])
            self.assertNotEmpty([1])
            self.assertSameElements([1, 2, 2], [2, 1])
            self.assertContainsSubset([1], [1, 2])
            self.assertNoCommonElements([1], [2])
            self.assertBetween(2, 1, 3)
            self.assertEndsWith("abc", "bc")
            self.assertSequenceAlmostEqual([1.0, 2.0], [1.0, 2.00000001])
            self.assertRaisesWithLiteralMatch(ValueError, "bad", self._raise)

    def _raise(self):
        raise ValueError("bad")

    def testLenFails(self):
        self.assertLen([1, 2, 3], 2)

    def testEmptyFails(self):
        self.assertEmpty([1])

    def testSameElementsFails(self):
        self.assertSameElements([1, 2], [1, 3])

    def testCloseFails(self):
        with self.test_session():
            self.assertAllClose(tf.constant([1.0, 2.0]).eval(), [1.0, 2.5])

    def testOpError(self):
        with self.session():
            with self.assertRaisesOpError("must be positive"):
                tf.Assert(False, ["must be positive"]).run()


if __name__ == "__main__":
    tf.test.main()
'''


def report(stderr):
    """The lines of the report that do not depend on the machine: absltest's per-test
    lines, each failure's last line, and the summary."""
    lines = stderr.splitlines()
    out = [ln for ln in lines if re.match(r"\[ *(RUN|OK|FAILED|SKIPPED) *\]", ln)]
    for i, ln in enumerate(lines):
        if ln.startswith("AssertionError:"):
            out.append(ln)
        elif re.match(r"Ran \d+ tests", ln):
            out.append(re.sub(r" in [0-9.]+s$", "", ln))
        elif re.match(r"(OK|FAILED)\b", ln):
            out.append(ln)
    return [re.sub(r"\[  SKIPPED \] (\S+)( - .*)?$", r"[  SKIPPED ] \1", ln)
            for ln in out]


def run_script(cmd):
    """(exit status, report) of the script run by `cmd` + [path]."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "user_test.py")
        with open(path, "w") as f:
            f.write(SCRIPT)
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
        p = subprocess.run(cmd + [path], cwd=d, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
    return [p.returncode, report(p.stderr)]


def case_mock(tf):
    """tf.test.mock: Python 3's unittest.mock."""
    with tf.test.mock.patch.object(tf.logging, "info") as m:
        tf.logging.info("x")
    return [tf.test.mock.__name__, m.call_count, type(tf.test.mock.MagicMock()).__name__]


def cases(tf):
    return {"user_tests": run_script([sys.executable]), "mock": case_mock(tf)}
