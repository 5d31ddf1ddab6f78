"""tf.contrib.gan.losses' losses of a GANModel (TF 1.14 contrib/gan/.../tuple_losses_impl.py):
each loss of `wargs` called with its tensor arguments taken from the model's fields of the
same name, the rest from keyword arguments or the loss's defaults."""
from __future__ import annotations

import inspect

from .. import namedtuples
from . import wargs

__all__ = [
    "acgan_discriminator_loss", "acgan_generator_loss", "least_squares_discriminator_loss",
    "least_squares_generator_loss", "modified_discriminator_loss", "modified_generator_loss",
    "minimax_discriminator_loss", "minimax_generator_loss", "wasserstein_discriminator_loss",
    "wasserstein_generator_loss", "wasserstein_gradient_penalty",
    "mutual_information_penalty", "combine_adversarial_loss", "cycle_consistency_loss",
    "stargan_generator_loss_wrapper", "stargan_discriminator_loss_wrapper",
    "stargan_gradient_penalty_wrapper",
]


def _renamed(new_fn, loss_fn, kind):
    new_fn.__doc__ = f"The {kind} version of {loss_fn.__name__}."
    new_fn.__name__ = loss_fn.__name__
    return new_fn


def _args_to_gan_model(loss_fn):
    """`loss_fn(gan_model, **kwargs)`: a required argument missing from both the tuple and
    kwargs, or one given by both, is TF's ValueError; an optional one comes from the tuple
    (when not None), else kwargs, else the loss's default."""
    spec = inspect.getfullargspec(loss_fn)
    defaults = spec.defaults or ()
    required = set(spec.args[:len(spec.args) - len(defaults)])
    default_args = dict(zip(spec.args[len(spec.args) - len(defaults):], defaults))

    def new_loss_fn(gan_model, **kwargs):
        fields = {k: getattr(gan_model, k) for k in gan_model._fields}
        from_tuple = set(spec.args) & set(gan_model._fields)
        for arg in required - from_tuple:
            if arg not in kwargs:
                raise ValueError(f"`{arg}` must be supplied to {loss_fn.__name__} loss "
                                 "function.")
        ambiguous = set(gan_model._fields) & set(kwargs)
        if ambiguous:
            raise ValueError("The following args are present in both the tuple and keyword "
                             f"args for {loss_fn.__name__}: {ambiguous}")
        for arg in required & from_tuple:
            kwargs[arg] = fields[arg]
        for arg, default in default_args.items():
            got_tuple, got_kwargs = fields.get(arg), kwargs.get(arg)
            assert not (got_tuple is not None and got_kwargs is not None)
            kwargs[arg] = (got_tuple if got_tuple is not None else
                           got_kwargs if got_kwargs is not None else default)
        return loss_fn(**kwargs)
    return _renamed(new_loss_fn, loss_fn, "gan_model")


wasserstein_generator_loss = _args_to_gan_model(wargs.wasserstein_generator_loss)
wasserstein_discriminator_loss = _args_to_gan_model(wargs.wasserstein_discriminator_loss)
wasserstein_gradient_penalty = _args_to_gan_model(wargs.wasserstein_gradient_penalty)
acgan_discriminator_loss = _args_to_gan_model(wargs.acgan_discriminator_loss)
acgan_generator_loss = _args_to_gan_model(wargs.acgan_generator_loss)
minimax_discriminator_loss = _args_to_gan_model(wargs.minimax_discriminator_loss)
minimax_generator_loss = _args_to_gan_model(wargs.minimax_generator_loss)
modified_discriminator_loss = _args_to_gan_model(wargs.modified_discriminator_loss)
modified_generator_loss = _args_to_gan_model(wargs.modified_generator_loss)
least_squares_generator_loss = _args_to_gan_model(wargs.least_squares_generator_loss)
least_squares_discriminator_loss = _args_to_gan_model(wargs.least_squares_discriminator_loss)
mutual_information_penalty = _args_to_gan_model(wargs.mutual_information_penalty)


def combine_adversarial_loss(gan_loss, gan_model, non_adversarial_loss, weight_factor=None,
                             gradient_ratio=None, gradient_ratio_epsilon=1e-6,
                             scalar_summaries=True, gradient_summaries=True):
    """`gan_loss` with its generator loss combined with `non_adversarial_loss`
    (wargs.combine_adversarial_loss over the model's generator variables)."""
    combined = wargs.combine_adversarial_loss(
        non_adversarial_loss, gan_loss.generator_loss, weight_factor, gradient_ratio,
        gradient_ratio_epsilon, gan_model.generator_variables, scalar_summaries,
        gradient_summaries)
    return gan_loss._replace(generator_loss=combined)


def cycle_consistency_loss(cyclegan_model, scope=None, add_summaries=False):
    """wargs.cycle_consistency_loss of a CycleGANModel's inputs and reconstructions."""
    if not isinstance(cyclegan_model, namedtuples.CycleGANModel):
        raise ValueError("`cyclegan_model` must be a `CycleGANModel`. Instead, was "
                         f"{type(cyclegan_model)}.")
    return wargs.cycle_consistency_loss(
        cyclegan_model.model_x2y.generator_inputs, cyclegan_model.reconstructed_x,
        cyclegan_model.model_y2x.generator_inputs, cyclegan_model.reconstructed_y,
        scope, add_summaries)


def stargan_generator_loss_wrapper(loss_fn):
    """`loss_fn` of a StarGANModel's source prediction on generated data."""
    def new_loss_fn(stargan_model, **kwargs):
        return loss_fn(stargan_model.discriminator_generated_data_source_predication,
                       **kwargs)
    return _renamed(new_loss_fn, loss_fn, "stargan_model")


def stargan_discriminator_loss_wrapper(loss_fn):
    """`loss_fn` of a StarGANModel's source predictions on input and generated data."""
    def new_loss_fn(stargan_model, **kwargs):
        return loss_fn(stargan_model.discriminator_input_data_source_predication,
                       stargan_model.discriminator_generated_data_source_predication,
                       **kwargs)
    return _renamed(new_loss_fn, loss_fn, "stargan_model")


def stargan_gradient_penalty_wrapper(loss_fn):
    """`loss_fn` (a gradient penalty) between a StarGANModel's input and generated data;
    the discriminator is given the number of domains as its second argument."""
    def new_loss_fn(stargan_model, **kwargs):
        num_domains = stargan_model.input_data_domain_label.shape.as_list()[-1]
        return loss_fn(real_data=stargan_model.input_data,
                       generated_data=stargan_model.generated_data,
                       generator_inputs=num_domains,
                       discriminator_fn=stargan_model.discriminator_fn,
                       discriminator_scope=stargan_model.discriminator_scope, **kwargs)
    return _renamed(new_loss_fn, loss_fn, "stargan_model")
