"""tf.contrib.graph_editor's select: ops and tensors by name, by filter, and by graph
walks (TF 1.14's contrib/graph_editor/select.py). As TF's, a walk's result lists its
seeds, then each wave of new ops in no fixed order."""
from __future__ import annotations

import re

from ...engine.framework.graph import Graph, Tensor
from . import util

__all__ = ["can_be_regex", "make_regex", "filter_ts", "filter_ts_from_regex", "filter_ops",
           "filter_ops_from_regex", "get_name_scope_ops", "check_cios", "get_ops_ios",
           "compute_boundary_ts", "get_within_boundary_ops", "get_forward_walk_ops",
           "get_backward_walk_ops", "get_walks_intersection_ops", "get_walks_union_ops",
           "select_ops", "select_ts", "select_ops_and_ts"]

_RE_TYPE = type(re.compile(""))


def can_be_regex(obj):
    return isinstance(obj, (str, _RE_TYPE))


def make_regex(obj):
    """A compiled regex of a string (a compiled one as it is)."""
    if not can_be_regex(obj):
        raise ValueError(f"Expected a string or a regex, got: {type(obj)}")
    return re.compile(obj) if isinstance(obj, str) else obj


def _get_input_ts(ops):
    ts = []
    for op in util.make_list_of_op(ops):
        util.concatenate_unique(ts, op.inputs)
    return ts


def _get_output_ts(ops):
    return [t for op in util.make_list_of_op(ops) for t in op.outputs]


def filter_ts(ops, positive_filter):
    """The inputs then the outputs of `ops` (each once) that pass `positive_filter`
    (True: all)."""
    ops = util.make_list_of_op(ops)
    ts = util.concatenate_unique(_get_input_ts(ops), _get_output_ts(ops))
    return ts if positive_filter is True else [t for t in ts if positive_filter(t)]


def filter_ts_from_regex(ops, regex):
    """filter_ts keeping the tensors whose name the regex finds."""
    regex = make_regex(regex)
    return filter_ts(util.make_list_of_op(ops), lambda t: regex.search(t.name))


def filter_ops(ops, positive_filter):
    """The ops passing `positive_filter` (True: all)."""
    ops = util.make_list_of_op(ops)
    return ops if positive_filter is True else [op for op in ops if positive_filter(op)]


def filter_ops_from_regex(ops, regex):
    """The ops whose name the regex finds."""
    regex = make_regex(regex)
    return filter_ops(util.make_list_of_op(ops), lambda op: regex.search(op.name))


def get_name_scope_ops(ops, scope):
    """The ops named `scope` or under it."""
    if scope and scope[-1] == "/":
        scope = scope[:-1]
    return filter_ops_from_regex(ops, f"^{scope}(/.*)?$")


def check_cios(control_inputs=False, control_outputs=None, control_ios=None):
    """(control_inputs, control_outputs) of the walks' arguments; control_ios sets both."""
    if control_ios is not None:
        if not isinstance(control_ios, util.ControlOutputs):
            raise TypeError(f"Expected a util.ControlOutputs, got: {type(control_ios)}")
        if control_outputs is not None:
            raise ValueError("control_outputs should be None when using control_ios.")
        control_inputs, control_outputs = True, control_ios
    elif control_outputs is not None and not isinstance(control_outputs, util.ControlOutputs):
        raise TypeError(f"Expected a util.ControlOutputs, got: {type(control_outputs)}")
    if control_outputs is not None:
        control_outputs.update()
    return control_inputs, control_outputs


def get_ops_ios(ops, control_inputs=False, control_outputs=None, control_ios=None):
    """The ops connected to an op of `ops`: producers of its inputs, consumers of its
    outputs, and (if asked) its control outputs and inputs."""
    control_inputs, control_outputs = check_cios(control_inputs, control_outputs, control_ios)
    res = []
    for op in util.make_list_of_op(ops):
        util.concatenate_unique(res, [t.op for t in op.inputs])
        for t in op.outputs:
            util.concatenate_unique(res, t.consumers())
        if control_outputs is not None:
            util.concatenate_unique(res, control_outputs.get(op))
        if control_inputs:
            util.concatenate_unique(res, op.control_inputs)
    return res


