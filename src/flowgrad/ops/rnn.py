"""TF 1.14's RNN drivers (`tensorflow.python.ops.rnn`): dynamic_rnn, static_rnn and the
bidirectional versions, composed as TF composes them (a while_loop over TensorArrays
for dynamic_rnn; sequence_length zeroes outputs past each length and copies the state
through)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.framework.tensor_shape import TensorShape, dimension_value
from ..engine.ops.control_flow import cond as _cf_cond
from ..engine.ops.control_flow import while_loop
from . import _nest as nest
from . import array_ops, math_ops
from . import variable_scope as vs
from .logging_ops import Assert
from .rnn_cell_impl import RNNCell, _concat
from .tensor_array_ops import TensorArray
from ..engine.ops.comparison import equal as _equal
from ..engine.ops.comparison import logical_not as _logical_not
from ..engine.ops.comparison import logical_or as _logical_or

__all__ = ["bidirectional_dynamic_rnn", "dynamic_rnn", "raw_rnn", "static_bidirectional_rnn",
           "static_rnn", "static_state_saving_rnn"]


def _assert_like_rnncell(name, cell):
    """TF's assert_like_rnncell: the conditions that fail, named."""
    conditions = [hasattr(cell, "output_size"), hasattr(cell, "state_size"),
                  hasattr(cell, "get_initial_state") or hasattr(cell, "zero_state"),
                  callable(cell)]
    errors = ["'output_size' property is missing", "'state_size' property is missing",
              "either 'zero_state' or 'get_initial_state' method is required",
              "is not callable"]
    if not all(conditions):
        raise TypeError(f"The argument {name!r} ({cell}) is not an RNNCell: " +
                        ", ".join(e for e, c in zip(errors, conditions) if not c) + ".")


def _is_keras_rnn_cell(cell):
    """TF's _is_keras_rnn_cell: a Keras layer cell (no zero_state), not an RNNCell."""
    return (not isinstance(cell, RNNCell) and hasattr(cell, "get_initial_state") and
            hasattr(cell, "add_weight") and getattr(cell, "zero_state", None) is None)


def _transpose_batch_time(x):
    """[batch, time, ...] <-> [time, batch, ...]."""
    x_static_shape = x.shape
    if x_static_shape.ndims is not None and x_static_shape.ndims < 2:
        return x
    x_rank = array_ops.rank(x)
    x_t = array_ops.transpose(x, array_ops.concat(([1, 0], array_ops.range(2, x_rank)), 0))
    if x_static_shape.ndims is not None:
        x_t.set_shape(TensorShape([x_static_shape.dims[1], x_static_shape.dims[0]])
                      .concatenate(x_static_shape[2:]))
    return x_t


def _best_effort_input_batch_size(flat_input):
    for input_ in flat_input:
        shape = input_.shape
        if shape.ndims is None:
            continue
        if shape.ndims < 2:
            raise ValueError(f"Expected input tensor {input_} to have rank at least 2")
        batch_size = dimension_value(shape[1])
        if batch_size is not None:
            return batch_size
    return array_ops.shape(flat_input[0])[1]


def _infer_state_dtype(explicit_dtype, state):
    if explicit_dtype is not None:
        return explicit_dtype
    if nest.is_sequence(state):
        inferred = [e.dtype for e in nest.flatten(state)]
        if not inferred:
            raise ValueError("Unable to infer dtype from empty state.")
        if any(d != inferred[0] for d in inferred):
            raise ValueError("State has tensors of different inferred_dtypes. Unable to infer a "
                             "single representative dtype.")
        return inferred[0]
    return state.dtype


def _static_concat(prefix, suffix):
    """TF's `_concat(prefix, suffix, static=True)` as a TensorShape: like TF it makes the
    Const ops of a fully defined prefix / suffix (graph-seeded random ops count them)."""
    return TensorShape(_concat(prefix, suffix, static=True))


