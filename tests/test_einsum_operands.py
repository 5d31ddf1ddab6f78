"""tf.einsum's operands as TF 1.14 takes them (tests/golden/math/gen_einsum_operands.py):
Tensors or Variables only (a NumPy or Python value is TF's AttributeError), and operands
of different dtypes meeting in the first MatMul / Mul, with TF's error and the ops built
before it."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("math", "einsum_operands")
CASES = sorted(k for k in GOLDEN if k != "host")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (GOLDEN["host"]); the values are exact, the host pinned as for
    # every golden made there
    monkeypatch.setenv("FLOWGRAD_CPU", GOLDEN["host"])


def test_golden_host_is_recorded():
    assert GOLDEN["host"] == "intel"


@pytest.mark.parametrize("case", CASES)
def test_operands_as_tf(case):
    got = goldens.flowgrad_cases("math", "einsum_operands", tf)[case]
    goldens.same_exact(got, GOLDEN[case], case)
