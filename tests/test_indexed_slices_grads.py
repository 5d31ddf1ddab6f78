"""Every gradient rule accepts an IndexedSlices upstream gradient (issue 9, item 3).

TF's op wrappers convert every input with convert_to_tensor, which densifies an
IndexedSlices; a rule given IndexedSlices must therefore build and give the values it
gives for the equivalent dense gradient. The driver is the registry: every op type
with a gradient rule is found in graphs built by the fuzzer's program generator
(forward ops, their first- and second-order gradient ops) or, for the few it never
builds, in `_EXTRA`; each instance gets a random upstream gradient on one float
output, once dense and once as IndexedSlices with rows reversed and row 0 split
into two halves (duplicate indices), and the input gradients must agree.
"""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework.registry import GRADIENTS, OPS
from flowgrad.engine.ops.batch_matrix import BATCH_ALIASES
from flowgrad.engine.ops.linalg_solve import matrix_solve_ls_op

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools", "fuzz"))
import programs  # noqa: E402 - the fuzzer's generator and interpreter

# Seeds of generated programs that, together, hold an instance of every op type the
# generator builds (a greedy cover of seeds 0..2999; the coverage test catches drift).
_SEEDS = (9, 11, 26, 39, 59, 61, 82, 83, 93, 120, 128, 173, 187, 201, 319, 335, 423, 456, 588,
          656, 679, 700, 748, 801, 835, 888, 1173, 1262, 1277, 1657, 1760, 1776, 1966, 1967, 2196,
          2234, 2413, 2521, 2567, 2647, 2664, 2782, 2912)

_FLOATS = (tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128)


def _fused_bn_grad(dtype=tf.float32):
    x = tf.cast(_x([2, 2, 2, 3]), dtype)
    return tf.gradients(tf.nn.fused_batch_norm(x, _x([3], 1), _x([3], 2))[0], x)[0]


def _x(shape, seed=0):
    return tf.constant(np.random.RandomState(seed).uniform(0.5, 1.5, shape).astype(np.float32))


def _c(shape):
    return tf.cast(_x(shape), tf.complex64) * tf.constant(1 - 0.5j, tf.complex64)


def _old_op(op_type, inputs, attrs=None):
    return tf.get_default_graph().create_op(op_type, inputs, attrs=attrs).outputs[0]


def _global_norm():
    return _old_op("BatchNormWithGlobalNormalization",
                   [_x([2, 2, 2, 3]), _x([3], 1), _x([3], 2), _x([3], 3), _x([3], 4)],
                   {"variance_epsilon": 0.001, "scale_after_normalization": True})


def _fused_bn_v3_grad():
    x = _x([2, 2, 2, 3])
    y = tf.raw_ops.FusedBatchNormV3(x=x, scale=_x([3], 1), offset=_x([3], 2), mean=[],
                                    variance=[])[0]
    return tf.gradients(y, x)[0]


def _max_pool_v2(x):
    return tf.raw_ops.MaxPoolV2(input=x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1],
                                padding="VALID")


def _max_pool_v2_grad():
    x = _x([1, 4, 4, 2])
    return tf.gradients(_max_pool_v2(x), x)[0]


