"""TF-GAN's training (TF 1.14 contrib/gan/python/train.py): build a model (generator and
discriminator in their variable scopes, the discriminator reused on real data), its
losses, the two train ops (tf.contrib.training.create_train_op in `generator_train` /
`discriminator_train` name scopes) and train them with hooks in a MonitoredTrainingSession.
"""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework import graph as _g
from ...engine.framework.constant_op import convert_to_tensor as _to_tensor
from ...engine.framework.graph import GraphKeys as _GraphKeys
from ...engine.framework.graph import Tensor as _Tensor
from ...losses import losses_impl as _tf_losses
from ...losses import util as _losses_util
from ...ops import array_ops as _array_ops
from ...ops import check_ops as _check_ops
from ...ops import init_ops as _init_ops
from ...ops import math_ops as _math_ops
from ...ops import random_ops as _random_ops
from ...ops import variable_scope as _vs
from ...summary import summary_ops as _summary
from ...train import training_util as _training_util
from ...train.session_run_hook import SessionRunHook as _SessionRunHook
from ...train.sync_replicas_optimizer import SyncReplicasOptimizer as _SyncReplicas
from ..framework.variables import get_trainable_variables as _trainable
from ..slim import learning as _slim_learning
from ..training import training as _training
from . import losses as _tfgan_losses
from . import namedtuples
from .losses import wargs as _wargs

__all__ = [
    "gan_model", "infogan_model", "acgan_model", "cyclegan_model", "stargan_model",
    "gan_loss", "cyclegan_loss", "stargan_loss", "gan_train_ops", "gan_train",
    "get_sequential_train_hooks", "get_joint_train_hooks", "get_sequential_train_steps",
    "RunTrainOpsHook",
]


def _convert_tensor_or_l_or_d(value):
    if isinstance(value, (list, tuple)):
        return [_to_tensor(x) for x in value]
    if isinstance(value, dict):
        return {k: _to_tensor(v) for k, v in value.items()}
    return _to_tensor(value)


def _check_shapes(generated_data, real_data):
    if not generated_data.shape.is_compatible_with(real_data.shape):
        raise ValueError(f"Generator output shape ({generated_data.shape}) must be the same "
                         f"shape as real data ({real_data.shape}).")


# -- models ---------------------------------------------------------------------------------
def gan_model(generator_fn, discriminator_fn, real_data, generator_inputs,
              generator_scope="Generator", discriminator_scope="Discriminator",
              check_shapes=True):
    """G(z) in `generator_scope`, D(G(z), z) in `discriminator_scope` and D(x, z) in the
    same scope reused."""
    with _vs.variable_scope(generator_scope) as gen_scope:
        generator_inputs = _convert_tensor_or_l_or_d(generator_inputs)
        generated_data = generator_fn(generator_inputs)
    with _vs.variable_scope(discriminator_scope) as dis_scope:
        dis_gen_outputs = discriminator_fn(generated_data, generator_inputs)
    with _vs.variable_scope(dis_scope, reuse=True):
        real_data = _convert_tensor_or_l_or_d(real_data)
        dis_real_outputs = discriminator_fn(real_data, generator_inputs)
    if check_shapes:
        _check_shapes(generated_data, real_data)
    return namedtuples.GANModel(
        generator_inputs, generated_data, _trainable(gen_scope), gen_scope, generator_fn,
        real_data, dis_real_outputs, dis_gen_outputs, _trainable(dis_scope), dis_scope,
        discriminator_fn)


def _validate_distributions(distributions_l, noise_l):
    if not isinstance(distributions_l, (tuple, list)):
        raise ValueError("`predicted_distributions` must be a list. Instead, found "
                         f"{type(distributions_l)}.")
    if len(distributions_l) != len(noise_l):
        raise ValueError(f"Length of `predicted_distributions` {len(distributions_l)} must "
                         f"be the same as the length of structured noise {len(noise_l)}.")


