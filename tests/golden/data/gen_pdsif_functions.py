"""tf.cond inside tf.data functions as TF 1.14 writes them: cond_v2 (its function graphs
are FuncGraphs), an If op named after the cond's scope, then an Identity of each output
(`cond/Identity`), the If a control output of the function; each branch a FunctionDef of
the library named `cond_true_<uid>` / `cond_false_<uid>` (both numbers taken before either
branch is traced), its arguments named after the captured ops (`mul_args_0`;
`placeholder` for an input it does not read), an Identity of each output; and the
elements. TF orders an If's inputs as a Python set of its tensors (cond_v2.
_make_inputs_match): canonical() sorts them (and the branches' arguments with them). The
numbers are TF's ops.uid() count of a process of its own, the pipelines built in sorted
order. Graph structure holds no float bits; the host is recorded as every golden made on
this Xeon does."""
import json
import re

import numpy as np

import gen_pdsfn_functions as _pdsfn
from gen_pdsfn_functions import functions
from goldenio import host_vendor
from pdscond_pipelines import _filter, _map, _nested, _random, _tuple

ISOLATE = True


def _interleave(tf):
    # (a branch capturing two tensors named args_0: `mul_args_0`, `mul_args_0_1`)
    def inner(x):
        return tf.data.Dataset.range(x).map(
            lambda y: tf.cond(y > 0, lambda: y * x, lambda: y - x))
    return tf.data.Dataset.range(4).interleave(inner, cycle_length=2, block_length=1)


def _two(tf):
    def f(x):
        a = tf.cond(x > 1, lambda: x + 1, lambda: x)
        return tf.cond(a < 3, lambda: a * 2, lambda: a, name="second")
    return tf.data.Dataset.range(5).map(f)


def _py_func(tf):
    # (a stateful op in a branch: its Identity waits for it, a control output)
    return tf.data.Dataset.range(4).map(lambda x: tf.cond(
        x > 1, lambda: tf.py_func(lambda v: v * 2, [x], tf.int64), lambda: x))


def _dict_scope(tf):
    # (a dict result; a cond in a name scope: the branches `outer_cond_true_<uid>`; three
    # inputs, the false branch reading one)
    a = tf.constant(2, tf.int64, name="a")
    b = tf.constant(5, tf.int64, name="b")

    def f(x):
        with tf.name_scope("outer"):
            return tf.cond(x < 2, lambda: {"p": x * a + b, "q": x},
                           lambda: {"p": x - b, "q": x + 1})
    return tf.data.Dataset.range(4).map(f)


def _op_branch(tf):
    # (a branch returning an Operation: the predicate read after it)
    def f(x):
        return tf.cond(x > 1, lambda: tf.no_op(), lambda: tf.no_op()), x
    return tf.data.Dataset.range(3).map(f)


def _sparse(tf):
    # (SparseTensor results: each branch outputs its components, the If's Identities
    # rebuilt into one)
    def f(x):
        a = tf.SparseTensor([[0]], tf.reshape(x, [1]), [3])
        b = tf.SparseTensor([[1]], tf.reshape(x * 2, [1]), [3])
        return tf.sparse.to_dense(tf.cond(x > 1, lambda: a, lambda: b))
    return tf.data.Dataset.range(3).map(f)


def _grad(tf):
    # (a gradient through the If: TF makes its forward If output intermediates, flowgrad
    # an If of the branches' gradients; the library differs, the values are TF's)
    def f(x):
        x = tf.cast(x, tf.float32)
        y = tf.cond(x > 1, lambda: x * x * 3.0, lambda: tf.sin(x))
        return tf.gradients(y, x)[0]
    return tf.data.Dataset.range(4).map(f)


PIPELINES = {"map": _map, "nested": _nested, "filter": _filter, "tuple": _tuple,
             "random": _random, "interleave": _interleave, "two": _two,
             "py_func": _py_func, "dict_scope": _dict_scope, "op_branch": _op_branch,
             "sparse": _sparse}

_DUMMY = re.compile(r"placeholder(_\d+)?")


def canonical(written):
    """`written` (functions()) with each If's inputs after the predicate sorted by name and
    its Tin, and its branches' arguments (and `_input_shapes`), in that order; a branch's
    unread arguments (TF's dummy placeholders) renamed placeholder, placeholder_1, ... in
    the new order. The captures an If made in the function holding it (in the If's input
    order) sorted by name too, and the inputs of the dataset ops calling it with them."""
    out = json.loads(json.dumps(written))
    lib = {f["signature"]["name"]: f for f in out["library"]}
    for f in out["library"]:
        _sort_if_captures(f, out)
    for f in out["library"]:
        for node in f.get("nodeDef", ()):
            if node["op"] != "If":
                continue
            ins = node["input"]
            data = [i for i in ins[1:] if not i.startswith("^")]
            order = sorted(range(len(data)), key=lambda k: data[k])
            node["input"] = [ins[0]] + [data[k] for k in order] + \
                [i for i in ins[1:] if i.startswith("^")]
            tin = node["attr"]["Tin"]["list"]["type"]
            node["attr"]["Tin"]["list"]["type"] = [tin[k] for k in order]
            for attr in ("then_branch", "else_branch"):
                _permute(lib[node["attr"][attr]["func"]["name"]], order)
    return out


