"""slim.learning.train's trace_every_n_steps against TF 1.14
(tests/golden/layers/gen_pslim_learning_trace.py)."""
import numpy as np
import pytest

import goldens
import flowgrad as tf

pytest.importorskip("google.protobuf")
GEN = goldens.generator("layers", "pslim_learning_trace")
GOLD = goldens.load("layers", "pslim_learning_trace")


def test_traced_steps_write_tfs_files_and_events():
    got, want = GEN.traced(tf), GOLD["traced"]
    np.testing.assert_allclose(got.pop("final"), want.pop("final"), rtol=1e-6)
    assert got == want


def test_should_trace_without_logdir_raises_tfs_error():
    assert GOLD["no_logdir"] is not None
    assert GEN.no_logdir(tf) == GOLD["no_logdir"]