def infogan_model(generator_fn, discriminator_fn, real_data, unstructured_generator_inputs,
                  structured_generator_inputs, generator_scope="Generator",
                  discriminator_scope="Discriminator"):
    """An InfoGAN: the generator takes unstructured + structured noise; the discriminator
    returns (logits, the structured noise's predicted distributions)."""
    with _vs.variable_scope(generator_scope) as gen_scope:
        unstructured = _convert_tensor_or_l_or_d(unstructured_generator_inputs)
        structured = _convert_tensor_or_l_or_d(structured_generator_inputs)
        generator_inputs = unstructured + structured
        generated_data = generator_fn(generator_inputs)
    with _vs.variable_scope(discriminator_scope) as dis_scope:
        dis_gen_outputs, predicted_distributions = discriminator_fn(generated_data,
                                                                    generator_inputs)
    _validate_distributions(predicted_distributions, structured)
    with _vs.variable_scope(dis_scope, reuse=True):
        real_data = _to_tensor(real_data)
        dis_real_outputs, _ = discriminator_fn(real_data, generator_inputs)
    _check_shapes(generated_data, real_data)
    return namedtuples.InfoGANModel(
        generator_inputs, generated_data, _trainable(gen_scope), gen_scope, generator_fn,
        real_data, dis_real_outputs, dis_gen_outputs, _trainable(dis_scope), dis_scope,
        lambda x, y: discriminator_fn(x, y)[0], structured, predicted_distributions,
        discriminator_fn)


def _validate_acgan_discriminator_outputs(discriminator_output):
    try:
        a, b = discriminator_output
    except (TypeError, ValueError):
        raise TypeError("A discriminator function for ACGAN must output a tuple consisting "
                        "of (discrimination logits, classification logits).") from None
    return a, b


def acgan_model(generator_fn, discriminator_fn, real_data, generator_inputs, one_hot_labels,
                generator_scope="Generator", discriminator_scope="Discriminator",
                check_shapes=True):
    """An AC-GAN: the discriminator returns (logits, classification logits), its calls in
    name scopes `<scope>/generated/` and `<scope>/real/`."""
    with _vs.variable_scope(generator_scope) as gen_scope:
        generator_inputs = _convert_tensor_or_l_or_d(generator_inputs)
        generated_data = generator_fn(generator_inputs)
    with _vs.variable_scope(discriminator_scope) as dis_scope:
        with _g.name_scope(dis_scope.name + "/generated/"):
            dis_gen_outputs, dis_gen_logits = _validate_acgan_discriminator_outputs(
                discriminator_fn(generated_data, generator_inputs))
    with _vs.variable_scope(dis_scope, reuse=True):
        with _g.name_scope(dis_scope.name + "/real/"):
            real_data = _to_tensor(real_data)
            dis_real_outputs, dis_real_logits = _validate_acgan_discriminator_outputs(
                discriminator_fn(real_data, generator_inputs))
    if check_shapes:
        _check_shapes(generated_data, real_data)
    return namedtuples.ACGANModel(
        generator_inputs, generated_data, _trainable(gen_scope), gen_scope, generator_fn,
        real_data, dis_real_outputs, dis_gen_outputs, _trainable(dis_scope), dis_scope,
        discriminator_fn, one_hot_labels, dis_real_logits, dis_gen_logits)


def cyclegan_model(generator_fn, discriminator_fn, data_x, data_y,
                   generator_scope="Generator", discriminator_scope="Discriminator",
                   model_x2y_scope="ModelX2Y", model_y2x_scope="ModelY2X", check_shapes=True):
    """Two gan_models (X to Y in `model_x2y_scope`, Y to X in `model_y2x_scope`) and each
    generator reused on the other's output."""
    def partial_model(input_data, output_data):
        return gan_model(generator_fn, discriminator_fn, output_data, input_data,
                         generator_scope, discriminator_scope, check_shapes)

    with _vs.variable_scope(model_x2y_scope):
        model_x2y = partial_model(data_x, data_y)
    with _vs.variable_scope(model_y2x_scope):
        model_y2x = partial_model(data_y, data_x)
    with _vs.variable_scope(model_y2x.generator_scope, reuse=True):
        reconstructed_x = model_y2x.generator_fn(model_x2y.generated_data)
    with _vs.variable_scope(model_x2y.generator_scope, reuse=True):
        reconstructed_y = model_x2y.generator_fn(model_y2x.generated_data)
    return namedtuples.CycleGANModel(model_x2y, model_y2x, reconstructed_x, reconstructed_y)


