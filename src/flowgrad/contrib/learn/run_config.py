"""`tf.contrib.learn.RunConfig` (TF 1.14's contrib/learn/.../estimators/run_config.py): a
tf.estimator.RunConfig with contrib.learn's constructor (num_cores, log_device_placement,
gpu_memory_fraction folded into `tf_config`; checkpoints every 600 s unless
save_checkpoints_steps is given)."""
from __future__ import annotations

import json
import os

from ...engine.framework.config import ConfigProto, GPUOptions
from ...estimator.run_config import RunConfig as _CoreRunConfig

__all__ = ["RunConfig"]

_USE_DEFAULT = 0
_DEFAULT_UID_WHITE_LIST = ["tf_random_seed", "save_summary_steps", "save_checkpoints_steps",
                           "save_checkpoints_secs", "session_config", "keep_checkpoint_max",
                           "keep_checkpoint_every_n_hours", "log_step_count_steps"]


class RunConfig(_CoreRunConfig):
    """contrib.learn's run configuration."""

    _USE_DEFAULT = _USE_DEFAULT

    def __init__(self, master=None, num_cores=0, log_device_placement=False,
                 gpu_memory_fraction=1, tf_random_seed=None, save_summary_steps=100,
                 save_checkpoints_secs=_USE_DEFAULT, save_checkpoints_steps=None,
                 keep_checkpoint_max=5, keep_checkpoint_every_n_hours=10000,
                 log_step_count_steps=100, protocol=None, evaluation_master="",
                 model_dir=None, session_config=None):
        if master:
            raise NotImplementedError("tf.contrib.learn.RunConfig: master %r (a remote "
                                      "session) is not implemented by flowgrad" % master)
        if evaluation_master:
            raise NotImplementedError("tf.contrib.learn.RunConfig: evaluation_master %r is "
                                      "not implemented by flowgrad" % evaluation_master)
        tf_config = json.loads(os.environ.get("TF_CONFIG") or "{}")
        if tf_config.get("cluster"):
            raise NotImplementedError("tf.contrib.learn.RunConfig: a TF_CONFIG cluster "
                                      "(distributed training) is not implemented by flowgrad")
        secs = save_checkpoints_secs
        if secs == _USE_DEFAULT:
            secs = 600 if save_checkpoints_steps is None else None
        super().__init__(model_dir=model_dir, tf_random_seed=tf_random_seed,
                         save_summary_steps=save_summary_steps,
                         save_checkpoints_steps=save_checkpoints_steps,
                         save_checkpoints_secs=None, session_config=session_config,
                         keep_checkpoint_max=keep_checkpoint_max,
                         keep_checkpoint_every_n_hours=keep_checkpoint_every_n_hours,
                         log_step_count_steps=log_step_count_steps, protocol=protocol)
        # contrib.learn does not check steps against secs: both may be set
        self._save_checkpoints_secs = secs
        # contrib.learn's ClusterConfig, local: no task type unless TF_CONFIG names one
        task_env = tf_config.get("task", {})
        self._task_type = task_env.get("type", None)
        self._task_id = int(task_env.get("index", 0))
        self._num_worker_replicas = 0
        self._environment = tf_config.get("environment", "local")
        self._is_chief = (self._task_id == 0 if self._task_type is None else
                          self._task_type == ("master" if self._environment == "cloud"
                                              else "worker") and self._task_id == 0)
        self._tf_config = ConfigProto(
            log_device_placement=log_device_placement,
            inter_op_parallelism_threads=num_cores, intra_op_parallelism_threads=num_cores,
            gpu_options=GPUOptions(per_process_gpu_memory_fraction=gpu_memory_fraction))

    def uid(self, whitelist=None):
        """A string of all the fields but those of `whitelist` (by default the ones a user
        may change), to check that one RunConfig is used throughout."""
        whitelist = _DEFAULT_UID_WHITE_LIST if whitelist is None else whitelist
        state = {k: v for k, v in self.__dict__.items() if not k.startswith("__")}
        for k in whitelist:
            state.pop("_" + k, None)
        if state.get("_cluster_spec") is not None:
            state["_cluster_spec"] = sorted(state["_cluster_spec"].as_dict().items())
        return ", ".join("%s=%r" % (k, v) for k, v in sorted(state.items()))

    tf_config = property(lambda self: self._tf_config)
    environment = property(lambda self: self._environment)
