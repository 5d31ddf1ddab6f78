"""NLP-script behaviours (tests/golden/nlp/gen_pnlp_nlp.py) against TF 1.14: values, names
and errors (class and first line; a TypeError's args as TF's str shows them). Floats to
rtol 2e-6: Tanh and MatMul are NumPy's, within a few ulps of TF's (docs/performance.md)."""
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load, same_sparse

GOLD = load("nlp", "pnlp_nlp")
GEN = generator("nlp", "pnlp_nlp")


def _same(got, want, path):
    """Errors (recorded by the generator's _run at any depth) by class and message; lists
    item by item; the rest as goldens.same_sparse."""
    if isinstance(want, GoldenError):
        assert isinstance(got, GoldenError), (path, got)
        assert (got.cls, got.message) == (want.cls, want.message), path
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (path, got)
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}[{i}]")
    else:
        same_sparse(got, want, path, rtol=2e-6, atol=1e-7)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_case(name):
    _same(GEN.CASES[name](tf), GOLD[name], name)
