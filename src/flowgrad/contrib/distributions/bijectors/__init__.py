"""tf.contrib.distributions.bijectors (TF 1.14): Bijector and the basic bijectors."""
from .absolute_value import AbsoluteValue
from .affine import Affine
from .affine_linear_operator import AffineLinearOperator
from .batch_normalization import BatchNormalization
from .basic import (AffineScalar, Chain, Exp, Identity, Invert, Kumaraswamy, PowerTransform,
                    Sigmoid, Softplus)
from .bijector import Bijector
from .conditional_bijector import ConditionalBijector
from .inline import Inline
from .masked_autoregressive import (MaskedAutoregressiveFlow,
                                    masked_autoregressive_default_template, masked_dense)
from .permute import Permute
from .reshape import Reshape, SoftmaxCentered
from .real_nvp import RealNVP, real_nvp_default_template
from .sinh_arcsinh import SinhArcsinh
from .square_gumbel import Gumbel, Ordered, Softsign, Square
from .tril import (CholeskyOuterProduct, FillTriangular, MatrixInverseTriL, ScaleTriL,
                   TransformDiagonal)

__all__ = ["Affine", "AffineLinearOperator", "AffineScalar", "Bijector", "Chain", "Exp",
           "Identity", "Invert", "Kumaraswamy", "Permute", "PowerTransform", "Sigmoid",
           "SinhArcsinh", "Softplus", "RealNVP", "real_nvp_default_template",
           "MaskedAutoregressiveFlow", "masked_autoregressive_default_template",
           "masked_dense", "ConditionalBijector", "Square", "Softsign", "Gumbel",
           "Ordered", "CholeskyOuterProduct", "FillTriangular", "ScaleTriL",
           "TransformDiagonal", "MatrixInverseTriL", "AbsoluteValue", "Reshape",
           "SoftmaxCentered", "Inline", "BatchNormalization"]
