"""The function library of a written GraphDef: the bodies of flowgrad's call ops (Case,
PartitionedCall, StatefulPartitionedCall) as TF's FunctionDefs.

A call op's function attrs (`f`, `branches`) are written as TF's `func` AttrValues naming
a FunctionDef of the GraphDef's library, as TF 1.14 writes tf.function and
tf.switch_case. Each body (a FuncGraph) is written with the GraphDef writer itself (its
conds, loops and nested calls as in any graph), then turned into a FunctionDef: its
argument placeholders become the signature's input args (`input_<i>`), its outputs the
output args (`output_<i>`), and each node input `name:i` TF's function form
`name:<output arg>:<index>`. A body holding an op TF 1.14 lacks keeps flowgrad's string
attrs (TF rejects that graph, as before).

`FUNCTION_BODIES[op_type](op)` (registered by engine/ops/functional.py) gives, per
function attr, the bodies: (FuncGraph, a placeholder or None per call input after the
branch index, the body's outputs).

`DEFUN_CALLS[op_type](op)` (registered by engine/ops/defun.py) gives, for a call of a
Defun (an op whose type is the function's name: tf.nn.swish's `swish_f32`) or a
SymbolicGradient of one, [(instance, its gradient's instance or None)]: each is written
as a FunctionDef under its own name (TF's Defun signature: the Python arguments' names,
`_noinline`), and the library's gradient map pairs them, as TF 1.14 writes them.

Reading: `function_graph_def` turns a FunctionDef (TF's or flowgrad's) back into a
GraphDef that the importer adds to a FuncGraph (engine/ops/functional.py's call builders,
meta_graph.CALL_BUILDERS).
"""
from __future__ import annotations

import re

from .proto import shape_proto
from .registry import OPS
from .tf_hash import flat_map_order
from . import graph_records as _records

__all__ = ["DATASET_FUNCTIONS", "DEFUN_CALLS", "FUNCTION_BODIES", "FunctionLibrary",
           "ONE_SHOT_FACTORIES"]

FUNCTION_BODIES: dict = {}
DEFUN_CALLS: dict = {}
DATASET_FUNCTIONS: dict = {}
# OneShotIterator op -> (its dataset's variant tensor, fn() -> (a graph of its own, the
# placeholder standing for that tensor there, the pipeline's options applied to it)):
# TF's _make_dataset Defun (data/iterator_ops.py)
ONE_SHOT_FACTORIES = _records.GraphRecords("ONE_SHOT_FACTORIES")

# TF 1.14's auto_control_deps: stateful ops that a function's outputs need not wait for
# (ASYNC_STATEFUL_OPS and LEGACY_RANDOM_OPS)
_NOT_MUST_RUN = frozenset((
    "CollectiveGather", "CollectiveReduce", "CollectiveBcastSend", "CollectiveBcastRecv",
    "NcclAllReduce", "RandomUniform", "RandomUniformInt", "RandomStandardNormal",
    "ParameterizedTruncatedNormal", "TruncatedNormal", "RandomShuffle", "Multinomial",
    "RandomGamma", "RandomGammaGrad", "RandomPoisson", "RandomPoissonV2"))


class _Unwritable(Exception):
    """A body that cannot be a FunctionDef (an op TF lacks, an unknown output)."""