# Op types the generator does not build: one small graph each.
_EXTRA = {
    # TF's older op types (prawops)
    "Div": lambda: _old_op("Div", [_x([3, 2]), _x([2], 1)]),
    "Inv": lambda: _old_op("Inv", [_x([3, 2])]),
    "InvGrad": lambda: _old_op("InvGrad", [_x([3, 2]), _x([3, 2], 1)]),
    "BatchMatMul": lambda: tf.raw_ops.BatchMatMul(x=_x([2, 3, 2]), y=_x([2, 2, 4], 1)),
    "Concat": lambda: tf.raw_ops.Concat(concat_dim=1, values=[_x([3, 2]), _x([3, 1], 1)]),
    "BiasAddV1": lambda: tf.raw_ops.BiasAddV1(value=_x([3, 2]), bias=_x([2], 1)),
    "SpaceToBatch": lambda: tf.raw_ops.SpaceToBatch(input=_x([2, 4, 2, 2]),
                                                    paddings=[[0, 0], [1, 1]], block_size=2),
    "BatchToSpace": lambda: tf.raw_ops.BatchToSpace(input=_x([8, 2, 3, 2]),
                                                    crops=[[1, 0], [0, 1]], block_size=2),
    "Gather": lambda: tf.raw_ops.Gather(params=_x([4, 2]), indices=[3, 0, 0, 2]),
    "Reverse": lambda: tf.raw_ops.Reverse(tensor=_x([3, 2]), dims=[True, True]),
    "BatchNormWithGlobalNormalization": _global_norm,
    "FusedBatchNormV3": lambda: tf.raw_ops.FusedBatchNormV3(
        x=_x([2, 2, 2, 3]), scale=_x([3], 1), offset=_x([3], 2), mean=[], variance=[])[0],
    "FusedBatchNormGradV3": _fused_bn_v3_grad,
    "MaxPoolV2": lambda: _max_pool_v2(_x([1, 4, 4, 2])),
    "MaxPoolGradV2": _max_pool_v2_grad,
    "AddV2": lambda: _op("AddV2", [_x([3, 2]), _x([3, 2], 1)]),
    # (a fuzz program with LRN drove these until LRN's second derivative became TF's
    # LookupError)
    "LRN": lambda: tf.nn.lrn(_x([2, 2, 2, 3]), 1),
    "FusedBatchNorm": lambda: tf.nn.fused_batch_norm(_x([2, 2, 2, 3]), _x([3], 1),
                                                     _x([3], 2))[0],
    "FusedBatchNormGrad": lambda: _fused_bn_grad(),
    "FusedBatchNormV2": lambda: tf.nn.fused_batch_norm(tf.cast(_x([2, 2, 2, 3]), tf.float16),
                                                       _x([3], 1), _x([3], 2))[0],
    "FusedBatchNormGradV2": lambda: _fused_bn_grad(tf.float16),
    "Min": lambda: tf.reduce_min(_x([3, 2]), axis=1),
    # (TopKV2's gradient drove it until that became TF's ScatterNd form)
    "OneHot": lambda: tf.one_hot([0, 2, 1], 3),
    "SqrtGrad": lambda: _op("SqrtGrad", [_x([3, 2]), _x([3, 2], 1)]),
    "BlockLSTM": lambda: tf.contrib.rnn.LSTMBlockFusedCell(2, use_peephole=True)(
        _x([3, 2, 2]), dtype=tf.float32),
    "LSTMBlockCell": lambda: tf.contrib.rnn.LSTMBlockCell(2, use_peephole=True)(
        _x([3, 2]), (_x([3, 2], 1), _x([3, 2], 2)))[0],
    "GRUBlockCell": lambda: tf.contrib.rnn.GRUBlockCell(2)(_x([3, 2]), _x([3, 2], 1))[0],
    "CropAndResize": lambda: tf.image.crop_and_resize(
        _x([2, 4, 5, 3]), [[0.1, 0.2, 0.7, 0.9], [0.0, 0.0, 1.0, 1.0]], [0, 1], [3, 3]),
    "CheckNumerics": lambda: tf.check_numerics(_x([3, 2]), "x"),
    "QuantizeAndDequantizeV2": lambda: tf.quantization.quantize_and_dequantize(
        _x([3, 2]), 0.0, 2.0, range_given=True),
    "QuantizeAndDequantizeV3": lambda: tf.raw_ops.QuantizeAndDequantizeV3(
        input=_x([3, 2]), input_min=0.0, input_max=2.0, num_bits=4),
    "ScatterNdNonAliasingAdd": lambda: tf.raw_ops.ScatterNdNonAliasingAdd(
        input=_x([4, 2]), indices=[[3], [0], [3]], updates=_x([3, 2], 1)),
    "RefIdentity": lambda: tf.raw_ops.RefIdentity(input=tf.Variable(_x([3, 2]))),
    "NthElement": lambda: tf.contrib.nn.nth_element(_x([3, 4, 5]), 2),
    "Resampler": lambda: tf.contrib.resampler.resampler(
        _x([2, 4, 5, 3]), tf.constant([[[0.5, 1.5], [2.2, 3.1], [4.6, -0.4]]] * 2)),
    "ImageProjectiveTransformV2": lambda: tf.contrib.image.transform(
        _x([2, 4, 5, 3]), [1.0, 0.2, -0.5, 0.1, 0.9, 0.3, 0.01, -0.02], "BILINEAR"),
    "Conj": lambda: tf.conj(_c([3, 2])),
    "ConjugateTranspose": lambda: tf.transpose(_c([3, 2]),
                                               conjugate=True),
    "Conv3DBackpropFilterV2": lambda: tf.nn.conv3d_backprop_filter_v2(
        _x([1, 3, 3, 3, 2]), [2, 2, 2, 2, 2], _x([1, 2, 2, 2, 2], 1), [1] * 5, "VALID"),
    "Conv3DBackpropInputV2": lambda: tf.nn.conv3d_transpose(
        _x([1, 2, 2, 2, 2]), _x([2, 2, 2, 2, 2], 1), [1, 3, 3, 3, 2], [1] * 5, "VALID"),
    "OnesLike": lambda: _op("OnesLike", [_x([3, 2])]),
    "ReverseSequence": lambda: tf.reverse_sequence(_x([3, 2]), [2, 1, 0], seq_axis=1,
                                                   batch_axis=0),
    # TF 1.14's gradients build these no more (Softplus: grad * sigmoid; concat: Slices)
    "SoftplusGrad": lambda: _op("SoftplusGrad", [_x([3, 2]), _x([3, 2], 1)]),
    "SplitV": lambda: tf.split(_x([3, 4]), [1, 3], axis=1)[0],
    "SparseTensorDenseAdd": lambda: _op("SparseTensorDenseAdd", [
        tf.constant([[0, 1], [2, 0], [0, 1]], tf.int64), _x([3]),
        tf.constant([3, 2], tf.int64), _x([3, 2], 1)]),
    "RandomGamma": lambda: tf.random_gamma([3], _x([2]), seed=1),
    "SparseMatMul": lambda: tf.matmul(_x([3, 2]), _x([2, 4], 1), a_is_sparse=True),
    "SpaceToBatchND": lambda: tf.space_to_batch_nd(_x([2, 3, 4, 2]), [2, 2],
                                                   [[1, 0], [0, 2]]),
    "BatchToSpaceND": lambda: tf.batch_to_space_nd(_x([8, 2, 3, 2]), [2, 2],
                                                   [[1, 0], [0, 1]]),
    "RaggedTensorToSparse": lambda: tf.RaggedTensor.from_row_splits(
        _x([3, 2]), [0, 1, 3], validate=False).to_sparse(),
    "SegmentMax": lambda: tf.segment_max(_x([4, 2]), [0, 0, 1, 2]),
    "SegmentMean": lambda: tf.segment_mean(_x([4, 2]), [0, 0, 1, 2]),
    "SegmentSum": lambda: tf.segment_sum(_x([4, 2]), [0, 0, 1, 2]),
    "TruncateDiv": lambda: tf.truncatediv(_x([3, 2]), _x([3, 2], 1)),
    "Diag": lambda: tf.diag(_x([3])),
    "DiagPart": lambda: tf.diag_part(_x([3, 3])),
    "MatrixDiag": lambda: tf.matrix_diag(_x([2, 3])),
    "MatrixDiagPart": lambda: tf.matrix_diag_part(_x([2, 3, 3])),
    "MatrixSetDiag": lambda: tf.matrix_set_diag(_x([2, 3, 3]), _x([2, 3], 1)),
    "MatrixDeterminant": lambda: tf.matrix_determinant(_x([2, 3, 3]) + 3 * tf.eye(3)),
    "LogMatrixDeterminant": lambda: tf.linalg.slogdet(_x([2, 3, 3]) + 3 * tf.eye(3)),
    "MatrixInverse": lambda: tf.matrix_inverse(_x([2, 3, 3]) + 3 * tf.eye(3)),
    "ResizeBilinear": lambda: tf.image.resize_bilinear(_x([1, 3, 4, 2]), [5, 3]),
    "ResizeBicubic": lambda: tf.image.resize_bicubic(_x([1, 3, 4, 2]), [5, 3]),
    "ResizeNearestNeighbor": lambda: tf.image.resize_nearest_neighbor(_x([1, 3, 4, 2]), [5, 3]),
    "ResizeBilinearGrad": lambda: _resize_grad(tf.image.resize_bilinear),
    "ResizeBicubicGrad": lambda: _resize_grad(tf.image.resize_bicubic),
    "ResizeNearestNeighborGrad": lambda: _resize_grad(tf.image.resize_nearest_neighbor),
    "TensorArrayReadV3": lambda: _ta().read(1),
    "TensorArrayGatherV3": lambda: _ta().gather([1, 0]),
    "TensorArrayConcatV3": lambda: _ta().concat(),
    "TensorArrayGradRead": lambda: _ta_grad(lambda ta, x: ta.write(0, x[0]).write(1, x[1])
                                            .read(1)),
    "TensorArrayGradGather": lambda: _ta_grad(lambda ta, x: ta.unstack(x).gather([1, 0])),
    "TensorArrayGradConcat": lambda: _ta_grad(lambda ta, x: ta.split(x, [1, 1]).concat()),
    "SparseToDense": lambda: tf.sparse_tensor_to_dense(
        tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2])),
    "SparseTensorDenseMatMul": lambda: tf.sparse_tensor_dense_matmul(
        tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2]), _x([2, 4], 1)),
    "SparseReduceSum": lambda: tf.sparse_reduce_sum(
        tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2]), 1),
    "SparseReorder": lambda: tf.sparse_reorder(
        tf.SparseTensor([[2, 0], [0, 1]], _x([2]), [3, 2])).values,
    "SparseDenseCwiseMul": lambda: (tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2])
                                    * _x([3, 2], 1)).values,
    "SparseDenseCwiseDiv": lambda: (tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2])
                                    / _x([2], 1)).values,
    "SparseSegmentSum": lambda: tf.sparse_segment_sum(_x([4, 2]), [0, 2, 3], [0, 0, 2]),
    "SparseSegmentMean": lambda: tf.sparse_segment_mean(_x([4, 2]), [0, 2, 3], [0, 0, 2]),
    "SparseSegmentSqrtN": lambda: tf.sparse_segment_sqrt_n(_x([4, 2]), [0, 2, 3], [0, 0, 2]),
    "SparseSegmentSumWithNumSegments": lambda: tf.sparse_segment_sum(
        _x([4, 2]), [0, 2, 3], [0, 0, 2], num_segments=4),
    "SparseSegmentMeanWithNumSegments": lambda: tf.sparse_segment_mean(
        _x([4, 2]), [0, 2, 3], [0, 0, 2], num_segments=4),
    "SparseSegmentSqrtNWithNumSegments": lambda: tf.sparse_segment_sqrt_n(
        _x([4, 2]), [0, 2, 3], [0, 0, 2], num_segments=4),
    "CTCLoss": lambda: tf.nn.ctc_loss(tf.SparseTensor([[0, 0], [1, 0]], [1, 0], [2, 1]),
                                      tf.cast(_x([3, 2, 3]), tf.float32), [3, 2]),
    "SparseAdd": lambda: tf.sparse_add(tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2]),
                                       tf.SparseTensor([[0, 1], [1, 1]], _x([2], 1),
                                                       [3, 2])).values,
    "SparseSlice": lambda: tf.sparse_slice(tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2]),
                                           [1, 0], [2, 2]).values,
    "SparseFillEmptyRows": lambda: tf.sparse_fill_empty_rows(
        tf.SparseTensor([[0, 1], [2, 0]], _x([2]), [3, 2]), 0.5)[0].values,
    "SparseSoftmax": lambda: tf.sparse_softmax(
        tf.SparseTensor([[0, 1], [2, 0], [2, 1]], _x([3]), [3, 2])).values,
    # -- strings/complex (c3): complex parts, incomplete gamma/beta, Bessel
    "Complex": lambda: tf.complex(_x([3, 2]), _x([3, 2], 1)),
    "Real": lambda: tf.real(_c([3, 2])),
    "Imag": lambda: tf.imag(_c([3, 2])),
    "Angle": lambda: tf.angle(_c([3, 2])),
    "ComplexAbs": lambda: tf.abs(_c([3, 2])),
    "Igamma": lambda: tf.igamma(_x([3, 2]), _x([3, 2], 1)),
    "Igammac": lambda: tf.igammac(_x([3, 2]), _x([3, 2], 1)),
    "Betainc": lambda: tf.betainc(_x([3, 2]), _x([3, 2], 1), _x([3, 2], 2) * 0.5),
    "BesselI0e": lambda: tf.math.bessel_i0e(_x([3, 2])),
    "BesselI1e": lambda: tf.math.bessel_i1e(_x([3, 2])),
    # -- linalg/fft (c1) --
    "Cholesky": lambda: tf.cholesky(_spd()),
    "MatrixSolve": lambda: tf.matrix_solve(_spd(), _x([3, 2], 1)),
    "MatrixSolveLs": lambda: matrix_solve_ls_op(_x([4, 3]), _x([4, 2], 1), 0.1),
    "SelfAdjointEigV2": lambda: tf.linalg.eigh(_spd())[0],
    "Svd": lambda: tf.svd(_x([4, 3]))[0],
    "MatrixSquareRoot": lambda: tf.linalg.sqrtm(_spd()),
    "Cross": lambda: tf.cross(_x([2, 3]), _x([2, 3], 1)),
    "TridiagonalSolve": lambda: tf.linalg.tridiagonal_solve(_x([3, 4]) * [[0.5], [3.], [0.5]],
                                                            _x([4, 2], 1)),
    "TridiagonalMatMul": lambda: tf.linalg.tridiagonal_matmul(_x([3, 4]), _x([4, 2], 1)),
    "FFT": lambda: tf.fft(_c([3, 2])), "IFFT": lambda: tf.ifft(_c([3, 2])),
    "FFT2D": lambda: tf.fft2d(_c([3, 2])), "IFFT2D": lambda: tf.ifft2d(_c([3, 2])),
    "FFT3D": lambda: tf.fft3d(_c([3, 2, 2])), "IFFT3D": lambda: tf.ifft3d(_c([3, 2, 2])),
    "RFFT": lambda: tf.signal.rfft(_x([3, 4])), "IRFFT": lambda: tf.signal.irfft(_c([3, 3])),
    "RFFT2D": lambda: tf.signal.rfft2d(_x([3, 4])),
    "IRFFT2D": lambda: tf.signal.irfft2d(_c([3, 3])),
    # -- array/segment/scatter (c2) --
    "UnsortedSegmentMax": lambda: tf.unsorted_segment_max(_x([4, 2]), [1, 0, 1, -1], 2),
    "UnsortedSegmentMin": lambda: tf.unsorted_segment_min(_x([4, 2]), [1, 0, 1, -1], 2),
    "UnsortedSegmentProd": lambda: tf.unsorted_segment_prod(_x([4, 2]), [1, 0, 1, -1], 2),
    "SegmentMin": lambda: tf.segment_min(_x([4, 2]), [0, 0, 1, 2]),
    "DynamicPartition": lambda: tf.dynamic_partition(_x([4, 2]), [1, 0, 1, 1], 2)[1],
    "DynamicStitch": lambda: tf.dynamic_stitch([[1, 0], [2]], [_x([2, 2]), _x([1, 2], 1)]),
    "ParallelDynamicStitch": lambda: _op("ParallelDynamicStitch", [
        tf.constant([1, 0]), tf.constant([2]), _x([2, 2]), _x([1, 2], 1)]),
    "SelectV2": lambda: tf.where_v2(tf.constant([[True], [False], [True]]), _x([3, 2]),
                                    _x([2], 1)),
    "Roll": lambda: tf.roll(_x([3, 2]), [1, -1], [0, 1]),
    "EnsureShape": lambda: tf.ensure_shape(_x([3, 2]), [3, None]),
    "TensorScatterUpdate": lambda: tf.tensor_scatter_update(_x([3, 2]), [[2], [0]],
                                                            _x([2, 2], 1)),
    "TensorScatterAdd": lambda: tf.tensor_scatter_add(_x([3, 2]), [[2], [2]], _x([2, 2], 1)),
    "TensorScatterSub": lambda: tf.tensor_scatter_sub(_x([3, 2]), [[1, 1]], _x([1], 1)),
    "DepthToSpace": lambda: tf.depth_to_space(_x([2, 1, 2, 4]), 2),
    "SpaceToDepth": lambda: tf.space_to_depth(_x([2, 2, 4, 1]), 2),
    "ExtractImagePatches": lambda: tf.extract_image_patches(
        _x([2, 3, 4, 2]), [1, 2, 2, 1], [1, 1, 2, 1], [1, 1, 1, 1], "SAME"),
    "ExtractVolumePatches": lambda: tf.extract_volume_patches(
        _x([2, 2, 3, 3, 1]), [1, 1, 2, 2, 1], [1, 1, 1, 1, 1], "VALID"),
    "Dilation2D": lambda: tf.nn.dilation2d(_x([2, 4, 3, 2]), _x([2, 2, 2], 1), [1, 1, 1, 1],
                                           [1, 1, 1, 1], "SAME"),
}


