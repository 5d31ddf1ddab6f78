"""TF 1.14's public Defun (tensorflow.python.framework.function) and
tf.contrib.layers.scale_gradient: the ops each call adds (name, type), values, first-order
gradients, the GraphDef's function library, errors.
A function defined without func_name is named after the Python function and TF's C++
FunctionDefHash of its definition (base64): the names below hold it."""
import importlib

import numpy as np


def _function(tf):
    if tf.__name__.startswith("flowgrad"):
        return importlib.import_module("flowgrad.defun")
    return importlib.import_module("tensorflow.python.framework.function")


def _ops(g):
    return [(o.name, o.type) for o in g.get_operations()]


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records TF's error
        return (type(e).__name__, str(e))
    return None


def _session_run(tf, g, fetches):
    with tf.Session(graph=g) as s:
        if g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES):
            s.run(tf.global_variables_initializer())
        out = s.run(fetches)
    return out


def case_declared(tf):
    """Declared input types, python_grad_func, func_name, name scopes, calling twice."""
    function = _function(tf)

    def my_grad(op, g):
        return g * 3.0

    @function.Defun(tf.float32, python_grad_func=my_grad, func_name="Scale")
    def Scale(x):
        return x * 2.0

    @function.Defun(tf.float32, tf.float32)
    def MyAdd(x, y):
        return x + y * 2.0

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0])
        b = tf.constant([3.0, 4.0])
        with tf.name_scope("sc"):
            c = MyAdd(a, b)
        d = Scale(a)
        d2 = Scale(d, name="again")
        gr = tf.gradients([c, d2], [a, b])
        ops = _ops(g)
        vals = _session_run(tf, g, [c, d, d2] + gr)
        lib = g.as_graph_def().library
    return {"ops": ops, "values": vals, "names": [str(t.name) for t in [c, d, d2]],
            "library": sorted(f.signature.name for f in lib.function),
            "shape_known": [t.shape.ndims is not None for t in [c, d]],
            "attrs": [Scale.name, Scale.grad_func_name,
                      [d.name for d in Scale.declared_input_types]]}


def case_grad_func(tf):
    """grad_func (a Defun): SymbolicGradient; the library's gradient map."""
    function = _function(tf)

    @function.Defun(tf.float32, tf.float32, tf.float32)
    def AddGrad(x, y, dz):
        return dz * 10.0, dz * 20.0

    @function.Defun(tf.float32, tf.float32, grad_func=AddGrad, func_name="AddX")
    def AddX(x, y):
        return x + y

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0])
        b = tf.constant([3.0, 4.0])
        f = AddX(a, b)
        gr = tf.gradients(f, [a, b])
        ops = _ops(g)
        vals = _session_run(tf, g, [f] + gr)
        lib = g.as_graph_def().library
        second = _err(lambda: tf.gradients(gr[0], [a]))
    return {"ops": ops, "values": vals,
            "library": sorted(f.signature.name for f in lib.function),
            "gradient": [(x.function_name, x.gradient_func) for x in lib.gradient],
            "second": second}


def case_symbolic(tf):
    """No gradient function: TF differentiates the body (SymbolicGradient), captures
    (a constant and a variable's read) as extra inputs, several outputs, overloads."""
    function = _function(tf)
    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0])
        w = tf.Variable(5.0, name="w")
        cap = tf.constant(7.0, name="cap")

        @function.Defun(tf.float32, func_name="Cap")
        def Cap(x):
            return x * cap + w * x * x

        @function.Defun()
        def Two(x, y):
            return x * y, x - y

        h = Cap(a)
        t0, t1 = Two(a, a * 3.0)
        t64 = Two(tf.constant(2.0, tf.float64), tf.constant(5.0, tf.float64))
        gr = tf.gradients([h, t0, t1], [a, w])
        ops = _ops(g)
        inputs = [t.name for t in h.op.inputs]
        vals = _session_run(tf, g, [h, t0, t1, list(t64)] + gr)
        lib = g.as_graph_def().library
        sig = sorted((f.signature.name, [x.name for x in f.signature.input_arg],
                      [x.name for x in f.signature.output_arg]) for f in lib.function)
    return {"ops": ops, "inputs": inputs, "values": vals, "signatures": sig,
            "captured": [t.name for t in Cap.captured_inputs]}


