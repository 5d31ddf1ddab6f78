"""What the probe programs in tests/pprobe24_scripts print under TF 1.14: whole seeded TF1
programs of classical machine learning in graph mode, as the popular tutorial repos write it:
PCA by tf.svd (thin, full, values only) and by tf.self_adjoint_eig of a covariance, with the
singular-value and eigenvalue gradients; a kernel SVM on an RBF Gram matrix (the cookbook's
dual objective, GradientDescent) and a primal hinge-loss SVM (tf.losses.hinge_loss, Adam);
Gaussian naive Bayes by tf.contrib.distributions (Normal, MultivariateNormalDiag,
kl_divergence) and by hand; linear / ridge regression by the normal equations
(matrix_inverse, matrix_solve, cholesky_solve, triangular solves on tf.qr, matrix_solve_ls /
tf.linalg.lstsq fast, float32 / float64 batched, logdet / slogdet) and by the complete
orthogonal decomposition (fast=False); LDA / QDA with tf.linalg (inv, solve, batched
cholesky, triangular_solve, logdet, einsum, eigh); k-means++ seeding by tf.multinomial in a
tf.while_loop, Lloyd steps, then logistic regression on RBF features (GradientDescent,
exponential_decay, tf.metrics.auc). Values at full precision or hashes of their bytes, op
counts and names. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe24_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
