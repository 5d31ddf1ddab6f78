"""TF-GAN's named tuples (TF 1.14 contrib/gan/python/namedtuples.py): each step of TF-GAN
training (model, loss, train ops, train steps) hands the next one of these."""
from __future__ import annotations

import collections

__all__ = ["ACGANModel", "CycleGANLoss", "CycleGANModel", "GANLoss", "GANModel",
           "GANTrainOps", "GANTrainSteps", "InfoGANModel", "StarGANModel"]


class GANModel(collections.namedtuple("GANModel", (
        "generator_inputs", "generated_data", "generator_variables", "generator_scope",
        "generator_fn", "real_data", "discriminator_real_outputs",
        "discriminator_gen_outputs", "discriminator_variables", "discriminator_scope",
        "discriminator_fn"))):
    """The pieces of a GAN: generator and discriminator outputs, variables and scopes."""


class InfoGANModel(collections.namedtuple("InfoGANModel", GANModel._fields + (
        "structured_generator_inputs", "predicted_distributions",
        "discriminator_and_aux_fn"))):
    """A GANModel with InfoGAN's structured noise and the recognizer's distributions."""


class ACGANModel(collections.namedtuple("ACGANModel", GANModel._fields + (
        "one_hot_labels", "discriminator_real_classification_logits",
        "discriminator_gen_classification_logits"))):
    """A GANModel with AC-GAN's labels and the discriminator's classification logits."""


class CycleGANModel(collections.namedtuple("CycleGANModel", (
        "model_x2y", "model_y2x", "reconstructed_x", "reconstructed_y"))):
    """Two GANModels (X to Y and Y to X) and the reconstructions G(F(X)), F(G(Y))."""


class StarGANModel(collections.namedtuple("StarGANModel", (
        "input_data", "input_data_domain_label", "generated_data",
        "generated_data_domain_target", "reconstructed_data",
        "discriminator_input_data_source_predication",
        "discriminator_generated_data_source_predication",
        "discriminator_input_data_domain_predication",
        "discriminator_generated_data_domain_predication", "generator_variables",
        "generator_scope", "generator_fn", "discriminator_variables", "discriminator_scope",
        "discriminator_fn"))):
    """The pieces of a StarGAN (TF's field names, `predication` spelling included)."""


class GANLoss(collections.namedtuple("GANLoss", ("generator_loss", "discriminator_loss"))):
    """The generator and discriminator losses."""


class CycleGANLoss(collections.namedtuple("CycleGANLoss", ("loss_x2y", "loss_y2x"))):
    """The GANLoss of each half of a CycleGANModel."""


class GANTrainOps(collections.namedtuple("GANTrainOps", (
        "generator_train_op", "discriminator_train_op", "global_step_inc_op",
        "train_hooks"))):
    """The generator and discriminator train ops, the global step's increment and the
    hooks the train ops need (SyncReplicasOptimizer's)."""

    def __new__(cls, generator_train_op, discriminator_train_op, global_step_inc_op,
                train_hooks=()):
        return super().__new__(cls, generator_train_op, discriminator_train_op,
                               global_step_inc_op, train_hooks)


class GANTrainSteps(collections.namedtuple("GANTrainSteps", (
        "generator_train_steps", "discriminator_train_steps"))):
    """How many generator and discriminator steps one GAN step takes."""
