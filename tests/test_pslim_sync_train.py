"""slim.learning.train's sync_optimizer against TF 1.14
(tests/golden/layers/gen_pslim_sync_train.py)."""
import numpy as np
import pytest

import goldens
import flowgrad as tf

pytest.importorskip("google.protobuf")
GEN = goldens.generator("layers", "pslim_sync_train")
GOLD = goldens.load("layers", "pslim_sync_train")


def test_sync_optimizer_trains_as_tf():
    got, want = GEN.sync_train(tf), GOLD["sync_train"]
    np.testing.assert_allclose(got.pop("final"), want.pop("final"), rtol=1e-6)
    assert got == want


def test_startup_delay_with_sync_optimizer_raises_tfs_error():
    assert GOLD["startup_delay"] is not None
    assert GEN.startup_delay(tf) == GOLD["startup_delay"]


def test_sync_optimizer_of_another_kind_raises_tfs_errors():
    assert GEN.not_sync(tf) == GOLD["not_sync"]