def _shape_concat(prefix, suffix):
    """TensorShape(prefix) + suffix (a shape, or a Tensor's constant value), no ops."""
    if isinstance(suffix, Tensor):
        v = constant_value(suffix)   # TF's _maybe_tensor_shape_from_tensor
        suffix = TensorShape(None) if v is None else TensorShape(list(v))
    return TensorShape(list(prefix)).concatenate(TensorShape(suffix))


def _zeros(batch_size, size, dtype):
    """Zeros [batch_size] + size made as TF's rnn makes them (Const, Const, ConcatV2, Fill)."""
    shape = _concat(batch_size, size)
    return array_ops.zeros(shape if isinstance(shape, Tensor) else array_ops.stack(shape),
                           dtype)


def _copy_one_through(copy_cond, output, new_output):
    if isinstance(output, TensorArray):
        return new_output
    if output.shape.ndims == 0:
        return new_output
    return array_ops.where(copy_cond, output, new_output)


def _rnn_step(time, sequence_length, zero_output, state, call_cell,
              min_sequence_length=None, max_sequence_length=None, skip_conditionals=True):
    """One step with sequence_length: past a sequence's length its output is zero and its
    state is copied through (TF's _rnn_step). dynamic_rnn selects at every step
    (skip_conditionals); static_rnn builds TF's two conds: all copied through from
    max_sequence_length on, nothing copied before min_sequence_length."""
    flat_state = nest.flatten(state)
    flat_zero_output = nest.flatten(zero_output)
    copy_cond = time >= sequence_length

    def _copy_some_through(flat_new_output, flat_new_state):
        return ([_copy_one_through(copy_cond, z, o)
                 for z, o in zip(flat_zero_output, flat_new_output)] +
                [_copy_one_through(copy_cond, s, n)
                 for s, n in zip(flat_state, flat_new_state)])

    def _call():
        new_output, new_state = call_cell()
        nest.assert_same_structure(zero_output, new_output)
        nest.assert_same_structure(state, new_state)
        return nest.flatten(new_output), nest.flatten(new_state)

    if skip_conditionals:
        final = _copy_some_through(*_call())
    else:
        def _maybe_copy_some_through():
            flat_new_output, flat_new_state = _call()
            return _cf_cond(time < min_sequence_length,
                            lambda: flat_new_output + flat_new_state,
                            lambda: _copy_some_through(flat_new_output, flat_new_state))

        final = _cf_cond(time >= max_sequence_length,
                         lambda: flat_zero_output + flat_state, _maybe_copy_some_through)
        final = list(final) if isinstance(final, (list, tuple)) else [final]
    final_output = final[:len(flat_zero_output)]
    final_state = final[len(flat_zero_output):]
    for output, flat_output in zip(final_output, flat_zero_output):
        output.set_shape(flat_output.shape)
    for substate, flat_substate in zip(final_state, flat_state):
        if not isinstance(substate, TensorArray):
            substate.set_shape(flat_substate.shape)
    return (nest.pack_sequence_as(zero_output, final_output),
            nest.pack_sequence_as(state, final_state))