def stargan_model(generator_fn, discriminator_fn, input_data, input_data_domain_label,
                  generator_scope="Generator", discriminator_scope="Discriminator"):
    """A StarGAN: G(x, random target domain), its reconstruction G(G(x, c'), c), and the
    discriminator's (source, domain) predictions on both."""
    input_data = _convert_tensor_or_l_or_d(input_data)
    input_data_domain_label = _convert_tensor_or_l_or_d(input_data_domain_label)
    if isinstance(input_data, (list, tuple)):
        input_data = _array_ops.concat([_to_tensor(x) for x in input_data], 0)
    if isinstance(input_data_domain_label, (list, tuple)):
        input_data_domain_label = _array_ops.concat(
            [_to_tensor(x) for x in input_data_domain_label], 0)
    input_data_domain_label.shape.assert_has_rank(2)
    input_data_domain_label.shape.assert_is_fully_defined()
    batch_size, num_domains = input_data_domain_label.shape.as_list()
    with _vs.variable_scope(generator_scope) as gen_scope:
        domain_idx = _random_ops.random_uniform([batch_size], minval=0, maxval=num_domains,
                                                dtype=_dt.int32)
        target = _array_ops.one_hot(domain_idx, num_domains)
        generated_data = generator_fn(input_data, target)
    with _vs.variable_scope(gen_scope, reuse=True):
        reconstructed_data = generator_fn(generated_data, input_data_domain_label)
    with _vs.variable_scope(discriminator_scope) as dis_scope:
        gen_source, gen_domain = discriminator_fn(generated_data, num_domains)
    with _vs.variable_scope(dis_scope, reuse=True):
        input_source, input_domain = discriminator_fn(input_data, num_domains)
    return namedtuples.StarGANModel(
        input_data=input_data, input_data_domain_label=input_data_domain_label,
        generated_data=generated_data, generated_data_domain_target=target,
        reconstructed_data=reconstructed_data,
        discriminator_input_data_source_predication=input_source,
        discriminator_generated_data_source_predication=gen_source,
        discriminator_input_data_domain_predication=input_domain,
        discriminator_generated_data_domain_predication=gen_domain,
        generator_variables=_trainable(gen_scope), generator_scope=gen_scope,
        generator_fn=generator_fn, discriminator_variables=_trainable(dis_scope),
        discriminator_scope=dis_scope, discriminator_fn=discriminator_fn)


# -- losses ---------------------------------------------------------------------------------
def _validate_aux_loss_weight(aux_loss_weight, name="aux_loss_weight"):
    """A Tensor weight: scalar, asserted >= 0 at run time (an Identity after the assert);
    a number: ValueError when negative."""
    if isinstance(aux_loss_weight, _Tensor):
        aux_loss_weight.shape.assert_is_compatible_with([])
        with _g.control_dependencies([_check_ops.assert_greater_equal(aux_loss_weight,
                                                                      0.0)]):
            aux_loss_weight = _array_ops.identity(aux_loss_weight)
    elif aux_loss_weight is not None and aux_loss_weight < 0:
        raise ValueError(f"`{name}` must be greater than 0. Instead, was {aux_loss_weight}")
    return aux_loss_weight


def _use_aux_loss(aux_loss_weight):
    if aux_loss_weight is None:
        return False
    return True if isinstance(aux_loss_weight, _Tensor) else aux_loss_weight > 0


