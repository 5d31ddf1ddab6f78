"""tf.contrib.gan.estimator.StarGANEstimator (TF 1.14 contrib/gan/python/estimator/python/
stargan_estimator_impl.py): GANEstimator's model_fn over a StarGANModel -- features are
the input data, labels its domain labels (PREDICT: features is the (data, target label)
pair) and `loss_fn(model)` gives the GANLoss. Its SummaryType is a class of its own
(VARIABLES and IMAGES only), the one tf.contrib.gan.estimator exports."""
from __future__ import annotations

import enum

from ....estimator import model_fn as _model_fn_lib
from ....estimator.estimator import Estimator as _Estimator
from ....ops import variable_scope as _vs
from ...framework.variables import get_trainable_variables as _trainable
from .. import namedtuples as _tuples
from .. import train as _train
from ..eval import summaries as _summaries
from . import gan_estimator as _gan
from . import head as _head

__all__ = ["StarGANEstimator", "SummaryType"]

_ModeKeys = _model_fn_lib.ModeKeys


# TF's second class of GANEstimator's members
SummaryType = enum.IntEnum("SummaryType", [(m.name, m.value) for m in _gan.SummaryType],
                           module=__name__)


_summary_type_map = {
    SummaryType.VARIABLES: _summaries.add_gan_model_summaries,
    SummaryType.IMAGES: _summaries.add_stargan_image_summaries,
}


class StarGANEstimator(_Estimator):
    """An Estimator for a StarGAN: `generator_fn(data, domain_label)` and
    `discriminator_fn(data, num_domains)` as in tf.contrib.gan.stargan_model, each given
    the Estimator's `mode` when it has an argument of that name."""

    def __init__(self, model_dir=None, generator_fn=None, discriminator_fn=None,
                 loss_fn=None, generator_optimizer=None, discriminator_optimizer=None,
                 get_hooks_fn=None, get_eval_metric_ops_fn=None, add_summaries=None,
                 use_loss_summaries=True, config=None):
        if not callable(loss_fn):
            raise ValueError("loss_fn must be callable.")
        _head._check_summaries_and_hooks(use_loss_summaries, get_hooks_fn)

        def _model_fn(features, labels, mode):
            _gan._check_mode(mode)
            if mode == _ModeKeys.PREDICT:
                input_data, input_data_domain_label = features[0], features[1]
            else:
                input_data, input_data_domain_label = features, labels
            gan_model = _get_gan_model(mode, generator_fn, discriminator_fn, input_data,
                                       input_data_domain_label, add_summaries)
            return _get_estimator_spec(mode, gan_model, loss_fn, get_eval_metric_ops_fn,
                                       generator_optimizer, discriminator_optimizer,
                                       get_hooks_fn)

        super().__init__(model_fn=_model_fn, model_dir=model_dir, config=config)


def _get_gan_model(mode, generator_fn, discriminator_fn, input_data, input_data_domain_label,
                   add_summaries, generator_scope="Generator"):
    if mode == _ModeKeys.PREDICT:
        return _make_prediction_gan_model(input_data, input_data_domain_label, generator_fn,
                                          generator_scope)
    return _make_gan_model(generator_fn, discriminator_fn, input_data,
                           input_data_domain_label, generator_scope, add_summaries, mode)


def _get_estimator_spec(mode, gan_model, loss_fn, get_eval_metric_ops_fn, generator_optimizer,
                        discriminator_optimizer, get_hooks_fn=None):
    if mode == _ModeKeys.PREDICT:
        return _model_fn_lib.EstimatorSpec(mode=mode, predictions=gan_model.generated_data)
    gan_loss = loss_fn(gan_model)
    if mode == _ModeKeys.EVAL:
        return _gan._get_eval_estimator_spec(gan_model, gan_loss, get_eval_metric_ops_fn)
    gopt = generator_optimizer() if callable(generator_optimizer) else generator_optimizer
    dopt = (discriminator_optimizer() if callable(discriminator_optimizer)
            else discriminator_optimizer)
    get_hooks_fn = get_hooks_fn or _train.get_sequential_train_hooks()
    return _gan._get_train_estimator_spec(gan_model, gan_loss, gopt, dopt, get_hooks_fn)


def _make_gan_model(generator_fn, discriminator_fn, input_data, input_data_domain_label,
                    generator_scope, add_summaries, mode):
    gan_model = _train.stargan_model(_gan._with_mode(generator_fn, mode),
                                     _gan._with_mode(discriminator_fn, mode), input_data,
                                     input_data_domain_label, generator_scope=generator_scope)
    _gan._add_summaries(gan_model, add_summaries, _summary_type_map)
    return gan_model


def _make_prediction_gan_model(input_data, input_data_domain_label, generator_fn,
                               generator_scope):
    """A StarGANModel of the generator alone (its generator_scope the scope's name, as
    TF's)."""
    generator_fn = _gan._with_mode(generator_fn, _ModeKeys.PREDICT)
    with _vs.variable_scope(generator_scope) as gen_scope:
        input_data = _train._convert_tensor_or_l_or_d(input_data)
        input_data_domain_label = _train._convert_tensor_or_l_or_d(input_data_domain_label)
        generated_data = generator_fn(input_data, input_data_domain_label)
    return _tuples.StarGANModel(
        input_data=input_data, input_data_domain_label=None, generated_data=generated_data,
        generated_data_domain_target=input_data_domain_label, reconstructed_data=None,
        discriminator_input_data_source_predication=None,
        discriminator_generated_data_source_predication=None,
        discriminator_input_data_domain_predication=None,
        discriminator_generated_data_domain_predication=None,
        generator_variables=_trainable(gen_scope), generator_scope=generator_scope,
        generator_fn=generator_fn, discriminator_variables=None, discriminator_scope=None,
        discriminator_fn=None)
