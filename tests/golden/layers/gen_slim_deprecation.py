"""TF 1.14 slim's deprecated, deprecated_arg_values and experimental decorators (from
python/util/deprecation.py and contrib/framework): the edited docstrings, the warnings each
call logs (once, or every time), and the errors; slim's __future__ feature names."""
from __future__ import absolute_import

import logging


class _Capture(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        msg = record.getMessage()
        # the call location names this file: keep its base name and line; the test loads
        # this module under another name
        msg = msg.replace(__file__.rsplit("/", 1)[0] + "/", "")
        self.messages.append(msg.replace("(from golden_layers_", "(from "))


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return [type(e).__name__, str(e)]
    return None


def cases(tf):
    S = tf.contrib.slim
    cap = _Capture()
    logger = logging.getLogger("tensorflow")
    logger.addHandler(cap)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        def f(x, mode="a"):
            """Adds one.

            Args:
              x: a number.
            """
            return x + 1

        def g(x):
            """One line."""
            return x * 2

        def h(x):
            return x

        df = S.deprecated("2017-03-01", "Use f2 instead.")(f)
        dg = S.deprecated(None, "Gone.", warn_once=False)(g)
        dh = S.deprecated_arg_values("2018-01-01", "Pass mode='b'.", mode="a")(f)
        eg = S.experimental(g)
        eh = S.experimental(h)
        results = [df(1), df(2), dg(1), dg(2), dh(1), dh(1, mode="b"), dh(2), eg(3), eg(4),
                   eh(5)]
        docs = [df.__doc__, dg.__doc__, dh.__doc__, eg.__doc__, eh.__doc__,
                S.deprecated(None, "x")(h).__doc__]
        names = [df.__name__, dh.__name__, eg.__name__]
    finally:
        logger.removeHandler(cap)
        logger.setLevel(level)
    errors = {
        "date": _error(lambda: S.deprecated("2017/03/01", "x")),
        "instructions": _error(lambda: S.deprecated(None, "")),
        "no_values": _error(lambda: S.deprecated_arg_values(None, "x")),
        "not_callable": _error(lambda: S.deprecated(None, "x")(3)),
    }
    import types
    import sys
    mod = types.ModuleType("golden_make_all_mod", "Doc.\n\n@@alpha\n@@beta\n@@missing\n")
    mod.alpha, mod.beta = 1, 2
    other = types.ModuleType("golden_make_all_other", "@@gamma\n @@alpha")
    sys.modules["golden_make_all_mod"] = mod
    mod.gamma = 3
    try:
        made = [sorted(S.make_all("golden_make_all_mod")),
                sorted(S.make_all("golden_make_all_mod", [mod, other]))]
    finally:
        del sys.modules["golden_make_all_mod"]
    features = [[f.optional[:3], f.mandatory[:3]] for f in
                (S.absolute_import, S.division, S.print_function)]
    return {"results": results, "docs": docs, "names": names, "warnings": cap.messages,
            "errors": errors, "features": features, "make_all": made}
