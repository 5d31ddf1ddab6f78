"""tf.contrib.gan.losses.wargs: TF 1.14's TF-GAN losses (contrib/gan/.../losses_impl.py).

Each loss is built as TF builds it, in its own name scope (`generator_wasserstein_loss`,
`discriminator_minimax_loss`, ...) from tf.losses' weighted reductions, so op names,
counts and the LOSSES collection are TF's. A discriminator loss reduces its real and
generated halves with no collection and adds their sum (or difference) once.
"""
from __future__ import annotations

from ....engine.autodiff.gradients import gradients as _gradients
from ....engine.framework import dtypes as _dt
from ....engine.framework import graph as _g
from ....engine.framework.constant_op import convert_to_tensor as _to_tensor
from ....engine.framework.graph import GraphKeys as _GraphKeys
from ....losses import losses_impl as _losses
from ....losses import util as _util
from ....ops import array_ops as _array_ops
from ....ops import math_ops as _math_ops
from ....ops import random_ops as _random_ops
from ....ops import tensor_util as _tensor_util
from ....ops import variable_scope as _vs
from ....summary import summary_ops as _summary
from ...framework.variables import get_trainable_variables as _trainable

__all__ = [
    "acgan_discriminator_loss", "acgan_generator_loss", "combine_adversarial_loss",
    "cycle_consistency_loss", "least_squares_discriminator_loss",
    "least_squares_generator_loss", "minimax_discriminator_loss", "minimax_generator_loss",
    "modified_discriminator_loss", "modified_generator_loss", "mutual_information_penalty",
    "wasserstein_discriminator_loss", "wasserstein_generator_loss",
    "wasserstein_gradient_penalty",
]

_LOSSES = _GraphKeys.LOSSES
_BY_NONZERO = _losses.Reduction.SUM_BY_NONZERO_WEIGHTS


def _to_float(tensor):
    return _math_ops.cast(tensor, _dt.float32)


def _summaries(pairs):
    for name, value in pairs:
        _summary.scalar(name, value)


# -- Wasserstein ----------------------------------------------------------------------------
def wasserstein_generator_loss(discriminator_gen_outputs, weights=1.0, scope=None,
                               loss_collection=_LOSSES, reduction=_BY_NONZERO,
                               add_summaries=False):
    """-D(G(z)), weighted and reduced (Wasserstein GAN's generator loss)."""
    with _g.name_scope(scope, "generator_wasserstein_loss",
                       (discriminator_gen_outputs, weights)) as scope:
        loss = -_to_float(discriminator_gen_outputs)
        loss = _losses.compute_weighted_loss(loss, weights, scope, loss_collection,
                                             reduction)
        if add_summaries:
            _summaries([("generator_wass_loss", loss)])
    return loss


def wasserstein_discriminator_loss(discriminator_real_outputs, discriminator_gen_outputs,
                                   real_weights=1.0, generated_weights=1.0, scope=None,
                                   loss_collection=_LOSSES, reduction=_BY_NONZERO,
                                   add_summaries=False):
    """D(G(z)) - D(x), each half weighted and reduced (Wasserstein GAN's critic loss)."""
    with _g.name_scope(scope, "discriminator_wasserstein_loss",
                       (discriminator_real_outputs, discriminator_gen_outputs,
                        real_weights, generated_weights)) as scope:
        real = _to_float(discriminator_real_outputs)
        gen = _to_float(discriminator_gen_outputs)
        real.shape.assert_is_compatible_with(gen.shape)
        on_gen = _losses.compute_weighted_loss(gen, generated_weights, scope,
                                               loss_collection=None, reduction=reduction)
        on_real = _losses.compute_weighted_loss(real, real_weights, scope,
                                                loss_collection=None, reduction=reduction)
        loss = on_gen - on_real
        _util.add_loss(loss, loss_collection)
        if add_summaries:
            _summaries([("discriminator_gen_wass_loss", on_gen),
                        ("discriminator_real_wass_loss", on_real),
                        ("discriminator_wass_loss", loss)])
    return loss