def compute_boundary_ts(ops):
    """(outside_input_ts, outside_output_ts, inside_ts) of the subgraph of `ops`: inputs
    from outside, outputs read outside (or not at all), tensors produced and read inside."""
    ops = util.make_list_of_op(ops)
    input_ts, output_ts = _get_input_ts(ops), _get_output_ts(ops)
    produced, members = frozenset(output_ts), frozenset(ops)
    inside = [t for t in input_ts if t in produced]
    only_inside = frozenset(t for t in inside if not frozenset(t.consumers()) - members)
    inside_set = frozenset(inside)
    return ([t for t in input_ts if t not in inside_set],
            [t for t in output_ts if t not in only_inside], inside)


def get_within_boundary_ops(ops, seed_ops, boundary_ops=(), inclusive=True,
                            control_inputs=False, control_outputs=None, control_ios=None):
    """The ops of `ops` connected to `seed_ops` without crossing `boundary_ops` (which are
    in the result if `inclusive`), in the order of `ops`."""
    control_inputs, control_outputs = check_cios(control_inputs, control_outputs, control_ios)
    ops = util.make_list_of_op(ops)
    seed_ops = util.make_list_of_op(seed_ops, allow_graph=False)
    boundary = set(util.make_list_of_op(boundary_ops))
    res = set(seed_ops)
    if boundary & res:
        raise ValueError("Boundary is intersecting with the seeds.")
    wave = set(seed_ops)
    while wave:
        new_wave = set()
        for op in get_ops_ios(wave, control_inputs, control_outputs):
            if op in res:
                continue
            if op not in boundary:
                new_wave.add(op)
            elif inclusive:
                res.add(op)
        res.update(new_wave)
        wave = new_wave
    return [op for op in ops if op in res]


def _walk_seeds(seed_ops, of_ts, within_ops):
    if not util.is_iterable(seed_ops):
        seed_ops = [seed_ops]
    if not seed_ops:
        return None, None
    if isinstance(seed_ops[0], Tensor):
        seed_ops = of_ts(util.make_list_of_t(seed_ops, allow_graph=False))
    else:
        seed_ops = util.make_list_of_op(seed_ops, allow_graph=False)
    seed_ops = frozenset(util.make_list_of_op(seed_ops))
    if within_ops:
        within_ops = frozenset(util.make_list_of_op(within_ops, allow_graph=False))
        seed_ops &= within_ops
    return seed_ops, within_ops or None


def _walk(seed_ops, within_ops, within_ops_fn, step, inclusive):
    def fits(op):
        return (within_ops is None or op in within_ops) and \
            (within_ops_fn is None or within_ops_fn(op))
    result = list(seed_ops)
    seen = set(result)
    wave = set(seed_ops)
    while wave:
        new_wave = {op for x in wave for op in step(x) if op not in seen and fits(op)}
        result.extend(new_wave)
        seen |= new_wave
        wave = new_wave
    return result if inclusive else [op for op in result if op not in seed_ops]


def get_forward_walk_ops(seed_ops, inclusive=True, within_ops=None, within_ops_fn=None,
                         stop_at_ts=(), control_outputs=None):
    """The ops reached from `seed_ops` (or the consumers of seed tensors) through the
    consumers of their outputs (not through `stop_at_ts`; also through control outputs
    if given), staying within `within_ops` / `within_ops_fn`."""
    _, control_outputs = check_cios(False, control_outputs)
    seeds, within_ops = _walk_seeds(seed_ops, util.get_consuming_ops, within_ops)
    if seeds is None:
        return []
    stop = frozenset(util.make_list_of_t(stop_at_ts))

    def step(op):
        out = [c for t in op.outputs if t not in stop for c in t.consumers()]
        if control_outputs is not None:
            out.extend(control_outputs.get(op))
        return out
    return _walk(seeds, within_ops, within_ops_fn, step, inclusive)


def get_backward_walk_ops(seed_ops, inclusive=True, within_ops=None, within_ops_fn=None,
                          stop_at_ts=(), control_inputs=False):
    """The ops reached from `seed_ops` (or the ops of seed tensors) through the producers
    of their inputs (not through `stop_at_ts`; also through control inputs if asked)."""
    seeds, within_ops = _walk_seeds(seed_ops, util.get_generating_ops, within_ops)
    if seeds is None:
        return []
    stop = frozenset(util.make_list_of_t(stop_at_ts))

    def step(op):
        out = [t.op for t in op.inputs if t not in stop]
        if control_inputs:
            out.extend(op.control_inputs)
        return out
    return _walk(seeds, within_ops, within_ops_fn, step, inclusive)


