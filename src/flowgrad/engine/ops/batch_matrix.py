"""TF's first names of the batched linear-algebra ops (BatchMatrixInverse, BatchCholesky,
...): removed at GraphDef version 13 or 14, so only GraphDefs written before hold them.
Each runs as the op that replaced it (same inputs, attrs and kernel); TF 1.14 registers
no gradient for any of them."""
from __future__ import annotations

from ..framework.registry import OPS, no_gradient_registered, register_op
from . import linalg_decomp, linalg_solve, matrix  # noqa: F401 - register the successors

# first name -> the op that replaced it
BATCH_ALIASES = {
    "BatchMatrixBandPart": "MatrixBandPart", "BatchMatrixDeterminant": "MatrixDeterminant",
    "BatchMatrixDiag": "MatrixDiag", "BatchMatrixDiagPart": "MatrixDiagPart",
    "BatchMatrixInverse": "MatrixInverse", "BatchMatrixSetDiag": "MatrixSetDiag",
    "BatchMatrixSolve": "MatrixSolve", "BatchMatrixSolveLs": "MatrixSolveLs",
    "BatchMatrixTriangularSolve": "MatrixTriangularSolve", "BatchCholesky": "Cholesky",
    "BatchSelfAdjointEigV2": "SelfAdjointEigV2", "BatchSvd": "Svd",
}

for _old, _new in BATCH_ALIASES.items():
    _d = OPS[_new]
    register_op(_old, infer=_d.infer, kernel=_d.kernel, bind=_d.bind, stateful=_d.stateful,
                aliases_input=_d.aliases_input, grad=no_gradient_registered, **_d.props)
del _old, _new, _d
