"""TF 1.14's contrib/losses/python/metric_learning/metric_loss_ops.py (the losses of
tf.contrib.losses.metric_learning and their helpers): losses over embeddings, built op
for op as TF builds them (same names and count, so graph-seeded random ops made later
get TF's seeds).

cluster_loss and its helpers are absent: TF 1.14 scores its clusterings with
scikit-learn through py_func.
"""
from __future__ import annotations

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import name_scope as _name_scope
from ...engine.ops.comparison import equal as _equal
from ...engine.ops.comparison import logical_and as _logical_and
from ...engine.ops.comparison import logical_not as _logical_not
from ...engine.ops.linalg import matmul as _matmul
from ...engine.ops.matrix import diag as _diag
from ...ops import array_ops, math_ops
from ...ops import logging_ops as _logging_ops
from ...ops import nn_ops as _nn_ops
from ...ops import sparse_ops as _sparse_ops
from ...ops.sparse_tensor import SparseTensor as _SparseTensor

__all__ = ["contrastive_loss", "lifted_struct_loss", "masked_maximum", "masked_minimum",
           "npairs_loss", "npairs_loss_multilabel", "pairwise_distance", "triplet_semihard_loss"]

_CLUSTER = ("cluster_loss", "update_1d_tensor", "get_cluster_assignment",
            "compute_facility_energy", "compute_clustering_score",
            "compute_augmented_facility_locations", "update_medoid_per_cluster",
            "update_all_medoids", "compute_augmented_facility_locations_pam",
            "compute_gt_cluster_score")


def pairwise_distance(feature, squared=False):
    """[n, n] distances between the rows of `feature` (squared ones if `squared`), from
    |a|^2 + |b|^2 - 2ab clipped at 0; exactly 0 on the diagonal and where that is <= 0."""
    rows = math_ops.reduce_sum(math_ops.square(feature), axis=[1], keepdims=True)
    cols = math_ops.reduce_sum(math_ops.square(array_ops.transpose(feature)), axis=[0],
                               keepdims=True)
    sq = math_ops.add(rows, cols) - 2.0 * _matmul(feature, array_ops.transpose(feature))
    sq = math_ops.maximum(sq, 0.0)
    error_mask = math_ops.less_equal(sq, 0.0)
    dist = sq if squared else math_ops.sqrt(sq + math_ops.cast(error_mask, _dt.float32) * 1e-16)
    dist = math_ops.multiply(dist, math_ops.cast(_logical_not(error_mask), _dt.float32))
    num_data = array_ops.shape(feature)[0]
    off_diagonal = array_ops.ones_like(dist) - _diag(array_ops.ones([num_data]))
    return math_ops.multiply(dist, off_diagonal)


def contrastive_loss(labels, embeddings_anchor, embeddings_positive, margin=1.0):
    """Mean over pairs of d^2 (label 1) or max(margin - d, 0)^2 (label 0), d the distance
    of a pair."""
    d = math_ops.sqrt(math_ops.reduce_sum(
        math_ops.squared_difference(embeddings_anchor, embeddings_positive), 1))
    return math_ops.reduce_mean(
        math_ops.cast(labels, _dt.float32) * math_ops.square(d)
        + (1. - math_ops.cast(labels, _dt.float32))
        * math_ops.square(math_ops.maximum(margin - d, 0.)), name="contrastive_loss")


def masked_maximum(data, mask, dim=1):
    """The maximum along `dim` of the entries `mask` selects (kept dim)."""
    mins = math_ops.reduce_min(data, dim, keepdims=True)
    return math_ops.reduce_max(math_ops.multiply(data - mins, mask), dim, keepdims=True) + mins


def masked_minimum(data, mask, dim=1):
    """The minimum along `dim` of the entries `mask` selects (kept dim)."""
    maxs = math_ops.reduce_max(data, dim, keepdims=True)
    return math_ops.reduce_min(math_ops.multiply(data - maxs, mask), dim, keepdims=True) + maxs


def _column(labels):
    """`labels` as an [n, 1] column (TF asserts a 1-D labels shape in Python)."""
    lshape = array_ops.shape(labels)
    assert lshape.shape == 1
    return array_ops.reshape(labels, [lshape[0], 1])


def _positives_mask(adjacency, n):
    """Same-label pairs without the diagonal, as floats."""
    return math_ops.cast(adjacency, dtype=_dt.float32) - _diag(array_ops.ones([n]))


def triplet_semihard_loss(labels, embeddings, margin=1.0):
    """FaceNet's triplet loss: for each positive pair, the nearest negative farther than
    the positive (semi-hard), else the farthest negative; the mean hinge over positives."""
    labels = _column(labels)
    pdist = pairwise_distance(embeddings, squared=True)
    adjacency = _equal(labels, array_ops.transpose(labels))
    adjacency_not = _logical_not(adjacency)
    n = array_ops.size(labels)
    pdist_tile = array_ops.tile(pdist, [n, 1])
    mask = _logical_and(array_ops.tile(adjacency_not, [n, 1]),
                        math_ops.greater(pdist_tile, array_ops.reshape(
                            array_ops.transpose(pdist), [-1, 1])))
    mask_final = array_ops.reshape(math_ops.greater(math_ops.reduce_sum(
        math_ops.cast(mask, dtype=_dt.float32), 1, keepdims=True), 0.0), [n, n])
    mask_final = array_ops.transpose(mask_final)
    adjacency_not = math_ops.cast(adjacency_not, dtype=_dt.float32)
    mask = math_ops.cast(mask, dtype=_dt.float32)
    outside = array_ops.transpose(array_ops.reshape(masked_minimum(pdist_tile, mask), [n, n]))
    inside = array_ops.tile(masked_maximum(pdist, adjacency_not), [1, n])
    semi_hard = array_ops.where(mask_final, outside, inside)
    loss_mat = math_ops.add(margin, pdist - semi_hard)
    positives = _positives_mask(adjacency, n)
    num_positives = math_ops.reduce_sum(positives)
    return math_ops.truediv(
        math_ops.reduce_sum(math_ops.maximum(math_ops.multiply(loss_mat, positives), 0.0)),
        num_positives, name="triplet_semihard_loss")


