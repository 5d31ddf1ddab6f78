"""tf.train.CheckpointManager(keep_checkpoint_every_n_hours=...) against TF 1.14
(tests/golden/ckpt/gen_manager_keep_hours.py)."""
from goldens import generator, load

import flowgrad as tf

G = generator("ckpt", "manager_keep_hours")
GOLD = load("ckpt", "manager_keep_hours")


def test_keep_every_n_hours_as_tf(tmp_path):
    got = G.program(tf, str(tmp_path))
    assert sorted(got) == sorted(GOLD)
    for k in sorted(GOLD):
        assert got[k] == GOLD[k], k
