"""TensorShape.as_proto / TensorShape(proto) against TF 1.14, and assertProtoEquals on a
shape's proto in a tf.test.TestCase."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("framework", "pdbg_shape_proto")
GOLDEN = goldens.load("framework", "pdbg_shape_proto")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_shape_proto_like_tf114(key):
    assert GEN.cases(tf)[key] == GOLDEN[key]


class ShapeProtoTest(tf.test.TestCase):

    def test_assert_proto_equals(self):
        self.assertProtoEquals("dim { size: 2 } dim { size: -1 }",
                               tf.TensorShape([2, None]).as_proto())
