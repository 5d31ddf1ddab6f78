"""tf.data.experimental's Structure classes against TF 1.14
(tests/golden/data/gen_structure.py): get_structure, Structure.from_value, equality and
compatibility, to_variant / from_variant, Optional.value_structure."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "structure")
GOLD = goldens.load("data", "structure")


def _same(a, b, path="."):
    if isinstance(b, dict):
        assert isinstance(a, dict) and sorted(a) == sorted(b), (path, a, b)
        for k in b:
            _same(a[k], b[k], f"{path}/{k}")
    elif isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(b, (str, bytes, bool)) or b is None:
        assert a == b, (path, a, b)
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, (path, a, b)
        np.testing.assert_array_equal(a, b, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    _same(GEN.PROGRAMS[name](tf), GOLD[name])


def test_structures_flowgrad_does_not_carry_are_absent():
    for name in ("TensorArrayStructure", "RaggedTensorStructure"):
        assert not hasattr(tf.data.experimental, name)
    with pytest.raises(NotImplementedError, match="structure"):
        tf.data.experimental.from_variant(
            tf.data.Dataset.range(1)._variant_tensor,
            tf.data.experimental.OptionalStructure(tf.data.experimental.TensorStructure(
                tf.int32, [])))
