# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.linalg.LinearOperator under TF 1.14: the operators' methods (values, static shapes and
hints), the algebra between operators, errors, and the ops each case creates.
tests/test_linear_operator.py runs the same cases with flowgrad."""
import numpy as np

A = [[4., 1., 0.5], [1., 3., 0.2], [0.5, 0.2, 2.]]
B = [[1., 2., 0.], [0.5, -1., 3.], [2., 0., 1.]]
X = [[1., 0.5], [-2., 1.], [0.3, 4.]]
BATCH = np.arange(2 * 3 * 3, dtype=np.float32).reshape(2, 3, 3) * 0.1 + 3. * np.eye(3, dtype=np.float32)


def _cases(L, tf):
    def full(m=B, **kw):
        return L.LinearOperatorFullMatrix(m, **kw)

    def spd(**kw):
        return L.LinearOperatorFullMatrix(A, is_self_adjoint=True, is_positive_definite=True, **kw)

    def kron():
        return L.LinearOperatorKronecker([L.LinearOperatorFullMatrix([[1., 2.], [0.5, 3.]]), full()])

    def circ():
        return L.LinearOperatorCirculant(np.array([6., 1 + 2j, 1 - 2j], np.complex64))

    def lru():
        return L.LinearOperatorLowRankUpdate(spd(), [[1., 0.], [0.5, 1.], [2., 0.3]])

    return {
        "full_matmul": lambda: [full().matmul(X), full().matmul(X, adjoint=True), full().matmul(np.transpose(X), adjoint_arg=True)],
        "full_matvec": lambda: [full().matvec([1., 2., 3.]), full().matvec([1., 2., 3.], adjoint=True)],
        "full_solve": lambda: [full().solve(X), full().solve(X, adjoint=True), full().solvevec([1., 2., 3.])],
        "full_solve_spd": lambda: [spd().solve(X), spd().solvevec([1., 2., 3.])],
        "full_det": lambda: [full().determinant(), full().log_abs_determinant(), spd().determinant(), spd().log_abs_determinant()],
        "full_dense_diag_trace": lambda: [full().to_dense(), full().diag_part(), full().trace(), full().add_to_tensor(A)],
        "full_shapes": lambda: [full().shape, full().batch_shape, full().tensor_rank, full().domain_dimension, full().range_dimension, full().shape_tensor(), full().batch_shape_tensor(), full().tensor_rank_tensor(), full().domain_dimension_tensor(), full().range_dimension_tensor()],
        "full_nonsquare": lambda: [full(X).shape, full(X).is_square, full(X).matmul([[1., 2.], [3., 4.]]), full(X).to_dense()],
        "full_batch": lambda: [full(BATCH).matmul(X), full(BATCH).solve(X), full(BATCH).log_abs_determinant(), full(BATCH).shape, full(BATCH).batch_shape_tensor()],
        "full_batch_rhs": lambda: L.LinearOperatorFullMatrix(B).solve(np.ones([4, 3, 2], np.float32)),
        "full_batch_rhs_wide": lambda: L.LinearOperatorFullMatrix(B).solve(np.ones([4, 3, 5], np.float32)),
        "full_hints": lambda: [spd().is_non_singular, spd().is_square, spd().is_self_adjoint, full().is_self_adjoint, full(is_square=True).is_square],
        "full_asserts": lambda: [spd().assert_positive_definite(), full().assert_non_singular(), spd().assert_non_singular(), spd().assert_self_adjoint()],
        "full_cholesky": lambda: [spd().cholesky().to_dense(), spd().cholesky().is_self_adjoint, spd().cholesky().name],
        "full_adjoint": lambda: [full().adjoint().to_dense(), full().H.matmul(X), full().adjoint().name, full().adjoint().shape, full().adjoint().log_abs_determinant()],
        "full_inverse": lambda: [full().inverse().to_dense(), full().inverse().matmul(X), full().inverse().determinant(), full().inverse().name],
        "full_float64": lambda: L.LinearOperatorFullMatrix(np.array(B, np.float64)).solve(np.array(X, np.float64)),
        "full_complex": lambda: [L.LinearOperatorFullMatrix(np.array(B) + 1j * np.array(A)).matmul(np.ones([3, 1], np.complex128), adjoint=True), L.LinearOperatorFullMatrix(np.array(B, np.complex64)).adjoint().to_dense()],
        "diag_methods": lambda: [L.LinearOperatorDiag([1., 2., 3.]).matmul(X), L.LinearOperatorDiag([1., 2., 3.]).matvec([1., 1., 1.]), L.LinearOperatorDiag([1., 2., 3.]).solve(X), L.LinearOperatorDiag([1., 2., 3.]).solvevec([1., 1., 1.]), L.LinearOperatorDiag([1., -2., 3.]).determinant(), L.LinearOperatorDiag([1., -2., 3.]).log_abs_determinant()],
        "diag_dense": lambda: [L.LinearOperatorDiag([1., 2., 3.]).to_dense(), L.LinearOperatorDiag([1., 2., 3.]).diag_part(), L.LinearOperatorDiag([1., 2., 3.]).trace(), L.LinearOperatorDiag([1., 2., 3.]).add_to_tensor(A), L.LinearOperatorDiag([[1., 2.], [3., 4.]]).shape, L.LinearOperatorDiag([1., 2.]).is_self_adjoint],
        "diag_algebra": lambda: [L.LinearOperatorDiag([1., 2., 3.]).inverse().to_dense(), L.LinearOperatorDiag([1., 4., 9.], is_positive_definite=True).cholesky().diag_part(), L.LinearOperatorDiag([1., 2., 3.]).matmul(L.LinearOperatorDiag([2., 2., 2.])).to_dense(), L.LinearOperatorDiag([1., 2., 3.]).solve(L.LinearOperatorDiag([2., 2., 2.])).to_dense(), L.LinearOperatorDiag([1., 2., 3.]).adjoint() is not None],
        "diag_asserts": lambda: [L.LinearOperatorDiag([1., 2., 3.]).assert_non_singular(), L.LinearOperatorDiag([1., 2., 3.]).assert_positive_definite(), L.LinearOperatorDiag([1., 2., 3.]).assert_self_adjoint()],
        "diag_assert_fails": lambda: L.LinearOperatorDiag([1., 0., 3.]).assert_non_singular(),
        "diag_complex": lambda: [L.LinearOperatorDiag(np.array([1 + 1j, 2 - 1j], np.complex64)).adjoint().diag_part(), L.LinearOperatorDiag(np.array([1 + 1j, 2 - 1j], np.complex64)).log_abs_determinant(), L.LinearOperatorDiag(np.array([1 + 1j, 2 - 1j], np.complex64)).assert_self_adjoint()],
        "tril_methods": lambda: [L.LinearOperatorLowerTriangular(B).to_dense(), L.LinearOperatorLowerTriangular(B).matmul(X), L.LinearOperatorLowerTriangular(B).solve(X), L.LinearOperatorLowerTriangular(B).solve(X, adjoint=True), L.LinearOperatorLowerTriangular(B).determinant(), L.LinearOperatorLowerTriangular(B).log_abs_determinant(), L.LinearOperatorLowerTriangular(B).add_to_tensor(A), L.LinearOperatorLowerTriangular(B).diag_part()],
        "tril_batch_rhs": lambda: L.LinearOperatorLowerTriangular(B).solve(np.ones([4, 3, 2], np.float32), adjoint=True),
        "tril_assert": lambda: L.LinearOperatorLowerTriangular(B).assert_non_singular(),
        "identity_methods": lambda: [L.LinearOperatorIdentity(3).matmul(X), L.LinearOperatorIdentity(3).solve(X), L.LinearOperatorIdentity(3).determinant(), L.LinearOperatorIdentity(3).log_abs_determinant(), L.LinearOperatorIdentity(3).to_dense(), L.LinearOperatorIdentity(3).trace(), L.LinearOperatorIdentity(3).diag_part(), L.LinearOperatorIdentity(3).add_to_tensor(A)],
        "identity_batch": lambda: [L.LinearOperatorIdentity(3, batch_shape=[2]).matmul(X), L.LinearOperatorIdentity(3, batch_shape=[2]).shape, L.LinearOperatorIdentity(3, batch_shape=[2], dtype=tf.float64).to_dense(), L.LinearOperatorIdentity(2, batch_shape=[2]).shape_tensor()],
        "identity_algebra": lambda: [L.LinearOperatorIdentity(3).matmul(full()).to_dense(), L.LinearOperatorIdentity(3).cholesky().to_dense(), L.LinearOperatorIdentity(3).inverse().name, L.LinearOperatorIdentity(3).assert_non_singular()],
        "identity_proper_shapes": lambda: L.LinearOperatorIdentity(3, assert_proper_shapes=True).matmul(X),
        "scaled_identity": lambda: [L.LinearOperatorScaledIdentity(3, 2.).matmul(X), L.LinearOperatorScaledIdentity(3, 2.).solve(X), L.LinearOperatorScaledIdentity(3, 2.).determinant(), L.LinearOperatorScaledIdentity(3, -2.).log_abs_determinant(), L.LinearOperatorScaledIdentity(3, 2.).trace(), L.LinearOperatorScaledIdentity(3, 2.).diag_part(), L.LinearOperatorScaledIdentity(3, 2.).to_dense(), L.LinearOperatorScaledIdentity(3, 2.).add_to_tensor(A)],
        "scaled_identity_batch": lambda: [L.LinearOperatorScaledIdentity(3, [2., 3.]).matmul(X), L.LinearOperatorScaledIdentity(3, [2., 3.]).shape, L.LinearOperatorScaledIdentity(3, [2., 3.]).inverse().to_dense(), L.LinearOperatorScaledIdentity(3, [4., 9.], is_positive_definite=True).cholesky().to_dense(), L.LinearOperatorScaledIdentity(3, [2., 3.]).assert_positive_definite()],
        "scaled_diag_algebra": lambda: [L.LinearOperatorDiag([1., 2., 3.]).matmul(L.LinearOperatorScaledIdentity(3, 2.)).to_dense(), L.LinearOperatorScaledIdentity(3, 2.).solve(L.LinearOperatorDiag([1., 2., 3.])).to_dense(), L.LinearOperatorDiag([1., 2., 3.]).matmul(L.LinearOperatorLowerTriangular(B)).to_dense(), L.LinearOperatorDiag([1., 2., 3.]).solve(L.LinearOperatorLowerTriangular(B)).to_dense()],
        "composition": lambda: [L.LinearOperatorComposition([full(), L.LinearOperatorDiag([1., 2., 3.])]).matmul(X), L.LinearOperatorComposition([full(), L.LinearOperatorDiag([1., 2., 3.])]).solve(X), L.LinearOperatorComposition([full(), L.LinearOperatorDiag([1., 2., 3.])]).log_abs_determinant(), L.LinearOperatorComposition([full(), L.LinearOperatorDiag([1., 2., 3.])]).to_dense(), L.LinearOperatorComposition([full(), L.LinearOperatorDiag([1., 2., 3.])]).name, L.LinearOperatorComposition([full(), L.LinearOperatorDiag([1., 2., 3.])]).shape_tensor()],
        "composition_ops": lambda: [full().matmul(spd()).to_dense(), full().solve(spd()).to_dense(), full().matmul(spd()).name, full().matmul(spd()).is_square],
        "composition_determinant": lambda: L.LinearOperatorComposition([full(), spd()]).determinant(),
        "inversion": lambda: [L.LinearOperatorInversion(full()).matmul(X), L.LinearOperatorInversion(full()).solve(X), L.LinearOperatorInversion(full()).log_abs_determinant(), L.LinearOperatorInversion(full()).to_dense(), L.LinearOperatorInversion(full()).inverse().name, L.LinearOperatorInversion(spd()).is_positive_definite],
        "adjoint_op": lambda: [L.LinearOperatorAdjoint(full()).matmul(X), L.LinearOperatorAdjoint(full()).solve(X), L.LinearOperatorAdjoint(full()).determinant(), L.LinearOperatorAdjoint(full()).trace(), L.LinearOperatorAdjoint(full(X)).shape, L.LinearOperatorAdjoint(full()).adjoint().name],
        "adjoint_matvec_error": lambda: L.LinearOperatorAdjoint(full()).matvec([1., 2., 3.]),
        "zeros_methods": lambda: [L.LinearOperatorZeros(3).matmul(X), L.LinearOperatorZeros(3).matmul(np.transpose(X), adjoint_arg=True), L.LinearOperatorZeros(3).to_dense(), L.LinearOperatorZeros(3).determinant(), L.LinearOperatorZeros(3).trace(), L.LinearOperatorZeros(3).diag_part(), L.LinearOperatorZeros(3).add_to_tensor(A), L.LinearOperatorZeros(3).log_abs_determinant(), L.LinearOperatorZeros(3).assert_self_adjoint()],
        "zeros_nonsquare": lambda: [L.LinearOperatorZeros(3, 2, is_square=False).matmul([[1., 2., 3.]] * 2), L.LinearOperatorZeros(3, 2, is_square=False).shape, L.LinearOperatorZeros(3, 2, is_square=False).diag_part(), L.LinearOperatorZeros(2, batch_shape=[3]).matmul([[1.], [2.]]), L.LinearOperatorZeros(2, batch_shape=[3]).shape],
        "zeros_algebra": lambda: [full().matmul(L.LinearOperatorZeros(3)).name, L.LinearOperatorZeros(3).matmul(full()).to_dense()],
        "zeros_errors": lambda: L.LinearOperatorZeros(3).assert_non_singular(),
        "error_zeros_square": lambda: L.LinearOperatorZeros(3, 2),
        "error_zeros_singular": lambda: L.LinearOperatorZeros(3, is_non_singular=True),
        "householder": lambda: [L.LinearOperatorHouseholder([1., 2., 2.]).matmul(X), L.LinearOperatorHouseholder([1., 2., 2.]).solve(X), L.LinearOperatorHouseholder([1., 2., 2.]).to_dense(), L.LinearOperatorHouseholder([1., 2., 2.]).diag_part(), L.LinearOperatorHouseholder([1., 2., 2.]).trace(), L.LinearOperatorHouseholder([1., 2., 2.]).determinant(), L.LinearOperatorHouseholder([1., 2., 2.]).log_abs_determinant(), L.LinearOperatorHouseholder([1., 2., 2.]).matvec([1., 0., 0.])],
        "householder_algebra": lambda: [L.LinearOperatorHouseholder([[1., 2., 2.], [0., 1., 0.]]).adjoint().name, L.LinearOperatorHouseholder([1., 2., 2.]).inverse().to_dense(), L.LinearOperatorHouseholder([1., 0.]).is_positive_definite, L.LinearOperatorHouseholder([1., 0.]).assert_non_singular()],
        "error_householder_pd": lambda: L.LinearOperatorHouseholder([1., 0.]).assert_positive_definite(),
        "block_diag": lambda: [L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).matmul(X), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).solve(X), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).to_dense(), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).diag_part(), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).log_abs_determinant(), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).trace(), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).name, L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).shape],
        "block_diag_algebra": lambda: [L.LinearOperatorBlockDiag([L.LinearOperatorDiag([1., 2.]), L.LinearOperatorDiag([5.])]).inverse().to_dense(), L.LinearOperatorBlockDiag([L.LinearOperatorDiag([1., 4.]), L.LinearOperatorIdentity(1)]).cholesky().to_dense(), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix([[1., 2.], [3., 4.]]), L.LinearOperatorDiag([5.])]).adjoint().to_dense(), L.LinearOperatorBlockDiag([L.LinearOperatorDiag([1., 2.]), L.LinearOperatorDiag([5.])]).assert_non_singular()],
        "block_diag_batch": lambda: [L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix(BATCH), L.LinearOperatorDiag([5.])]).matmul(X), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix(BATCH), L.LinearOperatorDiag([5.])]).to_dense(), L.LinearOperatorBlockDiag([L.LinearOperatorFullMatrix(BATCH), L.LinearOperatorDiag([5.])]).shape],
        "error_block_diag_square": lambda: L.LinearOperatorBlockDiag([full(X)]),
        "kronecker": lambda: [kron().matmul(np.ones([6, 2], np.float32)), kron().solve(np.ones([6, 2], np.float32)), kron().to_dense(), kron().diag_part(), kron().trace(), kron().determinant(), kron().log_abs_determinant(), kron().shape, kron().name, kron().matvec(np.arange(6, dtype=np.float32))],
        "kronecker_algebra": lambda: [kron().adjoint().to_dense(), kron().inverse().to_dense(), L.LinearOperatorKronecker([L.LinearOperatorDiag([1., 4.], is_positive_definite=True), spd()]).cholesky().to_dense(), kron().matmul(np.ones([6, 2], np.float32), adjoint=True), kron().shape_tensor()],
        "low_rank_update": lambda: [lru().matmul(X), lru().solve(X), lru().to_dense(), lru().log_abs_determinant(), lru().determinant(), lru().shape, lru().is_self_adjoint, lru().is_positive_definite],
        "low_rank_update_uv": lambda: [L.LinearOperatorLowRankUpdate(full(), [[1.], [0.5], [2.]], diag_update=[2.], v=[[0.1], [1.], [0.]]).matmul(X), L.LinearOperatorLowRankUpdate(full(), [[1.], [0.5], [2.]], diag_update=[2.], v=[[0.1], [1.], [0.]]).solve(X, adjoint=True), L.LinearOperatorLowRankUpdate(full(), [[1.], [0.5], [2.]], diag_update=[2.], v=[[0.1], [1.], [0.]]).log_abs_determinant(), L.LinearOperatorLowRankUpdate(full(), [[1.], [0.5], [2.]], diag_update=[2.], v=[[0.1], [1.], [0.]]).determinant()],
        "low_rank_update_diag": lambda: [L.LinearOperatorLowRankUpdate(L.LinearOperatorDiag([1., 2., 3.], is_positive_definite=True), [[1., 0.], [0.5, 1.], [2., 0.3]], diag_update=[2., 3.], is_diag_update_positive=True).solve(X), L.LinearOperatorLowRankUpdate(L.LinearOperatorDiag([1., 2., 3.], is_positive_definite=True), [[1., 0.], [0.5, 1.], [2., 0.3]], diag_update=[2., 3.], is_diag_update_positive=True).log_abs_determinant()],
        "error_low_rank_update_positive": lambda: L.LinearOperatorLowRankUpdate(full(), [[1.], [0.5], [2.]], is_diag_update_positive=False),
        "circulant": lambda: [circ().matmul(np.ones([3, 2], np.complex64)), circ().solve(np.ones([3, 2], np.complex64)), circ().to_dense(), circ().diag_part(), circ().trace(), circ().determinant(), circ().log_abs_determinant(), circ().convolution_kernel(), circ().shape, circ().block_depth],
        "circulant_real": lambda: [L.LinearOperatorCirculant([6., 1.5, 1.5], input_output_dtype=tf.float32).matmul(X), L.LinearOperatorCirculant([6., 1.5, 1.5], input_output_dtype=tf.float32).to_dense(), L.LinearOperatorCirculant([6., 1.5, 1.5], input_output_dtype=tf.float32).trace(), L.LinearOperatorCirculant([6., 1.5, 1.5], input_output_dtype=tf.float32).is_self_adjoint, L.LinearOperatorCirculant([6., 1.5, 1.5], input_output_dtype=tf.float32).assert_hermitian_spectrum()],
        "circulant_algebra": lambda: [circ().adjoint().to_dense(), circ().inverse().to_dense(), circ().matmul(circ()).to_dense(), circ().solve(circ()).to_dense(), circ().assert_non_singular()],
        "circulant_batch": lambda: L.LinearOperatorCirculant(np.array([[1., 2., 3.], [4., 5., 6.]], np.complex64)).matmul(np.ones([3, 1], np.complex64)),
        "circulant_2d": lambda: [L.LinearOperatorCirculant2D(np.arange(1., 7.).reshape(2, 3).astype(np.complex64)).matmul(np.ones([6, 2], np.complex64)), L.LinearOperatorCirculant2D(np.arange(1., 7.).reshape(2, 3).astype(np.complex64)).to_dense(), L.LinearOperatorCirculant2D(np.arange(1., 7.).reshape(2, 3).astype(np.complex64)).shape],
        "circulant_3d": lambda: [L.LinearOperatorCirculant3D(np.arange(1., 9.).reshape(2, 2, 2).astype(np.complex64)).matmul(np.ones([8, 1], np.complex64)), L.LinearOperatorCirculant3D(np.arange(1., 9.).reshape(2, 2, 2).astype(np.complex64)).log_abs_determinant()],
        "toeplitz": lambda: [L.LinearOperatorToeplitz([1., 2., 3.], [1., 4., 5.]).matmul(X), L.LinearOperatorToeplitz([1., 2., 3.], [1., 4., 5.]).to_dense(), L.LinearOperatorToeplitz([1., 2., 3.], [1., 4., 5.]).trace(), L.LinearOperatorToeplitz([1., 2., 3.], [1., 4., 5.]).diag_part(), L.LinearOperatorToeplitz([1., 2., 3.], [1., 4., 5.]).solve(X), L.LinearOperatorToeplitz([1., 2., 3.], [1., 4., 5.]).log_abs_determinant(), L.LinearOperatorToeplitz([1., 2., 3.], [1., 2., 3.]).assert_self_adjoint()],
        "error_toeplitz_dims": lambda: L.LinearOperatorToeplitz([1., 2., 3.], [1., 4.]),
        "error_circulant_depth": lambda: L.LinearOperatorCirculant2D([1., 2.]),
        "error_dtype": lambda: full().matmul(np.ones([3, 2])),
        "error_dims": lambda: full().matmul(np.ones([2, 2], np.float32)),
        "error_int_matrix": lambda: L.LinearOperatorFullMatrix([[1, 2], [3, 4]]),
        "error_rank": lambda: L.LinearOperatorFullMatrix([1., 2.]),
        "error_diag_rank": lambda: L.LinearOperatorDiag(1.),
        "error_hints": lambda: L.LinearOperatorFullMatrix(A, is_positive_definite=True, is_non_singular=False),
        "error_nonsquare_det": lambda: L.LinearOperatorFullMatrix(X, is_square=False).determinant(),
        "error_square_hint": lambda: L.LinearOperatorFullMatrix(A, is_square=False).is_square,
        "error_cholesky": lambda: full().cholesky(),
        "error_inverse_singular": lambda: full(is_non_singular=False).inverse(),
        "error_diag_self_adjoint": lambda: L.LinearOperatorDiag([1., 2.], is_self_adjoint=False),
        "error_identity_rows": lambda: L.LinearOperatorIdentity(-1),
        "error_identity_float_rows": lambda: L.LinearOperatorIdentity(2.),
        "error_composition_dtype": lambda: L.LinearOperatorComposition([full(), L.LinearOperatorDiag(np.array([1., 2., 3.]))]),
        "error_operators_incompatible": lambda: full().matmul(L.LinearOperatorDiag([1., 2.])),
        "error_abstract": lambda: L.LinearOperator(tf.float32),
        "error_tril_nonsquare": lambda: L.LinearOperatorLowerTriangular(B, is_square=False),
    }


def _convert(value):
    if isinstance(value, (list, tuple)):
        return [_convert(v) for v in value]
    if type(value).__name__ == "TensorShape":
        return ["shape", None if value.ndims is None else list(value.as_list())]
    if type(value).__name__ == "Dimension":
        return ["dim", value.value]
    if isinstance(value, (bool, str, int, float)) or value is None:
        return value
    return np.asarray(value)


def _split(value, fetches):
    """Tensors and ops to fetch replaced by their index in fetches."""
    if isinstance(value, (list, tuple)):
        return [_split(v, fetches) for v in value]
    if hasattr(value, "graph") and hasattr(value, "name"):
        fetches.append(value)
        return ["fetch", len(fetches) - 1]
    return _convert(value)


def _join(value, results):
    if isinstance(value, list) and len(value) == 2 and value[0] == "fetch":
        r = results[value[1]]
        return None if r is None else np.asarray(r)
    if isinstance(value, list):
        return [_join(v, results) for v in value]
    return value


def run_case(tf, name):
    """(value or error, [op name, op type] list)."""
    g = tf.Graph()
    with g.as_default():
        try:
            out = _cases(tf.linalg, tf)[name]()
        except Exception as e:  # an expected build-time error
            return e, None
        ops = [[o.name, o.type] for o in g.get_operations()]
        fetches = []
        spec = _split(out, fetches)
        try:
            with tf.Session() as sess:
                value = _join(spec, sess.run(fetches))
        except Exception as e:  # an expected run-time error
            value = e
    return value, ops


def names():
    return sorted(_cases(None, None))


def cases(tf):
    out = {}
    for name in names():
        value, ops = run_case(tf, name)
        out["value/" + name] = value
        out["ops/" + name] = ops
    return out
