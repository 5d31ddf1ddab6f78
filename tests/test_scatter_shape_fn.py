"""ScatterNdUpdate / TensorScatter* shape functions at their edges, against TF 1.14
(tests/golden/array_extra/gen_scatter_shape_fn.py): rank-0 indices or updates, an empty
input, an index depth past the input's rank, and TF's "input.shape" / "output.shape"."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("array_extra", "scatter_shape_fn")
WANT = load("array_extra", "scatter_shape_fn")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (WANT["host"]); the values are exact, the host pinned as for
    # every golden made there
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])


def test_golden_host_is_recorded():
    assert WANT["host"] == "intel"


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_shape_fn_as_tf(case):
    assert GEN._case(tf, GEN.CASES[case]) == WANT[case]
