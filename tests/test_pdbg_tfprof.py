"""tf.contrib.tfprof.model_analyzer (print_model_analysis and its option dicts),
tf.profiler.profile's default options and options dicts with options left out, and the
old dump_to_file option, the "ops no flops stats due to incomplete shapes" count (and
NCHW pooling counted as TF cannot), against TF 1.14 (tests/golden/tools/gen_pdbg_tfprof.py)."""
import io
import sys

import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("tools", "pdbg_tfprof")
GOLDEN = goldens.load("tools", "pdbg_tfprof")


def _capture(fn):
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err = io.StringIO(), io.StringIO()
    try:
        fn()
    finally:
        sys.stdout, sys.stderr = saved
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def ours():
    out = GEN.reports(tf, _capture)
    out["incomplete_shapes"] = GEN.incomplete_shapes(tf, _capture)
    return out


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_reports_like_tf114(ours, key):
    assert ours[key] == GOLDEN[key]
