"""TF 1.x distributed training on flowgrad.

- cluster.py: `tf.train.ClusterSpec`, `tf.train.Server` (its ServerDef), the session
  targets of servers;
- device_setter.py: `tf.train.replica_device_setter` and the ps strategies;
- partition.py: which task runs each op, a step as per-task parts (no Ray);
- ray_runtime.py: the tasks on Ray (the `distributed` extra): one actor per task.

See docs/distributed.md.
"""
