"""`tf.contrib.tensorboard.plugins.projector`: the Embedding Projector's config.

`ProjectorConfig`, `EmbeddingInfo` and `SpriteMetadata` are the protobuf messages of
TF 1.14's projector_config.proto, taken from the `tensorboard` package (the same fields
and numbers; loaded on first use, as every flowgrad proto). `visualize_embeddings`
writes the config, in protobuf text format, to `<logdir>/projector_config.pbtxt`, the
file TensorBoard's projector reads.

    >>> config = projector.ProjectorConfig()
    >>> emb = config.embeddings.add()
    >>> emb.tensor_name = "embedding:0"
    >>> projector.visualize_embeddings(tf.summary.FileWriter(logdir), config)
"""
import os

_MESSAGES = ("ProjectorConfig", "EmbeddingInfo", "SpriteMetadata", "DESCRIPTOR")


def _pb2():
    try:
        from tensorboard.plugins.projector import (  # lazy: optional dependency (summary extra)
            projector_config_pb2,
        )
    except ImportError:
        raise ImportError("tf.contrib.tensorboard.plugins.projector needs the 'tensorboard' "
                          "package: pip install 'flowgrad[summary]'") from None
    return projector_config_pb2


def __getattr__(name):
    if name in _MESSAGES:
        return getattr(_pb2(), name)
    if name == "projector_config_pb2":
        return _pb2()
    raise AttributeError(
        f"flowgrad does not implement tensorflow.contrib.tensorboard.plugins.projector.{name}")


def visualize_embeddings(summary_writer, config):
    """Stores `config` (a ProjectorConfig) as `projector_config.pbtxt` in the writer's logdir.

    Raises:
      ValueError: the summary writer has no logdir.
    """
    from google.protobuf import text_format  # lazy: optional dependency (summary extra)
    logdir = summary_writer.get_logdir()
    if logdir is None:
        raise ValueError('Summary writer must have a logdir')
    with open(os.path.join(logdir, "projector_config.pbtxt"), "w") as f:
        f.write(text_format.MessageToString(config))
