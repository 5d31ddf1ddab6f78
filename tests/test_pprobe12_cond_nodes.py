"""tf.cond with ref results (RefMerge), a cond nested in a branch's control_dependencies
block, and a cond gradient's zeros numbered with a gather gradient's Shape, as TF 1.14
writes and lists them (tests/golden/opcounts/gen_pprobe12_cond_nodes.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("opcounts", "pprobe12_cond_nodes")
GOT = generator("opcounts", "pprobe12_cond_nodes").cases(tf)


@pytest.mark.parametrize("name", sorted(GOLD))
@pytest.mark.parametrize("part", ["nodes", "ops", "values"])
def test_graph(name, part):
    assert GOT[name][part] == GOLD[name][part]
