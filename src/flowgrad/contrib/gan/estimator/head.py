"""tf.contrib.gan.estimator.GANHead and gan_head (TF 1.14 contrib/gan/python/estimator/
python/head_impl.py, deprecated there): a canned-estimator head whose `logits` are a
GANModel; its EstimatorSpec in PREDICT / EVAL / TRAIN is built in a `GANHead` name scope
as GANEstimator's."""
from __future__ import annotations

import functools

from ....engine.framework import graph as _g
from ....estimator import model_fn as _model_fn_lib
from ....estimator.canned.head import _Head
from ....estimator.export.export_output import PredictOutput as _PredictOutput
from .... import metrics as _metrics
from ...framework.deprecation import deprecated as _deprecated
from .. import namedtuples as _tuples
from .. import train as _train

__all__ = ["GANHead", "gan_head"]

_ModeKeys = _model_fn_lib.ModeKeys
_DEPRECATION = "Please use tf.contrib.gan.GANEstimator without explicitly making a GANHead."


def _check_summaries_and_hooks(use_loss_summaries, get_hooks_fn):
    if use_loss_summaries not in [True, False, None]:
        raise ValueError("use_loss_summaries must be True, False or None.")
    if get_hooks_fn is not None and not callable(get_hooks_fn):
        raise TypeError("get_hooks_fn must be callable.")


def _summary_key(head_name, val):
    return "%s/%s" % (val, head_name) if head_name else val


def _eval_metric_ops(gan_model, gan_loss, get_eval_metric_ops_fn=None, name=None):
    """The EVAL metrics of a GAN: each loss's mean (keys suffixed by `/name`) in a
    `metrics` name scope, updated by get_eval_metric_ops_fn(gan_model)'s dict."""
    with _g.name_scope(None, "metrics", [gan_loss.generator_loss,
                                         gan_loss.discriminator_loss]):
        ops = {_summary_key(name, "generator_loss"): _metrics.mean(gan_loss.generator_loss),
               _summary_key(name, "discriminator_loss"):
                   _metrics.mean(gan_loss.discriminator_loss)}
        if get_eval_metric_ops_fn is not None:
            custom = get_eval_metric_ops_fn(gan_model)
            if not isinstance(custom, dict):
                raise TypeError("get_eval_metric_ops_fn must return a dict, "
                                "received: {}".format(custom))
            ops.update(custom)
    return ops


@_deprecated(None, _DEPRECATION)
def gan_head(generator_loss_fn, discriminator_loss_fn, generator_optimizer,
             discriminator_optimizer, use_loss_summaries=True,
             get_hooks_fn=_train.get_sequential_train_hooks(),
             get_eval_metric_ops_fn=None, name=None):
    """A GANHead."""
    return GANHead(generator_loss_fn=generator_loss_fn,
                   discriminator_loss_fn=discriminator_loss_fn,
                   generator_optimizer=generator_optimizer,
                   discriminator_optimizer=discriminator_optimizer,
                   use_loss_summaries=use_loss_summaries, get_hooks_fn=get_hooks_fn,
                   get_eval_metric_ops_fn=get_eval_metric_ops_fn, name=name)


class GANHead(_Head):
    """`Head` for a GAN: `logits` is a GANModel, `labels` and `features` None."""

    @_deprecated(None, _DEPRECATION)
    def __init__(self, generator_loss_fn, discriminator_loss_fn, generator_optimizer,
                 discriminator_optimizer, use_loss_summaries=True, get_hooks_fn=None,
                 get_eval_metric_ops_fn=None, name=None):
        if not callable(generator_loss_fn):
            raise TypeError("generator_loss_fn must be callable.")
        if not callable(discriminator_loss_fn):
            raise TypeError("discriminator_loss_fn must be callable.")
        _check_summaries_and_hooks(use_loss_summaries, get_hooks_fn)
        if name is not None and not isinstance(name, str):
            raise TypeError("name must be string.")
        if get_hooks_fn is None:
            get_hooks_fn = _train.get_sequential_train_hooks()
        if use_loss_summaries in [True, False]:
            generator_loss_fn = functools.partial(generator_loss_fn,
                                                  add_summaries=use_loss_summaries)
            discriminator_loss_fn = functools.partial(discriminator_loss_fn,
                                                      add_summaries=use_loss_summaries)
        self._generator_loss_fn = generator_loss_fn
        self._discriminator_loss_fn = discriminator_loss_fn
        self._generator_optimizer = generator_optimizer
        self._discriminator_optimizer = discriminator_optimizer
        self._get_hooks_fn = get_hooks_fn
        self._get_eval_metric_ops_fn = get_eval_metric_ops_fn
        self._name = name

    name = property(lambda self: self._name)
    logits_dimension = property(lambda self: None)

    def create_loss(self, features, mode, logits, labels):
        """The GANLoss of the GANModel `logits`."""
        _validate_logits_and_labels(logits, labels)
        return _tuples.GANLoss(generator_loss=self._generator_loss_fn(logits),
                               discriminator_loss=self._discriminator_loss_fn(logits))

    def create_estimator_spec(self, features, mode, logits, labels=None,
                              train_op_fn=_train.gan_train_ops):
        """The EstimatorSpec of `mode` for the GANModel `logits`."""
        _validate_logits_and_labels(logits, labels)
        if features is not None:
            raise ValueError("`features` should be `None`. Instead, found: %s" % features)
        gan_model = logits
        with _g.name_scope("GANHead"):
            if mode == _ModeKeys.PREDICT:
                return _model_fn_lib.EstimatorSpec(
                    mode=_ModeKeys.PREDICT, predictions=gan_model.generated_data,
                    export_outputs={"predict": _PredictOutput(gan_model.generated_data)})
            if mode == _ModeKeys.EVAL:
                gan_loss = self.create_loss(features=None, mode=mode, logits=gan_model,
                                            labels=None)
                scalar_loss = gan_loss.generator_loss + gan_loss.discriminator_loss
                return _model_fn_lib.EstimatorSpec(
                    mode=_ModeKeys.EVAL, predictions=gan_model.generated_data,
                    loss=scalar_loss,
                    eval_metric_ops=_eval_metric_ops(gan_model, gan_loss,
                                                    self._get_eval_metric_ops_fn, self._name))
            if mode == _ModeKeys.TRAIN:
                if train_op_fn is None:
                    raise ValueError("train_op_fn can not be None.")
                gan_loss = self.create_loss(None, mode, gan_model, None)
                scalar_loss = gan_loss.generator_loss + gan_loss.discriminator_loss
                train_ops = train_op_fn(gan_model, gan_loss, self._generator_optimizer,
                                        self._discriminator_optimizer)
                return _model_fn_lib.EstimatorSpec(
                    loss=scalar_loss, mode=_ModeKeys.TRAIN,
                    train_op=train_ops.global_step_inc_op,
                    training_hooks=self._get_hooks_fn(train_ops))
            raise ValueError("Mode not recognized: %s" % mode)


def _validate_logits_and_labels(logits, labels):
    if labels is not None:
        raise ValueError("`GANHead`'s `create_estimator_spec` input `labels` must be `None`. "
                         "Instead, found: %s" % labels)
    if not isinstance(logits, _tuples.GANModel):
        raise ValueError("`GANHead`'s `create_estimator_spec` input `logits` must be an "
                         "instnace of a `GANModel`. Instead, found: %s" % logits)
