"""tf.contrib.gan.estimator.GANEstimator (TF 1.14 contrib/gan/python/estimator/python/
gan_estimator_impl.py): an Estimator whose model_fn builds a GANModel (generator in
`Generator`, discriminator in `Discriminator`; labels are the real data, features the
generator's inputs), the two losses and, in TRAIN, gan_train_ops run by hooks
(sequential 1:1 by default); EVAL's metrics are the two losses' means; PREDICT builds the
generator only."""
from __future__ import annotations

import enum
import functools
import inspect

from ....engine.framework import graph as _g
from ....estimator import model_fn as _model_fn_lib
from ....estimator.estimator import Estimator as _Estimator
from ....ops import variable_scope as _vs
from ...framework.variables import get_trainable_variables as _trainable
from .. import namedtuples as _tuples
from .. import train as _train
from ..eval import summaries as _summaries
from . import head as _head

__all__ = ["GANEstimator", "SummaryType"]

_ModeKeys = _model_fn_lib.ModeKeys


class SummaryType(enum.IntEnum):
    NONE = 0
    VARIABLES = 1
    IMAGES = 2
    IMAGE_COMPARISON = 3


_summary_type_map = {
    SummaryType.VARIABLES: _summaries.add_gan_model_summaries,
    SummaryType.IMAGES: _summaries.add_gan_model_image_summaries,
    SummaryType.IMAGE_COMPARISON: _summaries.add_image_comparison_summaries,
}


class GANEstimator(_Estimator):
    """An Estimator for a GAN: `generator_fn(inputs)` and `discriminator_fn(data,
    inputs)` as in tf.contrib.gan.gan_model, each given the Estimator's `mode` when it has
    an argument of that name."""

    def __init__(self, model_dir=None, generator_fn=None, discriminator_fn=None,
                 generator_loss_fn=None, discriminator_loss_fn=None,
                 generator_optimizer=None, discriminator_optimizer=None, get_hooks_fn=None,
                 get_eval_metric_ops_fn=None, add_summaries=None, use_loss_summaries=True,
                 config=None, warm_start_from=None, is_chief=True):
        if not callable(generator_loss_fn):
            raise ValueError("generator_loss_fn must be callable.")
        if not callable(discriminator_loss_fn):
            raise ValueError("discriminator_loss_fn must be callable.")
        _head._check_summaries_and_hooks(use_loss_summaries, get_hooks_fn)

        def _model_fn(features, labels, mode):
            _check_mode(mode)
            gan_model = _get_gan_model(mode, generator_fn, discriminator_fn, labels,
                                       features, add_summaries)
            return _get_estimator_spec(
                mode, gan_model, generator_loss_fn, discriminator_loss_fn,
                get_eval_metric_ops_fn, generator_optimizer, discriminator_optimizer,
                get_hooks_fn, use_loss_summaries, is_chief)

        super().__init__(model_fn=_model_fn, model_dir=model_dir, config=config,
                         warm_start_from=warm_start_from)


def _check_mode(mode):
    if mode not in [_ModeKeys.TRAIN, _ModeKeys.EVAL, _ModeKeys.PREDICT]:
        raise ValueError("Mode not recognized: %s" % mode)


def _with_mode(fn, mode):
    """`fn` given `mode=mode` when it has an argument called `mode` (TF's getargspec)."""
    if "mode" in inspect.getfullargspec(fn).args:
        return functools.partial(fn, mode=mode)
    return fn


def _get_gan_model(mode, generator_fn, discriminator_fn, real_data, generator_inputs,
                   add_summaries, generator_scope="Generator"):
    if mode == _ModeKeys.PREDICT:
        if real_data is not None:
            raise ValueError("`labels` must be `None` when mode is `predict`. "
                             "Instead, found %s" % real_data)
        return _make_prediction_gan_model(generator_inputs, generator_fn, generator_scope)
    return _make_gan_model(generator_fn, discriminator_fn, real_data, generator_inputs,
                           generator_scope, add_summaries, mode)


