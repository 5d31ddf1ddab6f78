"""tf.contrib.distribute as TF 1.14's (tests/golden/distribute/gen_contrib_distribute.py):
the contrib MirroredStrategy's devices and errors, an Estimator trained with it, the
context functions and the aliases of tf.distribute's objects."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distribute", "contrib_distribute")
GOLD = goldens.load("distribute", "contrib_distribute")


@pytest.fixture(scope="module")
def got():
    try:
        return GEN.cases(tf)   # it resets the default graph between its parts
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case_is_tfs(got, case):
    want = GOLD[case]
    if isinstance(want, np.ndarray):
        np.testing.assert_allclose(got[case], want, rtol=1e-6)
        assert got[case].dtype == want.dtype
    else:
        assert got[case] == want


def test_more_than_one_device_is_refused_when_used():
    s = tf.contrib.distribute.MirroredStrategy(num_gpus=2)
    assert s.num_replicas_in_sync == 2
    with tf.Graph().as_default(), pytest.raises(NotImplementedError):
        s.extended.call_for_each_replica(lambda: tf.constant(1.0))
