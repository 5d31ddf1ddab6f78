"""tf.data.Options and its parts against TF 1.14 (tests/golden/data/gen_options.py):
defaults, type checks, merging, Dataset.with_options / options() through a pipeline,
the ops an initializable iterator adds for them, and a seeded shuffle + repeat with
shuffle_and_repeat_fusion on and off (one-shot and initializable iterators)."""
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "options")
GOLD = goldens.load("data", "options")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def test_every_part_refuses_unknown_attributes_and_compares_by_value():
    x = tf.data.experimental
    for cls in (tf.data.Options, x.OptimizationOptions, x.MapVectorizationOptions,
                x.ThreadingOptions, x.StatsOptions, x.DistributeOptions):
        a, b = cls(), cls()
        assert a == b and not (a != b)
        with pytest.raises(AttributeError, match=f"Cannot set the property nope on "
                                                 f"{cls.__name__}."):
            a.nope = 1
