"""tf.config (TF 1.14's framework/config.py): the process-wide runtime settings that a
Session made without a ConfigProto runs with (engine/framework/context.py)."""
from __future__ import annotations

from ..engine.framework.context import context as _context
from . import experimental, optimizer, threading

__all__ = ["experimental", "experimental_connect_to_host", "experimental_list_devices",
           "experimental_run_functions_eagerly", "get_soft_device_placement", "optimizer",
           "set_soft_device_placement", "threading"]


def get_soft_device_placement() -> bool:
    """Whether ops without a kernel on the requested device fall back to another one."""
    return bool(_context().soft_device_placement)


def set_soft_device_placement(enabled) -> None:
    """Sets soft placement (ConfigProto.allow_soft_placement of later Sessions)."""
    _context().soft_device_placement = enabled


def experimental_list_devices() -> list:
    """The names of the logical devices (initializes the runtime, as TF's)."""
    return [d.name for d in _context().logical_devices()]


def experimental_run_functions_eagerly(run_eagerly) -> None:
    """Whether tf.function runs its Python function instead of tracing it."""
    _context().run_functions_eagerly = bool(run_eagerly)


def experimental_connect_to_host(remote_host=None, job_name="worker"):
    raise NotImplementedError("flowgrad does not implement "
                              "tf.config.experimental_connect_to_host (remote eager hosts)")