def _walks(forward_seed_ops, backward_seed_ops, forward_inclusive, backward_inclusive,
           within_ops, within_ops_fn, control_inputs, control_outputs, control_ios):
    control_inputs, control_outputs = check_cios(control_inputs, control_outputs, control_ios)
    fwd = get_forward_walk_ops(forward_seed_ops, inclusive=forward_inclusive,
                               within_ops=within_ops, within_ops_fn=within_ops_fn,
                               control_outputs=control_outputs)
    bwd = get_backward_walk_ops(backward_seed_ops, inclusive=backward_inclusive,
                                within_ops=within_ops, within_ops_fn=within_ops_fn,
                                control_inputs=control_inputs)
    return fwd, bwd


def get_walks_intersection_ops(forward_seed_ops, backward_seed_ops, forward_inclusive=True,
                               backward_inclusive=True, within_ops=None, within_ops_fn=None,
                               control_inputs=False, control_outputs=None, control_ios=None):
    """The ops of the forward walk that the backward walk also reaches."""
    fwd, bwd = _walks(forward_seed_ops, backward_seed_ops, forward_inclusive,
                      backward_inclusive, within_ops, within_ops_fn, control_inputs,
                      control_outputs, control_ios)
    bwd = set(bwd)
    return [op for op in fwd if op in bwd]


def get_walks_union_ops(forward_seed_ops, backward_seed_ops, forward_inclusive=True,
                        backward_inclusive=True, within_ops=None, within_ops_fn=None,
                        control_inputs=False, control_outputs=None, control_ios=None):
    """The forward walk's ops, then the backward walk's it lacks."""
    fwd, bwd = _walks(forward_seed_ops, backward_seed_ops, forward_inclusive,
                      backward_inclusive, within_ops, within_ops_fn, control_inputs,
                      control_outputs, control_ios)
    return util.concatenate_unique(fwd, bwd)


def _select_kwargs(kwargs, own, other, colon):
    graph, positive_filter, restrict = None, None, False
    for k, v in kwargs.items():
        if k == "graph":
            graph = v
            if graph is not None and not isinstance(graph, Graph):
                raise TypeError(f"Expected a tf.Graph, got{colon} {type(graph)}")
        elif k == "positive_filter":
            positive_filter = v
        elif k == own:
            restrict = v
        elif k != other:
            raise ValueError(f"Wrong keywords argument: {k}.")
    return graph, positive_filter, restrict


def _select(args, graph, positive_filter, restrict, tag, other_tag, from_regex, make_list):
    out = []
    for arg in args:
        if can_be_regex(arg):
            if graph is None:
                raise ValueError("Use the keyword argument 'graph' to use regex.")
            regex = make_regex(arg)
            if regex.pattern.startswith(other_tag) or \
                    (restrict and not regex.pattern.startswith(tag)):
                continue
            found = from_regex(graph, regex)
        else:
            found = make_list(arg)
        if positive_filter is not None:
            found = [x for x in found if positive_filter(x)]
        util.concatenate_unique(out, found)
    return out


def select_ops(*args, **kwargs):
    """The ops named by `args`: ops, lists, graphs, or regexes (with graph=; one starting
    `(?#ts)` is for tensors only, and with restrict_ops_regex only `(?#ops)` ones count)."""
    graph, positive_filter, restrict = _select_kwargs(kwargs, "restrict_ops_regex",
                                                      "restrict_ts_regex", ":")
    return _select(args, graph, positive_filter, restrict, "(?#ops)", "(?#ts)",
                   filter_ops_from_regex, lambda a: util.make_list_of_op(a, ignore_ts=True))


def select_ts(*args, **kwargs):
    """The tensors named by `args` (as select_ops, with the tags swapped)."""
    graph, positive_filter, restrict = _select_kwargs(kwargs, "restrict_ts_regex",
                                                      "restrict_ops_regex", "")
    return _select(args, graph, positive_filter, restrict, "(?#ts)", "(?#ops)",
                   filter_ts_from_regex, lambda a: util.make_list_of_t(a, ignore_ops=True))


def select_ops_and_ts(*args, **kwargs):
    """(select_ops, select_ts) of `args`; a regex counts for tensors only if `(?#ts)`."""
    ops = select_ops(*args, restrict_ops_regex=False, **kwargs)
    ts = select_ts(*args, restrict_ts_regex=True, **kwargs)
    return ops, ts