def _tensor_pool_adjusted_model(model, tensor_pool_fn):
    """The model with its discriminator's generated-data outputs recomputed on the pooled
    (generator inputs, generated data)."""
    if isinstance(model, namedtuples.GANModel):
        inputs, data = tensor_pool_fn((model.generator_inputs, model.generated_data))
        with _vs.variable_scope(model.discriminator_scope, reuse=True):
            outputs = model.discriminator_fn(data, inputs)
        return model._replace(generator_inputs=inputs, generated_data=data,
                              discriminator_gen_outputs=outputs)
    if isinstance(model, namedtuples.ACGANModel):
        inputs, data = tensor_pool_fn((model.generator_inputs, model.generated_data))
        with _vs.variable_scope(model.discriminator_scope, reuse=True):
            outputs, logits = model.discriminator_fn(data, inputs)
        return model._replace(generator_inputs=inputs, generated_data=data,
                              discriminator_gen_outputs=outputs,
                              discriminator_gen_classification_logits=logits)
    if isinstance(model, namedtuples.InfoGANModel):
        inputs, data, structured = tensor_pool_fn(
            (model.generator_inputs, model.generated_data, model.structured_generator_inputs))
        with _vs.variable_scope(model.discriminator_scope, reuse=True):
            outputs, distributions = model.discriminator_and_aux_fn(data, inputs)
        return model._replace(generator_inputs=inputs, generated_data=data,
                              structured_generator_inputs=structured,
                              discriminator_gen_outputs=outputs,
                              predicted_distributions=distributions)
    raise ValueError(f"Tensor pool does not support `model`: {_model_type(model)}.")


def _model_type(model):
    """str(type(model)) as TF's errors show it: tfgan's namedtuples live in TF's module
    tensorflow.contrib.gan.python.namedtuples; any other type as Python shows it."""
    cls = type(model)
    if cls.__module__ == namedtuples.__name__:
        return f"<class 'tensorflow.contrib.gan.python.namedtuples.{cls.__qualname__}'>"
    return str(cls)


