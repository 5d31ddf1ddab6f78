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
              x.TensorArrayStructure(tf.float32, [2], False, True)):
        with pytest.raises(NotImplementedError, match=type(s).__name__):
            x.from_variant(variant, s)


def test_from_variant_of_a_ragged_structure():
    x = tf.data.experimental
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(3).map(lambda i: tf.ragged.range(i))
        again = x.from_variant(x.to_variant(ds), x.get_structure(ds))
        assert x.get_structure(again) == x.get_structure(ds)
        nxt = again.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            assert [sess.run(nxt).to_list() for _ in range(3)] == [[[]], [[0]], [[0, 1]]]
