"""The VersionDef imports leave in a graph, as TF 1.14's
(tests/golden/ckpt/gen_pfreeze_versions.py)."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("ckpt", "pfreeze_versions")
GOLDEN = goldens.load("ckpt", "pfreeze_versions")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]
