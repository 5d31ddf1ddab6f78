"""What the probe programs in tests/pprobe36_scripts print under TF 1.14: whole seeded TF1
programs of variable initialization idioms: variables_initializer on subsets,
report_uninitialized_variables, is_variable_initialized and assert_variables_initialized
step by step; initialized_value() chains and an initial value reading another variable
(TF's guard); RefVariable vs ResourceVariable (variable_scope use_resource) with assign
validate_shape=False, assign_add, scatter_add and read_value; variable_scope initializer
and dtype inheritance, default initializers per dtype, nested custom getters,
tf.Variable(trainable=False, collections=[...]) and a scope partitioner; metrics reset by
local_variables_initializer and tables_initializer in a grouped init op. Values at full
precision or hashes of their bytes. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe36_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
