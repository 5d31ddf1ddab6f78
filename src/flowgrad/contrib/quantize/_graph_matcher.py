"""TF 1.14's contrib/quantize graph_matcher: op-type tree patterns matched against ops.

A failed permutation of an unordered pattern's inputs keeps what its first inputs
matched in the result, as TF's does (the quantize rewrite reads such entries)."""
from __future__ import annotations

import itertools


class Pattern:
    """A pattern an op (and the tensor its parent consumes) may match."""

    def match(self, op, tensor):
        raise NotImplementedError('Method "match" not implemented.')


class OpTypePattern(Pattern):
    """Matches an op whose type is `op_type` ('*', one type, or 'A|B'), and its inputs
    the `inputs` patterns (in order, or in any order when `ordered_inputs` is False)."""

    def __init__(self, op_type, name=None, inputs=None, ordered_inputs=True):
        inputs = inputs or []
        if len(inputs) > 8:
            raise ValueError("Only < 8 inputs are allowed when ordered_inputs is False.")
        self._op_type = op_type
        self._name = name
        self._inputs = [p if isinstance(p, Pattern) else OpTypePattern(p) for p in inputs]
        self._ordered_inputs = ordered_inputs

    @property
    def name(self):
        return self._name

    def match(self, op, tensor):
        if self._op_type != "*" and op.type not in self._op_type.split("|"):
            return None
        result = MatchResult()
        result.add(self, op, tensor)
        if not self._inputs:
            return result
        if len(op.inputs) != len(self._inputs):
            return None
        orders = ([self._inputs] if self._ordered_inputs
                  else list(itertools.permutations(self._inputs)))
        for patterns in orders:
            for t, pattern in zip(op.inputs, patterns):
                sub = pattern.match(t.op, t)
                if sub is None:
                    break
                result.merge_from(sub)
            else:
                return result
        return None


class OneofPattern(Pattern):
    """Matches the first of `sub_patterns` that matches."""

    def __init__(self, sub_patterns):
        self._sub_patterns = sub_patterns

    def match(self, op, tensor):
        for pattern in self._sub_patterns:
            result = pattern.match(op, tensor)
            if result is not None:
                return result
        return None


class MatchResult:
    """The op and tensor each pattern of a match matched (also by pattern name)."""

    def __init__(self):
        self._pattern_to_op_tensor = {}
        self._name_to_pattern = {}

    def add(self, pattern, op, tensor):
        self._pattern_to_op_tensor[pattern] = op, tensor
        if pattern.name is not None:
            if pattern.name in self._name_to_pattern:
                raise ValueError(f"Name {pattern.name} is already bound to another pattern")
            self._name_to_pattern[pattern.name] = pattern

    def _op_tensor(self, pattern_or_name):
        if isinstance(pattern_or_name, str):
            pattern_or_name = self._name_to_pattern.get(pattern_or_name)
        elif not isinstance(pattern_or_name, Pattern):
            raise ValueError(f"pattern_or_name has type {type(pattern_or_name)}. "
                             "Expect Pattern or str.")
        return self._pattern_to_op_tensor.get(pattern_or_name)

    def get_op(self, pattern_or_name):
        found = self._op_tensor(pattern_or_name)
        return found[0] if found else None

    def get_tensor(self, pattern_or_name):
        found = self._op_tensor(pattern_or_name)
        return found[1] if found else None

    def merge_from(self, other):
        self._pattern_to_op_tensor.update(other._pattern_to_op_tensor)
        self._name_to_pattern.update(other._name_to_pattern)


class GraphMatcher:
    """Matches ops against one pattern."""

    def __init__(self, pattern):
        self._pattern = pattern

    def match_op(self, op):
        return self._pattern.match(op, None)

    def match_ops(self, ops):
        for op in ops:
            result = self.match_op(op)
            if result:
                yield result

    def match_graph(self, graph):
        yield from self.match_ops(graph.get_operations())