class FunctionLibrary:
    """The FunctionDefs written for one GraphDef (nested bodies included), by body."""

    def __init__(self, p, defs, write_graph):
        self.p = p
        self.defs = defs
        self.write_graph = write_graph   # graph_to_graph_def
        self.functions = []
        self.gradients = []   # (function name, gradient function name)
        self._defuns = {}     # Defun function name -> its FunctionDef
        self.defun_order = []   # Defun function names in the order TF adds them
        self._names = {}
        self._taken = set()
        self.add_shapes = False   # (a MetaGraph's: traced tf.data functions' node shapes)
        self.one_shots = []   # (OneShotIterator op, its node): their factories written last
        self._traced = {}   # traced tf.data function name -> its uid; _make_dataset: None
        self._nested = {None: []}   # traced function (None: the graph) -> those in its body
        self._tracing = [None]      # the traced functions being written, innermost last

    def write_call(self, op, node):
        """Sets `node`'s function attrs (op is a call op) to FunctionDefs of the library;
        leaves them as they are when a body cannot be written."""
        try:
            bodies = FUNCTION_BODIES[op.type](op)
            names = {attr: [self._add(op, *b) for b in bs] for attr, bs in bodies.items()}
        except (_Unwritable, NotImplementedError):
            return
        for attr, ns in names.items():
            av = self.p.attr_value_pb2.AttrValue()
            if op.type == "Case":
                av.list.SetInParent()
                for n in ns:
                    av.list.func.add().name = n
            else:
                av.func.name = ns[0]
            node.attr[attr].CopyFrom(av)

    def write_dataset(self, op, node):
        """Sets dataset op `op`'s function attrs (MapDataset's f, FilterDataset's
        predicate, GroupByWindow's key_func, ...: its OpDef's func attrs, in order) to the
        FunctionDefs of its traced functions, added to the library as TF 1.14's
        StructuredFunctionWrapper adds them; leaves them out when a body cannot be written."""
        infos = DATASET_FUNCTIONS[op.type](op)
        od = self.defs.get(op.type)
        attrs = [a[0] for a in od["attr"] if a[1] == "func"] if od else []
        if not infos or len(infos) != len(attrs):
            return
        try:
            names = [self._add_traced(info) for info in infos]
        except (_Unwritable, NotImplementedError):
            return
        for attr, name in zip(attrs, names):
            node.attr[attr].func.name = name

    def _add_traced(self, info):
        """A traced tf.data function as TF's defun writes it: its arguments (`args_<i>`,
        then each capture named after the op reading it), its body, an Identity per output
        (after TF's automatic control dependencies), the output args named after them."""
        g = info.graph
        name = g.name
        if name in self._taken:
            return name
        caps = [_traced_capture_name(g, ph, t)
                for ph, t in zip(info.inner_captures, info.outer_captures)]
        phs = info.args + info.inner_captures
        self._nested[name] = []
        self._tracing.append(name)
        try:
            fdef = self._function_def(g, phs, [t.dtype.base_dtype for t in phs],
                                      info.outputs, [ph.op.name for ph in info.args] + caps,
                                      self.add_shapes)
        finally:
            self._tracing.pop()
        self._taken.add(name)
        self._traced[name] = int(name.rsplit("_", 1)[1])
        self._nested[self._tracing[-1]].append(name)
        _traced_returns(fdef, g, self.defs, info.outputs if self.add_shapes else None)
        if self.add_shapes:
            _input_shapes(fdef, phs)
        _tf_defun_names(fdef)
        fdef.signature.name = name
        for i in range(len(phs)):
            fdef.arg_attr[i].SetInParent()
            if i < len(info.args):
                fdef.arg_attr[i].attr["_user_specified_name"].s = info.args[i].op.name.encode()
        self.functions.append(fdef)
        return name

    def write_one_shot(self, op, node, nodes, hash_of):
        """Sets a OneShotIterator's dataset_factory to TF 1.14's `_make_dataset` Defun:
        the pipeline's options applied (their ops made in a graph of their own), the
        pipeline's nodes (`nodes`: the written GraphDef's, by name) copied in by value
        where the first of those ops reads it (TF's capture_by_value: each input copied
        again each time it is reached, named in that op's scope), named after its
        FunctionDefHash (`hash_of(fdef)`)."""
        try:
            self._write_one_shot(op, node, nodes, hash_of)
        except (_Unwritable, KeyError, IndexError, NotImplementedError):
            return   # (a pipeline node written under another name, an op TF lacks)

    def _write_one_shot(self, op, node, nodes, hash_of):
        variant, make = ONE_SHOT_FACTORIES[op]
        g, stand_in, out = make()
        sub = self.write_graph(g, False, self)
        made = [n for n in sub.node if n.name != stand_in.op.name]
        reader = next((n for n in made if stand_in.op.name in
                       [i.split(":")[0] for i in n.input]), None)
        scope = reader.name + "/" if reader is not None else ""
        counts = {n.name.lower(): 1 for n in made}
        copies = []

        def copy(ref):   # (TF's _add_tensor_and_parents: no memo)
            name, _, k = ref.partition(":")
            src = nodes[name]
            inputs = [copy(i) for i in src.input if not i.startswith("^")]
            new = type(src)()
            new.CopyFrom(src)
            new.name = _tf_unique(scope + src.name, counts)
            if "_output_shapes" in new.attr:   # (a MetaGraph's: TF copies the op's NodeDef)
                del new.attr["_output_shapes"]
            del new.input[:]
            new.input.extend(inputs)
            copies.append(new)
            return f"{new.name}:{k}" if k else new.name
        root = copy(variant._as_node_def_input())
        at = made.index(reader) if reader is not None else len(made)
        order = made[:at] + copies + made[at:]
        from tensorboard.compat.proto import function_pb2  # lazy: optional (summary extra)
        fdef = function_pb2.FunctionDef()
        sig = fdef.signature
        by_name = {n.name: n for n in order}
        ports = {}

        def ref(inp):
            if inp.startswith("^"):
                return inp
            name, _, idx = inp.partition(":")
            if name == stand_in.op.name:
                return ref(root)
            if name not in ports:
                ports[name] = self._out_ports(by_name[name])
            arg, j = ports[name][int(idx or 0)]
            return f"{name}:{arg}:{j}"
        for n in order:
            new = fdef.node_def.add()
            new.CopyFrom(n)
            del new.input[:]
            new.input.extend(ref(i) for i in n.input)
        a = sig.output_arg.add()
        a.name, a.type = "output", variant.dtype.base_dtype.as_datatype_enum
        fdef.ret["output"] = ref(out._as_node_def_input() if out is not stand_in else root)
        _tf_defun_names(fdef)
        sig.description = "Factory function for a dataset."
        sig.is_stateful = any(_is_stateful(self.defs, n.op) for n in fdef.node_def)
        sig.name = "_make_dataset_" + hash_of(fdef)
        fdef.attr["_disable_call_shape_inference"].b = True
        if sig.name not in self._taken:
            self._taken.add(sig.name)
            self._traced[sig.name] = None
            self._nested[None].append(sig.name)
            self.functions.append(fdef)
        node.attr["dataset_factory"].func.name = sig.name

    def write_defun(self, op):
        """Adds the Defun functions `op` calls (a call op, or a SymbolicGradient) and
        their gradient map entries, each once."""
        for inst, grad in DEFUN_CALLS[op.type](op):
            # TF's add_to_graph: the function and its gradient (and the gradient map entry)
            # first, then the functions their bodies call
            self._mark(inst.name)
            if grad is not None:
                self._mark(grad.name)
                if (inst.name, grad.name) not in self.gradients:
                    self.gradients.append((inst.name, grad.name))
            self._add_defun(inst)
            if grad is not None:
                self._add_defun(grad)

    def _mark(self, name):
        if name not in self.defun_order:
            self.defun_order.append(name)

    def tf_order(self):
        """(functions, gradient entries) in the order TF 1.14's GraphDef lists them: its
        FunctionLibraryDefinition's gtl::FlatMap iterated, the functions inserted in the
        order TF adds them (tf_hash.flat_map_order). Only a library of Defun functions
        alone, or of tf.data's traced functions and one-shot iterators' factories alone,
        is reordered (the other functions' insertion order is not modelled). TF adds a
        traced function as its trace ends (in the order of their uids), each one before
        the functions its body holds (its FuncGraph's, added the same way), and the
        factories after them."""
        if self.functions and len(self._traced) == len(self.functions):
            by_name = {f.signature.name: f for f in self.functions}
            added = []

            def add(names):
                for n in sorted(names, key=lambda n: (self._traced[n] is None,
                                                      self._traced[n] or 0)):
                    added.append(n)
                    add(self._nested.get(n, ()))
            add(self._nested[None])
            if sorted(added) == sorted(by_name):   # (else one written inside a body not)
                return [by_name[n] for n in flat_map_order(added)], self.gradients
        if len(self.defun_order) != len(self.functions):
            return self.functions, self.gradients
        by_name = {f.signature.name: f for f in self.functions}
        grads = dict(self.gradients)
        return ([by_name[n] for n in flat_map_order(self.defun_order)],
                [(n, grads[n]) for n in flat_map_order([n for n, _ in self.gradients])])

    def write_defun_instance(self, inst):
        """Adds one Defun instance's FunctionDef."""
        self._add_defun(inst)

    def function_named(self, name):
        """The FunctionDef `name` of the library."""
        return self._defuns[name]

    def _add_defun(self, inst):
        if inst.name in self._taken:
            return
        self._taken.add(inst.name)
        fdef = self.defun_def(inst)
        fdef.signature.name = inst.name
        fdef.attr["_disable_call_shape_inference"].b = True
        for i in range(len(fdef.signature.input_arg)):   # (TF's: each arg's `_` attrs)
            fdef.arg_attr[i].SetInParent()
        if getattr(inst.defun, "noinline", True):
            fdef.attr["_noinline"].b = True
        self.functions.append(fdef)
        self._defuns[inst.name] = fdef

    def defun_def(self, inst):
        """The FunctionDef of a Defun instance as TF's GraphToFunctionDef makes it: no
        name, no attrs (what TF hashes to name a function defined without a name)."""
        body = inst.body()
        caps = body.inner_captures
        # a captured tensor's argument: TF names it after the op that reads it
        cap_names = tuple(_capture_arg_name(body.graph, ph) for ph in caps)
        fdef = self._function_def(body.graph, body.args + caps, inst.all_dtypes,
                                  body.outputs, inst.defun.arg_names + cap_names)
        _tf_defun_names(fdef, getattr(inst.defun, "out_names", None))
        fdef.signature.description = inst.defun.description
        return fdef

    def _unique(self, name):
        base = re.sub(r"[^A-Za-z0-9_]", "_", name) or "fn"
        name, k = base, 0
        while name in self._taken:
            k += 1
            name = f"{base}_{k}"
        self._taken.add(name)
        return name

    def _add(self, op, graph, phs, outputs):
        key = (graph, tuple(id(t) for t in phs))
        if key in self._names:
            return self._names[key]
        in_dtypes = [t.dtype.base_dtype for t in
                     op._inputs[1 if op.type in ("Case", "If") else 0:]]
        if op.type == "If" and hasattr(graph, "arg_names"):
            return self._add_cond_v2_branch(graph, phs, in_dtypes, outputs, key)
        if op.type == "If":   # (its branches, imported: their arguments keep TF's names)
            fdef = self._function_def(graph, phs, in_dtypes, outputs,
                                      [ph.op.name for ph in phs])
            # (a gradient's If: flowgrad's names; TF's forward If outputs intermediates)
            for a, out_name in zip(fdef.signature.output_arg,
                                   getattr(graph, "output_names", ())):
                fdef.ret[out_name] = fdef.ret.pop(a.name)
                a.name = out_name
            for i in range(len(phs)):
                fdef.arg_attr[i].SetInParent()
            for k, v in getattr(graph, "control_outputs", ()):
                fdef.signature.control_output.append(k)
                fdef.control_ret[k] = v
        else:
            fdef = self._function_def(graph, phs, in_dtypes, outputs)
        name = self._unique(graph.name)
        fdef.signature.name = name
        self._names[key] = name
        self.functions.append(fdef)
        return name

    def _add_cond_v2_branch(self, graph, phs, in_dtypes, outputs, key):
        """A branch of TF 1.14's cond_v2 (tf.cond in a tf.data function, traced) as TF's
        func_graph_from_py_func writes it: named `cond_true_<uid>` (the library orders it
        by that number, nested in the function holding the If), its arguments named after
        the captured ops (`mul_args_0`; `placeholder` where it reads none), its body after
        TF's automatic control dependencies, an Identity of each output."""
        name = graph.name
        self._nested[name] = []
        self._tracing.append(name)
        try:
            fdef = self._function_def(graph, phs, in_dtypes, outputs, graph.arg_names,
                                      self.add_shapes)
        finally:
            self._tracing.pop()
        _traced_returns(fdef, graph, self.defs, outputs if self.add_shapes else None,
                        made=True)
        if self.add_shapes:
            _input_shapes(fdef, phs)
        _tf_defun_names(fdef)
        fdef.signature.name = name
        for i in range(len(phs)):
            fdef.arg_attr[i].SetInParent()
        self._taken.add(name)
        self._traced[name] = int(name.rsplit("_", 1)[1])
        self._nested[self._tracing[-1]].append(name)
        self._names[key] = name
        self.functions.append(fdef)
        return name

    def _function_def(self, graph, phs, in_dtypes, outputs, arg_names=None, add_shapes=False):
        from tensorboard.compat.proto import function_pb2  # lazy: optional (summary extra)
        sub, out_names = self.write_graph(graph, add_shapes, self, outputs)
        fdef = function_pb2.FunctionDef()
        sig = fdef.signature
        args = {}
        for i, (ph, dt) in enumerate(zip(phs, in_dtypes)):
            a = sig.input_arg.add()
            a.name = arg_names[i] if arg_names else f"input_{i}"
            a.type = dt.as_datatype_enum
            if ph is not None:
                args[ph.op.name] = a.name
        nodes = {n.name: n for n in sub.node}
        ports = {}

        def ref(inp):
            if inp.startswith("^"):
                return None if inp[1:] in args else inp
            name, _, idx = inp.partition(":")
            if name in args:
                return args[name]
            node = nodes.get(name)
            if node is None:
                raise _Unwritable(inp)
            if name not in ports:
                ports[name] = self._out_ports(node)
            k = int(idx or 0)
            if k >= len(ports[name]):
                raise _Unwritable(inp)
            arg, j = ports[name][k]
            return f"{name}:{arg}:{j}"
        for node in sub.node:
            if node.name in args:
                continue
            new = fdef.node_def.add()
            new.CopyFrom(node)
            del new.input[:]
            new.input.extend(r for r in (ref(i) for i in node.input) if r is not None)
            d = OPS.get(node.op)
            if d is not None and d.stateful:
                sig.is_stateful = True
        for i, (t, name) in enumerate(zip(outputs, out_names)):
            a = sig.output_arg.add()
            a.name = f"output_{i}"
            a.type = t.dtype.base_dtype.as_datatype_enum
            fdef.ret[a.name] = ref(name)
        return fdef

    def _out_ports(self, node):
        """(output arg name, index in the arg) of each output of `node`."""
        fdef = self._defuns.get(node.op)
        if fdef is not None:   # a Defun call: its function's output args
            return [(a.name, 0) for a in fdef.signature.output_arg]
        od = self.defs.get(node.op)
        if od is None:
            raise _Unwritable(node.op)
        ports = []
        for name, _, _, number_attr, type_list_attr, _ in od["out"]:
            if number_attr:
                n = node.attr[number_attr].i
            elif type_list_attr:
                n = len(node.attr[type_list_attr].list.type)
            else:
                n = 1
            ports.extend((name, j) for j in range(n))
        return ports


