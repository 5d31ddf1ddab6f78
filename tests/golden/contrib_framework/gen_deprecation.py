"""tf.contrib.framework.deprecated / deprecated_args / deprecated_arg_values under TF 1.14:
the docstrings they write, return values, and their errors (the warnings are logged, as
TF's logging.warning; tests/test_contrib_framework.py checks flowgrad's log lines)."""


def _doc_fn():
    def f(a, b=1, *rest, **kw):
        """Adds things.

        Args:
          a: first.
          b: second.
        """
        return a + b + len(rest) + len(kw)
    return f


def _nodoc_fn():
    def g(x, y=2):
        return x * y
    return g


def _err(fn):
    try:
        fn()
        return "ok"
    except ValueError as e:
        return str(e)


def cases(tf):
    fw = tf.contrib.framework
    out = {}
    d = fw.deprecated("2019-03-01", "Use h instead.")(_doc_fn())
    out["deprecated"] = [d.__doc__, d(1, 2, 3, k=4), d.__name__]
    out["deprecated_nodoc"] = fw.deprecated(None, "Gone.")(_nodoc_fn()).__doc__
    a = fw.deprecated_args("2019-03-01", "Drop b.", "b", ("rest", None))(_doc_fn())
    out["deprecated_args"] = [a.__doc__, a(1), a(1, 5), a(1, b=5)]
    out["deprecated_args_kw"] = fw.deprecated_args(None, "No kw.", "kw")(_doc_fn()).__doc__
    v = fw.deprecated_arg_values(None, "y=3 is gone.", y=3)(_nodoc_fn())
    out["deprecated_arg_values"] = [v.__doc__, v(2), v(2, y=3)]
    out["errors"] = [
        _err(lambda: fw.deprecated("2019-3-1", "x")),
        _err(lambda: fw.deprecated(None, "")),
        _err(lambda: fw.deprecated_args(None, "x")),
        _err(lambda: fw.deprecated_args(None, "x", "zz")(_nodoc_fn())),
        _err(lambda: fw.deprecated_args(None, "x", "y", other=1)),
        _err(lambda: fw.deprecated_arg_values(None, "x")),
    ]
    return out