def _ta():
    return tf.TensorArray(tf.float32, 2, clear_after_read=False).unstack(_x([2, 3]))


def _ta_grad(build):
    """The gradient of values written into a TensorArray and read back (gradient-array ops)."""
    x = _x([2, 3])
    y = build(tf.TensorArray(tf.float32, 2, infer_shape=False), x * 2.0)
    return tf.gradients(tf.reduce_sum(y), x)


def _resize_grad(resize):
    x = _x([1, 3, 4, 2])
    return tf.gradients(resize(x, [5, 3]), x)[0]
# Rules that cannot receive an IndexedSlices (no float output of rank >= 1).
_NO_SLICES = {
    "L2Loss": "its output is a scalar",
    # tf.nn.swish's Defun calls (test_pswish.py; an IndexedSlices upstream is densified
    # first, as TF: UnsortedSegmentSum then SymbolicGradient), and the SymbolicGradient
    # itself, which has no gradient in TF 1.14
    **{f"swish_{s}": "test_pswish.py" for s in ("f16", "f32", "f64", "b16", "c64", "c128")},
    "SymbolicGradient": "no gradient in TF 1.14",
    # core (tests/test_core_slices.py drives these rules with IndexedSlices upstreams;
    # tools/fuzz/cover_ops.py does not build them yet)
    "Case": "test_core_slices.py", "PartitionedCall": "test_core_slices.py",
    "StatefulPartitionedCall": "test_core_slices.py",
    # TF's cond_v2 op, built only by importing TF's GraphDefs (no public API builds it):
    # tests/test_data_cond.py drives its gradient, with dense upstreams
    "If": "test_data_cond.py (imported graphs only)",
    "FakeQuantWithMinMaxArgs": "test_core_slices.py",
    "FakeQuantWithMinMaxVars": "test_core_slices.py",
    "FakeQuantWithMinMaxVarsPerChannel": "test_core_slices.py",
    "FractionalMaxPool": "test_core_slices.py", "FractionalAvgPool": "test_core_slices.py",
    "FakeQuantWithMinMaxArgsGradient": "no gradient in TF 1.14",
    "FusedPadConv2D": "no gradient in TF 1.14", "FusedResizeAndPadConv2D": "no gradient in TF 1.14",
    "FakeQuantWithMinMaxVarsGradient": "no gradient in TF 1.14",
    "FakeQuantWithMinMaxVarsPerChannelGradient": "no gradient in TF 1.14",
    "FractionalMaxPoolGrad": "no gradient in TF 1.14",
    "FractionalAvgPoolGrad": "no gradient in TF 1.14", "GuaranteeConst": "no gradient in TF 1.14",
    "IgammaGradA": "no gradient in TF 1.14",
    "BlockLSTMGrad": "no gradient in TF 1.14 (no_gradient_registered raises its LookupError)",
    "LSTMBlockCellGrad": "no gradient in TF 1.14 (no_gradient_registered raises its LookupError)",
    "GRUBlockCellGrad": "no gradient in TF 1.14 (no_gradient_registered raises its LookupError)",
    "QuantizeV2": "no gradient in TF 1.14", "Dequantize": "no gradient in TF 1.14",
    "SparseSegmentMeanGrad": "no gradient in TF 1.14 (its rule raises LookupError)",
    "SparseSegmentSqrtNGrad": "no gradient in TF 1.14 (its rule raises LookupError)",
    "SparseReduceMax": "no gradient in TF 1.14 (its rule raises LookupError)",
    "SparseReduceMaxSparse": "no gradient in TF 1.14 (its rule raises LookupError)",
    "SparseReduceSumSparse": "no gradient in TF 1.14 (its rule raises LookupError)",
    "SparseSplit": "no gradient in TF 1.14 (its rule raises LookupError)",
    "SparseSparseMinimum": "TF 1.14's rule fails (TypeError: one gradient for two outputs)",
    "SparseSparseMaximum": "TF 1.14's rule fails (TypeError: one gradient for two outputs)",
    "SparseDenseCwiseAdd": "TF 1.14's rule raises NotImplementedError",
    # TF 1.14 registers no gradient (no_gradient_registered raises its LookupError)
    "RandomGammaGrad": "no gradient in TF 1.14", "SparseSliceGrad": "no gradient in TF 1.14",
    "SparseFillEmptyRowsGrad": "no gradient in TF 1.14", "RandomShuffle": "no gradient in TF 1.14",
    "RandomPoissonV2": "no gradient in TF 1.14", "Unique": "no gradient in TF 1.14",
    "TruncateMod": "no gradient in TF 1.14",
    "PreventGradient": "its rule raises LookupError (TF's prevent_gradient)",
    # Horovod's collectives (no sample rows: they need ranks): IndexedSlices upstream
    # gradients driven in tests/test_horovod.py
    "HorovodAllreduce": "tests/test_horovod.py", "HorovodGroupedAllreduce": "tests/test_horovod.py",
    "HorovodAllgather": "tests/test_horovod.py", "HorovodBroadcast": "tests/test_horovod.py",
    "Lu": "no gradient in TF 1.14", "MatrixLogarithm": "no gradient in TF 1.14",
    "RaggedRange": "no gradient in TF 1.14", "RaggedTensorToVariant": "no gradient in TF 1.14",
    "RaggedTensorFromVariant": "no gradient in TF 1.14", "RaggedGather": "no gradient in TF 1.14",
    "RFFT3D": "no gradient in TF 1.14", "IRFFT3D": "no gradient in TF 1.14",
    "V1Frames": "no outputs of its own; its rule raises NotImplementedError (gradients "
                "through imported TF control flow)",
    # TF 1.14 has no gradient for these: their rule raises LookupError, as TF's lookup does
    "AdjustContrastv2": "no gradient in TF 1.14", "AdjustHue": "no gradient in TF 1.14",
    "AdjustSaturation": "no gradient in TF 1.14", "ResizeArea": "no gradient in TF 1.14",
    "CombinedNonMaxSuppression": "no gradient in TF 1.14",
    "CropAndResizeGradBoxes": "no gradient in TF 1.14",
    "CropAndResizeGradImage": "no gradient in TF 1.14",
    "DecodeAndCropJpeg": "no gradient in TF 1.14", "DecodeBmp": "no gradient in TF 1.14",
    "DecodeGif": "no gradient in TF 1.14", "DrawBoundingBoxesV2": "no gradient in TF 1.14",
    "EncodeJpegVariableQuality": "no gradient in TF 1.14",
    "ExtractJpegShape": "no gradient in TF 1.14", "NonMaxSuppressionV3": "no gradient in TF 1.14",
    "NonMaxSuppressionV4": "no gradient in TF 1.14",
    "EagerPyFunc": "its rule raises LookupError (no eager tape in flowgrad)",
    # their only differentiable input is a resource handle (test_resource_variables.py)
    "ReadVariableOp": "resource input", "ResourceGather": "resource input",
    "ResourceGatherNd": "no gradient in TF 1.14",
    # TF 1.14 has no CPU kernel for the CuDNN ops: a graph holding one fails every run
    "CudnnRNN": "no CPU kernel in TF 1.14", "CudnnRNNV3": "no CPU kernel in TF 1.14",
    # their output is a TensorArray flow (variant): its gradient is a gradient array
    "TensorArrayWriteV3": "variant output", "TensorArrayScatterV3": "variant output",
    "TensorArraySplitV3": "variant output", "TensorArrayGradWrite": "variant output",
    "TensorArrayGradScatter": "variant output", "TensorArrayGradSplit": "variant output",
    # -- array/segment/scatter (c2): TF 1.14 registers no gradient for these
    "Bitcast": "no gradient in TF 1.14", "UnravelIndex": "no gradient in TF 1.14",
    "LRNGrad": "no gradient in TF 1.14",
    "LowerBound": "no gradient in TF 1.14", "UpperBound": "no gradient in TF 1.14",
    "HistogramFixedWidth": "no gradient in TF 1.14", "BroadcastArgs": "no gradient in TF 1.14",
    "ParallelConcat": "no gradient in TF 1.14", "UniqueWithCounts": "no gradient in TF 1.14",
    "SegmentProd": "no gradient in TF 1.14",
    "ResourceScatterNdUpdate": "no gradient in TF 1.14",
    "ResourceScatterNdAdd": "no gradient in TF 1.14",
    "ResourceScatterNdSub": "no gradient in TF 1.14",
    "Dilation2DBackpropInput": "no gradient in TF 1.14",
    "Dilation2DBackpropFilter": "no gradient in TF 1.14",
    "AudioSpectrogram": "no gradient in TF 1.14", "Mfcc": "no gradient in TF 1.14",
    # -- older op types (prawops)
    "Mod": "no gradient in TF 1.14", "ClipByValue": "no gradient in TF 1.14",
    "DataFormatDimMap": "no gradient in TF 1.14",
    "DataFormatVecPermute": "no gradient in TF 1.14",
    "Snapshot": "no gradient in TF 1.14", "DeepCopy": "no gradient in TF 1.14",
    "BatchNormWithGlobalNormalizationGrad": "no gradient in TF 1.14",
    "TopK": "TF 1.14's rule returns two gradients for its one input (tf.gradients fails)",
    **{op: "no gradient in TF 1.14" for op in BATCH_ALIASES},
    "MaxPoolGradGradV2": "no gradient in TF 1.14",
    "CompareAndBitpack": "no gradient in TF 1.14", "InplaceUpdate": "no gradient in TF 1.14",
    "InplaceAdd": "no gradient in TF 1.14", "InplaceSub": "no gradient in TF 1.14",
    # -- (prawops2)
    "SelfAdjointEig": "no gradient in TF 1.14", "BatchSelfAdjointEig": "no gradient in TF 1.14",
    "Conv3DBackpropInput": "no gradient in TF 1.14",
    "Conv3DBackpropFilter": "no gradient in TF 1.14", "Empty": "no gradient in TF 1.14",
    # -- (prawops3)
    **{op: "no gradient in TF 1.14" for op in (
        "AdjustContrast", "BatchCholeskyGrad", "CholeskyGrad", "DebugGradientIdentity",
        "DebugGradientRefIdentity", "MatrixExponential", "RefSelect", "UniqueV2",
        "UniqueWithCountsV2")},
    # -- (ptarray) v1/v2 TensorArrays: TF 1.14's rules refuse the string handle (TypeError:
    # tests/test_prawops4_graphdefs.py); Pack, Unpack and TileGrad have none
    **{f"TensorArray{kind}{v}": "TF 1.14's rule raises TypeError (string handle)"
       for v in ("", "V2") for kind in ("Write", "Scatter", "Split", "Read", "Gather",
                                        "Concat")},
    **{op: "no gradient in TF 1.14" for op in ("TensorArrayPack", "TensorArrayUnpack",
                                               "TileGrad")},
    # -- (pminor2) TF 1.14 registers no gradient for these (LookupError)
    **{op: "no gradient in TF 1.14" for op in ("TemporaryVariable", "DestroyTemporaryVariable",
                                               "RandomPoisson")},
    "QuantizeAndDequantize": "removed at GraphDef version 22 (its identity rule: "
                             "tests/test_prawops4_graphdefs.py)",
}


