"""tf.contrib.tensorboard.plugins.projector against TF 1.14
(tests/golden/contrib/gen_projector.py): the projector_config.pbtxt written, the protos'
fields, the error; the import paths TF programs use."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.compat.tf_alias import alias_tensorflow

GEN = goldens.generator("contrib", "projector")
GOLD = goldens.load("contrib", "projector")


@pytest.mark.parametrize("case", GEN.CASES)
def test_projector_case(case):
    got = getattr(GEN, "_" + case)(tf)
    want = GOLD[case]
    if isinstance(want, goldens.GoldenError):
        got = goldens.GoldenError.of(got)
    assert got == want


def test_projector_import_paths():
    with alias_tensorflow():
        import tensorflow
        from tensorflow.contrib.tensorboard.plugins import projector
        from tensorflow.contrib.tensorboard.plugins.projector import projector_config_pb2
        assert projector.ProjectorConfig is tf.contrib.tensorboard.plugins.projector.ProjectorConfig
        assert projector_config_pb2.EmbeddingInfo is projector.EmbeddingInfo
        assert tensorflow.contrib.tensorboard.plugins.projector.visualize_embeddings is \
            tf.contrib.tensorboard.plugins.projector.visualize_embeddings
