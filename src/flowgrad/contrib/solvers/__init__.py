"""tf.contrib.solvers (TF 1.14's contrib/solvers/python/ops): iterative, matrix-free solvers
built as tf.while_loop programs over a linear operator given by its `apply` callables."""
from . import lanczos, least_squares, linear_equations, util

__all__ = ["lanczos", "least_squares", "linear_equations", "util"]
