"""tf.contrib.eager: the TF 1.14 symbols (contrib/eager/python/tfe.py) that run in graph
mode, which flowgrad is always in.

Most are the core APIs under another name (`Variable` is tf's ResourceVariable,
`Checkpoint`, `GradientTape`, `TensorSpec`, `custom_gradient`, `function`,
`make_template`, `py_func` is tf.py_function). The others do what TF 1.14 does without
eager execution: `executing_eagerly` / `in_eager_mode` give False, `num_gpus` 0, `Saver`
and `restore_variables_on_create` raise TF's graph-mode errors. Enabling eager execution
(`enable_eager_execution`, `enable_remote_eager_execution`, `run`,
`connect_to_remote_host`, `set_server_def`) raises NotImplementedError.
"""
from __future__ import annotations

import contextlib

from .. import enable_eager_execution, executing_eagerly
# TF 1.14's eager context constants and queries (python/eager/context.py)
from ..eager.context import (ASYNC, DEVICE_PLACEMENT_EXPLICIT, DEVICE_PLACEMENT_SILENT,
                             DEVICE_PLACEMENT_WARN, SYNC, in_eager_mode, num_gpus)
from ..eager.backprop import (GradientTape, gradients_function, implicit_gradients,
                              implicit_value_and_gradients, value_and_gradients_function)
from ..eager.def_function import TensorSpec, function
from ..engine.autodiff.custom_gradient import custom_gradient
from ..ops.script_ops import py_function as py_func
from ..ops import variable_scope as _vs
from ..ops.variables import ResourceVariable as Variable
from ..train.checkpointable import Checkpoint

__all__ = ["ASYNC", "Checkpoint", "DEVICE_PLACEMENT_EXPLICIT", "DEVICE_PLACEMENT_SILENT",
           "DEVICE_PLACEMENT_WARN", "GradientTape", "SYNC", "Saver", "TensorSpec",
           "Variable", "connect_to_remote_host", "custom_gradient",
           "enable_eager_execution", "enable_remote_eager_execution", "executing_eagerly",
           "function", "get_optimizer_variables", "gradients_function",
           "implicit_gradients", "implicit_value_and_gradients", "in_eager_mode",
           "make_template", "num_gpus", "py_func", "restore_variables_on_create", "run",
           "set_server_def", "value_and_gradients_function"]



def enable_remote_eager_execution(config=None, device_policy=None, execution_mode=None,
                                  server_def=None):
    raise NotImplementedError("tf.contrib.eager.enable_remote_eager_execution: flowgrad "
                              "has no eager execution (TF 1.x graph mode only)")


def connect_to_remote_host(remote_host=None, job_name="worker"):
    raise NotImplementedError("tf.contrib.eager.connect_to_remote_host: flowgrad has no eager "
                              "execution (TF 1.x graph mode only)")


def run(main=None, argv=None):
    """TF's eager_run: enables eager execution, then runs `main` as tf.app.run."""
    raise NotImplementedError("tf.contrib.eager.run: flowgrad has no eager "
                              "execution (TF 1.x graph mode only)")


def set_server_def(server_def):
    if not server_def:
        raise ValueError("server_def is None.")
    raise NotImplementedError("tf.contrib.eager.set_server_def: flowgrad has no eager "
                              "execution (TF 1.x graph mode only)")


class Saver:
    """tfe.Saver: eager only; building one in graph mode raises TF's RuntimeError."""

    def __init__(self, var_list):
        raise RuntimeError("tfe.Saver can only be used when eager execution is enabled. "
                           "Use tf.train.Saver when building graphs.")


@contextlib.contextmanager
def restore_variables_on_create(save_path, map_func=None):
    """Eager only: entering the context in graph mode raises TF's ValueError."""
    raise ValueError("Currently, restore_variables_on_create can only be used with "
                     "eager execution enabled.")
    yield  # (a generator, as TF's: the error comes on entering)


def make_template(name_, func_, create_scope_now_=False, unique_name_=None,
                  custom_getter_=None, create_graph_function_=False, **kwargs):
    """tf.make_template; `create_graph_function_` (a defun-compiled template) is absent."""
    if create_graph_function_:
        raise NotImplementedError("tf.contrib.eager.make_template: flowgrad does not "
                                  "implement create_graph_function_=True (tf.contrib.eager.defun)")
    return _vs.make_template(name_, func_, create_scope_now_=create_scope_now_,
                             unique_name_=unique_name_, custom_getter_=custom_getter_,
                             **kwargs)


def get_optimizer_variables(optimizer):
    """The variables `optimizer` created (its slots and non-slot variables)."""
    return optimizer.variables()
