"""Conds made in a control_dependencies block (rot90, tf.case(exclusive=True), hand-written
blocks) in TF 1.14's layout: GraphDef nodes, get_operations() and values."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("opcounts", "cond_block")
GOT = generator("opcounts", "cond_block").cases(tf)


@pytest.mark.parametrize("name", sorted(GOLD))
@pytest.mark.parametrize("part", ["nodes", "ops", "values"])
def test_graph(name, part):
    assert GOT[name][part] == GOLD[name][part]
