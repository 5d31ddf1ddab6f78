"""tf.import_graph_def's argument checks and name parsing against TF 1.14
(tests/golden/ckpt/gen_pfreeze_import.py): the errors, the returned names and the ops a
failed import leaves behind."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("ckpt", "pfreeze_import")
GOLDEN = goldens.load("ckpt", "pfreeze_import")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]
