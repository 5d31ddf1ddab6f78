"""contrib.layers.embed_sequence (TF 1.14 contrib/layers/python/layers/encoders.py)."""
from ...ops import variable_scope as vs
from ... import nn
from ..framework import variables

__all__ = ["embed_sequence"]


def embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
                   regularizer=None, trainable=True, scope=None, reuse=None):
    """Looks `ids` up in an [vocab_size, embed_dim] model variable 'embeddings' (scope
    "EmbedSequence")."""
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError("Must specify vocab size and embedding dimension when not reusing. "
                         "Got vocab_size=%s and embed_dim=%s" % (vocab_size, embed_dim))
    if unique:
        raise NotImplementedError("flowgrad does not implement embed_sequence(unique=True) "
                                  "(contrib's embedding_lookup_unique)")
    with vs.variable_scope(scope, "EmbedSequence", [ids], reuse=reuse):
        shape = [vocab_size, embed_dim]
        if (reuse and vocab_size is None) or embed_dim is None:
            shape = None
        embeddings = variables.model_variable("embeddings", shape=shape,
                                              initializer=initializer,
                                              regularizer=regularizer, trainable=trainable)
        return nn.embedding_lookup(embeddings, ids)
