"""tf.data.experimental's Structure classes against TF 1.14
(tests/golden/data/gen_structure.py): get_structure, Structure.from_value, equality and
compatibility, to_variant / from_variant, Optional.value_structure."""
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "structure")
GOLD = goldens.load("data", "structure")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def test_structures_flowgrad_does_not_carry_are_absent():
    for name in ("TensorArrayStructure", "RaggedTensorStructure"):
        assert not hasattr(tf.data.experimental, name)
    with pytest.raises(NotImplementedError, match="structure"):
        tf.data.experimental.from_variant(
            tf.data.Dataset.range(1)._variant_tensor,
            tf.data.experimental.OptionalStructure(tf.data.experimental.TensorStructure(
                tf.int32, [])))
