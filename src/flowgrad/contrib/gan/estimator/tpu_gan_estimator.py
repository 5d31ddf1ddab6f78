"""tf.contrib.gan.estimator.TPUGANEstimator (TF 1.14 contrib/gan/python/estimator/python/
tpu_gan_estimator_impl.py): TF's signature only; flowgrad does not implement it (its
TPUEstimator model_fn, cross-shard optimizers and joint train ops), so it raises
NotImplementedError naming the TF symbol."""
from __future__ import annotations

from ....estimator.tpu.tpu_estimator import TPUEstimator as _TPUEstimator
from .. import namedtuples as _tuples

__all__ = ["TPUGANEstimator"]


class TPUGANEstimator(_TPUEstimator):
    """Not implemented by flowgrad: constructing one raises NotImplementedError."""

    def __init__(self, generator_fn=None, discriminator_fn=None, generator_loss_fn=None,
                 discriminator_loss_fn=None, generator_optimizer=None,
                 discriminator_optimizer=None, get_eval_metric_ops_fn=None,
                 add_summaries=None, joint_train=False,
                 gan_train_steps=_tuples.GANTrainSteps(1, 1), model_dir=None, config=None,
                 params=None, use_tpu=True, train_batch_size=None, eval_batch_size=None,
                 predict_batch_size=None, batch_axis=None, eval_on_tpu=True,
                 export_to_tpu=True, warm_start_from=None):
        raise NotImplementedError(
            "flowgrad does not implement tensorflow.contrib.gan.estimator.TPUGANEstimator")
