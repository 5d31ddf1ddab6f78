"""What the probe programs in tests/pprobe45_scripts print under TF 1.14: whole seeded TF1
programs that print, assert and log inside a graph: tf.print to sys.stdout / sys.stderr
(file descriptors captured) with nested structures, summarize, sep and end, tf.Print with
first_n and summarize, tf.strings.format; tf.Assert and tf.debugging.assert_* with data and
summarize (the InvalidArgumentError messages); tf.summary.tensor_summary / text read back
with tf.train.summary_iterator; tf.contrib.training.HParams (parse, to_json,
override_from_dict, errors); tf.logging verbosity, log_every_n / log_first_n as printed.
Values at full precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe45_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