def _get_estimator_spec(mode, gan_model, generator_loss_fn, discriminator_loss_fn,
                        get_eval_metric_ops_fn, generator_optimizer, discriminator_optimizer,
                        get_hooks_fn=None, use_loss_summaries=True, is_chief=True):
    if mode == _ModeKeys.PREDICT:
        return _model_fn_lib.EstimatorSpec(mode=mode, predictions=gan_model.generated_data)
    gan_loss = _tuples.GANLoss(
        generator_loss=generator_loss_fn(gan_model, add_summaries=use_loss_summaries),
        discriminator_loss=discriminator_loss_fn(gan_model, add_summaries=use_loss_summaries))
    if mode == _ModeKeys.EVAL:
        return _get_eval_estimator_spec(gan_model, gan_loss, get_eval_metric_ops_fn)
    if callable(generator_optimizer):
        generator_optimizer = generator_optimizer()
    if callable(discriminator_optimizer):
        discriminator_optimizer = discriminator_optimizer()
    get_hooks_fn = get_hooks_fn or _train.get_sequential_train_hooks()
    return _get_train_estimator_spec(gan_model, gan_loss, generator_optimizer,
                                     discriminator_optimizer, get_hooks_fn, is_chief=is_chief)


def _make_gan_model(generator_fn, discriminator_fn, real_data, generator_inputs,
                    generator_scope, add_summaries, mode):
    gan_model = _train.gan_model(_with_mode(generator_fn, mode),
                                 _with_mode(discriminator_fn, mode), real_data,
                                 generator_inputs, generator_scope=generator_scope,
                                 check_shapes=False)
    _add_summaries(gan_model, add_summaries, _summary_type_map)
    return gan_model


def _add_summaries(gan_model, add_summaries, summary_type_map):
    """The summaries of `add_summaries` (a SummaryType or a list of them) at the top name
    scope."""
    if add_summaries:
        if not isinstance(add_summaries, (tuple, list)):
            add_summaries = [add_summaries]
        with _g.name_scope(None):
            for summary_type in add_summaries:
                summary_type_map[summary_type](gan_model)


def _make_prediction_gan_model(generator_inputs, generator_fn, generator_scope):
    """A GANModel of the generator alone."""
    generator_fn = _with_mode(generator_fn, _ModeKeys.PREDICT)
    with _vs.variable_scope(generator_scope) as gen_scope:
        generator_inputs = _train._convert_tensor_or_l_or_d(generator_inputs)
        generated_data = generator_fn(generator_inputs)
    return _tuples.GANModel(
        generator_inputs, generated_data, _trainable(gen_scope), gen_scope, generator_fn,
        real_data=None, discriminator_real_outputs=None, discriminator_gen_outputs=None,
        discriminator_variables=None, discriminator_scope=None, discriminator_fn=None)


def _get_eval_estimator_spec(gan_model, gan_loss, get_eval_metric_ops_fn=None, name=None):
    scalar_loss = gan_loss.generator_loss + gan_loss.discriminator_loss
    eval_metric_ops = _head._eval_metric_ops(gan_model, gan_loss, get_eval_metric_ops_fn,
                                             name)
    return _model_fn_lib.EstimatorSpec(mode=_ModeKeys.EVAL,
                                       predictions=gan_model.generated_data,
                                       loss=scalar_loss, eval_metric_ops=eval_metric_ops)


def _get_train_estimator_spec(gan_model, gan_loss, generator_optimizer,
                              discriminator_optimizer, get_hooks_fn,
                              train_op_fn=_train.gan_train_ops, is_chief=True):
    scalar_loss = gan_loss.generator_loss + gan_loss.discriminator_loss
    train_ops = train_op_fn(gan_model, gan_loss, generator_optimizer,
                            discriminator_optimizer, is_chief=is_chief)
    return _model_fn_lib.EstimatorSpec(loss=scalar_loss, mode=_ModeKeys.TRAIN,
                                       train_op=train_ops.global_step_inc_op,
                                       training_hooks=get_hooks_fn(train_ops))
