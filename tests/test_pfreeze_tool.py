"""freeze_graph reads its input files as TF 1.14's (tests/golden/ckpt/gen_pfreeze_tool.py):
the same frozen nodes from a text or binary GraphDef, and TF's exceptions (module, class,
message) for a file read in the wrong format, bad text, or a missing file."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("ckpt", "pfreeze_tool")
GOLDEN = goldens.load("ckpt", "pfreeze_tool")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]
