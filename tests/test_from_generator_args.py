"""Dataset.from_generator(args=...) against TF 1.14
(tests/golden/data/gen_from_generator_args.py)."""
from goldens import generator, load
from test_data import _same

import flowgrad as tf

G = generator("data", "from_generator_args")
GOLD = load("data", "from_generator_args")


def test_args_reach_the_generator_as_tf():
    got = G.program(tf)
    assert got["seen"] == GOLD["program"]["seen"]
    _same(got["elements"], GOLD["program"]["elements"])


def test_one_shot_and_repeat():
    _same(G.one_shot(tf), GOLD["one_shot"])


def test_args_not_a_sequence():
    assert G.bad_args(tf) == GOLD["bad_args"]