def gan_loss(model, generator_loss_fn=_tfgan_losses.wasserstein_generator_loss,
             discriminator_loss_fn=_tfgan_losses.wasserstein_discriminator_loss,
             gradient_penalty_weight=None, gradient_penalty_epsilon=1e-10,
             gradient_penalty_target=1.0, gradient_penalty_one_sided=False,
             mutual_information_penalty_weight=None, aux_cond_generator_weight=None,
             aux_cond_discriminator_weight=None, tensor_pool_fn=None, add_summaries=True):
    """GANLoss(generator loss, discriminator loss), each with its weighted auxiliary
    losses (gradient penalty, InfoGAN's mutual information, AC-GAN's classification) and
    its scope's regularization loss added."""
    gradient_penalty_weight = _validate_aux_loss_weight(gradient_penalty_weight,
                                                        "gradient_penalty_weight")
    mutual_information_penalty_weight = _validate_aux_loss_weight(
        mutual_information_penalty_weight, "infogan_weight")
    aux_cond_generator_weight = _validate_aux_loss_weight(aux_cond_generator_weight,
                                                          "aux_cond_generator_weight")
    aux_cond_discriminator_weight = _validate_aux_loss_weight(
        aux_cond_discriminator_weight, "aux_cond_discriminator_weight")
    if (_use_aux_loss(mutual_information_penalty_weight)
            and not isinstance(model, namedtuples.InfoGANModel)):
        raise ValueError("When `mutual_information_penalty_weight` is provided, `model` must "
                         f"be an `InfoGANModel`. Instead, was {_model_type(model)}.")
    if ((_use_aux_loss(aux_cond_generator_weight)
         or _use_aux_loss(aux_cond_discriminator_weight))
            and not isinstance(model, namedtuples.ACGANModel)):
        raise ValueError("When `aux_cond_generator_weight` or "
                         "`aux_cond_discriminator_weight` is provided, `model` must be an "
                         f"`ACGANModel`. Instead, was {_model_type(model)}.")
    pooled_model = (_tensor_pool_adjusted_model(model, tensor_pool_fn) if tensor_pool_fn
                    else model)
    gen_loss = generator_loss_fn(model, add_summaries=add_summaries)
    dis_loss = discriminator_loss_fn(pooled_model, add_summaries=add_summaries)
    if _use_aux_loss(gradient_penalty_weight):
        gp_loss = _tfgan_losses.wasserstein_gradient_penalty(
            pooled_model, epsilon=gradient_penalty_epsilon, target=gradient_penalty_target,
            one_sided=gradient_penalty_one_sided, add_summaries=add_summaries)
        dis_loss += gradient_penalty_weight * gp_loss
    if _use_aux_loss(mutual_information_penalty_weight):
        gen_info_loss = _tfgan_losses.mutual_information_penalty(
            model, add_summaries=add_summaries)
        dis_info_loss = gen_info_loss if tensor_pool_fn is None else \
            _tfgan_losses.mutual_information_penalty(pooled_model,
                                                     add_summaries=add_summaries)
        gen_loss += mutual_information_penalty_weight * gen_info_loss
        dis_loss += mutual_information_penalty_weight * dis_info_loss
    if _use_aux_loss(aux_cond_generator_weight):
        ac_gen_loss = _tfgan_losses.acgan_generator_loss(model, add_summaries=add_summaries)
        gen_loss += aux_cond_generator_weight * ac_gen_loss
    if _use_aux_loss(aux_cond_discriminator_weight):
        ac_disc_loss = _tfgan_losses.acgan_discriminator_loss(pooled_model,
                                                              add_summaries=add_summaries)
        dis_loss += aux_cond_discriminator_weight * ac_disc_loss
    gen_reg_loss = (_losses_util.get_regularization_loss(model.generator_scope.name)
                    if model.generator_scope else 0)
    dis_reg_loss = (_losses_util.get_regularization_loss(model.discriminator_scope.name)
                    if model.discriminator_scope else 0)
    return namedtuples.GANLoss(gen_loss + gen_reg_loss, dis_loss + dis_reg_loss)


def cyclegan_loss(model, generator_loss_fn=_tfgan_losses.least_squares_generator_loss,
                  discriminator_loss_fn=_tfgan_losses.least_squares_discriminator_loss,
                  cycle_consistency_loss_fn=_tfgan_losses.cycle_consistency_loss,
                  cycle_consistency_loss_weight=10.0, **kwargs):
    """CycleGANLoss: gan_loss of each half (name scopes `cyclegan_loss_x2y`/`_y2x`), the
    weighted cycle-consistency loss added to each generator loss."""
    if not isinstance(model, namedtuples.CycleGANModel):
        raise ValueError("`model` must be a `CycleGANModel`. Instead, was "
                         f"{_model_type(model)}.")
    cycle_loss = cycle_consistency_loss_fn(model,
                                           add_summaries=kwargs.get("add_summaries", True))
    cycle_consistency_loss_weight = _validate_aux_loss_weight(
        cycle_consistency_loss_weight, "cycle_consistency_loss_weight")
    aux_loss = cycle_consistency_loss_weight * cycle_loss

    def partial_loss(partial_model):
        loss = gan_loss(partial_model, generator_loss_fn=generator_loss_fn,
                        discriminator_loss_fn=discriminator_loss_fn, **kwargs)
        return loss._replace(generator_loss=loss.generator_loss + aux_loss)

    with _g.name_scope("cyclegan_loss_x2y"):
        loss_x2y = partial_loss(model.model_x2y)
    with _g.name_scope("cyclegan_loss_y2x"):
        loss_y2x = partial_loss(model.model_y2x)
    return namedtuples.CycleGANLoss(loss_x2y, loss_y2x)


