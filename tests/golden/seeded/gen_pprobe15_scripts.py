"""What the probe programs in tests/pprobe15_scripts print under TF 1.14: whole seeded TF1
programs of scientific computing: physics-informed nets (Burgers by tf.gradients of a net
w.r.t. its inputs and a second tf.gradients; Laplace by tf.hessians), Gaussian-process
regression by tf.cholesky / cholesky_solve / eigh / logdet with marginal-likelihood
training, a pseudo-spectral heat/Poisson solver by rfft / irfft / fft2d and stft /
inverse_stft, Hamiltonian Monte Carlo with leapfrog steps in nested tf.while_loops, a Kalman
filter and RTS smoother by tf.scan, Newton's method with tf.hessians (and a
sigmoid cross-entropy's Hessian rows by tf.gradients without a loop), spring-chain normal
modes by eigvalsh / expm / lstsq, and a loss through tf.py_func with a NumPy gradient. Op
counts and values at full precision (or hashes of their bytes). Made on an Intel Xeon (TF's
float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its
vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe15_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
