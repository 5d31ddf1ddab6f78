"""The process-wide runtime settings of tf.config (TF 1.14's eager/context.py `Context`):
thread counts, JIT, soft placement, Grappler toggles and the device lists. A Session made
without a config takes `session_config()`, as TF 1.14's BaseSession takes
`context.context().config`.

flowgrad runs on the host CPU only: the one physical device is CPU:0 (TF 1.14 also lists
an XLA_CPU device).
"""
from __future__ import annotations

import collections

from .config import ConfigProto, OptimizerOptions, RewriterConfig

PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])

CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
CPU_LOGICAL = LogicalDevice("/job:localhost/replica:0/task:0/device:CPU:0", "CPU")

_TOGGLES = ("layout_optimizer", "constant_folding", "shape_optimization", "remapping",
            "arithmetic_optimization", "dependency_optimization", "loop_optimization",
            "function_optimization", "debug_stripper", "scoped_allocator_optimization",
            "pin_to_host_optimization", "implementation_selector", "auto_mixed_precision")
_BOOLS = ("disable_model_pruning", "disable_meta_optimizer")


class Context:
    """What tf.config sets; `initialized` once devices were listed as logical devices."""

    def __init__(self):
        self.intra_op_parallelism_threads = None
        self.inter_op_parallelism_threads = None
        self.optimizer_jit = None
        self.soft_device_placement = None
        self.log_device_placement = None
        self.optimizer_experimental_options = {}
        self.device_policy = "silent"
        self.synchronous = True
        self.visible_devices = [CPU]
        self.virtual_devices = {}
        self.initialized = False
        self.run_functions_eagerly = False

    def touched(self) -> bool:
        return (self.intra_op_parallelism_threads is not None or
                self.inter_op_parallelism_threads is not None or
                self.optimizer_jit is not None or self.soft_device_placement is not None or
                self.log_device_placement is not None or
                bool(self.optimizer_experimental_options))

    def config(self) -> ConfigProto:
        """The ConfigProto with the settings applied (TF's Context.config)."""
        config = ConfigProto(device_count={"CPU": len(self.virtual_devices.get(CPU) or [CPU]),
                                           "GPU": 0})
        if self.optimizer_jit is not None:
            config.graph_options.optimizer_options.global_jit_level = (
                OptimizerOptions.ON_1 if self.optimizer_jit else OptimizerOptions.OFF)
        if self.intra_op_parallelism_threads is not None:
            config.intra_op_parallelism_threads = self.intra_op_parallelism_threads
        if self.inter_op_parallelism_threads is not None:
            config.inter_op_parallelism_threads = self.inter_op_parallelism_threads
        config.allow_soft_placement = bool(self.soft_device_placement)
        if self.log_device_placement is not None:
            config.log_device_placement = bool(self.log_device_placement)
        rewrite = config.graph_options.rewrite_options
        options = self.optimizer_experimental_options
        for name in _TOGGLES:
            if options.get(name) is not None:
                setattr(rewrite, name, RewriterConfig.ON if options[name] else RewriterConfig.OFF)
        for name in _BOOLS:
            if options.get(name) is not None:
                setattr(rewrite, name, options[name])
        if options.get("min_graph_nodes") is not None:
            rewrite.min_graph_nodes = options["min_graph_nodes"]
        return config

    def experimental_options(self) -> dict:
        """TF's get_optimizer_experimental_options: the toggles set, and the two bools."""
        out = {}
        options = self.optimizer_experimental_options
        for name in _TOGGLES[:9] + ("disable_model_pruning",) + _TOGGLES[9:] + (
                "disable_meta_optimizer",):
            if name in _BOOLS:
                out[name] = bool(options.get(name) or False)
            elif options.get(name) is not None:
                out[name] = bool(options[name])
        if options.get("min_graph_nodes"):
            out["min_graph_nodes"] = options["min_graph_nodes"]
        return out

    def set_log_device_placement(self, enabled) -> None:
        """TF's Context.log_device_placement setter: fixed once the runtime started."""
        if bool(self.log_device_placement) == bool(enabled):
            return
        if self.initialized:
            raise RuntimeError("Device placement logging must be set at program startup")
        # (off is the default config's value: stored as unset, so a Session made without
        # a config still runs with none)
        self.log_device_placement = enabled or None

    def set_threads(self, which: str, num_threads) -> None:
        attr = f"{which}_op_parallelism_threads"
        if getattr(self, attr) == num_threads:
            return
        if self.initialized:
            raise RuntimeError(f"{which.capitalize()} op parallelism cannot be modified after "
                               "initialization.")
        setattr(self, attr, num_threads)

    def check_device(self, dev) -> None:
        if dev != CPU:
            raise ValueError(f"Unrecognized device: {dev!r}")

    def set_visible_devices(self, devices, device_type=None) -> None:
        if not isinstance(devices, list):
            devices = [devices]
        for d in devices:
            if d != CPU or (device_type is not None and d.device_type != device_type):
                raise ValueError(f"Unrecognized device: {d!r}")
        visible = [] if device_type is None else [
            d for d in self.visible_devices if d.device_type != device_type]
        visible += devices
        if visible == self.visible_devices:
            return
        if self.initialized:
            raise RuntimeError("Visible devices cannot be modified after being initialized")
        self.visible_devices = visible

    def set_virtual_devices(self, dev, virtual_devices) -> None:
        self.check_device(dev)
        for vdev in virtual_devices:
            if vdev.memory_limit is not None:
                raise ValueError("Setting memory limit on CPU virtual devices is currently "
                                 "not supported")
        if self.virtual_devices.get(dev) == virtual_devices:
            return
        if self.initialized:
            raise RuntimeError("Virtual devices cannot be modified after being initialized")
        self.virtual_devices[dev] = virtual_devices

    def logical_devices(self) -> list:
        """The logical devices (TF's list_logical_devices, which initializes the context)."""
        self.initialized = True
        if CPU not in self.visible_devices:
            return []
        n = len(self.virtual_devices.get(CPU) or [None])
        return [LogicalDevice(f"/job:localhost/replica:0/task:0/device:CPU:{i}", "CPU")
                for i in range(n)]


_context = Context()


def context() -> Context:
    return _context


def session_config():
    """The config a Session made without one runs with (None: nothing was set)."""
    return _context.config() if _context.touched() else None
