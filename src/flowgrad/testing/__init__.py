"""`tf.test`: gradient checking (TF's gradient_checker API and a directional checker)."""
from .gradient_checker import check_grads, compute_gradient, compute_gradient_error

__all__ = ["check_grads", "compute_gradient", "compute_gradient_error"]
