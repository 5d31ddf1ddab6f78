"""tf.contrib.distributions.bijectors (TF 1.14): Bijector and the basic bijectors."""
from .affine import Affine
from .affine_linear_operator import AffineLinearOperator
from .basic import (AffineScalar, Chain, Exp, Identity, Invert, Kumaraswamy, PowerTransform,
                    Sigmoid, Softplus)
from .bijector import Bijector
from .permute import Permute
from .sinh_arcsinh import SinhArcsinh

__all__ = ["Affine", "AffineLinearOperator", "AffineScalar", "Bijector", "Chain", "Exp",
           "Identity", "Invert", "Kumaraswamy", "Permute", "PowerTransform", "Sigmoid",
           "SinhArcsinh", "Softplus"]
