"""build_tensor_info / build_signature_def as TF 1.14's
(tests/golden/saved_model/gen_pfreeze_sig.py): variables as tensors, TF's errors."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("saved_model", "pfreeze_sig")
GOLDEN = goldens.load("saved_model", "pfreeze_sig")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]
