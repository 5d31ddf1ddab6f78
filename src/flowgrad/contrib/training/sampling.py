"""tf.contrib.training's resampling (TF 1.14 contrib/training/python/training/resample.py
and sampling_ops.py): resample_at_rate and weighted_resample (Poisson counts, a while_loop
of Fill writes), rejection_sample and stratified_sample (queues: tf.train.batch and
maybe_batch with a uniform draw against the acceptance probability)."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import Tensor, name_scope
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import (array_ops, check_ops, comparison_ops, control_flow_ops, logging_ops,
                    math_ops, random_ops, tensor_array_ops, variable_scope, variables)
from ...train import input as input_ops
from ...train.moving_averages import assign_moving_average

__all__ = ["resample_at_rate", "weighted_resample", "rejection_sample", "stratified_sample"]


def _repeat_range(counts, name=None):
    """[0]*counts[0] + [1]*counts[1] + ... as int32 (a while_loop of TensorArray writes)."""
    with name_scope(name, "repeat_range", [counts]) as scope:
        counts = convert_to_tensor(counts, name="counts")

        def cond(unused_output, i):
            return i < size

        def body(output, i):
            value = array_ops.fill(counts[i:i + 1], i)
            return (output.write(i, value), i + 1)

        size = array_ops.shape(counts)[0]
        init_output_array = tensor_array_ops.TensorArray(dtype=dtypes.int32, size=size,
                                                         infer_shape=False)
        output_array, num_writes = control_flow_ops.while_loop(
            cond, body, loop_vars=[init_output_array, 0])
        return control_flow_ops.cond(
            num_writes > 0, output_array.concat,
            lambda: array_ops.zeros(shape=[0], dtype=dtypes.int32), name=scope)


def resample_at_rate(inputs, rates, scope=None, seed=None, back_prop=False):
    """Each row i of every tensor of `inputs` repeated Poisson(rates[i]) times."""
    with name_scope(scope, "resample_at_rate", list(inputs) + [rates]):
        rates = convert_to_tensor(rates, name="rates")
        sample_counts = math_ops.cast(
            random_ops.random_poisson(rates, (), rates.dtype, seed=seed), dtypes.int32)
        sample_indices = _repeat_range(sample_counts)
        if not back_prop:
            sample_indices = array_ops.stop_gradient(sample_indices)
        return [array_ops.gather(x, sample_indices) for x in inputs]


def weighted_resample(inputs, weights, overall_rate, scope=None, mean_decay=0.999,
                      seed=None):
    """Rows resampled at rate weights * overall_rate / (a moving mean of the weights);
    returns (resampled inputs, their rates)."""
    with name_scope(scope, "weighted_resample", inputs) as opscope:
        with variable_scope.variable_scope(scope, "estimate_mean", inputs):
            estimated_mean = variable_scope.get_local_variable(
                "estimated_mean", initializer=math_ops.cast(0, weights.dtype),
                dtype=weights.dtype)
            batch_mean = math_ops.reduce_mean(weights)
            mean = assign_moving_average(estimated_mean, batch_mean, mean_decay)
        rates = weights * overall_rate / mean
        results = resample_at_rate([rates] + inputs, rates, scope=opscope, seed=seed,
                                   back_prop=False)
        return (results[1:], results[0])


def _convert_n(tensors):
    return [t if isinstance(t, IndexedSlices) else convert_to_tensor(t) for t in tensors]


def rejection_sample(tensors, accept_prob_fn, batch_size, queue_threads=1,
                     enqueue_many=False, prebatch_capacity=16, prebatch_threads=1,
                     runtime_checks=False, name=None):
    """Batches of `tensors` where each example was kept with probability
    accept_prob_fn(example) (a queue of accepted examples; run the queue runners)."""
    with variable_scope.variable_scope(name, "rejection_sample", tensors):
        tensor_list = _convert_n(tensors)
        if enqueue_many:
            tensor_list = _verify_data_inputs(tensor_list)
            batched = input_ops.batch(tensor_list, batch_size=1, num_threads=prebatch_threads,
                                      capacity=prebatch_capacity, enqueue_many=True)
            tensor_list = [array_ops.squeeze(x, [0]) for x in batched]
        cur_prob = accept_prob_fn(tensor_list)
        if runtime_checks:
            cur_prob = array_ops.identity(control_flow_ops.with_dependencies([
                check_ops.assert_less_equal(0.0, cur_prob),
                check_ops.assert_less_equal(cur_prob, 1.0)], cur_prob),
                name="prob_with_checks")
        minibatch = input_ops.maybe_batch(tensor_list,
                                          keep_input=random_ops.random_uniform([]) < cur_prob,
                                          batch_size=batch_size, num_threads=queue_threads)
        if isinstance(minibatch, Tensor):
            minibatch = [minibatch]
        return minibatch


def stratified_sample(tensors, labels, target_probs, batch_size, init_probs=None,
                      enqueue_many=False, queue_capacity=16, threads_per_queue=1, name=None):
    """Batches whose labels follow `target_probs`: each example is accepted with a
    probability from init_probs (estimated from the labels seen when None) and target_probs.

    Returns:
      (list of batched tensors, batched labels).
    """
    with name_scope(name, "stratified_sample", list(tensors) + [labels]):
        tensor_list = _convert_n(tensors)
        labels = convert_to_tensor(labels)
        target_probs = convert_to_tensor(target_probs, dtype=dtypes.float32)
        if not enqueue_many:
            tensor_list = [array_ops.expand_dims(tensor, 0) for tensor in tensor_list]
            labels = array_ops.expand_dims(labels, 0)
        if init_probs is None:
            target_probs.get_shape().assert_is_fully_defined()
            init_probs = _estimate_data_distribution(
                labels, target_probs.get_shape().num_elements())
        else:
            init_probs = convert_to_tensor(init_probs, dtype=dtypes.float32)
        tensor_list, labels, [init_probs, target_probs] = _verify_input(
            tensor_list, labels, [init_probs, target_probs])
        assert_op = logging_ops.Assert(
            math_ops.reduce_all(comparison_ops.logical_or(
                comparison_ops.not_equal(init_probs, 0),
                comparison_ops.equal(target_probs, 0))),
            ["All classes with zero initial probability must also have zero target "
             "probability: ", init_probs, target_probs])
        init_probs = control_flow_ops.with_dependencies([assert_op], init_probs)
        accept_probs = _calculate_acceptance_probabilities(init_probs, target_probs)
        proportion_rejected = math_ops.reduce_sum((1 - accept_probs) * init_probs)
        accept_probs = control_flow_ops.cond(
            comparison_ops.less(proportion_rejected, .5), lambda: accept_probs,
            lambda: logging_ops.Print(
                accept_probs, [accept_probs],
                message="Proportion of examples rejected by sampler is high.", first_n=10))
        batched = input_ops.batch(tensor_list + [labels], batch_size=1,
                                  num_threads=threads_per_queue, capacity=queue_capacity,
                                  enqueue_many=True)
        val_list = [array_ops.squeeze(x, [0]) for x in batched[:-1]]
        label = array_ops.squeeze(batched[-1], [0])
        cur_prob = array_ops.gather(accept_probs, label)
        batched = input_ops.maybe_batch(val_list + [label],
                                        keep_input=random_ops.random_uniform([]) < cur_prob,
                                        batch_size=batch_size, num_threads=threads_per_queue)
        return batched[:-1], batched[-1]


def _estimate_data_distribution(labels, num_classes, smoothing_constant=10):
    if smoothing_constant <= 0:
        raise ValueError("smoothing_constant must be nonzero.")
    num_examples_per_class_seen = variables.Variable(
        initial_value=[smoothing_constant] * num_classes, trainable=False,
        name="class_count", dtype=dtypes.int64)
    num_examples_per_class_seen = num_examples_per_class_seen.assign_add(
        math_ops.reduce_sum(array_ops.one_hot(labels, num_classes, dtype=dtypes.int64), 0))
    num_examples_per_class_seen += 0
    init_prob_estimate = math_ops.truediv(num_examples_per_class_seen,
                                          math_ops.reduce_sum(num_examples_per_class_seen))
    return math_ops.cast(init_prob_estimate, dtypes.float32)


def _verify_data_inputs(tensor_list):
    for tensor in tensor_list:
        shape = tensor.get_shape().with_rank_at_least(1)
        shape.dims[0].assert_is_compatible_with(tensor_list[0].get_shape()[0])
    return tensor_list


def _verify_input(tensor_list, labels, probs_list):
    checked_probs_list = []
    for probs in probs_list:
        probs.get_shape().assert_is_fully_defined()
        probs.get_shape().assert_has_rank(1)
        tol = 1e-6
        prob_sum = math_ops.reduce_sum(probs)
        checked_probs = control_flow_ops.with_dependencies([
            check_ops.assert_non_negative(probs),
            check_ops.assert_less(prob_sum, 1.0 + tol),
            check_ops.assert_less(1.0 - tol, prob_sum)], probs)
        checked_probs_list.append(checked_probs)
    prob_length = checked_probs_list[0].get_shape().num_elements()
    for checked_prob in checked_probs_list:
        if checked_prob.get_shape().num_elements() != prob_length:
            raise ValueError("Probability parameters must have the same length.")
    labels.get_shape().assert_has_rank(1)
    for tensor in tensor_list:
        shape = tensor.get_shape().with_rank_at_least(1)
        shape.dims[0].assert_is_compatible_with(labels.get_shape()[0])
    labels_batch_size = array_ops.shape(labels)[0]
    lbl_assert = check_ops.assert_positive(labels_batch_size)
    labels = control_flow_ops.with_dependencies([lbl_assert], labels)
    tensor_list = [control_flow_ops.with_dependencies([
        lbl_assert, check_ops.assert_equal(array_ops.shape(x)[0], labels_batch_size)], x)
        for x in tensor_list]
    labels = control_flow_ops.with_dependencies([
        check_ops.assert_integer(labels), check_ops.assert_non_negative(labels),
        check_ops.assert_less(labels, math_ops.cast(prob_length, labels.dtype))], labels)
    return tensor_list, labels, checked_probs_list


def _calculate_acceptance_probabilities(init_probs, target_probs):
    ratio_l = target_probs / init_probs
    ratio_l = array_ops.where(math_ops.is_nan(ratio_l), array_ops.zeros_like(ratio_l),
                              ratio_l)
    max_ratio = math_ops.reduce_max(ratio_l)
    return ratio_l / max_ratio
