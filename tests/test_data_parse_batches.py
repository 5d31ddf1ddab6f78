"""TFRecordDataset -> batch(n) -> map(parse_example) against TF 1.14
(tests/golden/data/gen_parse_batches.py). flowgrad parses such batches in place from the
file's buffer (engine/ops/_fused.py) and falls back to the function itself for any batch
it cannot: both give TF's values, order, end and errors."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("data", "parse_batches")
GOLD = goldens.load("data", "parse_batches")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_batch_then_parse_example(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


def test_in_place_path_is_taken(monkeypatch):
    from flowgrad.engine.ops import _fused
    calls = []
    orig = _fused.parse_example_vectorizer

    def spy(info):
        fn = orig(info)
        calls.append(fn is not None)
        return fn
    monkeypatch.setattr(_fused, "parse_example_vectorizer", spy)
    goldens.same_values(GEN.PROGRAMS["uniform/50"](tf), GOLD["uniform/50"])
    assert calls == [True]
