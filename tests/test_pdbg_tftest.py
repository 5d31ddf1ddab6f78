"""A script's own tf.test.TestCase tests under `flowgrad run` report as under TF 1.14:
absltest's runner lines, absltest's assertions (assertLen, assertEmpty, ...) and their
messages, and the summary (tests/golden/compat/gen_pdbg_tftest.py)."""
import os
import sys

import flowgrad as tf
import goldens

GEN = goldens.generator("compat", "pdbg_tftest")
GOLDEN = goldens.load("compat", "pdbg_tftest")
SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")


def test_user_tests_report_like_tf114(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    assert GEN.run_script([sys.executable, "-m", "flowgrad", "run"]) == GOLDEN["user_tests"]


def test_tf_test_mock_is_unittest_mock():
    assert GEN.case_mock(tf) == GOLDEN["mock"]