def wasserstein_gradient_penalty(real_data, generated_data, generator_inputs,
                                 discriminator_fn, discriminator_scope, epsilon=1e-10,
                                 target=1.0, one_sided=False, weights=1.0, scope=None,
                                 loss_collection=_LOSSES, reduction=_BY_NONZERO,
                                 add_summaries=False):
    """WGAN-GP's penalty: (|grad D(x^)| / target - 1)^2 at x^ = x + U[0,1) (G(z) - x),
    one draw per example; D is called in `discriminator_scope` with AUTO_REUSE, outside
    the penalty's name scope; `one_sided` penalizes only slopes above `target`."""
    with _g.name_scope(scope, "wasserstein_gradient_penalty",
                       (real_data, generated_data)) as scope:
        real_data = _to_tensor(real_data)
        generated_data = _to_tensor(generated_data)
        if real_data.shape.ndims is None:
            raise ValueError("`real_data` can't have unknown rank.")
        if generated_data.shape.ndims is None:
            raise ValueError("`generated_data` can't have unknown rank.")
        differences = generated_data - real_data
        batch_size = (differences.shape.dims[0].value
                      or _array_ops.shape(differences)[0])
        alpha = _random_ops.random_uniform(
            shape=[batch_size] + [1] * (differences.shape.ndims - 1))
        interpolates = real_data + (alpha * differences)
        with _g.name_scope(None):   # TF: so that the discriminator's update ops are named
            with _vs.variable_scope(discriminator_scope, "gpenalty_dscope",
                                    reuse=_vs.AUTO_REUSE):
                disc_interpolates = discriminator_fn(interpolates, generator_inputs)
        if isinstance(disc_interpolates, tuple):
            disc_interpolates = disc_interpolates[0]
        grads = _gradients(disc_interpolates, interpolates)[0]
        squares = _math_ops.reduce_sum(_math_ops.square(grads),
                                       axis=list(range(1, grads.shape.ndims)))
        if isinstance(batch_size, int):
            squares.set_shape([batch_size] + squares.shape.as_list()[1:])
        slopes = _math_ops.sqrt(squares + epsilon)
        penalties = slopes / target - 1.0
        if one_sided:
            penalties = _math_ops.maximum(0., penalties)
        penalty = _losses.compute_weighted_loss(_math_ops.square(penalties), weights,
                                                scope=scope,
                                                loss_collection=loss_collection,
                                                reduction=reduction)
        if add_summaries:
            _summaries([("gradient_penalty_loss", penalty)])
        return penalty


# -- minimax and modified (sigmoid cross-entropies) -------------------------------------------
def minimax_discriminator_loss(discriminator_real_outputs, discriminator_gen_outputs,
                               label_smoothing=0.25, real_weights=1.0,
                               generated_weights=1.0, scope=None, loss_collection=_LOSSES,
                               reduction=_BY_NONZERO, add_summaries=False):
    """The original GAN's discriminator loss: sigmoid cross-entropies of the logits
    D(x) against ones (smoothed by `label_smoothing`) and D(G(z)) against zeros."""
    with _g.name_scope(scope, "discriminator_minimax_loss",
                       (discriminator_real_outputs, discriminator_gen_outputs, real_weights,
                        generated_weights, label_smoothing)) as scope:
        on_real = _losses.sigmoid_cross_entropy(
            _array_ops.ones_like(discriminator_real_outputs), discriminator_real_outputs,
            real_weights, label_smoothing, scope, loss_collection=None, reduction=reduction)
        on_gen = _losses.sigmoid_cross_entropy(
            _array_ops.zeros_like(discriminator_gen_outputs), discriminator_gen_outputs,
            generated_weights, scope=scope, loss_collection=None, reduction=reduction)
        loss = on_real + on_gen
        _util.add_loss(loss, loss_collection)
        if add_summaries:
            _summaries([("discriminator_gen_minimax_loss", on_gen),
                        ("discriminator_real_minimax_loss", on_real),
                        ("discriminator_minimax_loss", loss)])
    return loss


