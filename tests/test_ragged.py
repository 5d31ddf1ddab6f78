"""tf.ragged's RaggedTensorValue, constant_value and the row-partition conversions against
TF 1.14 (tests/golden/data/gen_ragged.py)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("data", "ragged")
GOLD = goldens.load("data", "ragged")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_ragged(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


def test_value_checks_its_parts():
    import numpy as np
    with pytest.raises(TypeError, match="row_splits must be a 1D int32 or int64"):
        tf.ragged.RaggedTensorValue(np.zeros(2), np.zeros(2))
    with pytest.raises(TypeError, match="values must be a numpy array"):
        tf.ragged.RaggedTensorValue([1], np.array([0, 1]))
    inner = tf.ragged.RaggedTensorValue(np.arange(2), np.array([0, 2], np.int32))
    with pytest.raises(ValueError, match="same dtype"):
        tf.ragged.RaggedTensorValue(inner, np.array([0, 1]))
