"""What the probe programs in tests/pprobe49_scripts print under TF 1.14: whole seeded TF1
programs of session configuration idioms: ConfigProto(intra_op_parallelism_threads=1 / 2,
inter_op_parallelism_threads, allow_soft_placement, log_device_placement, device_count,
use_per_session_threads) on MatMul / Conv2D training (TF's CPU device pool is sized once
per process, by the first session), GraphOptions(OptimizerOptions(opt_level L0 / L1,
do_constant_folding, global_jit_level)) and rewrite_options set after construction,
gpu_options set after construction, tf.GPUOptions, RunOptions(report_tensor_allocations_
upon_oom, timeout_in_ms), list_devices, and session_config through MonitoredTrainingSession,
tf.estimator.RunConfig and Keras's set_session. Values at full precision or hashes of the
bytes. Run without TF_OVERRIDE_GLOBAL_THREADPOOL. Made on an Intel Xeon (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

ISOLATE = True   # (a process of its own: the variable below stays unset for its scripts)
os.environ.pop("TF_OVERRIDE_GLOBAL_THREADPOOL", None)   # TF sizes its pool once per process

DIR = "tests/pprobe49_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
