"""tf.data with RaggedTensor elements against TF 1.14 (tests/golden/data/gen_ragged_data.py):
elements, output types/shapes/classes, errors and every op of the graph."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("data", "ragged_data")
GOLD = goldens.load("data", "ragged_data")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_ragged_data(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


@pytest.mark.parametrize("build", [
    lambda ta: tf.data.Dataset.from_tensors(ta),
    lambda ta: tf.data.Dataset.from_tensor_slices((tf.zeros([2]), ta)),
    lambda ta: tf.data.Dataset.range(2).map(lambda i: ta),
])
def test_tensor_array_elements_are_absent_and_say_so(build):
    """TF 1.14 carries TensorArray elements as TensorList variants, which flowgrad lacks:
    a clear NotImplementedError naming them (not a conversion error)."""
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.).write(1, 2.)
    with pytest.raises(NotImplementedError, match="tf.TensorArray dataset elements"):
        build(ta)
