"""`tensorflow.python.client.device_lib`: the devices of this process as TF 1.14 lists them
(the host CPU, its XLA_CPU twin, and each GPU flowgrad's XLA backend finds with its
XLA_GPU twin), as DeviceAttributes records printed in protobuf text format."""
from __future__ import annotations

import random

from ..engine.runtime import placement
from ..engine.runtime.xla import devices as _xla_devices

__all__ = ["DeviceAttributes", "list_local_devices"]

_CPU_MEMORY = 268435456          # TF's default host allocator limit (256 MiB)
_XLA_MEMORY = 17179869184        # what TF 1.14 reports for an XLA device (16 GiB)


class DeviceLocality:
    """The device's bus and NUMA node (empty for host devices, as in TF)."""

    def __init__(self, bus_id=0):
        self.bus_id = bus_id
        self.numa_node = 0

    def __str__(self):
        return "" if not self.bus_id else f"  bus_id: {self.bus_id}\n"


class DeviceAttributes:
    """TF's DeviceAttributes proto's fields: name, device_type, memory_limit, locality,
    incarnation (a random id), physical_device_desc."""

    def __init__(self, name, device_type, memory_limit, physical_device_desc="", bus_id=0):
        self.name = name
        self.device_type = device_type
        self.memory_limit = memory_limit
        self.locality = DeviceLocality(bus_id)
        self.incarnation = random.getrandbits(63)
        self.physical_device_desc = physical_device_desc

    def __str__(self):
        text = (f'name: "{self.name}"\ndevice_type: "{self.device_type}"\n'
                f"memory_limit: {self.memory_limit}\nlocality {{\n{self.locality}}}\n"
                f"incarnation: {self.incarnation}\n")
        if self.physical_device_desc:
            text += f'physical_device_desc: "{self.physical_device_desc}"\n'
        return text

    __repr__ = __str__


def list_local_devices(session_config=None):
    """The local devices: /device:CPU:0, /device:XLA_CPU:0, then /device:XLA_GPU:i and
    /device:GPU:i for each GPU (none without JAX's GPU backend)."""
    out = [DeviceAttributes("/device:CPU:0", "CPU", _CPU_MEMORY),
           DeviceAttributes("/device:XLA_CPU:0", "XLA_CPU", _XLA_MEMORY,
                            "device: XLA_CPU device")]
    gpus = placement.gpu_list(session_config)
    for i, dev in enumerate(gpus):
        out.append(DeviceAttributes(f"/device:XLA_GPU:{i}", "XLA_GPU", _XLA_MEMORY,
                                    "device: XLA_GPU device"))
    for i, dev in enumerate(gpus):
        mem = getattr(dev, "memory_stats", lambda: None)()
        limit = int(mem.get("bytes_limit", 0)) if isinstance(mem, dict) else 0
        out.append(DeviceAttributes(f"/device:GPU:{i}", "GPU", limit,
                                    _xla_devices.gpu_name(dev, i), bus_id=1))
    return out