def case_hash_names(tf):
    """Names of functions defined without func_name: the hash of the FunctionDef (its
    nodes, constants, argument names, docstring), overloads per dtype, nested Defuns,
    a grad_func's name in the base name."""
    function = _function(tf)

    @function.Defun(tf.float32, tf.float32)
    def MyAdd(x, y):
        return x + y * 2.0

    @function.Defun(tf.float32)
    def Two(x):
        """doc"""
        return x * 2.0, tf.reduce_sum(x)

    @function.Defun(tf.float32)
    def Id(x):
        return x

    @function.Defun()
    def Poly(x):
        return x * x + tf.constant([[1, 2], [3, 4]], x.dtype)

    @function.Defun(tf.float32)
    def Outer(x):
        return MyAdd(x, x) * 3.0

    @function.Defun(tf.float32, tf.float32)
    def G(x, dy):
        return dy * 5.0

    @function.Defun(tf.float32, grad_func=G)
    def WithGrad(x):
        return x * 5.0

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        outs = [MyAdd(a, a), Two(a)[0], Id(a), Poly(a), Poly(tf.cast(a, tf.float64)),
                Poly(tf.cast(a, tf.int32)), Outer(a), WithGrad(a)]
        gr = tf.gradients([outs[0], outs[1], outs[6], outs[7]], a)
        ops = _ops(g)
        vals = _session_run(tf, g, outs + gr)
        lib = g.as_graph_def().library
    return {"names": [MyAdd.name, Two.name, Id.name, Outer.name, WithGrad.name],
            "ops": ops, "values": vals,
            "library": sorted(f.signature.name for f in lib.function),
            "gradient": [(x.function_name, x.gradient_func) for x in lib.gradient]}


def case_options(tf):
    """out_names, set_grad_func before the first call (the name takes the gradient's),
    noinline on the Defun and on the call (attrs), stateful_ops and is_stateful."""
    function = _function(tf)

    @function.Defun(tf.float32, out_names=["s", "d"])
    def SD(x):
        return x + 1.0, x - 1.0

    @function.Defun(tf.float32, tf.float32)
    def G(x, dy):
        return dy * 7.0

    @function.Defun(tf.float32, noinline=True)
    def F(x):
        return x * 3.0

    F.set_grad_func(G)

    @function.Defun(tf.float32)
    def R(x):
        return x + tf.random_uniform([2], seed=3)

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0])
        s, d = SD(a)
        f = F(a, noinline=True)
        r = R(a)
        gr = tf.gradients(f, a)
        attrs = sorted((k, v.b) for k, v in f.op.node_def.attr.items())
        lib = g.as_graph_def().library
        funcs = sorted((x.signature.name, [o.name for o in x.signature.output_arg],
                        sorted((k, v.b) for k, v in x.attr.items()), x.signature.is_stateful)
                       for x in lib.function)
        ops = _ops(g)
        vals = _session_run(tf, g, [s, d, f] + gr)
        bad = _err(lambda: function.Defun(tf.float32, out_names=["a"])(lambda x: (x, x))(a))
    return {"names": [SD.name, F.name, F.grad_func_name, R.name, r.name],
            "stateful": R.stateful_ops, "attrs": attrs, "library": funcs,
            "gradient": sorted((x.function_name, x.gradient_func) for x in lib.gradient),
            "ops": ops, "values": vals, "bad_out_names": bad}


def case_variables(tf):
    """tf.get_variable inside a Defun: the variable is made in the caller's graph (TF's
    _FuncGraph.getvar), its read captured; its gradient through SymbolicGradient."""
    function = _function(tf)
    g = tf.Graph()
    with g.as_default():
        @function.Defun(tf.float32)
        def Lin(x):
            w = tf.get_variable("w", [2], initializer=tf.constant_initializer(3.0))
            return x * w

        a = tf.constant([1.0, 2.0])
        y = Lin(a)
        names = [Lin.name, [v.name for v in tf.global_variables()],
                 [t.name for t in y.op.inputs]]
        gr = tf.gradients(y, [a] + tf.global_variables())
        ops = _ops(g)
        vals = _session_run(tf, g, [y] + gr)
    return {"names": names, "ops": ops, "values": vals}


