"""tf.config.experimental: devices and execution settings. flowgrad has one physical
device, the host CPU (TF 1.14 also lists XLA_CPU)."""
from __future__ import annotations

import collections

from ..engine.framework.context import CPU
from ..engine.framework.context import context as _context

__all__ = ["VirtualDeviceConfiguration", "get_device_policy", "get_memory_growth",
           "get_synchronous_execution", "get_virtual_device_configuration",
           "get_visible_devices", "list_logical_devices", "list_physical_devices",
           "set_device_policy", "set_memory_growth", "set_synchronous_execution",
           "set_virtual_device_configuration", "set_visible_devices"]

_POLICIES = ("silent", "silent_for_int32", "warn", "explicit")


class VirtualDeviceConfiguration(collections.namedtuple("VirtualDeviceConfiguration",
                                                        ["memory_limit"])):
    """One logical device made from a physical one (memory_limit: GPUs only)."""

    def __new__(cls, memory_limit=None):
        return super().__new__(cls, memory_limit)


def get_device_policy() -> str:
    """How tensors on the wrong device are handled: 'silent', 'warn', ..."""
    return _context().device_policy


def set_device_policy(device_policy) -> None:
    """Sets the device policy (None: 'silent'); ValueError for another value."""
    if device_policy is None:
        device_policy = "silent"
    if device_policy not in _POLICIES:
        raise ValueError(f"Not a valid device policy: {device_policy!r}")
    _context().device_policy = device_policy


def get_synchronous_execution() -> bool:
    """Whether ops run synchronously (always, in graph mode)."""
    return _context().synchronous


def set_synchronous_execution(enable) -> None:
    """Records the execution mode (graph-mode Sessions are synchronous either way)."""
    _context().synchronous = bool(enable)


def list_physical_devices(device_type=None) -> list:
    """The physical devices (CPU:0), optionally of one type."""
    return [d for d in [CPU] if device_type is None or d.device_type == device_type]


def list_logical_devices(device_type=None) -> list:
    """The logical devices the runtime made (this initializes it, as TF's)."""
    return [d for d in _context().logical_devices()
            if device_type is None or d.device_type == device_type]


def get_visible_devices(device_type=None) -> list:
    """The physical devices the runtime will use."""
    return [d for d in _context().visible_devices
            if device_type is None or d.device_type == device_type]


def set_visible_devices(devices, device_type=None) -> None:
    """Sets the physical devices the runtime will use (before it is initialized)."""
    _context().set_visible_devices(devices, device_type)


def get_memory_growth(device) -> bool:
    """Memory growth of a GPU (KeyError for the CPU, which has no such setting)."""
    _context().check_device(device)
    raise KeyError(device)


def set_memory_growth(device, enable) -> None:
    """GPUs only: ValueError for the CPU."""
    ctx = _context()
    ctx.check_device(device)
    if device in ctx.virtual_devices:
        raise ValueError("Cannot set memory growth on device when virtual devices configured")
    raise ValueError("Cannot set memory growth on non-GPU devices")


def get_virtual_device_configuration(device):
    """The VirtualDeviceConfigurations set for `device` (None if none)."""
    ctx = _context()
    ctx.check_device(device)
    return ctx.virtual_devices.get(device)


def set_virtual_device_configuration(device, virtual_devices) -> None:
    """Splits `device` into logical devices (before the runtime is initialized)."""
    _context().set_virtual_devices(device, virtual_devices)