def _initial_state(cell, initial_state, dtype, batch_size, msg):
    if initial_state is not None:
        return initial_state
    if not dtype:
        raise ValueError(msg)
    if getattr(cell, "get_initial_state", None) is not None:
        return cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype)
    return cell.zero_state(batch_size, dtype)


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None,
                parallel_iterations=None, swap_memory=False, time_major=False, scope=None):
    """Runs `cell` over the time steps of `inputs` in one while_loop.

    Returns (outputs, final_state): outputs [batch, time, ...] (time-major if
    `time_major`); with `sequence_length`, outputs past a sequence's length are
    zero and its final state is the state at its last step.
    """
    _assert_like_rnncell("cell", cell)
    with vs.variable_scope(scope or "rnn"):
        flat_input = nest.flatten(inputs)
        if not time_major:
            flat_input = [convert_to_tensor(input_) for input_ in flat_input]
            flat_input = tuple(_transpose_batch_time(input_) for input_ in flat_input)
        parallel_iterations = parallel_iterations or 32
        if sequence_length is not None:
            sequence_length = math_ops.cast(sequence_length, _dt.int32)
            if sequence_length.shape.ndims not in (None, 1):
                raise ValueError(f"sequence_length must be a vector of length batch_size, but "
                                 f"saw shape: {sequence_length.shape}")
            sequence_length = array_ops.identity(sequence_length, name="sequence_length")
        batch_size = _best_effort_input_batch_size(flat_input)
        state = _initial_state(cell, initial_state, dtype, batch_size,
                               "If there is no initial_state, you must give a dtype.")
        if sequence_length is not None:
            x_shape = array_ops.shape(sequence_length)
            packed_shape = array_ops.stack([batch_size])
            check = Assert(math_ops.reduce_all(_equal(x_shape, packed_shape)),
                           [f"Expected shape for Tensor {sequence_length.name} is ",
                            packed_shape, " but saw shape: ", x_shape])
            with get_default_graph().control_dependencies([check]):
                sequence_length = array_ops.identity(sequence_length, name="CheckSeqLen")
        inputs = nest.pack_sequence_as(inputs, flat_input)
        outputs, final_state = _dynamic_rnn_loop(cell, inputs, state, parallel_iterations,
                                                 swap_memory, sequence_length, dtype)
        if not time_major:
            outputs = nest.map_structure(_transpose_batch_time, outputs)
        return outputs, final_state


def _dynamic_rnn_loop(cell, inputs, initial_state, parallel_iterations, swap_memory,
                      sequence_length=None, dtype=None):
    state = initial_state
    flat_input = nest.flatten(inputs)
    flat_output_size = nest.flatten(cell.output_size)
    input_shape = array_ops.shape(flat_input[0])
    time_steps = input_shape[0]
    batch_size = _best_effort_input_batch_size(flat_input)
    inputs_got_shape = tuple(input_.shape.with_rank_at_least(3) for input_ in flat_input)
    const_time_steps, const_batch_size = inputs_got_shape[0].as_list()[:2]
    for shape in inputs_got_shape:
        if not shape[2:].is_fully_defined():
            raise ValueError("Input size (depth of inputs) must be accessible via shape "
                             "inference, but saw value None.")
        if const_time_steps != dimension_value(shape[0]):
            raise ValueError("Time steps is not the same for all the elements in the input "
                             "in a batch.")
        if const_batch_size != dimension_value(shape[1]):
            raise ValueError("Batch_size is not the same for all the elements in the input.")
    state_dtype = _infer_state_dtype(dtype, state)
    flat_zero_output = tuple(_zeros(batch_size, size, state_dtype) for size in flat_output_size)
    zero_output = nest.pack_sequence_as(cell.output_size, flat_zero_output)
    if sequence_length is not None:
        math_ops.reduce_min(sequence_length)
        max_sequence_length = math_ops.reduce_max(sequence_length)
    else:
        max_sequence_length = time_steps
    time = constant(0, dtype=_dt.int32, name="time")
    with name_scope("dynamic_rnn") as scope:
        base_name = scope

    def _create_ta(name, element_shape, dtype):
        return TensorArray(dtype=dtype, size=time_steps, element_shape=element_shape,
                           tensor_array_name=base_name + name)

    output_ta = tuple(
        _create_ta("output_%d" % i,
                   element_shape=_shape_concat([const_batch_size], out_size),
                   dtype=state_dtype) for i, out_size in enumerate(flat_output_size))
    input_ta = tuple(_create_ta("input_%d" % i, element_shape=inp.shape[1:], dtype=inp.dtype)
                     for i, inp in enumerate(flat_input))
    input_ta = tuple(ta.unstack(input_) for ta, input_ in zip(input_ta, flat_input))

    def _time_step(time, output_ta_t, state):
        input_t = tuple(ta.read(time) for ta in input_ta)
        for input_, shape in zip(input_t, inputs_got_shape):
            input_.set_shape(shape[1:])
        input_t = nest.pack_sequence_as(inputs, input_t)

        # a Keras cell takes and returns its state as a list, even a single tensor
        keras_cell = _is_keras_rnn_cell(cell)
        if keras_cell and not nest.is_sequence(state):
            state = [state]

        def call_cell():
            return cell(input_t, state)

        if sequence_length is not None:
            output, new_state = _rnn_step(time, sequence_length, zero_output, state,
                                          call_cell)
        else:
            output, new_state = call_cell()
        if keras_cell and len(new_state) == 1:
            new_state = new_state[0]
        output = nest.flatten(output)
        output_ta_t = tuple(ta.write(time, out) for ta, out in zip(output_ta_t, output))
        return (time + 1, output_ta_t, new_state)

    loop_bound = math_ops.minimum(time_steps, math_ops.maximum(1, max_sequence_length))
    _, output_final_ta, final_state = while_loop(
        cond=lambda time, *_: time < loop_bound, body=_time_step,
        loop_vars=(time, output_ta, state), parallel_iterations=parallel_iterations,
        maximum_iterations=time_steps, swap_memory=swap_memory)
    final_outputs = tuple(ta.stack() for ta in output_final_ta)
    for output, output_size in zip(final_outputs, flat_output_size):
        output.set_shape(_static_concat([const_time_steps, const_batch_size], output_size))
    final_outputs = nest.pack_sequence_as(cell.output_size, final_outputs)
    return final_outputs, final_state


