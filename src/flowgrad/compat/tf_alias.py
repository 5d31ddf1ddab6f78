"""`tensorflow` as an alias of flowgrad, so unmodified TF 1.x scripts run.

`alias_tensorflow()` is a context manager (used by `flowgrad run`) that puts an
import hook in front of `sys.meta_path`. While it is active,

    import tensorflow as tf
    import tensorflow.compat.v1 as tf
    from tensorflow.python.framework import ops
    from tensorflow.python.ops import math_ops

all give modules whose attributes are flowgrad's. Each alias module looks a
name up in its flowgrad sources (a short list of flowgrad modules) the first
time it is used and caches it, so `tf.float32` in a loop costs a dict lookup.
A name flowgrad lacks raises AttributeError (attribute access) or
ModuleNotFoundError (import) that names the TF symbol and the script line:

    flowgrad does not implement tensorflow.contrib (used by train.py line 12)

On exit the hook and every `tensorflow*` entry of `sys.modules` made while it
was active are removed; entries that were there before (a real TensorFlow) are
put back.
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.abc
import importlib.machinery
import os
import sys
import types

import flowgrad
from flowgrad.ops import gen_ops as _gen_ops

# TF's private modules that scripts import, and the flowgrad modules that hold
# their public names (looked up in order). A module path listed with no
# sources is a namespace: only its listed submodules exist.
_INTERNAL = {
    "tensorflow.python": [],
    "tensorflow.python.framework": [],
    "tensorflow.python.framework.ops": ["flowgrad.engine.framework.graph", "flowgrad"],
    "tensorflow.python.framework.dtypes": ["flowgrad.engine.framework.dtypes"],
    "tensorflow.python.framework.device": ["flowgrad.engine.framework.device_spec"],
    "tensorflow.python.framework.tensor_shape": ["flowgrad.engine.framework.tensor_shape"],
    "tensorflow.python.framework.constant_op": ["flowgrad.engine.framework.constant_op"],
    "tensorflow.python.framework.errors": ["flowgrad.engine.framework.errors"],
    "tensorflow.python.framework.errors_impl": ["flowgrad.engine.framework.errors"],
    "tensorflow.python.framework.random_seed": ["flowgrad.random", "flowgrad"],
    "tensorflow.python.framework.graph_util": ["flowgrad.graph_util"],
    "tensorflow.python.framework.graph_util_impl": ["flowgrad.graph_util"],
    "tensorflow.python.framework.graph_io": ["flowgrad.tools.graph_def"],
    "tensorflow.python.framework.importer": ["flowgrad.graph_util"],
    "tensorflow.python.framework.function": ["flowgrad.defun"],
    "tensorflow.python.ops": [],
    "tensorflow.python.ops.math_ops": ["flowgrad.ops.math_ops", "flowgrad"],
    "tensorflow.python.ops.rnn": ["flowgrad.ops.rnn"],
    "tensorflow.python.ops.rnn_cell": ["flowgrad.ops.rnn_cell_impl"],
    "tensorflow.python.ops.rnn_cell_impl": ["flowgrad.ops.rnn_cell_impl"],
    "tensorflow.python.ops.tensor_array_ops": ["flowgrad.ops.tensor_array_ops"],
    "tensorflow.python.ops.functional_ops": ["flowgrad.ops.functional_ops"],
    "tensorflow.python.ops.map_fn": ["flowgrad.ops.functional_ops"],
    "tensorflow.python.ops.image_ops": ["flowgrad.image"],
    "tensorflow.python.ops.image_ops_impl": ["flowgrad.image"],
    "tensorflow.python.ops.array_ops": ["flowgrad.ops.array_ops", "flowgrad"],
    "tensorflow.python.ops.nn": ["flowgrad.nn"],
    "tensorflow.python.ops.nn_ops": ["flowgrad.ops.nn_ops", "flowgrad.nn"],
    "tensorflow.python.ops.nn_impl": ["flowgrad.nn"],
    "tensorflow.python.ops.init_ops": ["flowgrad.ops.init_ops", "flowgrad"],
    "tensorflow.python.ops.variable_scope": ["flowgrad.ops.variable_scope", "flowgrad"],
    "tensorflow.python.ops.variables": ["flowgrad.ops.variables", "flowgrad"],
    "tensorflow.python.ops.state_ops": ["flowgrad.ops.state_ops", "flowgrad"],
    "tensorflow.python.ops.resource_variable_ops": ["flowgrad.ops.resource_variable_ops"],
    "tensorflow.python.ops.control_flow_ops": ["flowgrad.ops.control_flow_ops", "flowgrad"],
    "tensorflow.python.ops.random_ops": ["flowgrad.ops.random_ops", "flowgrad"],
    "tensorflow.python.ops.linalg_ops": ["flowgrad.ops.linalg_ops", "flowgrad.linalg"],
    "tensorflow.python.ops.logging_ops": ["flowgrad.ops.logging_ops", "flowgrad"],
    "tensorflow.python.ops.sparse_ops": ["flowgrad.ops.sparse_ops", "flowgrad"],
    "tensorflow.python.ops.clip_ops": ["flowgrad"],
    "tensorflow.python.ops.standard_ops": ["flowgrad"],
    "tensorflow.python.ops.gradients": ["flowgrad.engine.autodiff.gradients"],
    "tensorflow.python.ops.gradients_impl": ["flowgrad.engine.autodiff.gradients"],
    "tensorflow.python.ops.gradients_util": ["flowgrad.engine.autodiff.gradients"],
    "tensorflow.python.ops.custom_gradient": ["flowgrad.engine.autodiff.custom_gradient"],
    "tensorflow.python.ops.gradient_checker": ["flowgrad.testing"],
    "tensorflow.python.ops.summary_ops": ["flowgrad.summary"],
    "tensorflow.python.ops.losses": ["flowgrad.losses"],
    "tensorflow.python.ops.losses.losses": ["flowgrad.losses"],
    "tensorflow.python.ops.losses.losses_impl": ["flowgrad.losses.losses_impl"],
    "tensorflow.python.ops.losses.util": ["flowgrad.losses.util"],
    "tensorflow.python.ops.metrics": ["flowgrad.metrics"],
    "tensorflow.python.ops.metrics_impl": ["flowgrad.metrics"],
    "tensorflow.python.ops.weights_broadcast_ops": ["flowgrad.ops.weights_broadcast_ops"],
    "tensorflow.python.ops.confusion_matrix": ["flowgrad.ops.confusion_matrix"],
    # lookup tables and feature columns (issue 16)
    "tensorflow.python.ops.lookup_ops": ["flowgrad.ops.lookup_ops"],
    "tensorflow.python.ops.string_ops": ["flowgrad.ops.string_ops"],
    "tensorflow.python.ops.embedding_ops": ["flowgrad.ops.embedding_ops", "flowgrad.nn"],
    "tensorflow.python.feature_column": [],
    "tensorflow.python.feature_column.feature_column": [
        "flowgrad.feature_column.feature_column", "flowgrad.feature_column.feature_column_v2"],
    "tensorflow.python.feature_column.feature_column_v2": [
        "flowgrad.feature_column.feature_column_v2"],
    "tensorflow.python.feature_column.feature_column_lib": ["flowgrad.feature_column"],
    "tensorflow.python.client": [],
    "tensorflow.python.client.session": ["flowgrad.engine.runtime.session"],
    "tensorflow.python.client.timeline": ["flowgrad.client.timeline"],
    "tensorflow.python.client.device_lib": ["flowgrad.client.device_lib"],
    "tensorflow.python.profiler": [],
    "tensorflow.python.profiler.model_analyzer": ["flowgrad.profiler.model_analyzer",
                                                  "flowgrad.profiler.profiler"],
    "tensorflow.python.profiler.option_builder": ["flowgrad.profiler.option_builder"],
    "tensorflow.python.profiler.tfprof_logger": ["flowgrad.profiler.tfprof_logger"],
    "tensorflow.python.profiler.profiler": ["flowgrad.profiler"],
    "tensorflow.python.platform": [],
    "tensorflow.python.platform.app": ["flowgrad.app"],
    "tensorflow.python.platform.flags": ["flowgrad.flags"],
    "tensorflow.python.platform.gfile": ["flowgrad.gfile"],
    "tensorflow.python.platform.tf_logging": ["flowgrad.logging"],
    "tensorflow.python.platform.test": ["flowgrad.testing"],
    "tensorflow.python.training": [],
    "tensorflow.python.util": [],
    "tensorflow.python.util.nest": ["flowgrad.util_nest"],
    # the TF1 layers package (NMT's `from tensorflow.python.layers import core as
    # layers_core`, the SNN repository's `utils.smart_cond`)
    "tensorflow.python.layers": ["flowgrad.layers"],
    "tensorflow.python.layers.layers": ["flowgrad.layers"],
    "tensorflow.python.layers.base": ["flowgrad.layers.base"],
    "tensorflow.python.layers.core": ["flowgrad.layers.core"],
    "tensorflow.python.layers.convolutional": ["flowgrad.layers.convolutional"],
    "tensorflow.python.layers.normalization": ["flowgrad.layers.normalization"],
    "tensorflow.python.layers.pooling": ["flowgrad.layers.pooling"],
    "tensorflow.python.layers.utils": ["flowgrad.layers._utils"],
    "tensorflow.python.framework.smart_cond": ["flowgrad.contrib.framework.graph_helpers"],
    "tensorflow.python.module": [],
    "tensorflow.python.module.module": ["flowgrad.module"],
    "tensorflow.python.summary": [],
    "tensorflow.python.summary.summary": ["flowgrad.summary"],
    "tensorflow.python.summary.writer": [],
    "tensorflow.python.summary.writer.writer": ["flowgrad.summary"],
    # checkpoints (ckpt)
    "tensorflow.python.pywrap_tensorflow": ["flowgrad.train.checkpoint_io"],
    "tensorflow.python.tools": [],
    "tensorflow.python.tools.inspect_checkpoint": ["flowgrad.tools.inspect_checkpoint"],
    "tensorflow.python.tools.freeze_graph": ["flowgrad.tools.freeze_graph"],
    "tensorflow.python.tools.strip_unused_lib": ["flowgrad.tools.strip_unused_lib"],
    "tensorflow.python.tools.optimize_for_inference_lib": [
        "flowgrad.tools.optimize_for_inference_lib"],
    "tensorflow.python.training.checkpoint_utils": ["flowgrad.train.checkpoint_utils",
                                                    "flowgrad.train.checkpoint_management"],
    # tf.data / Example protos (issue 12)
    "tensorflow.core": [],
    "tensorflow.core.example": [],
    "tensorflow.core.example.example_pb2": ["flowgrad.protos.example_pb2"],
    "tensorflow.core.example.feature_pb2": ["flowgrad.protos.feature_pb2"],
    # TF's framework protos: the classes tensorboard ships (what tf.GraphDef & co. are)
    "tensorflow.core.framework": [],
    "tensorflow.core.protobuf": [],
    "tensorflow.core.util": [],
    "tensorflow.core.util.event_pb2": ["tensorboard.compat.proto.event_pb2"],
    "tensorflow.core.protobuf.config_pb2": ["flowgrad.engine.framework.config",
                                            "tensorboard.compat.proto.config_pb2"],
    "tensorflow.python.framework.tensor_util": ["flowgrad.engine.framework.static_value",
                                                "flowgrad"],
    "tensorflow.python.ops.parsing_ops": ["flowgrad.ops.parsing_ops"],
    "tensorflow.python.framework.sparse_tensor": ["flowgrad.ops.sparse_tensor"],
    "tensorflow.python.lib": [],
    "tensorflow.python.lib.io": [],
    "tensorflow.python.lib.io.tf_record": ["flowgrad.python_io"],
    "tensorflow.python.data": ["flowgrad.data"],
    "tensorflow.python.data.ops": [],
    "tensorflow.python.data.ops.dataset_ops": ["flowgrad.data.dataset_ops"],
    "tensorflow.python.data.ops.iterator_ops": ["flowgrad.data.iterator_ops"],
    "tensorflow.python.data.ops.readers": ["flowgrad.data.readers"],
    "tensorflow.python.saved_model": ["flowgrad.saved_model"],
    "tensorflow.python.saved_model.builder": ["flowgrad.saved_model.builder"],
    "tensorflow.python.saved_model.loader": ["flowgrad.saved_model.loader"],
    "tensorflow.python.saved_model.constants": ["flowgrad.saved_model.constants"],
    "tensorflow.python.saved_model.tag_constants": ["flowgrad.saved_model.tag_constants"],
    "tensorflow.python.saved_model.signature_constants": [
        "flowgrad.saved_model.signature_constants"],
    "tensorflow.python.saved_model.signature_def_utils": [
        "flowgrad.saved_model.signature_def_utils"],
    "tensorflow.python.saved_model.utils": ["flowgrad.saved_model.utils"],
}
for _m in ("graph_pb2", "node_def_pb2", "attr_value_pb2", "tensor_pb2", "tensor_shape_pb2",
           "types_pb2", "summary_pb2", "versions_pb2", "op_def_pb2", "variable_pb2",
           "function_pb2"):
    _INTERNAL["tensorflow.core.framework." + _m] = ["tensorboard.compat.proto." + _m]
for _m in ("meta_graph_pb2", "saver_pb2", "rewriter_config_pb2"):
    _INTERNAL["tensorflow.core.protobuf." + _m] = ["tensorboard.compat.proto." + _m]
for _m in ("training", "training_util", "saver", "optimizer", "gradient_descent", "momentum",
           "adam", "adagrad", "adadelta", "rmsprop", "ftrl", "learning_rate_decay",
           "moving_averages", "checkpoint_management", "basic_session_run_hooks",
           "monitored_session", "session_run_hook"):
    _INTERNAL["tensorflow.python.training." + _m] = ["flowgrad.train"]
del _m
# assign_moving_average is public only in the private module
_INTERNAL["tensorflow.python.training.moving_averages"] = ["flowgrad.train.moving_averages",
                                                           "flowgrad.train"]
# monitored training: tf.train.SessionManager's private module
_INTERNAL["tensorflow.python.training.session_manager"] = ["flowgrad.train"]
_INTERNAL["tensorflow.python.training.supervisor"] = ["flowgrad.train"]
# the raw training kernels (`from tensorflow.python.training import training_ops`)
_INTERNAL["tensorflow.python.training.training_ops"] = ["flowgrad.train.training_ops"]
# queues: the tutorials' MNIST loader and the private modules of queues/readers/py_func
_INTERNAL.update({
    "tensorflow.examples": ["flowgrad.examples"],
    "tensorflow.examples.tutorials": ["flowgrad.examples.tutorials"],
    "tensorflow.examples.tutorials.mnist": ["flowgrad.examples.tutorials.mnist"],
    "tensorflow.examples.tutorials.mnist.input_data":
        ["flowgrad.examples.tutorials.mnist.input_data"],
    "tensorflow.python.ops.data_flow_ops": ["flowgrad.ops.data_flow_ops"],
    "tensorflow.python.ops.io_ops": ["flowgrad.ops.io_ops"],
    "tensorflow.python.ops.script_ops": ["flowgrad.ops.script_ops"],
    "tensorflow.python.training.queue_runner": ["flowgrad.train.queue_runner"],
    "tensorflow.python.training.queue_runner_impl": ["flowgrad.train.queue_runner"],
    "tensorflow.python.training.coordinator": ["flowgrad.train.coordinator"],
    "tensorflow.python.training.input": ["flowgrad.train.input"],
    "tensorflow.contrib.learn.python": [],
    "tensorflow.contrib.learn.python.learn.datasets": ["flowgrad.contrib.learn.datasets"],
    "tensorflow.contrib.learn.python.learn.datasets.mnist":
        ["flowgrad.contrib.learn.datasets.mnist"],
    "tensorflow.contrib.learn.python.learn.datasets.base":
        ["flowgrad.contrib.learn.datasets.base"],
})
# contrib.learn's Estimator API at the private paths TF1 programs import it from
_LEARN = "tensorflow.contrib.learn.python.learn"
_INTERNAL[_LEARN] = ["flowgrad.contrib.learn"]
_INTERNAL[_LEARN + ".estimators"] = ["flowgrad.contrib.learn"]
_INTERNAL[_LEARN + ".utils"] = ["flowgrad.contrib.learn.input_fn_utils"]
for _m, _ours in (("estimators.estimator", "estimator"), ("estimators.model_fn", "model_fn"),
                  ("estimators.run_config", "run_config"), ("estimators.head", "head"),
                  ("estimators.dnn", "dnn"), ("estimators.linear", "linear"),
                  ("estimators.dnn_linear_combined", "dnn_linear_combined"),
                  ("estimators.logistic_regressor", "logistic_regressor"),
                  ("evaluable", "interfaces"), ("trainable", "interfaces"),
                  ("utils.input_fn_utils", "input_fn_utils"),
                  ("estimators.constants", "constants"),
                  ("estimators.prediction_key", "constants"),
                  ("estimators.tensor_signature", "signatures"),
                  ("experiment", "experiment"), ("learn_runner", "learn_runner"),
                  ("learn_runner_lib", "learn_runner"), ("monitors", "monitors"),
                  ("learn_io", "learn_io"), ("learn_io.numpy_io", "learn_io"),
                  ("learn_io.pandas_io", "learn_io"), ("learn_io.graph_io", "graph_io"),
                  ("learn_io.data_feeder", "data_feeder")):
    _INTERNAL[_LEARN + "." + _m] = ["flowgrad.contrib.learn." + _ours]
del _m, _ours

# tf.contrib.cudnn_rnn's modules, which programs import for its constants and helpers
_CUDNN = "tensorflow.contrib.cudnn_rnn.python"
_INTERNAL.update({_CUDNN: [], _CUDNN + ".ops": [], _CUDNN + ".layers": [
    "flowgrad.contrib.cudnn_rnn._layers"],
    _CUDNN + ".ops.cudnn_rnn_ops": ["flowgrad.contrib.cudnn_rnn._ops",
                                    "flowgrad.contrib.cudnn_rnn"],
    _CUDNN + ".layers.cudnn_rnn": ["flowgrad.contrib.cudnn_rnn._layers"]})

# the speech_commands tutorial's import of the audio ops (`from
# tensorflow.contrib.framework.python.ops import audio_ops as contrib_audio`)
_INTERNAL.update({
    "tensorflow.contrib.framework.python": [],
    "tensorflow.contrib.framework.python.ops": [],
    "tensorflow.contrib.framework.python.ops.audio_ops": ["flowgrad.contrib.framework.audio_ops"],
    "tensorflow.python.ops.gen_audio_ops": ["flowgrad.contrib.framework.audio_ops"]})

# the metric-learning losses' module, which programs import for pairwise_distance
_INTERNAL.update({
    "tensorflow.contrib.losses.python": [],
    "tensorflow.contrib.losses.python.metric_learning": [
        "flowgrad.contrib.losses.metric_learning"],
    "tensorflow.contrib.losses.python.metric_learning.metric_loss_ops": [
        "flowgrad.contrib.losses.metric_loss_ops"]})

# k-means' op module, which clustering programs import for its constants
# (`from tensorflow.contrib.factorization.python.ops import clustering_ops`)
_INTERNAL.update({
    "tensorflow.contrib.factorization.python": [],
    "tensorflow.contrib.factorization.python.ops": [],
    "tensorflow.contrib.factorization.python.ops.clustering_ops": [
        "flowgrad.contrib.factorization.clustering_ops"],
    # WALS's modules (`from ...python.ops import factorization_ops, wals as wals_lib`)
    "tensorflow.contrib.factorization.python.ops.factorization_ops": [
        "flowgrad.contrib.factorization.factorization_ops"],
    "tensorflow.contrib.factorization.python.ops.wals": [
        "flowgrad.contrib.factorization.wals"],
    "tensorflow.contrib.factorization.python.ops.gen_factorization_ops": [
        "flowgrad.ops.factorization_ops"]})

# tf.contrib.receptive_field's modules (`from tensorflow.contrib import receptive_field`
# is the package; README's `from tensorflow.contrib.receptive_field import
# receptive_field_api as receptive_field` the API; tests import python.util's modules)
_RF = "tensorflow.contrib.receptive_field"
_INTERNAL.update({_RF + ".receptive_field_api": ["flowgrad.contrib.receptive_field"],
                  _RF + ".python": [], _RF + ".python.util": []})
_INTERNAL.update({f"{_RF}.python.util.{m}": [f"flowgrad.contrib.receptive_field.{m}"]
                  for m in ("graph_compute_order", "parse_layer_parameters", "receptive_field")})

# tf.contrib.copy_graph's module (`from tensorflow.contrib.copy_graph.python.util import
# copy_elements`)
_INTERNAL.update({
    "tensorflow.contrib.copy_graph.python": [],
    "tensorflow.contrib.copy_graph.python.util": [],
    "tensorflow.contrib.copy_graph.python.util.copy_elements": [
        "flowgrad.contrib.copy_graph.copy_elements"]})

# TF's generated op modules (`from tensorflow.python.ops import gen_nn_ops`): the stand-ins
# flowgrad.ops.gen_ops makes, one per module of TF 1.14's that holds ops flowgrad runs
for _m in _gen_ops.MODULES:
    _INTERNAL.setdefault("tensorflow.python.ops." + _m, ["flowgrad.ops.gen_ops." + _m])
del _m

# TF-Slim's nets under their private path (`tensorflow.contrib.slim.python.slim.nets.vgg`)
_SLIM_NETS = "tensorflow.contrib.slim.python.slim.nets"
_INTERNAL.update({"tensorflow.contrib.slim.python": [], "tensorflow.contrib.slim.python.slim": [],
                  _SLIM_NETS: ["flowgrad.contrib.slim.nets"]})
_INTERNAL.update({f"{_SLIM_NETS}.{m}": [f"flowgrad.contrib.slim.nets.{m}"]
                  for m in ("alexnet", "inception", "inception_v1", "inception_v2",
                            "inception_v3", "overfeat", "resnet_utils", "resnet_v1",
                            "resnet_v2", "vgg")})

# tf.contrib.opt's modules under their private path (`from
# tensorflow.contrib.opt.python.training import sign_decay`, `...weight_decay_optimizers
# import AdamWOptimizer`): each is the flowgrad module that holds its public names
_OPT = "tensorflow.contrib.opt.python.training"
_INTERNAL.update({"tensorflow.contrib.opt.python": [], _OPT: []})
_INTERNAL.update({f"{_OPT}.{m}": [f"flowgrad.contrib.opt.{ours}"] for m, ours in (
    ("sign_decay", "sign_optimizers"), ("addsign", "sign_optimizers"),
    ("powersign", "sign_optimizers"), ("lazy_adam_optimizer", "adam_variants"),
    ("nadam_optimizer", "adam_variants"), ("adamax", "adam_variants"),
    ("adam_gs_optimizer", "adam_variants"), ("lazy_adam_gs_optimizer", "adam_variants"),
    ("weight_decay_optimizers", "weight_decay"),
    ("moving_average_optimizer", "moving_average_optimizer"),
    ("external_optimizer", "external_optimizer"), ("ggt", "ggt"),
    ("matrix_functions", "matrix_functions"), ("shampoo", "shampoo"))})

# tf.contrib.layers' modules under their private path (`from
# tensorflow.contrib.layers.python.layers import initializers`, `... import layers as
# layers_lib`): the package is tf.contrib.layers, each module the flowgrad modules that hold
# the public names of TF 1.14's module of that name
_LAYERS = "tensorflow.contrib.layers.python.layers"
_INTERNAL.update({"tensorflow.contrib.layers.python": [], _LAYERS: ["flowgrad.contrib.layers"]})
_INTERNAL.update({f"{_LAYERS}.{m}": [f"flowgrad.contrib.layers.{o}" for o in ours] for m, ours in (
    ("initializers", ("initializers",)),
    ("layers", ("layers", "layers_extra", "layers_legacy", "pool_extra", "gdn",
                "scale_gradient")),
    ("optimizers", ("optimizers",)), ("utils", ("utils",)),
    ("normalization", ("normalization",)), ("summaries", ("summaries",)),
    ("encoders", ("encoders", "layers_legacy")),
    ("embedding_ops", ("encoders", "scattered", "distributed_embedding")),
    ("feature_column", ("feature_column",)), ("feature_column_ops", ("feature_column_ops",)),
    ("rev_block_lib", ("rev_block_lib", "rev_block")))})
_INTERNAL[f"{_LAYERS}.regularizers"] = ["flowgrad.ops.regularizers"]

# tf.keras's private home, `tensorflow.python.keras` (TF1 code imports it directly): each
# module is flowgrad.keras's module of the same place
_KERAS = "tensorflow.python.keras"
_INTERNAL[_KERAS] = ["flowgrad.keras"]
for _m in ("activations", "applications", "backend", "callbacks", "constraints", "datasets",
           "engine", "initializers", "layers", "losses", "metrics", "models", "optimizers",
           "preprocessing", "regularizers", "utils", "wrappers", "datasets.mnist",
           "datasets.cifar10", "datasets.cifar100", "datasets.fashion_mnist", "datasets.imdb",
           "datasets.reuters", "datasets.boston_housing", "preprocessing.image",
           "preprocessing.sequence", "preprocessing.text", "wrappers.scikit_learn",
           "engine.base_layer", "engine.input_layer", "engine.input_spec", "engine.network",
           "engine.sequential", "engine.training", "layers.advanced_activations",
           "layers.convolutional", "layers.convolutional_recurrent", "layers.core",
           "layers.cudnn_recurrent", "layers.dense_attention", "layers.embeddings",
           "layers.local", "layers.merge", "layers.noise", "layers.normalization",
           "layers.pooling", "layers.recurrent", "layers.wrappers"):
    _INTERNAL[f"{_KERAS}.{_m}"] = [f"flowgrad.keras.{_m}"]
_INTERNAL.update({f"{_KERAS}.utils.{m}": ["flowgrad.keras.utils"]
                  for m in ("np_utils", "generic_utils", "layer_utils", "vis_utils")})
_INTERNAL[f"{_KERAS}.utils.data_utils"] = ["flowgrad.keras.data_utils", "flowgrad.keras.utils"]
_INTERNAL[f"{_KERAS}.engine.base_layer"].append("flowgrad.keras.engine.input_spec")
del _m

# more of TF's private modules that public TF1 code imports (tensor2tensor's
# `from tensorflow.python.eager import context` and `...ops import inplace_ops`, BERT's and
# official/'s estimator and file_io paths, sonnet v1's template / check_ops / deprecation):
# each is the flowgrad modules holding the names of TF 1.14's module (checked with the
# oracle); the names flowgrad lacks raise AttributeError / ImportError naming them.
# tensorflow.python.util.tf_export (TF's API-export machinery) stays absent.
_INTERNAL.update({
    "tensorflow.python.eager": [],
    "tensorflow.python.eager.context": ["flowgrad.eager.context"],
    "tensorflow.python.ops.inplace_ops": ["flowgrad.ops.inplace_ops"],
    "tensorflow.python.ops.special_math_ops": ["flowgrad.ops.math_extras",
                                               "flowgrad.engine.ops.linalg",
                                               "flowgrad.ops.math_ops"],
    "tensorflow.python.ops.check_ops": ["flowgrad.ops.check_ops", "flowgrad.ops.assert_shapes",
                                        "flowgrad.engine.ops.array_extra"],
    "tensorflow.python.ops.partitioned_variables": ["flowgrad.ops.partitioned_variables",
                                                    "flowgrad.ops.variable_scope"],
    "tensorflow.python.ops.template": ["flowgrad.ops.variable_scope"],
    "tensorflow.python.estimator": [],
    "tensorflow.python.estimator.model_fn": ["flowgrad.estimator.model_fn"],
    "tensorflow.python.estimator.estimator": ["flowgrad.estimator.estimator",
                                              "flowgrad.estimator.warm_starting",
                                              "flowgrad.train.warm_starting_util"],
    "tensorflow.python.training.slot_creator": ["flowgrad.train.slot_creator"],
    "tensorflow.python.lib.io.file_io": ["flowgrad.file_io"],
    "tensorflow.python.util.deprecation": ["flowgrad.contrib.framework.deprecation"],
})

# public TF 1.14 namespaces flowgrad has no module for, and what stands in for them
_PUBLIC_EXTRA = {
    "tensorflow.io": [],
    "tensorflow.io.gfile": ["flowgrad.gfile"],
}

_V1 = "tensorflow.compat.v1"


def _canonical(path):
    """`tensorflow.compat.v1.X` is `tensorflow.X`."""
    if path == _V1 or path.startswith(_V1 + "."):
        return "tensorflow" + path[len(_V1):]
    return path


def _import_sources(names):
    mods = []
    for name in names:
        try:
            mods.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise  # a module that exists but fails to import: show why
            # a flowgrad module that does not exist: its names are reported missing
    return mods


# Horovod's TensorFlow API (`import horovod.tensorflow as hvd`): flowgrad.horovod
_HOROVOD = {"horovod": ["flowgrad.horovod"], "horovod.tensorflow": ["flowgrad.horovod.tensorflow"]}


def _sources(path):
    """The flowgrad modules behind TF module `path`, or None if flowgrad lacks it."""
    if _is_horovod(path):
        return _import_sources(_HOROVOD[path]) if path in _HOROVOD else None
    path = _canonical(path)
    if path == "tensorflow":
        return _import_sources(["flowgrad"])
    if path == "tensorflow.compat":
        return _import_sources(["flowgrad.compat"])
    if path in _INTERNAL:
        return _import_sources(_INTERNAL[path])
    parent, _, name = path.rpartition(".")
    if parent == "tensorflow.python" or parent.startswith("tensorflow.python."):
        return None  # private TF modules exist only where _INTERNAL lists them
    parent_sources = _sources(parent) if parent.startswith("tensorflow") else None
    for src in parent_sources or ():
        value = src.__dict__.get(name)
        if value is None and "__getattr__" in src.__dict__:
            try:  # a lazily loaded flowgrad module (`tf.layers`, `tf.contrib.slim`)
                value = getattr(src, name)
            except AttributeError:
                value = None
        if isinstance(value, types.ModuleType):
            return [value]
    if path in _PUBLIC_EXTRA:
        return _import_sources(_PUBLIC_EXTRA[path])
    return None


def _user_site():
    """`file line N` of the nearest frame outside this module and importlib."""
    frame = sys._getframe(1)
    here = os.path.normcase(os.path.abspath(__file__))
    while frame is not None:
        fname = frame.f_code.co_filename
        if not fname.startswith("<frozen") and os.path.normcase(os.path.abspath(fname)) != here:
            rel = os.path.relpath(fname) if os.path.isabs(fname) else fname
            shown = fname if rel.startswith("..") else rel
            return f"{shown} line {frame.f_lineno}"
        frame = frame.f_back
    return "unknown location"


def _missing_message(tf_name, reason=None):
    why = f": {reason}" if reason else ""
    return f"flowgrad does not implement {tf_name}{why} (used by {_user_site()})"


def _requested(fullname):
    """The module the user's import asked for: `tensorflow.contrib.layers` when the
    import system is loading its parent `tensorflow.contrib` (read from importlib's
    frames; `fullname` itself if they are not there)."""
    best = fullname
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_locals.get("name") if frame.f_code.co_filename.startswith("<frozen") \
            else None
        if isinstance(name, str) and name.startswith(best + "."):
            best = name
        frame = frame.f_back
    return best


_MISSING = object()


def _lookup(sources, name):
    """`name` from the first source that has it: in its dictionary, else through its
    module-level `__getattr__` (flowgrad's lazy names, e.g. `tf.Summary`)."""
    for src in sources:
        if name in src.__dict__:
            return src.__dict__[name]
    for src in sources:
        if "__getattr__" in src.__dict__:
            try:
                return getattr(src, name)
            except AttributeError:
                pass
    return _MISSING


def _reason(sources, name):
    """Why a source lacks `name`, when its `__getattr__` says so naming the TF symbol (an
    AttributeError message starting 'tf.': e.g. 'tf.contrib.learn.SKCompat is not in
    flowgrad: ...'), else None."""
    for src in sources:
        if "__getattr__" in src.__dict__:
            try:
                getattr(src, name)
            except AttributeError as e:
                message = str(e)
                if message.startswith("tf."):
                    head, sep, why = message.partition(" is not in flowgrad: ")
                    return why if sep else message
    return None


# what TF 1.14 logs (a warning) the first time a program uses `tf.contrib`
_CONTRIB_WARNING = """
The TensorFlow contrib module will not be included in TensorFlow 2.0.
For more information, please see:
  * https://github.com/tensorflow/community/blob/master/rfcs/20180907-contrib-sunset.md
  * https://github.com/tensorflow/addons
  * https://github.com/tensorflow/io (for I/O related ops)
If you depend on functionality not listed there, please file an issue.
"""


class AliasModule(types.ModuleType):
    """A TF module path whose attributes come from flowgrad modules."""

    def __init__(self, path, sources):
        super().__init__(path, f"flowgrad's implementation of {path}")
        self.__dict__["_fg_sources"] = sources
        self.__dict__["__path__"] = []  # a package, so submodule imports reach the finder
        if _canonical(path) == "tensorflow":
            self.__dict__["__version__"] = flowgrad.VERSION

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            if name == "__version__":   # a module's own version (tf.keras.__version__)
                for src in self.__dict__["_fg_sources"]:
                    if "__version__" in getattr(src, "__dict__", {}):
                        return src.__dict__["__version__"]
            if name == "__file__":   # the flowgrad module behind it (os.path.dirname(tf.__file__))
                for src in self.__dict__["_fg_sources"]:
                    if getattr(src, "__file__", None):
                        return src.__file__
            raise AttributeError(name)
        path = f"{self.__name__}.{name}"
        child = _alias(path)
        if child is not None:
            value = child
            if path == "tensorflow.contrib":   # TF's LazyLoader warns on first use
                flowgrad.logging.warning(_CONTRIB_WARNING)
        else:
            value = _lookup(self.__dict__["_fg_sources"], name)
            if value is _MISSING:
                sources = self.__dict__["_fg_sources"]
                raise AttributeError(_missing_message(path, _reason(sources, name)))
        self.__dict__[name] = value
        return value

    def __repr__(self):
        return f"<module {self.__name__!r} (flowgrad)>"

    def __dir__(self):
        names = set(self.__dict__)
        for src in self.__dict__["_fg_sources"]:
            names.update(n for n in dir(src) if not n.startswith("_"))
        return sorted(names)


_ALIASES: dict = {}


def _alias(path):
    """The AliasModule for TF module `path` (cached), or None if flowgrad lacks it."""
    mod = _ALIASES.get(path)
    if mod is None:
        sources = _sources(path)
        if sources is None:
            return None
        mod = _ALIASES[path] = AliasModule(path, sources)
    return mod


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds `tensorflow` and `tensorflow.*` and answers with AliasModules."""

    def find_spec(self, fullname, path=None, target=None):
        if not _is_tf(fullname):
            return None
        if _alias(fullname) is None:
            # no `name=`: `from tensorflow import contrib` would swallow it otherwise
            raise ModuleNotFoundError(_missing_message(_requested(fullname)))
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def __init__(self, on_import=None):
        self._on_import = on_import

    def create_module(self, spec):
        if self._on_import is not None and not _is_horovod(spec.name):
            hook, self._on_import = self._on_import, None
            hook()   # the first `import tensorflow...` of this session
        return _alias(spec.name)

    def exec_module(self, module):
        """Nothing to run: an AliasModule resolves its names on first use."""


def _is_horovod(name):
    return name == "horovod" or name.startswith("horovod.")


def _is_tf(name):
    """A module the alias answers for: `tensorflow*`, and `horovod*` (Horovod's API)."""
    return name == "tensorflow" or name.startswith("tensorflow.") or _is_horovod(name)


@contextlib.contextmanager
def alias_tensorflow(on_import=None):
    """Make `import tensorflow` (and its submodules) give flowgrad while active, and
    `import horovod.tensorflow` flowgrad's Horovod API. `on_import` (no arguments) is
    called at the first import of a `tensorflow` module, for what TF's import does
    (`flowgrad run` sets tf.logging up then).

    Example:
        >>> with alias_tensorflow():
        ...     import tensorflow as tf
        ...     tf.constant(1.0).dtype
        tf.float32
    """
    saved = {k: v for k, v in sys.modules.items() if _is_tf(k)}
    for k in saved:
        del sys.modules[k]
    _ALIASES.clear()
    finder = _Finder(on_import)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for k in [k for k in sys.modules if _is_tf(k)]:
            del sys.modules[k]
        sys.modules.update(saved)
        _ALIASES.clear()
