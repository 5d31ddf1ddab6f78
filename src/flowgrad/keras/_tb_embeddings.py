"""TF 1.14's Keras TensorBoard embeddings (callbacks_v1.TensorBoard with embeddings_freq
and embeddings_data): one `<layer>_embedding` variable per watched layer holding the
layer's flattened outputs for embeddings_data, a projector config
(`projector_config.pbtxt`) naming those tensors and their metadata files, and a
checkpoint `keras_embedding.ckpt-<epoch>` of them every embeddings_freq epochs.

flowgrad fills each variable's rows with a ScatterUpdate over range(batch_id, batch_id +
step) where TF assigns to a slice of it (StridedSliceAssign, which flowgrad lacks): the
same values in the checkpoint, other op types in the graph."""
import os

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.ops.construction import range as _range
from ..ops import array_ops, state_ops, variables
from . import backend as K

__all__ = ["EmbeddingWriter"]


def _standardize(data, input_names):
    if isinstance(data, dict):
        return [np.asarray(data[name]) for name in input_names]
    if isinstance(data, (list, tuple)):
        return [np.asarray(d) for d in data]
    return [np.asarray(data)]


class EmbeddingWriter(object):
    """The embedding variables, assign ops, saver and projector config of one model."""

    def __init__(self, model, log_dir, writer, data, layer_names, metadata):
        from ..train.saver import Saver  # lazy: the saver only when embeddings are on
        self.model = model
        self.log_dir = log_dir
        self.data = _standardize(data, getattr(model, "input_names", None) or [])
        if not layer_names:
            layer_names = [layer.name for layer in model.layers
                           if type(layer).__name__ == "Embedding"]
        self.batch_id = batch_id = array_ops.placeholder(_dt.int32)
        self.step = step = array_ops.placeholder(_dt.int32)
        self.assigns = []
        embedding_vars = {}
        for layer in model.layers:
            if layer.name not in layer_names:
                continue
            out = model.get_layer(layer.name).output
            size = int(np.prod(out.shape.as_list()[1:]))
            flat = array_ops.reshape(out, (step, size))
            var = variables.Variable(array_ops.zeros((self.data[0].shape[0], size)),
                                     name=layer.name + "_embedding")
            # TF 1.14 leaves these uninitialized (its first write then fails with a
            # NotFoundError); flowgrad tracks them so get_session() initializes them
            K.track_variable(var)
            embedding_vars[layer.name] = var
            rows = _range(batch_id, batch_id + step)
            self.assigns.append(state_ops.scatter_update(var, rows, flat))
        self.saver = Saver(list(embedding_vars.values()))
        if isinstance(metadata, str):
            metadata = {name: metadata for name in embedding_vars}
        self._write_projector_config(writer, embedding_vars, metadata)

    @staticmethod
    def _write_projector_config(writer, embedding_vars, metadata):
        try:
            from google.protobuf import text_format  # lazy: with tensorboard's proto
            from tensorboard.plugins.projector import projector_config_pb2  # lazy: optional
        except ImportError:
            raise ImportError('Failed to import TensorBoard. Please make sure that '
                              'TensorBoard integration is complete."') from None
        config = projector_config_pb2.ProjectorConfig()
        for name, var in embedding_vars.items():
            emb = config.embeddings.add()
            emb.tensor_name = var.name
            if metadata is not None and name in metadata:
                emb.metadata_path = metadata[name]
        logdir = writer.get_logdir()
        os.makedirs(logdir, exist_ok=True)
        with open(os.path.join(logdir, "projector_config.pbtxt"), "w") as f:
            f.write(text_format.MessageToString(config))

    def write(self, epoch, batch_size):
        """Runs the model on the embeddings data batch by batch into the variables and
        saves them after each batch (TF 1.14's loop)."""
        n = self.data[0].shape[0]
        sess = K.get_session()
        inputs = self.model.inputs if isinstance(self.model.input, list) else \
            [self.model.input]
        i = 0
        while i < n:
            step = min(batch_size, n - i)
            feed = {t: d[i:i + step] for t, d in zip(inputs, self.data)}
            feed.update({self.batch_id: i, self.step: step})
            phase = K.learning_phase()
            if not isinstance(phase, int):
                feed[phase] = False
            sess.run(self.assigns, feed_dict=feed)
            self.saver.save(sess, os.path.join(self.log_dir, "keras_embedding.ckpt"), epoch)
            i += batch_size