def case_library_order(tf):
    """The order of a GraphDef's function library and gradient map (TF's FlatMap), the
    versions' min_consumer a library sets; a nested Defun, swish, scale_gradient, many
    named functions."""
    function = _function(tf)

    @function.Defun(tf.float32, tf.float32)
    def MyAdd(x, y):
        """adds"""
        return x + y * 2.0

    @function.Defun(tf.float32, tf.float32)
    def G(x, dy):
        return dy * 5.0

    out = {}
    for n in (3, 12):
        g = tf.Graph()
        with g.as_default():
            a = tf.constant([1.0, 2.0])
            cap = tf.constant(3.0, name="cap")

            @function.Defun(tf.float32)
            def Cap(x):
                return MyAdd(x, cap) * cap

            ys = [tf.nn.swish(a), Cap(a), tf.contrib.layers.scale_gradient(a, 2.0)]
            for i in range(n):
                f = function.Defun(tf.float32, func_name="F%d" % i,
                                   grad_func=G if i % 2 else None)(lambda x: x * 2.0)
                ys.append(f(a))
            tf.gradients(tf.add_n(ys), a)
            gd = g.as_graph_def()
            out[n] = {"functions": [f.signature.name for f in gd.library.function],
                      "gradients": [(x.function_name, x.gradient_func)
                                    for x in gd.library.gradient],
                      "min_consumer": gd.versions.min_consumer,
                      "cap_args": [[a.name for a in f.signature.input_arg]
                                   for f in gd.library.function
                                   if f.signature.name.startswith("Cap")]}
    return [out[3], out[12]]


def case_overloaded_grad(tf):
    """An overloaded Defun whose grad_func is overloaded too: each instance's gradient is
    the gradient function instantiated on its dtypes (names, library, values)."""
    function = _function(tf)

    @function.Defun()
    def SqGrad(x, dy):
        return dy * 2.0 * x

    @function.Defun(grad_func=SqGrad)
    def Sq(x):
        return x * x

    @function.Defun(grad_func=SqGrad, func_name="SqN")
    def SqN(x):
        return x * x

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 3.0])
        b = tf.constant([2.0], tf.float64)
        ys = [Sq(a), Sq(b), SqN(a)]
        gr = tf.gradients(ys[0] + ys[2], a) + tf.gradients(ys[1], b)
        lib = g.as_graph_def().library
        out = {"names": [t.name for t in ys + gr],
               "library": [f.signature.name for f in lib.function],
               "gradient": [(x.function_name, x.gradient_func) for x in lib.gradient],
               "ops": _ops(g)}
        out["values"] = _session_run(tf, g, ys + gr)
    return out


def case_errors(tf):
    """TF's errors: argument counts, dtypes, decorating non-callables, defaults."""
    function = _function(tf)

    @function.Defun(tf.float32, func_name="Scale")
    def Scale(x):
        return x * 2.0

    out = {}
    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0])
        out["count"] = _err(lambda: Scale(a, a))
        out["dtype"] = _err(lambda: Scale(tf.constant(1, tf.int32)))
        out["float"] = Scale(1.0).name
        out["list"] = Scale([1.0]).name
        out["callable"] = _err(lambda: function.Defun(tf.float32)(3))

        def with_default(x, y=1.0):
            return x

        out["defaults"] = _err(lambda: function.Defun(tf.float32)(with_default)) is not None
        out["too_many"] = _err(lambda: function.Defun(tf.float32, tf.float32)(lambda x: x))
        out["kwargs"] = _err(lambda: function.Defun(tf.float32, bogus=1)(lambda x: x))
        out["kwargs_call"] = _err(
            lambda: function.Defun(tf.float32, bogus=1)(lambda x: x)(a))
        out["call_kwargs"] = _err(lambda: Scale(a, bogus=2))
        out["string"] = _err(lambda: Scale("abc"))

        @function.Defun()
        def Poly(x):
            return x * x

        out["object"] = _err(lambda: Poly(object()))[0]
        out["poly_count"] = _err(lambda: Poly(a, a))[0]   # (Python words it by version)
        out["ops"] = _ops(g)
    return out


def case_second_order(tf):
    """Second order: through a python_grad_func's ops, scale_gradient; a grad_func
    SymbolicGradient has none (TF's LookupError, in case_grad_func)."""
    function = _function(tf)

    def sq_grad(op, g):
        return g * 3.0 * op.inputs[0]

    @function.Defun(tf.float32, python_grad_func=sq_grad, func_name="Sq")
    def Sq(x):
        return x * x

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0])
        y = tf.reduce_sum(Sq(a) * Sq(a)) + tf.reduce_sum(
            tf.square(tf.contrib.layers.scale_gradient(a * a, 0.5)))
        g1 = tf.gradients(y, a)
        g2 = tf.gradients(g1, a)
        ops = _ops(g)
        vals = _session_run(tf, g, [y] + g1 + g2)
    return {"ops": ops, "values": vals}