def _traced_capture_name(graph, ph, outer):
    """A captured tensor's argument of a traced tf.data function: TF's FuncGraph makes its
    placeholder, named after the captured op, in the name scope of the op reading it
    (`mul/scale`, normalized `mul_scale` by _tf_defun_names)."""
    for op in graph._flowgrad_operations():
        if any(t is ph for t in op._inputs):
            return f"{op.name}/{outer.op.name}"
    return outer.op.name


def _is_stateful(defs, op_type):
    od = defs.get(op_type)
    return od is None or "is_stateful" in od.get("x", {}).get("flags", ())


def _tf_unique(name, counts):
    """TF's Graph.unique_name (names compared lowercased), `counts` its names in use."""
    key = name.lower()
    i = counts.get(key, 0)
    counts[key] = i + 1
    if i == 0:
        return name
    base = key
    while key in counts:
        key = f"{base}_{i}"
        i += 1
    counts[key] = 1
    return f"{name}_{i - 1}"


def _shape_attr(node, shape):
    node.attr["_output_shapes"].list.shape.add().CopyFrom(
        shape_proto(shape.as_list() if shape.ndims is not None else None))


def _input_shapes(fdef, phs):
    """TF's as_graph_def(add_shapes=True) of a traced function: its arguments' shapes."""
    shapes = fdef.attr["_input_shapes"].list
    for ph in phs:
        shapes.shape.add().CopyFrom(shape_proto(
            None if ph.dtype.base_dtype.name == "resource" or ph.shape.ndims is None
            else ph.shape.as_list()))


