"""The decorators slim re-exports: TF 1.14's python/util/deprecation.py ones (deprecated,
deprecated_arg_values: the same objects as tf.contrib.framework's, as in TF) and
contrib/framework's experimental, which logs TF's warning on each call and edits the
docstring as TF does; make_all is TF's all_util.make_all."""
from __future__ import annotations

import functools
import inspect
import re
import sys

from ... import logging
from ..framework.deprecation import (_add_notice_to_docstring, _qualified_name,
                                     _validate_callable, deprecated, deprecated_arg_values)

__all__ = ["deprecated", "deprecated_arg_values", "experimental", "make_all"]


def experimental(func):
    """Marks a function experimental: a warning on every call, a notice in its doc."""
    _validate_callable(func, "experimental")

    @functools.wraps(func)
    def new_func(*args, **kwargs):
        logging.warning("%s (from %s) is experimental and may change or be removed at any "
                        "time, and without warning.", _qualified_name(func), func.__module__)
        return func(*args, **kwargs)
    new_func.__doc__ = _add_notice_to_docstring(
        func.__doc__, "", "EXPERIMENTAL FUNCTION", "(experimental)",
        ["THIS FUNCTION IS EXPERIMENTAL. It may change or be removed at any time, and "
         "without warning."])
    return new_func


_REFERENCE = re.compile(r"^@@(\w+)$", flags=re.MULTILINE)


def make_all(module_name, doc_string_modules=None):
    """The names a module's docstring(s) list as "@@name" lines that the module has
    (TF's all_util.make_all, for `__all__`)."""
    if doc_string_modules is None:
        doc_string_modules = [sys.modules[module_name]]
    members = set(name for name, _ in inspect.getmembers(sys.modules[module_name]))
    results = set()
    for module in doc_string_modules:
        results.update(m.group(1) for m in _REFERENCE.finditer(module.__doc__)
                       if m.group(1) in members)
    return list(results)
