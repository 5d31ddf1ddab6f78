"""tf.contrib.bayesflow (TF 1.14): Monte Carlo expectations (`monte_carlo`)."""
from . import monte_carlo

__all__ = ["monte_carlo"]
