"""Magnitude-based weight pruning (TF 1.14 contrib/model_pruning/python/pruning.py).

`apply_mask` (and the masked layers) give a weight a `mask` and a `threshold` variable
and record the four in the collections "masks", "thresholds", "masked_weights" and
"kernel". `Pruning` builds the ops that, at each pruning step, set every mask to keep the
weights whose magnitude reaches the k-th largest (k from the gradual sparsity schedule
`(initial - target) * (1 - p)**exponent + target`), block-wise when block_height or
block_width is > 1.
"""
from ... import logging
from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import (add_to_collection, control_dependencies,
                                       get_collection, get_collection_ref, name_scope)
from ...ops import array_ops, comparison_ops, control_flow_ops, conv_ops, math_ops
from ...ops import nn_ops, state_ops
from ...ops import variable_scope as vs
from ...ops import init_ops
from ...ops.partitioned_variables import PartitionedVariable
from ...summary import summary_ops as summary
from ...train import training_util
from ..training.hparam import HParams
from . import core_layers, pruning_utils

_MASK_COLLECTION = core_layers.MASK_COLLECTION
_THRESHOLD_COLLECTION = core_layers.THRESHOLD_COLLECTION
_MASKED_WEIGHT_COLLECTION = core_layers.MASKED_WEIGHT_COLLECTION
_WEIGHT_COLLECTION = core_layers.WEIGHT_COLLECTION
_MASKED_WEIGHT_NAME = core_layers.MASKED_WEIGHT_NAME


def apply_mask(x, scope=""):
    """mask * x (named `weights/masked_weight`), with `<scope>/mask` and `<scope>/threshold`
    variables created for x and the four added to the pruning collections once."""
    mask = pruning_utils.weight_mask_variable(x, scope)
    threshold = pruning_utils.weight_threshold_variable(x, scope)
    masked_weights = math_ops.multiply(mask, x, _MASKED_WEIGHT_NAME)
    if mask not in get_collection_ref(_MASK_COLLECTION):
        add_to_collection(_THRESHOLD_COLLECTION, threshold)
        add_to_collection(_MASK_COLLECTION, mask)
        add_to_collection(_MASKED_WEIGHT_COLLECTION, masked_weights)
        add_to_collection(_WEIGHT_COLLECTION, x)
    return masked_weights


def get_masked_weights():
    """The masked weight tensors (collection "masked_weights")."""
    return get_collection(_MASKED_WEIGHT_COLLECTION)


def get_masks():
    """The mask variables (collection "masks")."""
    return get_collection(_MASK_COLLECTION)


def get_thresholds():
    """The threshold variables (collection "thresholds")."""
    return get_collection(_THRESHOLD_COLLECTION)


def get_weights():
    """The masked weight variables (collection "kernel")."""
    return get_collection(_WEIGHT_COLLECTION)


def get_weight_sparsity():
    """The fraction of zeros of each mask (one zero_fraction tensor per mask)."""
    return [nn_ops.zero_fraction(mask) for mask in get_masks()]


def get_pruning_hparams():
    """An HParams with TF's defaults: name='model_pruning', begin_pruning_step=0,
    end_pruning_step=-1, weight_sparsity_map=[''], threshold_decay=0.0,
    pruning_frequency=10, nbins=256, block_height=1, block_width=1,
    block_pooling_function='AVG', initial_sparsity=0.0, target_sparsity=0.5,
    sparsity_function_begin_step=0, sparsity_function_end_step=100,
    sparsity_function_exponent=3.0, use_tpu=False."""
    return HParams(
        name="model_pruning", begin_pruning_step=0, end_pruning_step=-1,
        weight_sparsity_map=[""], threshold_decay=0.0, pruning_frequency=10, nbins=256,
        block_height=1, block_width=1, block_pooling_function="AVG", initial_sparsity=0.0,
        target_sparsity=0.5, sparsity_function_begin_step=0, sparsity_function_end_step=100,
        sparsity_function_exponent=3.0, use_tpu=False)


