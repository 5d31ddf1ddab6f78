"""tf.tile of a RaggedTensor as TF 1.14 dispatches it (tests/golden/array/
gen_pminor2_ragged_tile.py): the tiled values, the ops built (names and types), static
shapes, a fed multiples, and TF's errors."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("array", "pminor2_ragged_tile")
GEN = goldens.generator("array", "pminor2_ragged_tile")


@pytest.fixture(autouse=True)
def _host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLDEN["host"])   # (the golden's; nothing here uses it)


@pytest.mark.parametrize("k", range(len(GEN.CASES)))
def test_tile_is_tfs(k):
    value, multiples = GEN.CASES[k]
    assert GEN.case(tf, value, multiples, 1 if k == 5 else None) == GOLDEN["case%d" % k]


def test_fed_multiples_and_name():
    assert GEN.fed(tf) == GOLDEN["fed"]


def test_errors_are_tfs():
    assert GEN.errors(tf) == GOLDEN["errors"]
