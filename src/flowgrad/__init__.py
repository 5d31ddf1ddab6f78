"""flowgrad: the TensorFlow 1.x graph-mode API on NumPy (`import flowgrad as tf`).

This module only re-exports; each name is defined next to its op block.
"""
# ruff: noqa: F401, E402
import sys as _sys

from . import _numpy_repr

_numpy_repr.apply()

from .engine.framework import dtypes as _dtypes_mod
from .engine.framework.dtypes import (DType, as_dtype, bfloat16, complex64, complex128, double,
                               float16, float32, float64, half, int8, int16, int32, int64,
                               resource, string, uint8, uint16, uint32, uint64, variant)
from .engine.framework.dtypes import (QUANTIZED_DTYPES, qint8, qint16, qint32, quint8,
                                      quint16)
from .engine.framework.dtypes import bool_ as bool  # noqa: A001 - TF's name
from .engine.framework.tensor_shape import Dimension, TensorShape, dimension_value
from .engine.framework.graph import (Graph, GraphKeys, Operation, Tensor, add_to_collection,
                              add_to_collections, colocate_with, control_dependencies, device,
                              get_collection, get_collection_ref, get_default_graph,
                              reset_default_graph)
from .engine.framework.graph import name_scope as _name_scope
from .engine.framework import registry as _registry
from .engine.framework.registry import NotDifferentiable, RegisterGradient, no_gradient
from .engine.ops import beam_search as _beam_search  # noqa: F401 - registers GatherTree
from .engine.ops import block_lstm as _block_lstm  # noqa: F401 - registers BlockLSTM(Grad)
from .engine.ops import lstm_block_cell as _lstm_block_cell  # noqa: F401 - LSTMBlockCell(Grad)
from .engine.ops import gru_block_cell as _gru_block_cell  # noqa: F401 - GRUBlockCell(Grad)
from .engine.ops import cudnn_rnn as _cudnn_rnn  # noqa: F401 - registers the CuDNN RNN ops
from .engine.ops import feature_cross as _feature_cross  # noqa: F401 - SparseFeatureCross
from .engine.ops import audio as _audio, bitwise as _bitwise, sets as _sets  # noqa: F401 - ops
from .engine.ops import audio_features as _audio_features  # noqa: F401 - Mfcc etc.
from .engine.ops import unicode as _unicode  # noqa: F401 - registers UnicodeDecode/Encode
from .engine.ops import quantized_nn as _quantized_nn  # noqa: F401 - quantized pools, ReluX
from .engine.ops import bfloat16_kernels as _bf16_kernels  # noqa: F401 - bfloat16 Sum, MatMul..
from .ops import clustering_ops as _clustering_ops  # noqa: F401 - tf.contrib.factorization
from .ops import factorization_ops as _factorization_ops  # noqa: F401 - WALS's kernels
from .ops import skip_gram_ops as _skip_gram_ops  # noqa: F401 - tf.contrib.text's kernel
from .engine.framework.constant_op import (constant, convert_to_tensor, is_tensor,
                                    register_tensor_conversion_function)
from .engine.framework import errors
from .engine.framework.graph import get_default_session
from .engine.runtime.session import InteractiveSession, Session
from .ops import overloads as _overloads
from .ops.variables import (Variable, VariableV1, all_variables, assert_variables_initialized,
                            global_variables, global_variables_initializer,
                            initialize_all_variables, initialize_local_variables,
                            is_variable_initialized, local_variables,
                            local_variables_initializer, model_variables,
                            moving_average_variables, report_uninitialized_variables,
                            trainable_variables, variables_initializer)
from .ops.state_ops import assign, assign_add, assign_sub, count_up_to
from .ops.control_flow_ops import (case, cond, group, no_op, switch_case, tuple, while_loop,
                                    with_dependencies)
from .ops import ragged_dispatch as _ragged_dispatch  # TF's ragged dispatch of ops
from .ops.math_ops import *  # noqa: F403
from .ops.array_ops import *  # noqa: F403
from .ops.comparison_ops import *  # noqa: F403
from .ops.linalg_ops import *  # noqa: F403
from .ops.matrix_ops import *  # noqa: F403
from .ops.linalg_impl import (cholesky, cholesky_solve, cross, matrix_solve,  # c1: linalg
                              matrix_solve_ls, matrix_square_root, self_adjoint_eig,
                              self_adjoint_eigvals, svd)