def case_scale_gradient(tf):
    """tf.contrib.layers.scale_gradient: op names and counts, values, gradients."""
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0, 2.0])
        y = tf.contrib.layers.scale_gradient(x, 0.5)
        y2 = tf.contrib.layers.scale_gradient(x * 2.0, 3.0)
        gr = tf.gradients(y + y2, x)
        shapes = [y.shape.as_list(), y2.shape.as_list()]
        ops = _ops(g)
        vals = _session_run(tf, g, [y, y2] + gr)
    return {"ops": ops, "values": vals, "shapes": shapes}


def case_reversal(tf):
    """A gradient-reversal layer (domain adaptation): a Defun whose python_grad_func
    negates, trained one SGD step."""
    function = _function(tf)

    def _flip(op, grad):
        return [tf.negative(grad) * op.inputs[1]]

    g = tf.Graph()
    with g.as_default():
        @function.Defun(tf.float32, tf.float32, python_grad_func=lambda op, gr: [
            tf.negative(gr) * op.inputs[1], None], func_name="FlipGradient")
        def flip(x, l):
            return tf.identity(x)

        tf.set_random_seed(1)
        x = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2))
        w = tf.Variable(tf.random_normal([2, 2]), name="w")
        feat = tf.matmul(x, w)
        rev = flip(feat, tf.constant(0.5))
        v = tf.Variable(tf.ones([2, 1]), name="v")
        loss = tf.reduce_sum(tf.matmul(rev, v)) + tf.reduce_sum(feat)
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        ops = _ops(g)
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            before = s.run(loss)
            s.run(step)
            after = s.run([loss, w, v])
    del _flip
    return {"ops": ops, "before": before, "after": after}


def export_graph_def(tf):
    """A GraphDef with Defun calls (a grad_func, a capture, a nested call) and their
    gradients, serialized."""
    function = _function(tf)

    @function.Defun(tf.float32, tf.float32, tf.float32)
    def AddGrad(x, y, dz):
        return dz * 10.0, dz * 20.0

    @function.Defun(tf.float32, tf.float32, grad_func=AddGrad)
    def AddX(x, y):
        return x + y

    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0], name="a")
        cap = tf.constant(3.0, name="cap")

        @function.Defun(tf.float32)
        def Cap(x):
            return AddX(x, cap) * x

        f = tf.identity(AddX(a, a * 2.0), name="f")
        h = tf.identity(Cap(a), name="h")
        tf.gradients([f, h], a, name="grads")
    return g.as_graph_def().SerializeToString(deterministic=True)


def import_and_run(tf, data):
    """`data` (a serialized GraphDef) imported: its ops, values, gradients of the
    imported calls (taken again after the import), the second order's error."""
    gd = tf.GraphDef()
    gd.ParseFromString(data)
    g = tf.Graph()
    with g.as_default():
        tf.import_graph_def(gd, name="")
        ops = _ops(g)
        a = g.get_tensor_by_name("a:0")
        f = g.get_tensor_by_name("f:0")
        h = g.get_tensor_by_name("h:0")
        again = tf.gradients([f, h], a, name="again")
        second = _err(lambda: tf.gradients(again, a))
        vals = _session_run(tf, g, [f, h, "grads/AddN:0"] + again)
    return {"ops": ops, "values": vals, "second": second}


def case_missing_function(tf):
    """A SymbolicGradient of a function the graph does not define: TF builds the op (its
    outputs shaped as its inputs); running it fails."""
    gd = tf.GraphDef()
    n = gd.node.add()
    n.name = "a"
    n.op = "Const"
    n.attr["dtype"].type = tf.float32.as_datatype_enum
    n.attr["value"].tensor.CopyFrom(tf.make_tensor_proto([1.0, 2.0], tf.float32))
    sg = gd.node.add()
    sg.name = "sg"
    sg.op = "SymbolicGradient"
    sg.input.extend(["a", "a"])
    sg.attr["Tin"].list.type.extend([1, 1])
    sg.attr["Tout"].list.type.extend([1])
    sg.attr["f"].func.name = "Missing"
    g = tf.Graph()
    with g.as_default():
        tf.import_graph_def(gd, name="")
        t = g.get_tensor_by_name("sg:0")
        with tf.Session() as sess:
            err = _err(lambda: sess.run(t))
    return {"shape": t.shape.as_list(), "dtype": t.dtype.name,
            "error": (err[0], err[1].splitlines()[0])}


def case_imported(tf):
    """TF's GraphDef of Defun calls imported: the library's functions become op types."""
    data = export_graph_def(tf)
    return {"graph_def": data, "run": import_and_run(tf, data)}


def cases(tf):
    return {name[5:]: fn(tf) for name, fn in sorted(globals().items())
            if name.startswith("case_")}
