"""tf.DeviceSpec (TF 1.14's DeviceSpecV1): a device name's parts, parsed and printed as
TF does (`/job:<name>/replica:<i>/task:<i>/device:<type>:<i>`); tf.device takes one.
Also the helpers of TF's tensorflow/python/framework/device.py (merge_device,
canonical_name, check_valid), which scripts import as `pydev`."""
from __future__ import annotations

__all__ = ["DeviceSpec", "MergeDevice", "canonical_name", "check_valid", "is_device_spec",
           "merge_device"]


def _str_or_none(v):
    return None if v is None else str(v)


def _int_or_none(v):
    return None if v is None else int(v)


def _device_type(v):
    return v.upper() if v in ("cpu", "gpu") else _str_or_none(v)


class DeviceSpec:
    """A (possibly partial) device specification."""

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job = job
        self.replica = replica
        self.task = task
        self.device_type = device_type
        self.device_index = device_index

    job = property(lambda self: self._job,
                   lambda self, v: setattr(self, "_job", _str_or_none(v)))
    replica = property(lambda self: self._replica,
                       lambda self, v: setattr(self, "_replica", _int_or_none(v)))
    task = property(lambda self: self._task,
                    lambda self, v: setattr(self, "_task", _int_or_none(v)))
    device_type = property(lambda self: self._device_type,
                           lambda self, v: setattr(self, "_device_type", _device_type(v)))
    device_index = property(lambda self: self._device_index,
                            lambda self, v: setattr(self, "_device_index", _int_or_none(v)))

    def _parts(self):
        return (self.job, self.replica, self.task, self.device_type, self.device_index)

    def to_string(self) -> str:
        """`/job:<name>/replica:<i>/task:<i>/device:<type>:<i or *>`, set parts only."""
        job, replica, task, device_type, device_index = self._parts()
        out = []
        if job is not None:
            out.append("/job:" + job)
        if replica is not None:
            out.append(f"/replica:{replica}")
        if task is not None:
            out.append(f"/task:{task}")
        if device_type is not None:
            out.append(f"/device:{device_type}:{'*' if device_index is None else device_index}")
        return "".join(out)

    @staticmethod
    def _string_to_components(spec=None):
        job = replica = task = device_type = device_index = None
        spec = spec or ""
        for y in (x.split(":") for x in spec.split("/")):
            n = len(y)
            if n == 2 and y[0] == "job":
                job = y[1]
            elif n == 2 and y[0] == "replica":
                replica = y[1]
            elif n == 2 and y[0] == "task":
                task = y[1]
            elif n in (1, 2) and y[0].upper() in ("GPU", "CPU"):
                if device_type is not None:
                    raise ValueError(f"Cannot specify multiple device types: {spec}")
                device_type = y[0].upper()
                if n == 2 and y[1] != "*":
                    device_index = int(y[1])
            elif n == 3 and y[0] == "device":
                if device_type is not None:
                    raise ValueError(f"Cannot specify multiple device types: {spec}")
                device_type = y[1]
                if y[2] != "*":
                    device_index = int(y[2])
            elif n and y[0] != "":
                raise ValueError(f"Unknown attribute: '{y[0]}' in '{spec}'")
        return job, replica, task, device_type, device_index

    @classmethod
    def from_string(cls, spec):
        """A DeviceSpec parsed from `spec` (ValueError for an unknown part)."""
        return cls(*cls._string_to_components(spec))

    def parse_from_string(self, spec):
        """Sets every part from `spec`; returns self (TF 1.x mutates)."""
        (self.job, self.replica, self.task, self.device_type,
         self.device_index) = self._string_to_components(spec)
        return self

    def _combined(self, dev):
        return tuple(b if b is not None else a for a, b in zip(self._parts(), dev._parts()))

    def merge_from(self, dev):
        """Sets the parts `dev` sets (dev wins)."""
        (self.job, self.replica, self.task, self.device_type,
         self.device_index) = self._combined(dev)

    def make_merged_spec(self, dev):
        """A new DeviceSpec: this one with the parts `dev` sets."""
        return self.__class__(*self._combined(dev))

    def replace(self, **kwargs):
        """A new DeviceSpec with the given parts replaced."""
        parts = dict(zip(("job", "replica", "task", "device_type", "device_index"),
                         self._parts()))
        parts.update(kwargs)
        return self.__class__(**parts)

    def __eq__(self, other):
        return isinstance(other, self.__class__) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())


def check_valid(spec):
    """Raises DeviceSpec's error when `spec` does not parse."""
    DeviceSpec.from_string(spec)


def is_device_spec(obj):
    return isinstance(obj, DeviceSpec)


def canonical_name(device):
    """The device (a DeviceSpec or a string) as TF prints it; None -> ''."""
    if device is None:
        return ""
    if is_device_spec(device):
        return device.to_string()
    return DeviceSpec.from_string(device).to_string()


class MergeDevice:
    """A device function merging its spec under the op's device (the op's parts win);
    tf.device takes it as it takes the spec itself."""

    def __init__(self, spec):
        self._spec = (DeviceSpec(*spec._parts()) if isinstance(spec, DeviceSpec)
                      else DeviceSpec.from_string(spec))

    def __call__(self, node_def):
        current = DeviceSpec.from_string(node_def.device or "")
        return self._spec.make_merged_spec(current)

    def shortcut_string_merge(self, node_def):
        return self(node_def).to_string()

    def __repr__(self):
        return f"{super().__repr__()} (spec: {self._spec.to_string()})"

    @property
    def is_null_merge(self):
        return not self._spec.to_string()


def merge_device(spec):
    """A MergeDevice for `spec` (a DeviceSpec or string; a MergeDevice as it is)."""
    return spec if isinstance(spec, MergeDevice) else MergeDevice(spec)
