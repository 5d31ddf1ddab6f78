"""Saver(sharded=True) shards per device as TF 1.14 (tests/golden/saver/gen_sharded_devices.py):
its graph (op names, devices, inputs), the data files a save writes, the restore."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("saver", "sharded_devices")
GOLD = load("saver", "sharded_devices")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_sharded_saver_as_tf(case):
    got = GEN._graph(tf, getattr(GEN, "_" + case))
    assert got == GOLD[case]