def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None,
               scope=None):
    """Runs `cell` over a Python list of inputs (one graph copy per step, shared weights).

    Returns (outputs, state): a list of outputs, one per input, and the final state.
    """
    _assert_like_rnncell("cell", cell)
    if not nest.is_sequence(inputs):
        raise TypeError("inputs must be a sequence")
    if not inputs:
        raise ValueError("inputs must not be empty")
    outputs = []
    with vs.variable_scope(scope or "rnn") as varscope:
        first_input = inputs
        while nest.is_sequence(first_input):
            first_input = first_input[0]
        first_input = convert_to_tensor(first_input)
        if first_input.shape.ndims != 1:
            input_shape = first_input.shape.with_rank_at_least(2)
            fixed_batch_size = input_shape[0]
            for flat_input in nest.flatten(inputs):
                input_shape = convert_to_tensor(flat_input).shape.with_rank_at_least(2)
                fixed_batch_size = fixed_batch_size.merge_with(input_shape[0])
                for i, size in enumerate(input_shape[1:].dims):
                    if dimension_value(size) is None:
                        raise ValueError(f"Input size (dimension {i} of inputs) must be "
                                         "accessible via shape inference, but saw value None.")
        else:
            fixed_batch_size = first_input.shape.with_rank_at_least(1)[0]
        batch_size = dimension_value(fixed_batch_size) or array_ops.shape(first_input)[0]
        state = _initial_state(cell, initial_state, dtype, batch_size,
                               "If no initial_state is provided, dtype must be specified")
        if sequence_length is not None:
            sequence_length = convert_to_tensor(sequence_length, name="sequence_length")
            if sequence_length.shape.ndims not in (None, 1):
                raise ValueError("sequence_length must be a vector of length batch_size")
            state_dtype = _infer_state_dtype(dtype, state)

            def _create_zero_output(output_size):
                output = _zeros(batch_size, output_size, state_dtype)
                output.set_shape(_static_concat([dimension_value(fixed_batch_size)],
                                                output_size))
                return output

            output_size = cell.output_size
            zero_output = nest.pack_sequence_as(
                output_size, tuple(_create_zero_output(s) for s in nest.flatten(output_size)))
            sequence_length = math_ops.cast(sequence_length, _dt.int32)
            min_sequence_length = math_ops.reduce_min(sequence_length)
            max_sequence_length = math_ops.reduce_max(sequence_length)
        keras_cell = _is_keras_rnn_cell(cell)
        if keras_cell and not nest.is_sequence(state):
            state = [state]
        for time, input_ in enumerate(inputs):
            if time > 0:
                varscope.reuse_variables()

            def call_cell(input_=input_, state=state):
                return cell(input_, state)

            if sequence_length is not None:
                output, state = _rnn_step(time, sequence_length, zero_output, state,
                                          call_cell, min_sequence_length,
                                          max_sequence_length, skip_conditionals=False)
            else:
                output, state = call_cell()
            outputs.append(output)
        if keras_cell and len(state) == 1:
            state = state[0]
        return outputs, state


