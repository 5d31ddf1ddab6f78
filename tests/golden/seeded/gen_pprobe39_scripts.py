"""What the probe programs in tests/pprobe39_scripts print under TF 1.14: whole seeded TF1
programs of the session's feed/fetch mechanics: nested fetches (dicts, lists of tuples, a
namedtuple, ops beside tensors, one tensor twice, a Variable), feeds of a mid-graph tensor,
a Variable and a SparseTensorValue; Session.make_callable with feed_list and accept_options
(RunOptions FULL_TRACE / RunMetadata: stable facts only); InteractiveSession with
Tensor.eval / Operation.run, list_devices, a second graph's session, a fetch from another
graph and Graph.finalize (TF's errors); Session.run's fetch and feed errors. Values at full
precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe39_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