def minimax_generator_loss(discriminator_gen_outputs, label_smoothing=0.0, weights=1.0,
                           scope=None, loss_collection=_LOSSES, reduction=_BY_NONZERO,
                           add_summaries=False):
    """Minus the discriminator loss with D(G(z)) as both halves (log(1 - D(G(z))))."""
    with _g.name_scope(scope, "generator_minimax_loss") as scope:
        loss = -minimax_discriminator_loss(
            _array_ops.ones_like(discriminator_gen_outputs), discriminator_gen_outputs,
            label_smoothing, weights, weights, scope, loss_collection, reduction,
            add_summaries=False)
    if add_summaries:
        _summaries([("generator_minimax_loss", loss)])
    return loss


def modified_discriminator_loss(discriminator_real_outputs, discriminator_gen_outputs,
                                label_smoothing=0.25, real_weights=1.0,
                                generated_weights=1.0, scope=None, loss_collection=_LOSSES,
                                reduction=_BY_NONZERO, add_summaries=False):
    """The minimax discriminator loss in scope `discriminator_modified_loss`."""
    return minimax_discriminator_loss(
        discriminator_real_outputs, discriminator_gen_outputs, label_smoothing,
        real_weights, generated_weights, scope or "discriminator_modified_loss",
        loss_collection, reduction, add_summaries)


def modified_generator_loss(discriminator_gen_outputs, label_smoothing=0.0, weights=1.0,
                            scope=None, loss_collection=_LOSSES, reduction=_BY_NONZERO,
                            add_summaries=False):
    """The non-saturating generator loss: sigmoid cross-entropy of D(G(z)) against ones."""
    with _g.name_scope(scope, "generator_modified_loss",
                       [discriminator_gen_outputs]) as scope:
        loss = _losses.sigmoid_cross_entropy(
            _array_ops.ones_like(discriminator_gen_outputs), discriminator_gen_outputs,
            weights, label_smoothing, scope, loss_collection, reduction)
        if add_summaries:
            _summaries([("generator_modified_loss", loss)])
    return loss


# -- least squares ---------------------------------------------------------------------------
def least_squares_generator_loss(discriminator_gen_outputs, real_label=1, weights=1.0,
                                 scope=None, loss_collection=_LOSSES, reduction=_BY_NONZERO,
                                 add_summaries=False):
    """LSGAN: (D(G(z)) - real_label)^2 / 2, weighted and reduced."""
    with _g.name_scope(scope, "lsq_generator_loss",
                       (discriminator_gen_outputs, real_label)) as scope:
        gen = _to_float(discriminator_gen_outputs)
        loss = _math_ops.squared_difference(gen, real_label) / 2.0
        loss = _losses.compute_weighted_loss(loss, weights, scope, loss_collection,
                                             reduction)
    if add_summaries:
        _summaries([("generator_lsq_loss", loss)])
    return loss


def least_squares_discriminator_loss(discriminator_real_outputs, discriminator_gen_outputs,
                                     real_label=1, fake_label=0, real_weights=1.0,
                                     generated_weights=1.0, scope=None,
                                     loss_collection=_LOSSES, reduction=_BY_NONZERO,
                                     add_summaries=False):
    """LSGAN: (D(x) - real_label)^2 / 2 + (D(G(z)) - fake_label)^2 / 2, each reduced."""
    with _g.name_scope(scope, "lsq_discriminator_loss",
                       (discriminator_gen_outputs, real_label)) as scope:
        real = _to_float(discriminator_real_outputs)
        gen = _to_float(discriminator_gen_outputs)
        real.shape.assert_is_compatible_with(gen.shape)
        real_losses = _math_ops.squared_difference(real, real_label) / 2.0
        fake_losses = _math_ops.squared_difference(gen, fake_label) / 2.0
        on_real = _losses.compute_weighted_loss(real_losses, real_weights, scope,
                                                loss_collection=None, reduction=reduction)
        on_gen = _losses.compute_weighted_loss(fake_losses, generated_weights, scope,
                                               loss_collection=None, reduction=reduction)
        loss = on_real + on_gen
        _util.add_loss(loss, loss_collection)
    if add_summaries:
        _summaries([("discriminator_gen_lsq_loss", on_gen),
                    ("discriminator_real_lsq_loss", on_real),
                    ("discriminator_lsq_loss", loss)])
    return loss