def _spd():
    a = _x([3, 3], 2)
    return tf.matmul(a, a, transpose_b=True) + 3.0 * tf.eye(3)


def _op(op_type, inputs):
    g = tf.get_default_graph()
    return g.create_op(op_type, inputs).outputs[0]


def _slot(op):
    """The first float output of known rank >= 1, or None."""
    for k, t in enumerate(op.outputs):
        if t.dtype.base_dtype in _FLOATS and t.shape.ndims:
            return k
    return None


def _instances():
    """{op type: (graph, op, feed_dict)}: one usable instance per differentiable op type."""
    # op types (not gradient overrides other tests register) whose rule is callable
    diff = {n for n in OPS if callable(GRADIENTS.get(n))
            and not OPS[n].props.get("user_function")}   # (not a program's Defun)
    found = {}
    for seed in _SEEDS:
        spec = programs.generate(seed, extra=False)  # the programs _SEEDS were chosen from
        spec["train"], spec["grad_order"] = None, 2
        g = tf.Graph()
        with g.as_default():
            try:
                feed = programs.build(tf, spec)[0]
            except (LookupError, NotImplementedError, TypeError, ValueError):
                continue  # a program TF 1.14 rejects too (no rule, wrong dtype)
        for op in g._flowgrad_operations():
            if op.type in diff and op.type not in found and _slot(op) is not None:
                found[op.type] = (g, op, feed)
    for op_type, make in _EXTRA.items():
        g = tf.Graph()
        with g.as_default():
            make()
        ops = [o for o in g._flowgrad_operations() if o.type == op_type and _slot(o) is not None]
        assert ops, op_type
        found.setdefault(op_type, (g, ops[0], {}))
    return diff, found