class Pruning(object):
    """The mask update ops of a pruning spec (get_pruning_hparams()); `sparsity`, a scalar
    tensor, replaces the spec's gradual sparsity schedule."""

    def __init__(self, spec=None, global_step=None, sparsity=None):
        self._spec = spec if spec else get_pruning_hparams()
        self._validate_spec()
        self._global_step = self._setup_global_step(global_step)
        self._sparsity = sparsity if sparsity is not None else self._setup_sparsity()
        self._assign_ops = []
        self._last_update_step = self._setup_last_update_step()
        self._block_dim = [self._spec.block_height, self._spec.block_width]
        self._block_pooling_function = self._spec.block_pooling_function
        self._weight_sparsity_map = self._get_weight_sparsity_map()

    def _validate_spec(self):
        spec = self._spec
        if spec.begin_pruning_step < 0:
            raise ValueError("Illegal value for begin_pruning_step")
        if spec.begin_pruning_step >= spec.end_pruning_step and spec.end_pruning_step != -1:
            raise ValueError(
                "Pruning must begin before it can end. begin_step=%d, end_step=%d."
                "Set end_pruning_step to -1 if pruning is required till training"
                "stops" % (spec.begin_pruning_step, spec.end_pruning_step))
        if spec.sparsity_function_begin_step < 0:
            raise ValueError("Illegal value for sparsity_function_begin_step")
        if spec.sparsity_function_begin_step >= spec.sparsity_function_end_step:
            raise ValueError("Sparsity function requires begin_step < end_step")
        if not 0.0 <= spec.threshold_decay < 1.0:
            raise ValueError("threshold_decay must be in range [0,1)")
        if not 0.0 <= spec.initial_sparsity < 1.0:
            raise ValueError("initial_sparsity must be in range [0,1)")
        if not 0.0 <= spec.target_sparsity < 1.0:
            raise ValueError("target_sparsity must be in range [0,1)")

    def _setup_global_step(self, global_step):
        if global_step is None:
            global_step = training_util.get_global_step()
        return math_ops.cast(global_step, _dt.int32)

    def _setup_sparsity(self):
        begin_step = self._spec.sparsity_function_begin_step
        end_step = self._spec.sparsity_function_end_step
        initial_sparsity = self._spec.initial_sparsity
        target_sparsity = self._spec.target_sparsity
        exponent = self._spec.sparsity_function_exponent
        with name_scope(self._spec.name):
            p = math_ops.minimum(1.0, math_ops.maximum(0.0, math_ops.div(
                math_ops.cast(self._global_step - begin_step, _dt.float32),
                end_step - begin_step)))
            return math_ops.add(
                math_ops.multiply(initial_sparsity - target_sparsity,
                                  math_ops.pow(1 - p, exponent)),
                target_sparsity, name="sparsity")

    def _setup_last_update_step(self):
        with vs.variable_scope(self._spec.name, use_resource=self._spec.use_tpu) as scope:
            try:
                return vs.get_variable("last_mask_update_step", [],
                                       initializer=init_ops.zeros_initializer(),
                                       trainable=False, dtype=_dt.int32)
            except ValueError:
                scope.reuse_variables()
                return vs.get_variable("last_mask_update_step", dtype=_dt.int32)

    def _get_weight_sparsity_map(self):
        weight_sparsity_map = {}
        for val in [v for v in self._spec.weight_sparsity_map if v]:
            weight_name, sparsity = val.split(":")
            if float(sparsity) >= 1.0:
                raise ValueError("Weight sparsity can not exceed 1.0")
            weight_sparsity_map[weight_name] = float(sparsity)
        return weight_sparsity_map

    def _get_sparsity(self, weight_name):
        """The target sparsity of a weight: the schedule, scaled for a weight named in
        weight_sparsity_map."""
        target = [s for name, s in self._weight_sparsity_map.items()
                  if weight_name.find(name) != -1]
        if not target:
            return self._sparsity
        if len(target) > 1:
            raise ValueError("Multiple matches in weight_sparsity_map for weight %s"
                             % weight_name)
        return math_ops.mul(self._sparsity,
                            math_ops.div(target[0], self._spec.target_sparsity))

    def _update_mask(self, weights, threshold):
        """(new threshold, new mask): the k-th largest |weight| (k = round(size * (1 -
        sparsity))) smoothed with threshold by threshold_decay, and |weights| >= it."""
        if self._sparsity is None:
            raise ValueError("Sparsity variable undefined")
        sparsity = self._get_sparsity(weights.op.name)
        with name_scope(weights.op.name + "_pruning_ops"):
            abs_weights = math_ops.abs(weights)
            k = math_ops.cast(math_ops.round(
                math_ops.cast(array_ops.size(abs_weights), _dt.float32) * (1 - sparsity)),
                _dt.int32)
            values, _ = nn_ops.top_k(array_ops.reshape(abs_weights, [-1]),
                                     k=array_ops.size(abs_weights))
            current_threshold = array_ops.gather(values, k - 1)
            decay = self._spec.threshold_decay
            smoothed_threshold = math_ops.add_n([
                math_ops.multiply(current_threshold, 1 - decay),
                math_ops.multiply(threshold, decay)])
            new_mask = math_ops.cast(
                comparison_ops.greater_equal(abs_weights, smoothed_threshold), _dt.float32)
        return smoothed_threshold, new_mask

    def _maybe_update_block_mask(self, weights, threshold):
        """_update_mask on block_height x block_width pooled |weights| (AVG or MAX) when the
        squeezed weights are 2-D and a block is larger than 1 x 1; elementwise otherwise."""
        squeezed_weights = array_ops.squeeze(weights)
        if squeezed_weights.get_shape().ndims != 2 or self._block_dim == [1, 1]:
            return self._update_mask(weights, threshold)
        if self._block_pooling_function not in ["AVG", "MAX"]:
            raise ValueError("Unknown pooling function for block sparsity: %s"
                             % self._block_pooling_function)
        with name_scope(weights.op.name + "_pruning_ops"):
            abs_weights = math_ops.abs(squeezed_weights)
            pool_window = [self._block_dim[0], self._block_dim[1]]
            pool_fn = pruning_utils.factorized_pool
            squeeze_axis = None
            if not self._spec.use_tpu:
                pool_fn = conv_ops.pool
                shape = abs_weights.get_shape()
                abs_weights = array_ops.reshape(abs_weights, [1, shape[0], shape[1], 1])
                squeeze_axis = [0, 3]
            pooled_weights = pool_fn(abs_weights, window_shape=pool_window,
                                     pooling_type=self._block_pooling_function,
                                     strides=pool_window, padding="SAME",
                                     name=weights.op.name + "_pooled")
            if pooled_weights.get_shape().ndims != 2:
                pooled_weights = array_ops.squeeze(pooled_weights, axis=squeeze_axis)
            smoothed_threshold, new_mask = self._update_mask(pooled_weights, threshold)
            updated_mask = pruning_utils.expand_tensor(new_mask, self._block_dim)
            shape = squeezed_weights.get_shape()
            sliced_mask = array_ops.slice(updated_mask, [0, 0], [shape[0], shape[1]])
        return smoothed_threshold, array_ops.reshape(sliced_mask, array_ops.shape(weights))

    def _get_mask_assign_ops(self):
        if self._assign_ops:
            raise ValueError("Assign op list not empty. _get_mask_assign_ops() called twice?")
        masks, weights, thresholds = get_masks(), get_weights(), get_thresholds()
        if len(masks) != len(thresholds):
            raise ValueError("Number of masks %s and number of thresholds %s mismatch"
                             % (len(masks), len(thresholds)))
        for index, mask in enumerate(masks):
            threshold = thresholds[index]
            weight = weights[index]
            is_partitioned = isinstance(weight, PartitionedVariable)
            if is_partitioned:
                weight = weight.as_tensor()
            new_threshold, new_mask = self._maybe_update_block_mask(weight, threshold)
            self._assign_ops.append(pruning_utils.variable_assign(threshold, new_threshold))
            self._assign_ops.append(
                pruning_utils.partitioned_variable_assign(mask, new_mask) if is_partitioned
                else pruning_utils.variable_assign(mask, new_mask))

    def mask_update_op(self):
        """An op (`<name>/mask_update`) that updates every mask and threshold and sets
        last_mask_update_step to the global step."""
        with name_scope(self._spec.name):
            if not self._assign_ops:
                self._get_mask_assign_ops()
            with control_dependencies([state_ops.assign(
                    self._last_update_step, self._global_step,
                    name="last_mask_update_step_assign")]):
                with control_dependencies(self._assign_ops):
                    logging.info("Updating masks.")
                    return control_flow_ops.no_op("mask_update")

    def conditional_mask_update_op(self):
        """mask_update_op in a cond: run at a pruning step (pruning_frequency steps after
        the last update) within [begin_pruning_step, end_pruning_step]."""

        def maybe_update_masks():
            spec = self._spec
            with name_scope(spec.name):
                in_range = comparison_ops.logical_and(
                    comparison_ops.greater_equal(self._global_step, spec.begin_pruning_step),
                    comparison_ops.logical_or(
                        comparison_ops.less_equal(self._global_step, spec.end_pruning_step),
                        comparison_ops.less(spec.end_pruning_step, 0)))
                is_pruning_step = comparison_ops.less_equal(
                    math_ops.add(self._last_update_step, spec.pruning_frequency),
                    self._global_step)
                return comparison_ops.logical_and(in_range, is_pruning_step)

        return control_flow_ops.cond(maybe_update_masks(), self.mask_update_op,
                                     lambda: control_flow_ops.no_op())

    def add_pruning_summaries(self):
        """Scalar summaries of the sparsity, last_mask_update_step, and each mask's
        zero fraction and threshold."""
        with name_scope(self._spec.name + "_summaries"):
            summary.scalar("sparsity", self._sparsity)
            summary.scalar("last_mask_update_step", self._last_update_step)
            for mask, threshold in zip(get_masks(), get_thresholds()):
                summary.scalar(mask.op.name + "/sparsity", nn_ops.zero_fraction(mask))
                summary.scalar(threshold.op.name + "/threshold", threshold)

    def print_hparams(self):
        """Logs the spec as JSON."""
        logging.info(self._spec.to_json())
