"""tf.contrib.sparsemax: sparsemax activations and the sparsemax loss (Martins & Astudillo,
2016; TF 1.14's contrib/sparsemax), built from ops as TF builds them, so their gradients
are those of the ops."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..ops import array_ops, comparison_ops, math_ops, nn_ops

__all__ = ["sparsemax", "sparsemax_loss"]


def sparsemax(logits, name=None):
    """max(logits - tau(logits), 0) per row of a [batch, classes] `logits`: the Euclidean
    projection onto the probability simplex (NaN rows where a logit is NaN or inf)."""
    with name_scope(name, "sparsemax", [logits]):
        logits = convert_to_tensor(logits, name="logits")
        obs = array_ops.shape(logits)[0]
        dims = array_ops.shape(logits)[1]
        z = logits
        z_sorted, _ = nn_ops.top_k(z, k=dims)
        z_cumsum = math_ops.cumsum(z_sorted, axis=1)
        k = array_ops.range(1, math_ops.cast(dims, logits.dtype) + 1, dtype=logits.dtype)
        z_check = 1 + k * z_sorted > z_cumsum
        k_z = math_ops.reduce_sum(math_ops.cast(z_check, _dt.int32), axis=1)
        k_z_safe = math_ops.maximum(k_z, 1)
        indices = array_ops.stack([array_ops.range(0, obs), k_z_safe - 1], axis=1)
        tau_sum = array_ops.gather_nd(z_cumsum, indices)
        tau_z = (tau_sum - 1) / math_ops.cast(k_z, logits.dtype)
        p = math_ops.maximum(math_ops.cast(0, logits.dtype), z - tau_z[:, None])
        return array_ops.where(
            comparison_ops.logical_or(comparison_ops.equal(k_z, 0),
                                      math_ops.is_nan(z_cumsum[:, -1])),
            array_ops.fill([obs, dims], math_ops.cast(float("nan"), logits.dtype)), p)


def sparsemax_loss(logits, sparsemax, labels, name=None):
    """The sparsemax loss of each row: sum(s * (z - s/2) over s > 0) + sum(q * (q/2 - z))
    for logits z, sparsemax s and labels q."""
    with name_scope(name, "sparsemax_loss", [logits, sparsemax, labels]):
        logits = convert_to_tensor(logits, name="logits")
        sparsemax = convert_to_tensor(sparsemax, name="sparsemax")
        labels = convert_to_tensor(labels, name="labels")
        z = logits
        sum_s = array_ops.where(
            comparison_ops.logical_or(sparsemax > 0, math_ops.is_nan(sparsemax)),
            sparsemax * (z - 0.5 * sparsemax), array_ops.zeros_like(sparsemax))
        q_part = labels * (0.5 * labels - z)
        q_part_safe = array_ops.where(
            comparison_ops.logical_and(comparison_ops.equal(labels, 0), math_ops.is_inf(z)),
            array_ops.zeros_like(z), q_part)
        return math_ops.reduce_sum(sum_s + q_part_safe, axis=1)