from .ops.spectral_ops import fft, fft2d, fft3d, ifft, ifft2d, ifft3d  # c1: FFTs
from .ops.sparse_ops import *  # noqa: F403
from .ops.scatter_ops import *  # noqa: F403
from .ops.array_ops_extra import *  # noqa: F403
from .ops.scatter_nd_ops import *  # noqa: F403
from .ops.space_ops import *  # noqa: F403
from .ops.nn_ops import *  # noqa: F403
from .ops.conv_ops import *  # noqa: F403
from .ops.random_ops import *  # noqa: F403
from .ops.init_ops import *  # noqa: F403
from .ops.variable_scope import *  # noqa: F403
from .ops.partitioned_variables import *  # noqa: F403
from .ops.logging_ops import *  # noqa: F403
from .engine.autodiff.custom_gradient import *  # noqa: F403
from .ops.slicing import strided_slice
from .ops.confusion_matrix import confusion_matrix
from .ops.script_ops import numpy_function, py_func, py_function
# tf.data's companions (issue 12): Example parsing, decoders, SparseTensor
from .ops.parsing_ops import (FixedLenFeature, FixedLenSequenceFeature, SparseFeature,
                              VarLenFeature, decode_csv, decode_raw, parse_example,
                              parse_single_example, parse_single_sequence_example)
from .ops.sparse_tensor import SparseTensor, SparseTensorValue
from .ops.ragged_tensor import RaggedTensor
from .ops.tensor_array_ops import TensorArray
from .ops.functional_ops import foldl, foldr, map_fn, scan
from .ops.data_flow_ops import ConditionalAccumulator, ConditionalAccumulatorBase
from .ops.data_flow_ops import SparseConditionalAccumulator
from .ops.data_flow_ops import (FIFOQueue, PaddingFIFOQueue, PriorityQueue, QueueBase,
                                 RandomShuffleQueue)
from .ops.io_ops import (FixedLengthRecordReader, IdentityReader, ReaderBase, TextLineReader,
                         TFRecordReader, WholeFileReader, read_file, write_file)
from .ops.io_ops import LMDBReader
from .ops.numerics import add_check_numerics_ops, verify_tensor_all_finite
from .ops.check_ops import *  # noqa: F403 - tf.assert_*, is_numeric_tensor, ...
from .ops.math_extras import *  # noqa: F403 - trace, saturate_cast, arg_max, ...
from .ops.tensor_util import get_static_value, make_ndarray, make_tensor_proto
from .engine.framework.errors import OpError
from .engine.framework.registry import no_gradient as NoGradient
# issue 16: lookup tables and string hashing (feature columns)
from .ops.lookup_ops import initialize_all_tables, tables_initializer
from .ops.string_ops import (string_to_hash_bucket, string_to_hash_bucket_fast,
                             string_to_hash_bucket_strong)
# strings, encodings (c3)
from .ops.string_ops import (as_string, decode_base64, encode_base64, fingerprint, reduce_join,
                             regex_replace, string_join, string_split, string_strip,
                             string_to_number, substr, timestamp)
from .ops.parsing_ops import decode_compressed
from .ops.math_ops import lbeta
from .ops.io_extras import (container, decode_json_example, edit_distance, init_scope,
                             matching_files, op_scope,
                             parse_tensor, serialize_tensor)
from .explain import explain_gradients  # flowgrad extension (issue 15): why a gradient is None
from .engine.autodiff.gradients import (AggregationMethod, UnconnectedGradients, gradients,
                                        hessian_vector_product)
from .ops.hessians import hessians
from .eager.backprop import GradientTape  # core: tf.GradientTape in graph mode
from .module import Module  # tf.Module (tensorflow/python/module/module.py)
from .eager.def_function import TensorSpec, function  # core: tf.function in graph mode
from .ops.variables import variable_creator_scope
from .engine.framework.device_spec import DeviceSpec
from .engine.ops.array_extra import guarantee_const
from .ops.sparse_tensor import convert_to_tensor_or_sparse_tensor
from .engine.ops.quantize import quantize_v2
from .ops.critical_section_ops import CriticalSection
from .engine.ops.session_handles import (delete_session_tensor, get_session_handle,
                                          get_session_tensor)
from .quantization import *  # noqa: F403 - core: tf.fake_quant_* (engine/ops/fake_quant.py)
from .engine.framework.indexed_slices import IndexedSlices, IndexedSlicesValue
from .engine.framework.config import (ConfigProto, GPUOptions, GraphOptions, OptimizerOptions,
                               RewriterConfig, RunMetadata, RunOptions)