# -- ACGAN ------------------------------------------------------------------------------------
def acgan_discriminator_loss(discriminator_real_classification_logits,
                             discriminator_gen_classification_logits, one_hot_labels,
                             label_smoothing=0.0, real_weights=1.0, generated_weights=1.0,
                             scope=None, loss_collection=_LOSSES, reduction=_BY_NONZERO,
                             add_summaries=False):
    """AC-GAN: softmax cross-entropies of the class logits on generated and (smoothed)
    real data against `one_hot_labels`."""
    with _g.name_scope(scope, "acgan_discriminator_loss",
                       (discriminator_real_classification_logits,
                        discriminator_gen_classification_logits, one_hot_labels)) as scope:
        on_gen = _losses.softmax_cross_entropy(
            one_hot_labels, discriminator_gen_classification_logits,
            weights=generated_weights, scope=scope, loss_collection=None,
            reduction=reduction)
        on_real = _losses.softmax_cross_entropy(
            one_hot_labels, discriminator_real_classification_logits, weights=real_weights,
            label_smoothing=label_smoothing, scope=scope, loss_collection=None,
            reduction=reduction)
        loss = on_gen + on_real
        _util.add_loss(loss, loss_collection)
        if add_summaries:
            _summaries([("discriminator_gen_ac_loss", on_gen),
                        ("discriminator_real_ac_loss", on_real),
                        ("discriminator_ac_loss", loss)])
    return loss


def acgan_generator_loss(discriminator_gen_classification_logits, one_hot_labels,
                         weights=1.0, scope=None, loss_collection=_LOSSES,
                         reduction=_BY_NONZERO, add_summaries=False):
    """AC-GAN: softmax cross-entropy of the class logits on generated data."""
    with _g.name_scope(scope, "acgan_generator_loss",
                       (discriminator_gen_classification_logits, one_hot_labels)) as scope:
        loss = _losses.softmax_cross_entropy(
            one_hot_labels, discriminator_gen_classification_logits, weights=weights,
            scope=scope, loss_collection=loss_collection, reduction=reduction)
        if add_summaries:
            _summaries([("generator_ac_loss", loss)])
    return loss


# -- InfoGAN ----------------------------------------------------------------------------------
def _validate_information_penalty_inputs(structured_generator_inputs,
                                         predicted_distributions):
    if not isinstance(predicted_distributions, (list, tuple)):
        raise ValueError("`distributions` must be a list or tuple. Instead, found %s."
                         % type(predicted_distributions))
    for d in predicted_distributions:
        if not callable(getattr(d, "log_prob", None)):
            raise ValueError("`distributions` must be a list of `Distributions`. Instead, "
                             "found %s." % type(d))
    if len(structured_generator_inputs) != len(predicted_distributions):
        raise ValueError(
            "`structured_generator_inputs` length %i must be the same as "
            "`predicted_distributions` length %i." % (len(structured_generator_inputs),
                                                      len(predicted_distributions)))


def mutual_information_penalty(structured_generator_inputs, predicted_distributions,
                               weights=1.0, scope=None, loss_collection=_LOSSES,
                               reduction=_BY_NONZERO, add_summaries=False):
    """InfoGAN: minus the weighted mean log-likelihood of each structured noise input
    under the distribution the discriminator predicts for it."""
    _validate_information_penalty_inputs(structured_generator_inputs,
                                         predicted_distributions)
    with _g.name_scope(scope, "mutual_information_loss") as scope:
        log_probs = [_math_ops.reduce_mean(d.log_prob(noise)) for d, noise in
                     zip(predicted_distributions, structured_generator_inputs)]
        loss = -1 * _losses.compute_weighted_loss(log_probs, weights, scope,
                                                  loss_collection=loss_collection,
                                                  reduction=reduction)
        if add_summaries:
            _summaries([("mutual_information_penalty", loss)])
    return loss