def _traced_returns(fdef, graph, defs, shapes_of=None, made=False):
    """TF 1.14's func_graph_from_py_func on a FunctionDef written from a traced body: its
    automatic control dependencies (each stateful op without a resource input after the
    previous one; each use of a resource after its previous use) and an Identity of each
    output after the body (`Identity`, `Identity_1`, ...) waiting for the stateful ops that
    must run (not TF's legacy random ops), listed as the function's control outputs (TF
    lists those from a Python set of ops, in no set order: here sorted by name). `made`:
    the body made those Identities (a cond_v2 branch's), they take the control inputs."""
    nodes = {n.name: n for n in fdef.node_def}
    must_run, last = [], {}
    for op in graph._flowgrad_operations():
        node = nodes.get(op.name)
        if node is None:
            continue
        stateful = _is_stateful(defs, node.op)
        if stateful and node.op not in _NOT_MUST_RUN:
            must_run.append(node.name)
        ctl = set()
        resources = {id(t): t for t in op._inputs if t.dtype.base_dtype.name == "resource"}
        for key in resources:
            if key in last:
                ctl.add(last[key])
            last[key] = node.name
        if stateful and defs.get(node.op) is not None and not resources:
            if None in last:
                ctl.add(last[None])
            last[None] = node.name
        node.input.extend("^" + c for c in sorted(ctl) if "^" + c not in node.input)
    if shapes_of is not None:   # (TF extends each node's list, an op without outputs too)
        for node in fdef.node_def:
            node.attr["_output_shapes"].list.SetInParent()
    taken = {n.name.lower() for n in fdef.node_def}
    ctl = ["^" + n for n in sorted(set(must_run))]
    for a in fdef.signature.output_arg if made else ():
        node = nodes[fdef.ret[a.name].split(":")[0]]
        node.input.extend(c for c in ctl if c not in node.input)
    for i, a in enumerate(() if made else fdef.signature.output_arg):
        k, ident = 0, "Identity"
        while ident.lower() in taken:
            k += 1
            ident = f"Identity_{k}"
        taken.add(ident.lower())
        node = fdef.node_def.add()
        node.name, node.op = ident, "Identity"
        node.input.append(fdef.ret[a.name])
        node.input.extend(ctl)
        node.attr["T"].type = a.type
        if shapes_of is not None:
            _shape_attr(node, shapes_of[i].shape)
        fdef.ret[a.name] = f"{ident}:output:0"
    for n in sorted(set(must_run)):
        fdef.signature.control_output.append(n)
        fdef.control_ret[n] = n
    fdef.signature.is_stateful = any(_is_stateful(defs, n.op) for n in fdef.node_def)