def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None,
                            scope=None):
    """static_rnn from `state_saver`'s states `state_name` (a name, or a structure of names
    like cell.state_size); the final states are saved back (save_state) before the last
    output and the state, Identities, can be read. Returns (outputs, state)."""
    state_size = cell.state_size
    state_is_tuple = nest.is_sequence(state_size)
    if state_is_tuple != nest.is_sequence(state_name):
        raise ValueError("state_name should be the same type as cell.state_size.  "
                         "state_name: %s, cell.state_size: %s" % (str(state_name),
                                                                   str(state_size)))
    if state_is_tuple:
        names, sizes = nest.flatten(state_name), nest.flatten(state_size)
        if len(names) != len(sizes):
            raise ValueError("#elems(state_name) != #elems(state_size): %d vs. %d"
                             % (len(names), len(sizes)))
        initial_state = nest.pack_sequence_as(structure=state_size,
                                              flat_sequence=[state_saver.state(s)
                                                             for s in names])
    else:
        initial_state = state_saver.state(state_name)
    outputs, state = static_rnn(cell, inputs, initial_state=initial_state,
                                sequence_length=sequence_length, scope=scope)
    flat_state = nest.flatten(state) if state_is_tuple else [state]
    names = nest.flatten(state_name) if state_is_tuple else [state_name]
    saves = [state_saver.save_state(n, s) for n, s in zip(names, flat_state)]
    with get_default_graph().control_dependencies(saves):
        last = outputs[-1]
        outputs[-1] = nest.pack_sequence_as(
            structure=last, flat_sequence=[array_ops.identity(o) for o in nest.flatten(last)])
        if state_is_tuple:
            state = nest.pack_sequence_as(structure=state, flat_sequence=[
                array_ops.identity(s) for s in flat_state])
        else:
            state = array_ops.identity(state)
    return outputs, state


def _reverse_sequence(input_, seq_lengths, seq_axis, batch_axis):
    """input_ with the first seq_lengths[b] steps of each batch entry b reversed (TF's
    ReverseSequence op), or all steps without seq_lengths (ReverseV2)."""
    if seq_lengths is None:
        return array_ops.reverse(input_, axis=[seq_axis])
    return array_ops.reverse_sequence(input=input_, seq_lengths=seq_lengths,
                                      seq_axis=seq_axis, batch_axis=batch_axis)


