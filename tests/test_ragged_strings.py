"""tf.string_split / tf.strings.split with RaggedTensor results, tf.strings.bytes_split
and the unicode_decode/encode/split functions against TF 1.14
(tests/golden/strings/gen_ragged_strings.py): values, static shapes, errors, every op (a
tf.cond's inside is flowgrad's one Cond op, as in tests/test_ragged_tensor.py)."""
import pytest

import flowgrad as tf
import goldens
from test_ragged_tensor import _same_ops

GEN = goldens.generator("strings", "ragged_strings")
GOLD = goldens.load("strings", "ragged_strings")

# TF's C++ shape refiner runs StringSplit / UnicodeDecode on constant inputs to learn the
# row count (a static (3, ?)); flowgrad's shape refinement evaluates them too
# (ops/_array_util.py: _evaluated), so every static shape is TF's.


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_ragged_strings(name):
    got, exp = GEN.PROGRAMS[name](tf), GOLD[name]
    assert sorted(got) == sorted(exp), (name, got, exp)
    if "ops" in exp:
        _same_ops(got["ops"], exp["ops"], name)
    goldens.same_values({k: v for k, v in got.items() if k != "ops"},
                        {k: v for k, v in exp.items() if k != "ops"}, name)


