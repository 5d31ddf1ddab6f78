"""What the probe programs in tests/pprobe48_scripts print under TF 1.14: whole seeded TF1
programs of numerical linear algebra and solvers: tf.contrib.solvers (conjugate_gradient
with and without a preconditioner, cgls, lanczos_bidiag, bidiag_matmul), tf.linalg.expm
(float32 / float64 / a batch / the squaring path) with gradient-descent steps through it,
tf.linalg.sqrtm and logm, LinearOperator compositions (Composition, Kronecker, BlockDiag,
LowRankUpdate, Circulant) with matmul / solve / log_abs_determinant, a classifier trained
with tf.contrib.sparsemax's loss, Levenberg-Marquardt steps with matrix_solve_ls and
natural-gradient steps with cholesky_solve. Values at full precision. Made on an Intel
Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host"
records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe48_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
