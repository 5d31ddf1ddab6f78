"""What the probe programs in tests/pprobe44_scripts print under TF 1.14: whole seeded TF1
programs of multi-tower and device-placement training idioms run on CPU: cifar10_multi_gpu_train
towers (tf.device('/gpu:%d') + allow_soft_placement, tower name scopes, _variable_on_cpu,
reuse_variables, the last tower's batch-norm updates, average_gradients, Momentum +
ExponentialMovingAverage), replica_device_setter (round robin and tf.contrib.training's
GreedyLoadBalancingStrategy) with import_meta_graph(clear_devices=True), DeviceSpec / nested
device scopes / colocate_with / colocate_gradients_with_ops, SyncReplicasOptimizer over two
towers in one process, and slim model_deploy-style clones with tf.contrib.layers /
framework / training helpers. Values at full precision. Made on an Intel Xeon (TF's float32
bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe44_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
