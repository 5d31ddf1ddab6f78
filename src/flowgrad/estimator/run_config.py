"""`tf.estimator.RunConfig` (local training: no cluster, no distribution strategies)."""
from __future__ import annotations

import copy

__all__ = ["RunConfig"]

_USE_DEFAULT = object()


class RunConfig:
    """Where and how often an Estimator checkpoints, summarizes and logs."""

    def __init__(self, model_dir=None, tf_random_seed=None, save_summary_steps=100,
                 save_checkpoints_steps=_USE_DEFAULT, save_checkpoints_secs=_USE_DEFAULT,
                 session_config=None, keep_checkpoint_max=5,
                 keep_checkpoint_every_n_hours=10000, log_step_count_steps=100,
                 train_distribute=None, device_fn=None, protocol=None, eval_distribute=None,
                 experimental_distribute=None, experimental_max_worker_delay_secs=None):
        for name, value in (("train_distribute", train_distribute), ("device_fn", device_fn),
                            ("protocol", protocol), ("eval_distribute", eval_distribute),
                            ("experimental_distribute", experimental_distribute),
                            ("experimental_max_worker_delay_secs",
                             experimental_max_worker_delay_secs)):
            if value is not None:
                raise NotImplementedError("RunConfig: %s is not implemented by flowgrad" % name)
        if (save_checkpoints_steps not in (None, _USE_DEFAULT)
                and save_checkpoints_secs not in (None, _USE_DEFAULT)):
            raise ValueError("Can not provide both save_checkpoints_steps and "
                             "save_checkpoints_secs.")
        if save_checkpoints_steps is _USE_DEFAULT and save_checkpoints_secs is _USE_DEFAULT:
            save_checkpoints_steps, save_checkpoints_secs = None, 600
        elif save_checkpoints_secs is _USE_DEFAULT:
            save_checkpoints_secs = None
        elif save_checkpoints_steps is _USE_DEFAULT:
            save_checkpoints_steps = None
        self._model_dir = model_dir
        self._tf_random_seed = tf_random_seed
        self._save_summary_steps = save_summary_steps
        self._save_checkpoints_steps = save_checkpoints_steps
        self._save_checkpoints_secs = save_checkpoints_secs
        self._session_config = session_config
        self._keep_checkpoint_max = keep_checkpoint_max
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._log_step_count_steps = log_step_count_steps

    def replace(self, **kwargs):
        """A copy with the given properties changed."""
        new = copy.copy(self)
        for key, value in kwargs.items():
            if not hasattr(self, "_" + key):
                raise ValueError("Replacing {} is not supported. Allowed properties are {}."
                                 .format(key, sorted(k[1:] for k in vars(self))))
            setattr(new, "_" + key, value)
        return new

    model_dir = property(lambda self: self._model_dir)
    tf_random_seed = property(lambda self: self._tf_random_seed)
    save_summary_steps = property(lambda self: self._save_summary_steps)
    save_checkpoints_steps = property(lambda self: self._save_checkpoints_steps)
    save_checkpoints_secs = property(lambda self: self._save_checkpoints_secs)
    session_config = property(lambda self: self._session_config)
    keep_checkpoint_max = property(lambda self: self._keep_checkpoint_max)
    keep_checkpoint_every_n_hours = property(lambda self: self._keep_checkpoint_every_n_hours)
    log_step_count_steps = property(lambda self: self._log_step_count_steps)
    master = property(lambda self: "")
    evaluation_master = property(lambda self: "")
    is_chief = property(lambda self: True)
    num_ps_replicas = property(lambda self: 0)
    num_worker_replicas = property(lambda self: 1)
    task_id = property(lambda self: 0)
    task_type = property(lambda self: "worker")
    global_id_in_cluster = property(lambda self: 0)
    cluster_spec = property(lambda self: None)
    service = property(lambda self: None)
    train_distribute = property(lambda self: None)
    eval_distribute = property(lambda self: None)
    device_fn = property(lambda self: None)
    protocol = property(lambda self: None)
    experimental_max_worker_delay_secs = property(lambda self: None)