def stargan_loss(model,
                 generator_loss_fn=_tfgan_losses.stargan_generator_loss_wrapper(
                     _wargs.wasserstein_generator_loss),
                 discriminator_loss_fn=_tfgan_losses.stargan_discriminator_loss_wrapper(
                     _wargs.wasserstein_discriminator_loss),
                 gradient_penalty_weight=10.0, gradient_penalty_epsilon=1e-10,
                 gradient_penalty_target=1.0, gradient_penalty_one_sided=False,
                 reconstruction_loss_fn=_tf_losses.absolute_difference,
                 reconstruction_loss_weight=10.0,
                 classification_loss_fn=_tf_losses.softmax_cross_entropy,
                 classification_loss_weight=1.0, classification_one_hot=True,
                 add_summaries=True):
    """StarGAN's GANLoss: adversarial losses, gradient penalty, reconstruction loss and
    the domain classification loss of each side."""
    def classification_loss(true_labels, predict_logits, scope_name):
        with _g.name_scope(scope_name, values=(true_labels, predict_logits)):
            loss = classification_loss_fn(onehot_labels=true_labels, logits=predict_logits)
            if not classification_one_hot:
                loss = _math_ops.reduce_sum(loss, axis=1)
            loss = _math_ops.reduce_mean(loss)
            if add_summaries:
                _summary.scalar(scope_name, loss)
            return loss

    model.input_data_domain_label.shape.assert_has_rank(2)
    model.input_data_domain_label.shape[1:].assert_is_fully_defined()
    generator_loss = generator_loss_fn(model, add_summaries=add_summaries)
    discriminator_loss = discriminator_loss_fn(model, add_summaries=add_summaries)
    if _use_aux_loss(gradient_penalty_weight):
        penalty_fn = _tfgan_losses.stargan_gradient_penalty_wrapper(
            _wargs.wasserstein_gradient_penalty)
        discriminator_loss += penalty_fn(
            model, epsilon=gradient_penalty_epsilon, target=gradient_penalty_target,
            one_sided=gradient_penalty_one_sided,
            add_summaries=add_summaries) * gradient_penalty_weight
    reconstruction_loss = reconstruction_loss_fn(model.input_data, model.reconstructed_data)
    generator_loss += reconstruction_loss * reconstruction_loss_weight
    if add_summaries:
        _summary.scalar("reconstruction_loss", reconstruction_loss)
    generator_loss += classification_loss(
        model.generated_data_domain_target,
        model.discriminator_generated_data_domain_predication,
        "generator_classification_loss") * classification_loss_weight
    discriminator_loss += classification_loss(
        model.input_data_domain_label, model.discriminator_input_data_domain_predication,
        "discriminator_classification_loss") * classification_loss_weight
    return namedtuples.GANLoss(generator_loss, discriminator_loss)


# -- train ops ------------------------------------------------------------------------------
def _get_update_ops(kwargs, gen_scope, dis_scope, check_for_unused_ops=True):
    """The update ops (kwargs' `update_ops`, popped, or UPDATE_OPS) under each scope;
    ValueError for any under neither when `check_for_unused_ops`."""
    graph = _g.get_default_graph()
    if "update_ops" in kwargs:
        update_ops = set(kwargs.pop("update_ops"))
    else:
        update_ops = set(graph.get_collection(_GraphKeys.UPDATE_OPS))
    all_gen_ops = set(graph.get_collection(_GraphKeys.UPDATE_OPS, gen_scope))
    all_dis_ops = set(graph.get_collection(_GraphKeys.UPDATE_OPS, dis_scope))
    if check_for_unused_ops:
        unused_ops = update_ops - all_gen_ops - all_dis_ops
        if unused_ops:
            raise ValueError(f"There are unused update ops: {unused_ops}")
    return list(all_gen_ops & update_ops), list(all_dis_ops & update_ops)


