"""`tf.contrib.tensorboard.plugins.projector`: the embedding projector's config protos
(ProjectorConfig, EmbeddingInfo, SpriteMetadata: TensorBoard's projector_config_pb2, needs
the `tensorboard` package) and `visualize_embeddings`, which writes the config as
`projector_config.pbtxt` in the summary writer's logdir, as TF 1.14."""
from __future__ import annotations

import os

from ..... import gfile

__all__ = ["EmbeddingInfo", "ProjectorConfig", "SpriteMetadata", "visualize_embeddings"]

_PROTOS = ("EmbeddingInfo", "ProjectorConfig", "SpriteMetadata")


def _pb2():
    try:
        from tensorboard.plugins.projector import projector_config_pb2  # lazy: optional
    except ImportError:
        raise ImportError("tf.contrib.tensorboard.plugins.projector needs the tensorboard "
                          "package (its projector_config_pb2)") from None
    return projector_config_pb2


def __getattr__(name):
    if name in _PROTOS:
        return getattr(_pb2(), name)
    if name == "projector_config_pb2":
        return _pb2()
    raise AttributeError("flowgrad does not implement "
                         f"tensorflow.contrib.tensorboard.plugins.projector.{name}")


def visualize_embeddings(summary_writer, config):
    """Writes `config` (a ProjectorConfig) as text to <logdir>/projector_config.pbtxt."""
    from google.protobuf import text_format  # lazy: with tensorboard's protos
    logdir = summary_writer.get_logdir()
    if logdir is None:
        raise ValueError("Summary writer must have a logdir")
    with gfile.GFile(os.path.join(logdir, "projector_config.pbtxt"), "w") as f:
        f.write(text_format.MessageToString(config))
