"""Loop gradients TF 1.14 builds beyond the body's rules (golden control/loop_grad_patch): a
back_prop=False loop's GradLoopState (None, but the f_count / b_count loops), and the zeros
patch of a loop variable the body overwrites without reading; the ops, the op count, the
values and a graph-seeded random op made after."""
import numpy as np
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "loop_grad_patch")
WANT = goldens.load("control", "loop_grad_patch")
CASES = [k for k in WANT if k != "vendor"]


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):   # (the golden records the host that made it)
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["vendor"])


@pytest.mark.parametrize("case", CASES)
def test_ops_as_tf(case):
    got = GEN._run(flowgrad, getattr(GEN, "_" + case))
    want = WANT[case]
    assert [tuple(x) for x in got["ops"]] == [tuple(x) for x in want["ops"]]
    assert got["count"] == want["count"]
    assert got["none"] == want["none"]
    assert [[n, o, list(i)] for n, o, i in got["nodes"]] == \
        [[n, o, list(i)] for n, o, i in want["nodes"]]


@pytest.mark.parametrize("case", CASES)
def test_values_as_tf(case):
    got = GEN._run(flowgrad, getattr(GEN, "_" + case))
    want = WANT[case]
    assert len(got["values"]) == len(want["values"])
    for k, (a, b) in enumerate(zip(got["values"], want["values"])):
        np.testing.assert_array_equal(a, b, err_msg=f"value {k}")
