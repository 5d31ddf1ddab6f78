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


def test_datasets_of_structures_flowgrad_does_not_carry_raise():
    x = tf.data.experimental
    variant = tf.data.Dataset.range(1)._variant_tensor
    for s in (x.OptionalStructure(x.TensorStructure(tf.int32, [])),
              x.TensorArrayStructure(tf.float32, [2], False, True),
              x.RaggedTensorStructure(tf.int64, [None, None], 1)):
        with pytest.raises(NotImplementedError, match=type(s).__name__):
            x.from_variant(variant, s)
