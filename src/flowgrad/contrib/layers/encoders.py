"""contrib.layers.embed_sequence (TF 1.14 contrib/layers/python/layers/encoders.py), and
contrib.layers' embedding_lookup_unique and safe_embedding_lookup_sparse (its embedding_ops.py)."""
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, math_ops
from ...ops import variable_scope as vs
from ... import logging as _logging
from ... import nn
from ..framework import variables

__all__ = ["embed_sequence", "embedding_lookup_unique", "safe_embedding_lookup_sparse"]


def embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
                   regularizer=None, trainable=True, scope=None, reuse=None):
    """Looks `ids` up in an [vocab_size, embed_dim] model variable 'embeddings' (scope
    "EmbedSequence")."""
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError("Must specify vocab size and embedding dimension when not reusing. "
                         "Got vocab_size=%s and embed_dim=%s" % (vocab_size, embed_dim))
    with vs.variable_scope(scope, "EmbedSequence", [ids], reuse=reuse):
        shape = [vocab_size, embed_dim]
        if (reuse and vocab_size is None) or embed_dim is None:
            shape = None
        embeddings = variables.model_variable("embeddings", shape=shape,
                                              initializer=initializer,
                                              regularizer=regularizer, trainable=trainable)
        if unique:
            return embedding_lookup_unique(embeddings, ids)
        return nn.embedding_lookup(embeddings, ids)


def embedding_lookup_unique(params, ids, partition_strategy="mod", name=None):
    """contrib's embedding_lookup_unique: looks each distinct id up once, then gathers (the
    result has ids' shape followed by the embedding's)."""
    with name_scope(name, "EmbeddingLookupUnique", [params, ids]):
        ids = convert_to_tensor(ids)
        shape = array_ops.shape(ids)
        ids_flat = array_ops.reshape(ids, math_ops.reduce_prod(shape, keepdims=True))
        unique_ids, idx = array_ops.unique(ids_flat)
        unique_embeddings = nn.embedding_lookup(params, unique_ids, partition_strategy)
        embeds_flat = array_ops.gather(unique_embeddings, idx)
        embed_shape = array_ops.concat([shape, array_ops.shape(unique_embeddings)[1:]], 0)
        embeds = array_ops.reshape(embeds_flat, embed_shape)
        embeds.set_shape(ids.shape.concatenate(unique_embeddings.shape[1:]))
        return embeds


def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner=None, default_id=None, name=None,
                                 partition_strategy="div", max_norm=None):
    """contrib.layers' safe_embedding_lookup_sparse: tf.nn's, except that combiner=None
    warns (as TF 1.14: the default was to change to "sqrtn") and means "mean"."""
    if combiner is None:
        _logging.warn('The default value of combiner will change from "mean" to "sqrtn" '
                      "after 2016/11/01.")
        combiner = "mean"
    return nn.safe_embedding_lookup_sparse(
        embedding_weights, sparse_ids, sparse_weights=sparse_weights, combiner=combiner,
        default_id=default_id, name=name, partition_strategy=partition_strategy,
        max_norm=max_norm)