# -- combining and cycle consistency ------------------------------------------------------------
def _stable_global_norm(tensor_list):
    """global_norm of the tensors divided by their largest |value|, times it."""
    if all(x is None for x in tensor_list):
        return 0.0
    list_max = _math_ops.reduce_max([_math_ops.reduce_max(_math_ops.abs(x))
                                     for x in tensor_list if x is not None])
    return list_max * _math_ops.global_norm([x / list_max for x in tensor_list
                                             if x is not None])


def _used_weight(weights_list):
    for weight in weights_list:
        if weight is not None:
            return _tensor_util.constant_value(_to_tensor(weight))
    return None


def combine_adversarial_loss(main_loss, adversarial_loss, weight_factor=None,
                             gradient_ratio=None, gradient_ratio_epsilon=1e-6,
                             variables=None, scalar_summaries=True, gradient_summaries=True,
                             scope=None):
    """main_loss + w * adversarial_loss, with w = `weight_factor`, or chosen so that the
    adversarial gradient's norm is the main one's over `gradient_ratio` (w is held
    constant by stop_gradient); summaries of both losses and their gradient norms."""
    for loss in (main_loss, adversarial_loss):
        loss.shape.assert_is_compatible_with([])
    if weight_factor is None and gradient_ratio is None:
        raise ValueError("`weight_factor` and `gradient_ratio` cannot both be `None.`")
    if weight_factor is not None and gradient_ratio is not None:
        raise ValueError("`weight_factor` and `gradient_ratio` cannot both be specified.")
    if variables is None:
        variables = _trainable()
    with _g.name_scope(scope, "adversarial_loss", values=[main_loss, adversarial_loss]):
        if gradient_summaries or gradient_ratio is not None:
            main_mag = _stable_global_norm(_gradients(main_loss, variables))
            adv_mag = _stable_global_norm(_gradients(adversarial_loss, variables))
        if scalar_summaries:
            _summaries([("main_loss", main_loss), ("adversarial_loss", adversarial_loss)])
        if gradient_summaries:
            _summaries([("main_loss_gradients", main_mag),
                        ("adversarial_loss_gradients", adv_mag)])
        if _used_weight((weight_factor, gradient_ratio)) == 0:
            final_loss = main_loss
        elif weight_factor is not None:
            final_loss = main_loss + _array_ops.stop_gradient(weight_factor) * adversarial_loss
        else:
            adv_coeff = main_mag / (adv_mag + gradient_ratio_epsilon) / gradient_ratio
            _summaries([("adversarial_coefficient", adv_coeff)])
            final_loss = main_loss + _array_ops.stop_gradient(adv_coeff) * adversarial_loss
    return final_loss


def cycle_consistency_loss(data_x, reconstructed_data_x, data_y, reconstructed_data_y,
                           scope=None, add_summaries=False):
    """CycleGAN: the mean of the two mean absolute reconstruction errors (each a
    tf.losses.absolute_difference, so both land in the LOSSES collection)."""
    with _g.name_scope(scope, "cycle_consistency_loss",
                       values=[data_x, reconstructed_data_x, data_y, reconstructed_data_y]):
        loss_x2x = _losses.absolute_difference(data_x, reconstructed_data_x)
        loss_y2y = _losses.absolute_difference(data_y, reconstructed_data_y)
        loss = (loss_x2x + loss_y2y) / 2.0
        if add_summaries:
            _summaries([("cycle_consistency_loss_x2x", loss_x2x),
                        ("cycle_consistency_loss_y2y", loss_y2y),
                        ("cycle_consistency_loss", loss)])
    return loss
