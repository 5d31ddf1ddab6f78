"""TF 1.x distributed training on flowgrad.

- cluster.py: `tf.train.ClusterSpec`, `tf.train.Server` (its ServerDef), the session
  targets of servers;
- device_setter.py: `tf.train.replica_device_setter` and the ps strategies;
- partition.py: which task runs each op, a step as per-task parts (no Ray);
- ray_runtime.py: the tasks on Ray (the `distributed` extra): one actor per task;
- distribute_lib.py, cross_device_ops.py: TF 1.14's `tf.distribute` strategies API
  (OneDeviceStrategy, MirroredStrategy on one device, the default strategy).

See docs/distributed.md.
"""

from .cross_device_ops import (  # noqa: E402, F401
    CrossDeviceOps, HierarchicalCopyAllReduce, NcclAllReduce, ReductionToOneDevice)
from .distribute_lib import (  # noqa: E402, F401
    InputContext, InputReplicationMode, ReduceOp, ReplicaContext,
    experimental_set_strategy, get_loss_reduction, get_replica_context, get_strategy,
    has_strategy, in_cross_replica_context)
from .distribute_lib import MirroredStrategyV1 as MirroredStrategy  # noqa: E402, F401
from .distribute_lib import OneDeviceStrategyV1 as OneDeviceStrategy  # noqa: E402, F401
from .distribute_lib import StrategyExtendedV1 as StrategyExtended  # noqa: E402, F401
from .distribute_lib import StrategyV1 as Strategy  # noqa: E402, F401
from .cluster import Server  # noqa: E402, F401
