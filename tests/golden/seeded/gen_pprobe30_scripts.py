"""What the probe programs in tests/pprobe30_scripts print under TF 1.14: whole seeded TF1
programs of the errors users cause, each caught and printed (class, message up to its
traceback, the op's and node_def's names) before the program goes on: Session.run before
initializing, placeholders not fed, feeds of a wrong shape or dtype, fetches of None and of
another graph, a closed session; shapes and dtypes incompatible at graph construction
(matmul, add, concat, reshape, conv2d, stack, reductions, one_hot) and at run time with fed
shapes (MatMul, ConcatOp, Reshape, broadcasting, GatherV2, SparseSoftmaxCrossEntropy,
Tile, Slice, SplitV, OneHot); variable_scope reuse and get_variable mismatches, gradients
of ints, optimizers and Savers without variables, restores of a missing key and of another
shape; tf.assert_* / tf.Assert / check_numerics / add_check_numerics_ops failures;
iterators' and queues' OutOfRangeError, CancelledError and FailedPreconditionError.
Values at full precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe30_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