from . import testing as test
from . import nn, math, linalg, random, train, summary, logging, initializers
from . import image
from .image import random_crop  # TF 1.14's tf.random_crop is tf.image.random_crop
from . import signal, spectral  # c1
from . import distributions  # tf.distributions (TF 1.14)
from .logging import get_logger
from . import compat  # tf.compat.v1 (flowgrad itself), tf.compat.as_bytes, ...

# `tf.compat.v1` and `import flowgrad.compat.v1` are this namespace
compat.v1 = _sys.modules[__name__]
compat.dimension_at_index = dimension_at_index  # noqa: F405 - TF's tf.compat has it too
compat.dimension_value = dimension_value  # noqa: F405 - TF's tf.compat has it too
_sys.modules[__name__ + ".compat.v1"] = compat.v1
from . import app
from . import resource_loader
from . import flags
from . import gfile
from . import xla  # tf.xla.experimental: jit_scope, compile (the `xla` extra)
from . import dtypes

newaxis = None


def name_scope(name, default_name=None, values=None):
    """A context manager for op names (TF 1.x `tf.name_scope(name, default_name, values)`)."""
    return _name_scope(name, default_name, values)


def disable_v2_behavior():
    """Accepted for TF 1.x scripts: flowgrad always behaves as TF 1.x graph mode."""


def disable_eager_execution():
    """Accepted for TF 1.x scripts: flowgrad is always in graph mode."""


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    raise NotImplementedError("flowgrad implements TF 1.x graph mode only; eager execution "
                              "is not available")


def executing_eagerly():
    return False


from .ops.variables import VariableAggregation, VariableSynchronization  # noqa: E402


__version__ = "0.1.0"
VERSION = "1.14.0"
GRAPH_DEF_VERSION = 38              # TF 1.14's (the producer version its GraphDefs carry)
GRAPH_DEF_VERSION_MIN_CONSUMER = 0
GRAPH_DEF_VERSION_MIN_PRODUCER = 0
GIT_VERSION = "flowgrad"


_LAZY_PROTOS = ("Summary", "Event", "SessionLog", "HistogramProto", "SummaryMetadata")
# TF's graph protos (tensorboard's classes): module of engine/framework/proto.pb(), class
_GRAPH_PROTOS = {"GraphDef": ("graph_pb2", "GraphDef"),
                 "MetaGraphDef": ("meta_graph_pb2", "MetaGraphDef"),
                 "TensorInfo": ("meta_graph_pb2", "TensorInfo"),
                 "NodeDef": ("node_def_pb2", "NodeDef"),
                 "AttrValue": ("attr_value_pb2", "AttrValue"),
                 "NameAttrList": ("attr_value_pb2", "NameAttrList"),
                 "LogMessage": ("event_pb2", "LogMessage")}


# TF 1.14 namespaces whose flowgrad modules load on first use (`tf.layers`, `tf.contrib`, ...),
# so `import flowgrad` stays fast; a name here whose module does not exist yet is absent.
_LAZY_MODULES = frozenset((
    "contrib", "layers", "keras", "data", "losses", "metrics", "estimator", "feature_column",
    "profiler", "saved_model", "python_io", "io", "lookup", "graph_util", "distribute",
    "sparse", "strings", "debugging", "sets", "signal", "spectral", "queue", "tools", "manip",
    "bitwise", "ragged", "config", "quantization", "nest", "version", "audio", "raw_ops",
))


def import_graph_def(graph_def, input_map=None, return_elements=None, name=None, op_dict=None,
                     producer_op_list=None):
    """Imports a GraphDef proto into the default graph (tf.import_graph_def; graph_util.py)."""
    from .graph_util import import_graph_def as imp  # lazy: graph_util loads on first use
    return imp(graph_def, input_map=input_map, return_elements=return_elements, name=name,
               op_dict=op_dict, producer_op_list=producer_op_list)


def _load_data_ops():
    import importlib  # lazy: tf.data (its ops register when it loads) on first use
    importlib.import_module(f"{__name__}.data")


_registry.LAZY_OP_LOADERS.append(_load_data_ops)


def __getattr__(name):
    # tf.Summary & co. are tensorboard's proto classes: loaded on first use (optional extra).
    if name in _LAZY_PROTOS:
        return getattr(summary, name)
    if name in _GRAPH_PROTOS:
        from .engine.framework.proto import pb  # lazy: the protobuf modules load on first use
        module, cls = _GRAPH_PROTOS[name]
        return getattr(getattr(pb(), module), cls)
    if name in _LAZY_MODULES:
        import importlib  # lazy: tf.layers, tf.contrib, ... load on first use
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module 'flowgrad' has no attribute '{name}'")
