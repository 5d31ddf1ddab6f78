"""TF 1.14's tf.contrib.tensorboard.plugins.projector: the projector_config.pbtxt that
visualize_embeddings writes into a FileWriter's logdir (byte for byte), the protos' fields,
the error for a writer without a logdir. Test: tests/test_contrib_projector.py."""
import os
import shutil
import tempfile


def _projector(tf):
    return tf.contrib.tensorboard.plugins.projector


def _config(projector):
    config = projector.ProjectorConfig()
    emb = config.embeddings.add()
    emb.tensor_name = "embedding/word_vectors:0"
    emb.metadata_path = "metadata.tsv"
    emb.tensor_shape.extend([10, 3])
    emb.sprite.image_path = "sprite.png"
    emb.sprite.single_image_dim.extend([28, 28])
    other = config.embeddings.add(tensor_name="second", tensor_path="vectors.tsv",
                                  bookmarks_path="bookmarks.txt")
    other.metadata_path = "unicode_\u00e9.tsv"
    return config


def _written(tf, config):
    d = tempfile.mkdtemp()
    try:
        writer = tf.summary.FileWriter(d)
        _projector(tf).visualize_embeddings(writer, config)
        writer.close()
        with open(os.path.join(d, "projector_config.pbtxt"), "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(d)


def _file(tf):
    return _written(tf, _config(_projector(tf)))


def _checkpoint_path(tf):
    config = _projector(tf).ProjectorConfig(model_checkpoint_path="/tmp/model.ckpt-5")
    config.model_checkpoint_dir = "ckpts"
    return _written(tf, config)


def _empty(tf):
    return _written(tf, _projector(tf).ProjectorConfig())


def _fields(tf):
    p = _projector(tf)
    return {name: [[f.name, f.number, f.type] for f in cls.DESCRIPTOR.fields]
            for name, cls in (("ProjectorConfig", p.ProjectorConfig),
                              ("EmbeddingInfo", p.EmbeddingInfo),
                              ("SpriteMetadata", p.SpriteMetadata))}


def _no_logdir(tf):
    class Writer(object):
        def get_logdir(self):
            return None
    try:
        _projector(tf).visualize_embeddings(Writer(), _projector(tf).ProjectorConfig())
    except ValueError as e:
        return e
    return None


CASES = ("file", "checkpoint_path", "empty", "fields", "no_logdir")


def cases(tf):
    return {name: globals()["_" + name](tf) for name in CASES}
