"""`tf.contrib.learn.learn_runner` (TF 1.14's learn_runner.py): run(experiment_fn, ...)
builds the Experiment (from output_dir, or from a RunConfig and HParams, checking that the
Estimator uses that RunConfig) and runs its schedule ('train_and_evaluate' when local)."""
from __future__ import annotations

from ... import logging
from ..training.hparam import HParams
from .experiment import Experiment
from .run_config import RunConfig

__all__ = ["run", "tune"]


def _execute_schedule(experiment, schedule):
    task = getattr(experiment, schedule, None)
    valid = [x for x in dir(experiment) if not x.startswith("_")
             and callable(getattr(experiment, x))]
    if not hasattr(experiment, schedule):
        logging.error("Schedule references non-existent task %s", schedule)
        logging.error("Allowed values for this experiment are: %s", valid)
        raise ValueError("Schedule references non-existent task %s" % schedule)
    if not callable(task):
        logging.error("Schedule references non-callable member %s", schedule)
        logging.error("Allowed values for this experiment are: %s", valid)
        raise TypeError("Schedule references non-callable member %s" % schedule)
    return task()


def _wrapped_experiment_fn_with_uid_check(experiment_fn, require_hparams=False):
    def wrapped(run_config, hparams):
        if not isinstance(run_config, RunConfig):
            raise ValueError("`run_config` must be `tf.contrib.learn.RunConfig` instance")
        if not run_config.model_dir:
            raise ValueError("Must specify a model directory `model_dir` in `run_config`.")
        if hparams is not None and not isinstance(hparams, HParams):
            raise ValueError("`hparams` must be `HParams` instance")
        if require_hparams and hparams is None:
            raise ValueError("`hparams` cannot be `None`.")
        expected_uid = run_config.uid()
        experiment = experiment_fn(run_config, hparams)
        if not isinstance(experiment, Experiment):
            raise TypeError("Experiment builder did not return an Experiment instance, got %s "
                            "instead." % type(experiment))
        config = experiment.estimator.config
        if not hasattr(config, "uid"):
            raise RuntimeError("Pass `run_config` argument of the `experiment_fn` to the "
                               "Estimator in Experiment. It is likely a different `RunConfig` "
                               "is passed to `Estimator` or the `config` constructor argument "
                               "in `Estimator` is not set.")
        if config.uid() != expected_uid:
            raise RuntimeError("`RunConfig` instance is expected to be used by the `Estimator` "
                               "inside the `Experiment`. expected {}, but got {}".format(
                                   expected_uid, config.uid()))
        return experiment
    return wrapped


def run(experiment_fn, output_dir=None, schedule=None, run_config=None, hparams=None):
    """Builds the Experiment and runs `schedule` ('train_and_evaluate' by default)."""
    if output_dir is not None and run_config is not None:
        raise ValueError("Cannot provide both `output_dir` and `run_config`")
    if output_dir is None and run_config is None:
        raise ValueError("Must set value for `output_dir` or `run_config`")
    if not callable(experiment_fn):
        raise TypeError('Experiment builder "%s" is not callable.' % experiment_fn)
    if run_config is not None:
        experiment = _wrapped_experiment_fn_with_uid_check(experiment_fn)(
            run_config=run_config, hparams=hparams)
    else:
        if not output_dir:
            raise ValueError("Must specify an output directory")
        if hparams is not None:
            raise ValueError("Must set `hparams` as None for `experiment_fn` with "
                             "`output_dir`.")
        experiment = experiment_fn(output_dir=output_dir)
        if not isinstance(experiment, Experiment):
            raise TypeError("Experiment builder did not return an Experiment instance, got %s "
                            "instead." % type(experiment))
    run_config = run_config or experiment.estimator.config
    schedule = schedule or _default_schedule(run_config)
    return _execute_schedule(experiment, schedule)


def tune(experiment_fn, tuner):
    """Runs the tuner's trials, each an Experiment built with the trial's HParams."""
    while tuner.next_trial():
        tuner.run_experiment(_wrapped_experiment_fn_with_uid_check(experiment_fn,
                                                                   require_hparams=True))


def _default_schedule(config):
    spec = getattr(config, "cluster_spec", None)
    if not spec or sum(len(spec.job_tasks(j)) for j in spec.jobs) <= 1:
        return "train_and_evaluate"
    raise NotImplementedError("tf.contrib.learn.learn_runner: distributed schedules are not "
                              "implemented by flowgrad")