def _capture_arg_name(graph, ph):
    """A captured tensor's argument: its placeholder's name (TF 1.14's _FuncGraph makes
    it in the name scope of the op reading it: `mul/Placeholder`, normalized `mul_placeholder`
    by _tf_defun_names)."""
    return ph.op.name


def _tf_defun_names(fdef, out_names=None):
    """Names a Defun's FunctionDef as TF 1.14's C++ GraphToFunctionDef does: each output
    arg after the node it returns (normalized: lowercased, other characters than letters
    and digits '_', from the first letter), then each input arg (normalized), then a body
    node whose name an arg took renamed `<name>_<i>` (swish's `mul` output, its node
    `mul_0`; a function returning its argument `x`: output `x`, input `x_0`); `out_names`
    (Defun's) name the outputs instead."""
    used = set()

    def unique(name):
        if name in used:
            i = 0
            while f"{name}_{i}" in used:
                i += 1
            name = f"{name}_{i}"
        used.add(name)
        return name

    def normalize(name):
        name = re.sub(r"[^a-z0-9]", "_", name.lower())
        return re.sub(r"^[^a-z]+", "", name) or "unknown"

    outs = {}
    for i, a in enumerate(fdef.signature.output_arg):
        outs[a.name] = unique(out_names[i] if out_names else
                              normalize(fdef.ret[a.name].split(":")[0]))
    renames = {}
    for a in fdef.signature.input_arg:
        new = unique(normalize(a.name))
        if new != a.name:
            renames[a.name] = new
            a.name = new
    for node in fdef.node_def:
        new = unique(node.name)
        if new != node.name:
            renames[node.name] = new

    def fix(ref):
        ctl = ref.startswith("^")
        name, sep, rest = (ref[1:] if ctl else ref).partition(":")
        return ("^" if ctl else "") + renames.get(name, name) + sep + rest
    for node in fdef.node_def:
        node.name = renames.get(node.name, node.name)
        inputs = [fix(i) for i in node.input]
        del node.input[:]
        node.input.extend(inputs)
    rets = {outs[k]: fix(v) for k, v in fdef.ret.items()}
    fdef.ret.clear()
    for k, v in rets.items():
        fdef.ret[k] = v
    for a in fdef.signature.output_arg:
        a.name = outs[a.name]