def _sort_if_captures(fdef, out):
    args = [a["name"] for a in fdef["signature"]["inputArg"]]
    first = {}
    for node in fdef.get("nodeDef", ()):
        for i in node.get("input", ()):
            name = i.split(":")[0]
            if name in args and name not in first:
                first[name] = node["name"] if node["op"] == "If" else None
    groups = {}
    for k, a in enumerate(args):
        if first.get(a) is not None:
            groups.setdefault(first[a], []).append(k)
    order = list(range(len(args)))
    for ks in groups.values():
        for k, j in zip(ks, sorted(ks, key=lambda j: args[j])):
            order[k] = j
    if order == sorted(order):
        return
    _permute(fdef, order, rename=False)
    attr_list = fdef.get("argAttr", {})
    fdef["argAttr"] = {str(k): attr_list[str(j)] for k, j in enumerate(order)
                       if str(j) in attr_list}
    n_elem = sum(1 for a in args if re.fullmatch(r"args_\d+", a))
    calls = [(n[2], n[3]) for n in out["nodes"]] + [
        (n.get("input", []), n.get("attr", {}))
        for f in out["library"] for n in f.get("nodeDef", ())]
    for inputs, attrs in calls:
        if not any(v.get("func", {}).get("name") == fdef["signature"]["name"]
                   for v in attrs.values()):
            continue
        caps = inputs[1:1 + len(args) - n_elem]
        inputs[1:1 + len(caps)] = [caps[j - n_elem] for j in order[n_elem:]]
        targs = attrs["Targuments"]["list"]["type"]
        attrs["Targuments"]["list"]["type"] = [targs[j - n_elem] for j in order[n_elem:]]


def _permute(fdef, order, rename=True):
    sig = fdef["signature"]
    args = sig["inputArg"]
    sig["inputArg"] = [args[k] for k in order]
    shapes = fdef.get("attr", {}).get("_input_shapes")
    if shapes is not None:
        lst = shapes["list"]["shape"]
        shapes["list"]["shape"] = [lst[k] for k in order]
    if not rename:
        return
    read = {i.split(":")[0] for n in fdef.get("nodeDef", ()) for i in n.get("input", ())}
    dummies = [a for a in sig["inputArg"]
               if _DUMMY.fullmatch(a["name"]) and a["name"] not in read]
    for k, a in enumerate(dummies):
        a["name"] = "placeholder" + ("_%d" % k if k else "")


def build(tf, pipeline):
    """{"graph_def": ..., "meta_graph": ...} (canonical functions()) of `pipeline` and its
    initializable iterator in a fresh graph."""
    g = tf.Graph()
    with g.as_default():
        it = tf.compat.v1.data.make_initializable_iterator(pipeline(tf))
        it.get_next()
        return {"graph_def": canonical(functions(g.as_graph_def())),
                "meta_graph": canonical(functions(tf.train.export_meta_graph(graph=g)
                                                  .graph_def))}


def elements(tf, pipeline):
    """The elements `pipeline` yields (each a list of its components as lists)."""
    with tf.Graph().as_default():
        nxt = tf.compat.v1.data.make_one_shot_iterator(pipeline(tf)).get_next()
        flat = tf.nest.flatten(nxt)
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append([np.asarray(v).tolist() for v in sess.run(flat)])
                except tf.errors.OutOfRangeError:
                    return out


# one-shot iterators' `_make_dataset` factories whose dataset ops name traced functions
# (TF's Defun named after its FunctionDefHash, which hashes each func attr by its name and
# attrs), built after PIPELINES (their numbers those of a fresh process); not those whose
# If captures two tensors or more in the function (their order, hence the hash, varies)
FACTORIES = {"map": _map, "filter": _filter, "two": _two,
             "pdsfn_filter": _pdsfn.FACTORIES["filter"],
             "pdsfn_interleave_map": _pdsfn.PIPELINES["interleave_map"],
             "pdsfn_group_by_window": _pdsfn.PIPELINES["group_by_window"]}


def build_one_shot(tf, pipeline):
    """The factory's name and FunctionDef of `pipeline`'s one-shot iterator, and the
    traced functions' names."""
    g = tf.Graph()
    with g.as_default():
        tf.compat.v1.data.make_one_shot_iterator(pipeline(tf)).get_next()
        lib = functions(g.as_graph_def())["library"]
    return {"names": sorted(f["signature"]["name"] for f in lib),
            "factory": [f for f in lib if f["signature"]["name"].startswith("_make_dataset")]}


def fresh(tf):
    """What a process of its own builds first: PIPELINES, then FACTORIES (sorted)."""
    out = {}
    for name in sorted(PIPELINES):
        out[name] = build(tf, PIPELINES[name])
    for name in sorted(FACTORIES):
        out["factory/" + name] = build_one_shot(tf, FACTORIES[name])
    return out


def cases(tf):
    out = {"host": host_vendor()}
    out.update(fresh(tf))   # (first: their numbers are those of a fresh process)
    for name in sorted(PIPELINES):
        out["elements/" + name] = elements(tf, PIPELINES[name])
    out["elements/grad"] = elements(tf, _grad)
    return out
