"""tf.contrib.gan.estimator.get_latent_gan_estimator (TF 1.14 contrib/gan/python/estimator/
python/latent_gan_estimator_impl.py): an Estimator training only a new input variable z
(`new_var_z_input`, truncated normal, clipped to +-input_clip) of a trained GAN, which it
warm starts from `ckpt_dir` (every variable but z and the `latent_gan_optimizer` ones)."""
from __future__ import annotations

import functools

from ....engine.autodiff.gradients import gradients as _gradients
from ....estimator import model_fn as _model_fn_lib
from ....estimator.estimator import Estimator as _Estimator
from ....estimator.warm_starting import WarmStartSettings as _WarmStartSettings
from ....ops import math_ops as _math_ops
from ....ops import random_ops as _random_ops
from ....ops import variable_scope as _vs
from ....summary import summary_ops as _summary
from ....train import training_util as _training_util
from .. import train as _train

__all__ = ["get_latent_gan_estimator"]

INPUT_NAME = "new_var_z_input"
OPTIMIZER_NAME = "latent_gan_optimizer"


def _get_latent_gan_model_fn(generator_fn, discriminator_fn, loss_fn, optimizer):
    def model_fn(features, labels, mode, params):
        z_shape = [params["batch_size"]] + params["z_shape"]
        add_summaries = params["add_summaries"]
        input_clip = params["input_clip"]
        z = _vs.get_variable(
            name=INPUT_NAME, initializer=_random_ops.truncated_normal(z_shape),
            constraint=lambda x: _math_ops.clip_by_value(x, -input_clip, input_clip))
        gan_model = _train.gan_model(
            generator_fn=functools.partial(generator_fn, mode=mode),
            discriminator_fn=functools.partial(discriminator_fn, mode=mode),
            real_data=labels, generator_inputs=z, check_shapes=False)
        loss = loss_fn(gan_model, features, labels, add_summaries)
        with _vs.variable_scope(OPTIMIZER_NAME):
            opt = optimizer(learning_rate=params["learning_rate"], **params["opt_kwargs"])
            train_op = opt.minimize(loss=loss,
                                    global_step=_training_util.get_or_create_global_step(),
                                    var_list=[z])
        if add_summaries:
            z_grads = _gradients(loss, z)
            _summary.scalar("z_loss/z_grads", _math_ops.global_norm(z_grads))
            _summary.scalar("z_loss/loss", loss)
        return _model_fn_lib.EstimatorSpec(mode=mode, predictions=gan_model.generated_data,
                                           loss=loss, train_op=train_op)
    return model_fn


def get_latent_gan_estimator(generator_fn, discriminator_fn, loss_fn, optimizer, params,
                             config, ckpt_dir, warmstart_options=True):
    """An Estimator training the input z of the GAN checkpointed in `ckpt_dir`;
    `optimizer(learning_rate=params['learning_rate'], **params['opt_kwargs'])` makes its
    optimizer."""
    model_fn = _get_latent_gan_model_fn(generator_fn, discriminator_fn, loss_fn, optimizer)
    if isinstance(warmstart_options, _WarmStartSettings):
        ws = warmstart_options
    elif warmstart_options:
        ws = _WarmStartSettings(ckpt_to_initialize_from=ckpt_dir,
                                vars_to_warm_start="^(?!.*(%s|%s).*)" % (INPUT_NAME,
                                                                         OPTIMIZER_NAME))
    else:
        ws = None
    if "opt_kwargs" not in params:
        params["opt_kwargs"] = {}
    return _Estimator(model_fn=model_fn, config=config, params=params, warm_start_from=ws)