def _sync_global_step(optimizer, global_step, name, update_ops, sync_hooks, is_chief):
    """SyncReplicasOptimizer's dummy step, assigned the global step among `update_ops`."""
    if not isinstance(optimizer, _SyncReplicas):
        return None
    step = _vs.get_variable(name, shape=[], dtype=global_step.dtype.base_dtype,
                            initializer=_init_ops.zeros_initializer(), trainable=False,
                            collections=[_GraphKeys.GLOBAL_VARIABLES])
    update_ops.append(step.assign(global_step))
    sync_hooks.append(optimizer.make_session_run_hook(is_chief))
    return step


def gan_train_ops(model, loss, generator_optimizer, discriminator_optimizer,
                  check_for_unused_update_ops=True, is_chief=True, **kwargs):
    """GANTrainOps: the global step's AssignAdd, then create_train_op for the generator
    (name scope `generator_train`) and the discriminator (`discriminator_train`), neither
    incrementing the global step; kwargs go to create_train_op."""
    if isinstance(model, namedtuples.CycleGANModel):
        params = dict(check_for_unused_update_ops=check_for_unused_update_ops,
                      is_chief=is_chief, generator_optimizer=generator_optimizer,
                      discriminator_optimizer=discriminator_optimizer, **kwargs)
        with _g.name_scope("cyclegan_x2y_train"):
            ops_x2y = gan_train_ops(model.model_x2y, loss.loss_x2y, **params)
        with _g.name_scope("cyclegan_y2x_train"):
            ops_y2x = gan_train_ops(model.model_y2x, loss.loss_y2x, **params)
        return namedtuples.GANTrainOps(
            (ops_x2y.generator_train_op, ops_y2x.generator_train_op),
            (ops_x2y.discriminator_train_op, ops_y2x.discriminator_train_op),
            _training_util.get_or_create_global_step().assign_add(1))
    global_step = _training_util.get_or_create_global_step()
    global_step_inc = global_step.assign_add(1)
    gen_update_ops, dis_update_ops = _get_update_ops(
        kwargs, model.generator_scope.name, model.discriminator_scope.name,
        check_for_unused_update_ops)
    sync_hooks = []
    gen_step = _sync_global_step(generator_optimizer, global_step,
                                 "dummy_global_step_generator", gen_update_ops, sync_hooks,
                                 is_chief)
    with _g.name_scope("generator_train"):
        gen_train_op = _training.create_train_op(
            total_loss=loss.generator_loss, optimizer=generator_optimizer,
            variables_to_train=model.generator_variables, global_step=gen_step,
            update_ops=gen_update_ops, **kwargs)
    dis_step = _sync_global_step(discriminator_optimizer, global_step,
                                 "dummy_global_step_discriminator", dis_update_ops,
                                 sync_hooks, is_chief)
    with _g.name_scope("discriminator_train"):
        disc_train_op = _training.create_train_op(
            total_loss=loss.discriminator_loss, optimizer=discriminator_optimizer,
            variables_to_train=model.discriminator_variables, global_step=dis_step,
            update_ops=dis_update_ops, **kwargs)
    return namedtuples.GANTrainOps(gen_train_op, disc_train_op, global_step_inc, sync_hooks)


# -- training -------------------------------------------------------------------------------
class RunTrainOpsHook(_SessionRunHook):
    """Runs `train_ops` `train_steps` times before each run of the session."""

    def __init__(self, train_ops, train_steps):
        if not isinstance(train_ops, (list, tuple)):
            train_ops = [train_ops]
        self._train_ops = train_ops
        self._train_steps = train_steps

    def before_run(self, run_context):
        for _ in range(self._train_steps):
            run_context.session.run(self._train_ops)


def get_sequential_train_hooks(train_steps=namedtuples.GANTrainSteps(1, 1)):
    """A function of GANTrainOps: hooks running the generator's steps, then the
    discriminator's, then the train ops' own hooks."""
    def get_hooks(train_ops):
        generator_hook = RunTrainOpsHook(train_ops.generator_train_op,
                                         train_steps.generator_train_steps)
        discriminator_hook = RunTrainOpsHook(train_ops.discriminator_train_op,
                                             train_steps.discriminator_train_steps)
        return [generator_hook, discriminator_hook] + list(train_ops.train_hooks)
    return get_hooks


