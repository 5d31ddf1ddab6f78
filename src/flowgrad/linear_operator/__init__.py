"""tf.linalg's LinearOperator family (TF 1.14's tensorflow/python/ops/linalg/): the base
class, the operators, and the algebra (adjoint, inverse, cholesky, matmul, solve) registered
between them.

>>> op = tf.linalg.LinearOperatorDiag([1., 2.])
>>> y = op.matvec([3., 4.])
"""
from . import registrations  # noqa: F401 - registers the algebra's rules
from .algebra import (RegisterAdjoint, RegisterCholesky, RegisterInverse, RegisterMatmul,
                      RegisterSolve)
from .base import LinearOperator
from .basic import LinearOperatorDiag, LinearOperatorFullMatrix, LinearOperatorLowerTriangular
from .identity import LinearOperatorIdentity, LinearOperatorScaledIdentity
from .circulant import (LinearOperatorCirculant, LinearOperatorCirculant2D,
                        LinearOperatorCirculant3D, LinearOperatorToeplitz)
from .products import LinearOperatorKronecker, LinearOperatorLowRankUpdate
from .special import LinearOperatorBlockDiag, LinearOperatorHouseholder, LinearOperatorZeros
from .wrappers import LinearOperatorAdjoint, LinearOperatorComposition, LinearOperatorInversion

__all__ = ["LinearOperator", "LinearOperatorAdjoint", "LinearOperatorBlockDiag",
           "LinearOperatorComposition", "LinearOperatorHouseholder", "LinearOperatorZeros",
           "LinearOperatorKronecker", "LinearOperatorLowRankUpdate", "LinearOperatorCirculant",
           "LinearOperatorCirculant2D", "LinearOperatorCirculant3D", "LinearOperatorToeplitz",
           "LinearOperatorDiag", "LinearOperatorFullMatrix", "LinearOperatorIdentity",
           "LinearOperatorInversion", "LinearOperatorLowerTriangular",
           "LinearOperatorScaledIdentity", "RegisterAdjoint", "RegisterCholesky",
           "RegisterInverse", "RegisterMatmul", "RegisterSolve"]