def function_graph_def(fdef, defs, library=None):
    """A FunctionDef's body as a GraphDef (node inputs `name:<arg>:<j>` as `name:<k>`, the
    signature's input args left as the inputs they name) and its outputs' `name:k` (an
    input arg's name where the function returns its argument). A node calling a function
    of `library` ({name: FunctionDef}: a Defun call) has that function's output args."""
    from tensorboard.compat.proto import graph_pb2  # lazy: optional (summary extra)
    gd = graph_pb2.GraphDef()
    args = {a.name for a in fdef.signature.input_arg}
    nodes = {n.name: n for n in fdef.node_def}

    def plain(inp):
        if inp.startswith("^"):
            return inp
        parts = inp.split(":")
        if len(parts) == 1:
            return inp if parts[0] in args else inp + ":0"
        if len(parts) == 2:     # (an input arg's name:index)
            return inp
        name, arg, j = parts
        node = nodes.get(name)
        if node is None:
            raise ValueError(f"Function '{fdef.signature.name}': unknown input '{inp}'")
        called = (library or {}).get(node.op)
        if called is not None:
            outs = [a.name for a in called.signature.output_arg]
            if arg in outs:
                return f"{name}:{outs.index(arg) + int(j)}"
        od = defs.get(node.op)
        if od is None:   # (TF's cond_v2 If, While, Optional ops: not flowgrad's)
            raise ValueError(f"Function '{fdef.signature.name}': Op type not registered "
                             f"'{node.op}' in flowgrad")
        k = 0
        for out_name, _, _, number_attr, type_list_attr, _ in od["out"]:
            if out_name == arg:
                return f"{name}:{k + int(j)}"
            if number_attr:
                k += node.attr[number_attr].i
            elif type_list_attr:
                k += len(node.attr[type_list_attr].list.type)
            else:
                k += 1
        raise ValueError(f"Function '{fdef.signature.name}': unknown input '{inp}'")
    for node in fdef.node_def:
        new = gd.node.add()
        new.CopyFrom(node)
        del new.input[:]
        new.input.extend(plain(i) for i in node.input)
    rets = [plain(fdef.ret[a.name]) for a in fdef.signature.output_arg]
    return gd, rets
