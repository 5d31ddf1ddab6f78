"""MatrixBandPart's bounds, tf.meshgrid of scalars and tf.split's size_splits length
against TF 1.14 (tests/golden/array_extra/gen_manip_edges.py)."""
import pytest

from golden_case_checks import check_case, check_error
from goldens import generator, load

GEN = generator("array_extra", "manip_edges")
WANT = load("array_extra", "manip_edges")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (WANT["host"]); the values are exact, the host pinned as for
    # every golden made there
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])


def test_golden_host_is_recorded():
    assert WANT["host"] == "intel"


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    check_case(GEN.CASES[case], WANT[case])


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    check_error(GEN.ERRORS[case], WANT["error:" + case])