def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None,
                              initial_state_fw=None, initial_state_bw=None, dtype=None,
                              parallel_iterations=None, swap_memory=False, time_major=False,
                              scope=None):
    """dynamic_rnn forwards (scope fw) and over the reversed sequences (scope bw).

    Returns ((output_fw, output_bw), (output_state_fw, output_state_bw)); output_bw
    is reversed back into input order.
    """
    _assert_like_rnncell("cell_fw", cell_fw)
    _assert_like_rnncell("cell_bw", cell_bw)
    with vs.variable_scope(scope or "bidirectional_rnn"):
        with vs.variable_scope("fw") as fw_scope:
            output_fw, output_state_fw = dynamic_rnn(
                cell=cell_fw, inputs=inputs, sequence_length=sequence_length,
                initial_state=initial_state_fw, dtype=dtype,
                parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=fw_scope)
        time_axis, batch_axis = (0, 1) if time_major else (1, 0)

        def _reverse(input_):
            return _reverse_sequence(input_, sequence_length, time_axis, batch_axis)

        with vs.variable_scope("bw") as bw_scope:
            inputs_reverse = nest.map_structure(_reverse, inputs)
            tmp, output_state_bw = dynamic_rnn(
                cell=cell_bw, inputs=inputs_reverse, sequence_length=sequence_length,
                initial_state=initial_state_bw, dtype=dtype,
                parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=bw_scope)
    output_bw = nest.map_structure(_reverse, tmp)
    return (output_fw, output_bw), (output_state_fw, output_state_bw)


def _reverse_seq(input_seq, lengths):
    if lengths is None:
        return list(reversed(input_seq))
    flat_input_seq = tuple(nest.flatten(input_) for input_ in input_seq)
    flat_results = [[] for _ in range(len(input_seq))]
    for sequence in zip(*flat_input_seq):
        input_shape = TensorShape(None)
        for input_ in sequence:
            input_shape = input_shape.merge_with(input_.shape)
        s_joined = array_ops.stack(sequence)
        s_reversed = _reverse_sequence(s_joined, lengths, 0, 1)
        result = array_ops.unstack(s_reversed)
        for r, flat_result in zip(result, flat_results):
            r.set_shape(input_shape)
            flat_result.append(r)
    return [nest.pack_sequence_as(input_, flat_result)
            for input_, flat_result in zip(input_seq, flat_results)]


def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None,
                             initial_state_bw=None, dtype=None, sequence_length=None,
                             scope=None):
    """static_rnn forwards and backwards; outputs are the two concatenated per step.

    Returns (outputs, output_state_fw, output_state_bw).
    """
    _assert_like_rnncell("cell_fw", cell_fw)
    _assert_like_rnncell("cell_bw", cell_bw)
    if not nest.is_sequence(inputs):
        raise TypeError("inputs must be a sequence")
    if not inputs:
        raise ValueError("inputs must not be empty")
    with vs.variable_scope(scope or "bidirectional_rnn"):
        with vs.variable_scope("fw") as fw_scope:
            output_fw, output_state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype,
                                                    sequence_length, scope=fw_scope)
        with vs.variable_scope("bw") as bw_scope:
            reversed_inputs = _reverse_seq(inputs, sequence_length)
            tmp, output_state_bw = static_rnn(cell_bw, reversed_inputs, initial_state_bw,
                                              dtype, sequence_length, scope=bw_scope)
    output_bw = _reverse_seq(tmp, sequence_length)
    flat_outputs = tuple(array_ops.concat([fw, bw], 1) for fw, bw in
                         zip(nest.flatten(output_fw), nest.flatten(output_bw)))
    outputs = nest.pack_sequence_as(output_fw, flat_outputs)
    return outputs, output_state_fw, output_state_bw