@pytest.fixture(scope="module")
def instances():
    return _instances()


def test_every_gradient_rule_is_driven(instances):
    diff, found = instances
    assert sorted(diff - set(found) - set(_NO_SLICES)) == []


def _upstreams(out):
    """A dense upstream gradient for `out` and the same as IndexedSlices: rows n-1 .. 1,
    then row 0 as two halves (duplicate indices, out of order)."""
    shape = tf.shape(out)
    n = shape[0]
    dt = out.dtype.real_dtype if out.dtype.is_complex else out.dtype
    dense = tf.sin(tf.cast(tf.reshape(tf.range(tf.size(out)), shape), dt) * 1.3 + 0.2)
    if out.dtype.is_complex:
        dense = tf.cast(dense, out.dtype) * tf.constant(0.5 + 1j, out.dtype)
    indices = tf.concat([tf.range(n - 1, 0, -1), [0, 0]], 0)
    halves = tf.concat([tf.ones([n - 1], dt), [0.5, 0.5]], 0)
    halves = tf.reshape(halves, [-1] + [1] * (out.shape.ndims - 1))
    values = tf.gather(dense, indices) * tf.cast(halves, out.dtype)
    if out.shape.is_fully_defined():
        shape = tf.constant(np.array(out.shape.as_list(), np.int32))
    return dense, tf.IndexedSlices(values, indices, shape)


