"""tf.contrib.tensorboard.plugins.projector (TF 1.14): the Embedding Projector's config
protos (the ones the `tensorboard` package ships: same fields and numbers as TF 1.14's) and
visualize_embeddings, which writes the config as text into the summary writer's logdir."""
from __future__ import absolute_import, division, print_function  # TF's module has these names
import os

from google.protobuf import text_format
from tensorboard.plugins.projector import projector_config_pb2  # TF's module of the protos

from ..... import gfile

DESCRIPTOR = projector_config_pb2.DESCRIPTOR
EmbeddingInfo = projector_config_pb2.EmbeddingInfo
ProjectorConfig = projector_config_pb2.ProjectorConfig
SpriteMetadata = projector_config_pb2.SpriteMetadata

__all__ = ["EmbeddingInfo", "ProjectorConfig", "SpriteMetadata", "visualize_embeddings"]


def visualize_embeddings(summary_writer, config):
    """Writes `config` (a ProjectorConfig) as <logdir>/projector_config.pbtxt, the file the
    projector plugin reads. ValueError if the writer has no logdir."""
    logdir = summary_writer.get_logdir()
    if logdir is None:
        raise ValueError("Summary writer must have a logdir")
    # as_utf8=False: TF 1.14's protobuf escapes non-ASCII bytes as octal (its default then)
    config_pbtxt = text_format.MessageToString(config, as_utf8=False)
    with gfile.GFile(os.path.join(logdir, "projector_config.pbtxt"), "w") as f:
        f.write(config_pbtxt)