def raw_rnn(cell, loop_fn, parallel_iterations=None, swap_memory=False, scope=None):
    """An RNN whose inputs, state and emitted values `loop_fn` decides at every step.

    loop_fn(time, cell_output, cell_state, loop_state) -> (elements_finished, next_input,
    next_cell_state, emit_output, next_loop_state); returns (emit_ta, final_state,
    final_loop_state), emit_ta a TensorArray (or structure of them) of the emitted values.
    """
    _assert_like_rnncell("cell", cell)
    if not callable(loop_fn):
        raise TypeError("loop_fn must be a callable")
    parallel_iterations = parallel_iterations or 32
    with vs.variable_scope(scope or "rnn"):
        time = constant(0, dtype=_dt.int32)
        elements_finished, next_input, initial_state, emit_structure, init_loop_state = \
            loop_fn(time, None, None, None)   # (TF passes them by position)
        flat_input = nest.flatten(next_input)
        loop_state = init_loop_state if init_loop_state is not None else \
            constant(0, dtype=_dt.int32)
        static_batch_size = flat_input[0].shape.with_rank_at_least(1)[0]
        for inp in flat_input:
            static_batch_size = static_batch_size.merge_with(
                inp.shape.with_rank_at_least(1)[0])
        batch_size = dimension_value(static_batch_size)
        const_batch_size = batch_size
        if batch_size is None:
            batch_size = array_ops.shape(flat_input[0])[0]
        nest.assert_same_structure(initial_state, cell.state_size)
        flat_state = [convert_to_tensor(s) for s in nest.flatten(initial_state)]
        state = nest.pack_sequence_as(initial_state, flat_state)
        if emit_structure is not None:
            flat_emit_structure = nest.flatten(emit_structure)
            flat_emit_size = [e.shape if e.shape.is_fully_defined() else array_ops.shape(e)
                              for e in flat_emit_structure]
            flat_emit_dtypes = [e.dtype for e in flat_emit_structure]
        else:
            emit_structure = cell.output_size
            flat_emit_size = nest.flatten(emit_structure)
            flat_emit_dtypes = [flat_state[0].dtype] * len(flat_emit_size)
        flat_emit_ta = [
            TensorArray(dtype=dt, dynamic_size=True, size=0,
                        element_shape=_shape_concat([const_batch_size], size),
                        name="rnn_output_%d" % i)
            for i, (dt, size) in enumerate(zip(flat_emit_dtypes, flat_emit_size))]
        emit_ta = nest.pack_sequence_as(emit_structure, flat_emit_ta)
        flat_zero_emit = [array_ops.zeros(_concat(batch_size, size), dt)
                          for size, dt in zip(flat_emit_size, flat_emit_dtypes)]
        zero_emit = nest.pack_sequence_as(emit_structure, flat_zero_emit)

        def condition(unused_time, elements_finished, *_):
            return _logical_not(math_ops.reduce_all(elements_finished))

        def body(time, elements_finished, current_input, emit_ta, state, loop_state):
            next_output, cell_state = cell(current_input, state)
            nest.assert_same_structure(state, cell_state)
            nest.assert_same_structure(cell.output_size, next_output)
            next_time = time + 1
            next_finished, next_input, next_state, emit_output, next_loop_state = loop_fn(
                next_time, next_output, cell_state, loop_state)
            nest.assert_same_structure(state, next_state)
            nest.assert_same_structure(current_input, next_input)
            nest.assert_same_structure(emit_ta, emit_output)
            loop_state = loop_state if next_loop_state is None else next_loop_state

            def copy_some_through(current, candidate):
                def copy_fn(cur_i, cand_i):
                    if isinstance(cur_i, TensorArray) or cur_i.shape.ndims == 0:
                        return cand_i
                    return array_ops.where(elements_finished, cur_i, cand_i)
                return nest.map_structure(copy_fn, current, candidate)

            emit_output = copy_some_through(zero_emit, emit_output)
            next_state = copy_some_through(state, next_state)
            emit_ta = nest.map_structure(lambda ta, emit: ta.write(time, emit), emit_ta,
                                         emit_output)
            elements_finished = _logical_or(elements_finished, next_finished)
            return (next_time, elements_finished, next_input, emit_ta, next_state, loop_state)

        returned = while_loop(condition, body, loop_vars=[
            time, elements_finished, next_input, emit_ta, state, loop_state],
            parallel_iterations=parallel_iterations, swap_memory=swap_memory)
        emit_ta, final_state, final_loop_state = returned[-3:]
        if init_loop_state is None:
            final_loop_state = None
        return emit_ta, final_state, final_loop_state
