"""`tf.estimator.tpu.TPUConfig`, `InputPipelineConfig` and `RunConfig` (TF 1.14's
tpu_config.py): the TPU part of a TPUEstimator's configuration. flowgrad runs
TPUEstimator's CPU path only, so the values are validated and kept as TF does, and a
ClusterResolver (a TPU to connect to) is refused."""
from __future__ import annotations

import collections
import json
import os
import re

from ... import logging
from .. import run_config as run_config_lib

__all__ = ["InputPipelineConfig", "RunConfig", "TPUConfig"]

_ITERATIONS_PER_LOOP_VALUE_REGEX = re.compile(r"^(?P<value>[1-9]\d*)((?P<suffix>[s|m|h])$|$)")

IterationsPerLoopCounter = collections.namedtuple("IterationsPerLoopCounter",
                                                  ["value", "unit"])


def check_positive_integer(value, name):
    """TF's util.check_positive_integer: TypeError unless an int, ValueError unless > 0."""
    if not isinstance(value, int):
        raise TypeError("{} must be int, got {}".format(name, type(value)))
    if value <= 0:
        raise ValueError("{} must be positive, got {}".format(name, value))


def parse_iterations_per_loop(iterations_per_loop):
    """TF's util.parse_iterations_per_loop: a count `N`, or a time `<N><s|m|h>` in
    seconds, as (value, unit)."""
    m = _ITERATIONS_PER_LOOP_VALUE_REGEX.match(str(iterations_per_loop))
    if m is None:
        raise ValueError(
            "Invalid TPUConfig `iterations_per_loop` value. Value must be positive "
            "integer value or time-based value `<N><s|m|h>` where <N> is any"
            "positive integer and `s`, `m`, `h` are unit of time in seconds, "
            "minutes, hours respectively. Examples of valid values: `3600s`, `60m`,"
            " `1h`.")
    suffix = m.group("suffix")
    value = int(m.group("value")) * {"m": 60, "h": 3600}.get(suffix, 1)
    return IterationsPerLoopCounter(value, "seconds" if suffix in ("h", "m", "s")
                                    else "count")


class InputPipelineConfig:
    """How a TPU input_fn is deployed (the values of TPUConfig's
    per_host_input_for_training)."""
    PER_SHARD_V1 = 1
    PER_HOST_V1 = 2
    PER_HOST_V2 = 3
    BROADCAST = 4
    SLICED = 5


def _get_tpu_job_name_from_tf_config():
    tf_config = json.loads(os.environ.get("TF_CONFIG", "{}"))
    name = tf_config.get("service", {}).get("tpu_worker_job_name")
    if name:
        logging.info("Load TPU job name from TF_CONFIG: %s", name)
    return name


class TPUConfig(collections.namedtuple("TPUConfig", [
        "iterations_per_loop", "num_shards", "num_cores_per_replica",
        "per_host_input_for_training", "tpu_job_name", "initial_infeed_sleep_secs",
        "input_partition_dims", "eval_training_input_configuration"])):
    """TPU settings of a TPUEstimator's RunConfig, validated as TF 1.14's (True / False
    for per_host_input_for_training become PER_HOST_V1 / PER_SHARD_V1)."""

    def __new__(cls, iterations_per_loop=2, num_shards=None, num_cores_per_replica=None,
                per_host_input_for_training=True, tpu_job_name=None,
                initial_infeed_sleep_secs=None, input_partition_dims=None,
                eval_training_input_configuration=InputPipelineConfig.PER_HOST_V1):
        parse_iterations_per_loop(iterations_per_loop)
        if num_shards is not None:
            check_positive_integer(num_shards, "TPUConfig num_shards")
        if input_partition_dims is not None:
            if len(input_partition_dims) not in (1, 2):
                raise ValueError("input_partition_dims must be a list/tuple with one or two"
                                 " elements.")
            if per_host_input_for_training is not InputPipelineConfig.PER_HOST_V2:
                raise ValueError("input_partition_dims is only supported in PER_HOST_V2 "
                                 "mode.")
            if num_cores_per_replica is None:
                raise ValueError("input_partition_dims requires setting "
                                 "num_cores_per_replica.")
        if num_cores_per_replica is not None and \
                num_cores_per_replica not in [1, 2, 4, 8, 16]:
            raise ValueError("num_cores_per_replica must be 1, 2, 4, 8, or 16; got {}"
                             .format(str(num_cores_per_replica)))
        if eval_training_input_configuration not in [InputPipelineConfig.PER_HOST_V1,
                                                     InputPipelineConfig.SLICED]:
            raise ValueError("eval_training_input_configuration must be PER_HOST_V1 or "
                             "SLICED; got {}".format(str(eval_training_input_configuration)))
        if per_host_input_for_training is False:
            per_host_input_for_training = InputPipelineConfig.PER_SHARD_V1
        elif per_host_input_for_training is True:
            per_host_input_for_training = InputPipelineConfig.PER_HOST_V1
        if initial_infeed_sleep_secs:
            check_positive_integer(initial_infeed_sleep_secs,
                                   "TPUConfig initial_infeed_sleep_secs")
        tpu_job_name = tpu_job_name or _get_tpu_job_name_from_tf_config()
        return super().__new__(
            cls, iterations_per_loop=iterations_per_loop, num_shards=num_shards,
            num_cores_per_replica=num_cores_per_replica,
            per_host_input_for_training=per_host_input_for_training,
            tpu_job_name=tpu_job_name, initial_infeed_sleep_secs=initial_infeed_sleep_secs,
            input_partition_dims=input_partition_dims,
            eval_training_input_configuration=eval_training_input_configuration)


class RunConfig(run_config_lib.RunConfig):
    """A tf.estimator RunConfig with a `tpu_config` (TPUConfig), the `master` and
    `evaluation_master` addresses, and a `cluster` (refused: flowgrad connects to no
    TPU)."""

    def __init__(self, tpu_config=None, evaluation_master=None, master=None, cluster=None,
                 **kwargs):
        if cluster is not None:
            raise NotImplementedError(
                "tf.contrib.tpu.RunConfig: cluster (a TPU ClusterResolver) is not "
                "implemented by flowgrad (TPUEstimator runs with use_tpu=False only)")
        super().__init__(**kwargs)
        self._tpu_config = tpu_config or TPUConfig()
        self._cluster = cluster
        if master is not None:
            self._master = master
        if evaluation_master is not None:
            self._evaluation_master = evaluation_master
        elif (not self._evaluation_master
              and self.task_type != run_config_lib.TaskType.EVALUATOR):
            self._evaluation_master = self._master

    tpu_config = property(lambda self: self._tpu_config)
    cluster = property(lambda self: self._cluster)

    def replace(self, **kwargs):
        """A copy with the given properties (and `tpu_config`) changed."""
        if "tpu_config" not in kwargs:
            return super().replace(**kwargs)
        tpu_config = kwargs.pop("tpu_config")
        new_instance = super().replace(**kwargs)
        new_instance._tpu_config = tpu_config
        return new_instance
