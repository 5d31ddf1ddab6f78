"""NLP-script behaviours (tests/golden/nlp/gen_pnlp_nlp.py) against TF 1.14: values, names
and errors (class and first line; a TypeError's args as TF's str shows them)."""
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load, same_sparse

GOLD = load("nlp", "pnlp_nlp")
GEN = generator("nlp", "pnlp_nlp")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_case(name):
    got = GEN.CASES[name](tf)
    want = GOLD[name]
    if isinstance(want, GoldenError):
        assert isinstance(got, GoldenError), got
        assert (got.cls, got.message) == (want.cls, want.message)
    else:
        same_sparse(got, want, name)