@pytest.mark.filterwarnings("ignore:Converting sparse IndexedSlices")  # dynamic dense shapes
def test_indexed_slices_upstream_matches_dense(instances):
    _, found = instances
    failures = {}
    for op_type, (g, op, feed) in sorted(found.items()):
        if op_type in _NO_SLICES:
            continue
        with g.as_default():
            out = op.outputs[_slot(op)]
            xs = [t for t in op.inputs if t.dtype.base_dtype in _FLOATS]
            if not xs:
                continue
            dense, sliced = _upstreams(out)
            try:
                gd = tf.gradients(out, xs, grad_ys=dense)
            except LookupError as e:
                # no rule for this instance (WhileGrad of WhileGrad): the same with slices
                with pytest.raises(type(e)):
                    tf.gradients(out, xs, grad_ys=sliced)
                continue
            try:
                gs = tf.gradients(out, xs, grad_ys=sliced)
            except Exception as e:  # noqa: BLE001 - reported below
                failures[op_type] = f"{type(e).__name__}: {e}"[:300]
                continue
            if [a is None for a in gd] != [b is None for b in gs]:
                failures[op_type] = f"None pattern differs: {gd} vs {gs}"
                continue
            pairs = [(tf.convert_to_tensor(a), tf.convert_to_tensor(b))
                     for a, b in zip(gd, gs) if a is not None]
            init = tf.global_variables_initializer()
            with tf.Session() as sess:
                sess.run(init)
                got = sess.run(pairs, feed)
        for i, (a, b) in enumerate(got):
            if not np.allclose(a, b, rtol=1e-5, atol=1e-6, equal_nan=True):
                failures[op_type] = f"input {i}: dense {a.ravel()[:4]} vs slices {b.ravel()[:4]}"
    assert failures == {}