def _npairs(similarity, labels_remapped, l2loss, print_losses):
    labels_remapped /= math_ops.reduce_sum(labels_remapped, 1, keepdims=True)
    xent = _nn_ops.softmax_cross_entropy_with_logits(logits=similarity, labels=labels_remapped)
    xent = math_ops.reduce_mean(xent, name="xentropy")
    if print_losses:
        xent = _logging_ops.Print(xent, ["cross entropy:", xent, "l2loss:", l2loss])
    return l2loss + xent


def _l2_and_similarity(embeddings_anchor, embeddings_positive, reg_lambda):
    reg_anchor = math_ops.reduce_mean(
        math_ops.reduce_sum(math_ops.square(embeddings_anchor), 1))
    reg_positive = math_ops.reduce_mean(
        math_ops.reduce_sum(math_ops.square(embeddings_positive), 1))
    l2loss = math_ops.multiply(0.25 * reg_lambda, reg_anchor + reg_positive, name="l2loss")
    similarity = _matmul(embeddings_anchor, embeddings_positive, transpose_a=False,
                         transpose_b=True)
    return l2loss, similarity


def npairs_loss(labels, embeddings_anchor, embeddings_positive, reg_lambda=0.002,
                print_losses=False):
    """N-pair loss: softmax cross-entropy of anchor-positive similarities against the
    same-label pairs (rows normalized), plus reg_lambda / 4 times the mean squared norms."""
    l2loss, similarity = _l2_and_similarity(embeddings_anchor, embeddings_positive, reg_lambda)
    labels = _column(labels)
    remapped = math_ops.cast(_equal(labels, array_ops.transpose(labels)), _dt.float32)
    return _npairs(similarity, remapped, l2loss, print_losses)


def _multilabel_adjacency(sparse_labels):
    """[n, n]: the number of labels pairs i and j share (sparse_minimum's sum)."""
    n = len(sparse_labels)
    adjacency = array_ops.zeros([n, n])
    for i in range(n):
        for j in range(n):
            dot = math_ops.cast(_sparse_ops.sparse_reduce_sum(
                _sparse_ops.sparse_minimum(sparse_labels[i], sparse_labels[j])), _dt.float32)
            dot = array_ops.expand_dims(array_ops.expand_dims(dot, 0), 1)
            adjacency += array_ops.pad(dot, [[i, n - i - 1], [j, n - j - 1]], "CONSTANT")
    return adjacency


def npairs_loss_multilabel(sparse_labels, embeddings_anchor, embeddings_positive,
                           reg_lambda=0.002, print_losses=False):
    """npairs_loss with a list of SparseTensors of labels, one per pair: the targets are
    the shared-label counts."""
    if False in [isinstance(lab, _SparseTensor) for lab in sparse_labels]:
        raise TypeError("sparse_labels must be a list of SparseTensors, but got %s"
                        % str(sparse_labels))
    with _name_scope("NpairsLossMultiLabel"):
        l2loss, similarity = _l2_and_similarity(embeddings_anchor, embeddings_positive,
                                                reg_lambda)
        remapped = math_ops.cast(_multilabel_adjacency(sparse_labels), _dt.float32)
        return _npairs(similarity, remapped, l2loss, print_losses)


def lifted_struct_loss(labels, embeddings, margin=1.0):
    """The lifted structured loss (Song et al. 2016): per positive pair, a smooth maximum
    of margin - negative distances plus the pair's distance, squared hinge, averaged."""
    labels = _column(labels)
    dist = pairwise_distance(embeddings)
    adjacency = _equal(labels, array_ops.transpose(labels))
    adjacency_not = _logical_not(adjacency)
    n = array_ops.size(labels)
    diff = margin - dist
    mask = math_ops.cast(adjacency_not, dtype=_dt.float32)
    row_min = math_ops.reduce_min(diff, 1, keepdims=True)
    row_neg_max = math_ops.reduce_max(math_ops.multiply(diff - row_min, mask), 1,
                                      keepdims=True) + row_min
    max_elements = math_ops.maximum(row_neg_max, array_ops.transpose(row_neg_max))
    diff_tiled = array_ops.tile(diff, [n, 1])
    mask_tiled = array_ops.tile(mask, [n, 1])
    max_vect = array_ops.reshape(array_ops.transpose(max_elements), [-1, 1])
    exp_left = array_ops.reshape(math_ops.reduce_sum(math_ops.multiply(
        math_ops.exp(diff_tiled - max_vect), mask_tiled), 1, keepdims=True), [n, n])
    loss_mat = max_elements + math_ops.log(exp_left + array_ops.transpose(exp_left))
    loss_mat += dist
    positives = _positives_mask(adjacency, n)
    num_positives = math_ops.reduce_sum(positives) / 2.0
    return math_ops.truediv(0.25 * math_ops.reduce_sum(math_ops.square(math_ops.maximum(
        math_ops.multiply(loss_mat, positives), 0.0))), num_positives, name="liftedstruct_loss")


def __getattr__(name):
    if name in _CLUSTER:
        raise AttributeError(f"flowgrad does not implement tensorflow.contrib.losses."
                             f"metric_learning.{name} (TF 1.14 scores its clusterings with "
                             "scikit-learn)")
    raise AttributeError(f"module '{__name__}' has no attribute '{name}'")
