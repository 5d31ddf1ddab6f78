"""What the probe programs in tests/pprobe59_scripts print under TF 1.14: whole seeded TF1
programs of GANs and second-order training: DRAGAN (kodalinaveen3 style) with fused batch
norm in both networks, its perturbed-input gradient penalty differentiated through
FusedBatchNorm, per-scope UPDATE_OPS under control_dependencies and Adam per var_list;
Hessian-vector products by the double-gradient trick against tf.hessians, the R-op by the
double-backward trick, a Gauss-Newton / natural-gradient step (Jacobian rows, Fisher,
matrix_solve / cholesky_solve, assign_sub) and the softmax cross entropy's second
derivative; SN-GAN spectral normalisation with power iteration (u assigned under
control_dependencies or through UPDATE_OPS), hinge losses, Adam(beta1=0); MAML (cbfinn
style) over a tf.map_fn meta-batch with second-order and first-order meta-gradients; a
WGAN-GP with layer norm and the optimizers' errors. Values at full precision. Made on an
AMD EPYC (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case
"host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe59_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
