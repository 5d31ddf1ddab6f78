"""What the probe programs in tests/pprobe73_scripts print under TF 1.14: whole seeded TF1
programs of variables, scopes and templates as TF1 libraries use them: tf.variable_scope
with reuse=tf.AUTO_REUSE and reuse_variables() (a siamese tower), name_scope vs
variable_scope op and variable names, the ValueErrors of a variable that exists or does
not; custom getters (float32 master weights cast to float16, EMA shadows for evaluation);
partitioners (fixed_size, min_max_variable, variable_axis_size) and the partitioned
variable's slices under embedding_lookup; tf.make_template (create_scope_now_,
unique_name_), tf.get_local_variable, tf.Variable's constraint / validate_shape=False /
caching_device / use_resource, report_uninitialized_variables, assert_variables_initialized,
variables_initializer and the FailedPreconditionError of an uninitialized read. Values at
full precision. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe73_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
