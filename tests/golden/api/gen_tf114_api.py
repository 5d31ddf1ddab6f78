"""The public TF 1.14 API, taken once from the oracle: every symbol with its kind and argspec.

    python tools/goldens.py regen api     (writes tests/golden/api/tf114_api.json)

Walks `tensorflow` (the v1 API) and every public submodule reachable as an attribute
(`tf.nn`, `tf.train`, `tf.contrib.slim`, ...; `tf.compat.v1`/`v2` are the same API again
and are skipped, and so are TF's own internals `tf.pywrap_tensorflow` and `tf.tools`). For a function, the argspec is TF's own `tf_inspect.getfullargspec`
(which sees through TF's decorators); for a class, that of its `__init__` without `self`.
Defaults are recorded as their `repr`. One case, "modules": {module path: {name:
{"kind": module|class|function|constant, "argspec": ...}}}. tools/api_docs.py and
tests/test_signatures.py read it.
"""
import inspect
import types

ISOLATE = True  # walking tf.contrib loads most of TensorFlow: a process of its own

SKIP = {"tf.compat.v1", "tf.compat.v2", "tf.pywrap_tensorflow", "tf.tools"}
MAX_DEPTH = 5
# modules of TF's generated v1 API (tf.nn, tf.keras.layers, tf.estimator, ...)
API_PREFIXES = ("tensorflow._api.v1", "tensorflow.python.keras.api._v1",
                "tensorflow_estimator.python.estimator.api._v1")


def _public_module(path, mod):
    """Whether `mod`, reached as `path`, is a public API module to walk: a generated API
    module, TF's flags module, a `tf.contrib.X`, or a contrib package below one (not the
    private implementation modules contrib packages expose as attributes, like
    tf.contrib.grid_rnn.math_ops = tensorflow.python.ops.math_ops)."""
    name = mod.__name__
    if name.startswith(API_PREFIXES) or path in ("tf.flags", "tf.contrib"):
        return True
    if path.count(".") == 2 and path.startswith("tf.contrib."):
        return name.startswith("tensorflow.contrib.")
    return (path.startswith("tf.contrib.") and name.startswith("tensorflow.contrib.")
            and ".python" not in name)


def _argspec(fn):
    from tensorflow.python.util import tf_inspect
    try:
        spec = tf_inspect.getfullargspec(fn)
    except (TypeError, ValueError):
        return None
    defaults = list(spec.defaults or ())
    return {
        "args": list(spec.args),
        "defaults": [repr(d) for d in defaults],
        "varargs": spec.varargs,
        "varkw": spec.varkw,
        "kwonlyargs": list(spec.kwonlyargs or ()),
        "kwonlydefaults": {k: repr(v) for k, v in (spec.kwonlydefaults or {}).items()},
    }


def _describe(obj):
    if inspect.isclass(obj):
        # the constructor's signature: __init__, or __new__ where only that is defined
        # (namedtuples such as tf.FixedLenFeature)
        spec = None
        for klass in obj.__mro__:
            if klass is object:
                break
            init = klass.__dict__.get("__init__") or klass.__dict__.get("__new__")
            if init is not None:
                spec = _argspec(getattr(init, "__func__", init))
                break
        if spec and spec["args"][:1] in (["self"], ["cls"], ["_cls"]):
            spec["args"] = spec["args"][1:]
        return {"kind": "class", "argspec": spec}
    if callable(obj) and not isinstance(obj, types.ModuleType):
        return {"kind": "function", "argspec": _argspec(obj)}
    return {"kind": "constant", "type": type(obj).__name__}


def walk(tf):
    modules = {}
    seen = {}
    queue = [("tf", tf, 0)]
    while queue:
        path, mod, depth = queue.pop(0)
        symbols = {}
        for name in sorted(dir(mod)):
            if name.startswith("_"):
                continue
            try:
                obj = getattr(mod, name)
            except Exception:  # noqa: BLE001 - a lazy attribute that fails to load
                continue
            sub = path + "." + name
            if isinstance(obj, types.ModuleType):
                if sub in SKIP or not _public_module(sub, obj):
                    continue
                if id(obj) in seen or depth + 1 > MAX_DEPTH:
                    continue
                seen[id(obj)] = sub
                queue.append((sub, obj, depth + 1))
                symbols[name] = {"kind": "module", "name": obj.__name__}
                continue
            symbols[name] = _describe(obj)
        modules[path] = symbols
    return modules


def cases(tf):
    return {"modules": walk(tf)}
