"""Shared by the tf.contrib generators here (gen_pgan_*, gen_quantize; their tests run
the same functions with flowgrad): the errors a dict of calls raises, and argspecs in
tests/golden/api's form."""
import inspect


def call_errors(calls):
    """{name: the exception calls[name]() raised, or None where it returned}."""
    out = {}
    for k, f in calls.items():
        try:
            f()
            out[k] = None
        except Exception as e:   # noqa: BLE001 - the error is the case's value
            out[k] = e
    return out


def argspec(spec, args=None, default=repr):
    """A FullArgSpec as tests/golden/api writes it (`args` in place of spec.args where
    given; each default through `default`)."""
    return {"args": list(spec.args) if args is None else args,
            "defaults": [default(d) for d in spec.defaults or ()],
            "varargs": spec.varargs, "varkw": spec.varkw,
            "kwonlyargs": list(spec.kwonlyargs or ()), "kwonlydefaults": {}}


def function_argspecs(module, names=None, resolve=None):
    """The argspec of each public function of `module` (of `names`, sorted; default
    dir(module)), each object first through `resolve` where given."""
    out = {}
    for name in sorted(dir(module) if names is None else names):
        fn = getattr(module, name)
        if resolve is not None:
            fn = resolve(fn)
        if name.startswith("_") or not inspect.isfunction(fn):
            continue
        out[name] = argspec(inspect.getfullargspec(fn))
    return out