def _num_joint_steps(train_steps):
    g_steps = train_steps.generator_train_steps
    d_steps = train_steps.discriminator_train_steps
    both = min(g_steps, d_steps)
    return both, g_steps - both, d_steps - both


def get_joint_train_hooks(train_steps=namedtuples.GANTrainSteps(1, 1)):
    """A function of GANTrainOps: hooks running both train ops in one session call as many
    times as both take steps, then the generator's, then the discriminator's remainder."""
    num_d_and_g_steps, num_g_steps, num_d_steps = _num_joint_steps(train_steps)

    def get_hooks(train_ops):
        g_op = train_ops.generator_train_op
        d_op = train_ops.discriminator_train_op
        joint_hook = RunTrainOpsHook([g_op, d_op], num_d_and_g_steps)
        g_hook = RunTrainOpsHook(g_op, num_g_steps)
        d_hook = RunTrainOpsHook(d_op, num_d_steps)
        return [joint_hook, g_hook, d_hook] + list(train_ops.train_hooks)
    return get_hooks


def gan_train(train_ops, logdir, get_hooks_fn=get_sequential_train_hooks(), master="",
              is_chief=True, scaffold=None, hooks=None, chief_only_hooks=None,
              save_checkpoint_secs=600, save_summaries_steps=100, config=None):
    """tf.contrib.training.train of the global step's increment, `hooks` then
    get_hooks_fn's hooks running the train ops; returns the last step."""
    new_hooks = get_hooks_fn(train_ops)
    hooks = list(hooks) + list(new_hooks) if hooks is not None else new_hooks
    return _training.train(
        train_ops.global_step_inc_op, logdir, master=master, is_chief=is_chief,
        scaffold=scaffold, hooks=hooks, chief_only_hooks=chief_only_hooks,
        save_checkpoint_secs=save_checkpoint_secs,
        save_summaries_steps=save_summaries_steps, config=config)


def _as_numpy116_sum_term(loss):
    """A step's loss (a NumPy float scalar from sess.run) as TF's `0 + loss` sums it under
    NumPy 1.16: value-based casting makes a Python int plus any NumPy float scalar a
    float64, where NumPy 2 keeps the scalar's float32; the float64 (exact) keeps TF's sum."""
    return np.float64(loss) if isinstance(loss, np.floating) else loss


def get_sequential_train_steps(train_steps=namedtuples.GANTrainSteps(1, 1)):
    """A `train_step_fn` for slim.learning.train: the generator's steps, the
    discriminator's, then the global step's increment; returns (summed losses, stop)."""
    def sequential_train_steps(sess, train_ops, global_step, train_step_kwargs):
        should_stop_op, train_kwargs = None, train_step_kwargs
        if "should_stop" in train_step_kwargs:
            should_stop_op = train_step_kwargs["should_stop"]
            train_kwargs = train_step_kwargs.copy()
            del train_kwargs["should_stop"]
        gen_loss = 0
        for _ in range(train_steps.generator_train_steps):
            cur_gen_loss, _ = _slim_learning.train_step(
                sess, train_ops.generator_train_op, global_step, train_kwargs)
            gen_loss += _as_numpy116_sum_term(cur_gen_loss)
        dis_loss = 0
        for _ in range(train_steps.discriminator_train_steps):
            cur_dis_loss, _ = _slim_learning.train_step(
                sess, train_ops.discriminator_train_op, global_step, train_kwargs)
            dis_loss += _as_numpy116_sum_term(cur_dis_loss)
        sess.run(train_ops.global_step_inc_op)
        should_stop = sess.run(should_stop_op) if should_stop_op is not None else False
        return gen_loss + dis_loss, should_stop
    return sequential_train_steps
