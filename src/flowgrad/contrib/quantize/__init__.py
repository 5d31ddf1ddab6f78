"""tf.contrib.quantize (TF 1.14's quantize_graph): rewrites a graph in place for
simulated quantization, before its gradients and training ops are built.

    y = model(x)
    tf.contrib.quantize.create_training_graph(quant_delay=0)
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss(y))

Each Conv2D / DepthwiseConv2dNative / MatMul layer (+ BiasAdd / Add, + Relu / Relu6 /
Identity, + bypass Adds) gets TF's FakeQuantWithMinMaxVars ops, named as TF names them
(`<layer>/weights_quant/...`, `<layer>/act_quant/...`), with their `min` / `max`
variables in GLOBAL_VARIABLES: the weights' last range, the activations' moving average
(decay 0.999, zero-debiased); `quant_delay` steps are counted by `fake_quantization_step`.
Batch-norm folding (fold_batch_norms.py) is implemented for fused batch norms: an eval
graph's, and a training graph's (TF's batch_norm_correction ops, Undo_Bessel_Correction
and the FoldFusedBatchNormGrad gradient; in an eval graph too, with the batch
statistics); freeze_bn_delay, an atrous convolution's or an unfused one raises
NotImplementedError.
"""

from ...engine.framework.graph import Graph as _Graph
from ...engine.framework.graph import get_default_graph as _get_default_graph
from ._fold_batch_norms import fold_batch_norms as _fold
from ._fold_batch_norms import refusal as _fold_refusal
from ._quantize import quantize as _rewrite

__all__ = ["create_eval_graph", "create_training_graph", "experimental_create_eval_graph",
           "experimental_create_training_graph"]

_TRAINING_OPS = frozenset(
    [f"{p}Apply{k}" for p in ("", "Resource") for k in (
        "Adagrad", "AdagradDA", "Adam", "AddSign", "CenteredRMSProp", "Ftrl", "FtrlV2",
        "GradientDescent", "Momentum", "PowerSign", "ProximalAdagrad",
        "ProximalGradientDescent", "RMSProp")]
    + ["ResourceApplyAdadelta"]
    + [f"{p}SparseApply{k}" for p in ("", "Resource") for k in (
        "Adadelta", "Adagrad", "AdagradDA", "CenteredRMSProp", "Ftrl", "FtrlV2", "Momentum",
        "ProximalAdagrad", "ProximalGradientDescent", "RMSProp")])


def _check_for_training_ops(graph):
    found = {op.type for op in graph.get_operations()} & _TRAINING_OPS
    if found:
        raise ValueError("Training op found in graph, exiting %s" % found)


def _create_graph(input_graph=None, is_training=True, weight_bits=8, activation_bits=8,
                  symmetric=False, quant_delay=None, freeze_bn_delay=None, scope=None):
    """quantize_graph._create_graph: the checks, batch-norm folding (fused batch norms;
    freeze_bn_delay and the other cases refused), then the rewrite."""
    if input_graph is None:
        input_graph = _get_default_graph()
    _check_for_training_ops(input_graph)
    refused = _fold_refusal(input_graph, is_training, freeze_bn_delay)
    if refused:
        raise NotImplementedError(
            "flowgrad does not implement tf.contrib.quantize's batch-norm folding "
            "(tensorflow/contrib/quantize/python/fold_batch_norms.py FoldBatchNorms) beyond "
            f"fused batch norms without freeze_bn_delay: {refused}")
    with input_graph.as_default():
        _fold(input_graph, is_training)
        _rewrite(input_graph, is_training, quant_delay=quant_delay, weight_bits=weight_bits,
                 activation_bits=activation_bits, symmetric=symmetric, scope=scope)


def create_training_graph(input_graph: _Graph | None = None, quant_delay: int = 0) -> None:
    """Rewrites a training graph in place for simulated quantization (8 bits); call it
    before building the gradients. Quantization starts after `quant_delay` steps."""
    _create_graph(input_graph=input_graph, is_training=True, quant_delay=quant_delay)


def create_eval_graph(input_graph: _Graph | None = None) -> None:
    """Rewrites an eval graph in place for simulated quantization (the ranges are the
    `min` / `max` variables, not updated)."""
    _create_graph(input_graph=input_graph, is_training=False)


def experimental_create_training_graph(input_graph: _Graph | None = None,
                                       weight_bits: int = 8, activation_bits: int = 8,
                                       symmetric: bool = False, quant_delay: int = 0,
                                       freeze_bn_delay: int | None = None,
                                       scope: str | None = None) -> None:
    """create_training_graph with TF's experimental options: bit widths, symmetric
    ranges, `scope` (only the ops under it are rewritten); `freeze_bn_delay` applies to
    batch-norm folding, which flowgrad lacks."""
    _create_graph(input_graph=input_graph, is_training=True, weight_bits=weight_bits,
                  activation_bits=activation_bits, symmetric=symmetric,
                  quant_delay=quant_delay, freeze_bn_delay=freeze_bn_delay, scope=scope)


def experimental_create_eval_graph(input_graph: _Graph | None = None, weight_bits: int = 8,
                                   activation_bits: int = 8, symmetric: bool = False,
                                   quant_delay: int | None = None,
                                   scope: str | None = None) -> None:
    """create_eval_graph with TF's experimental options (as
    experimental_create_training_graph's)."""
    _create_graph(input_graph=input_graph, is_training=False, weight_bits=weight_bits,
                  activation_bits=activation_bits, symmetric=symmetric,
                  quant_delay=quant_delay, scope=scope)
