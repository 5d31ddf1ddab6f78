"""The decorators slim re-exports from TF 1.14's python/util/deprecation.py (deprecated,
deprecated_arg_values) and contrib/framework's experimental: each logs TF's warning when the
decorated function is called and edits its docstring as TF does."""
from __future__ import annotations

import functools
import inspect
import re
import sys
import traceback

from ... import logging

__all__ = ["deprecated", "deprecated_arg_values", "experimental", "make_all"]

_PRINTED_WARNING = {}


def _validate_callable(func, decorator_name):
    if not hasattr(func, "__call__"):
        raise ValueError("%s is not a function. If this is a property, make sure @property "
                         "appears before @%s in your source code:\n\n@property\n@%s\ndef "
                         "method(...)" % (func, decorator_name, decorator_name))


def _qualified_name(function):
    return getattr(function, "__qualname__", function.__name__)


def _normalize_docstring(docstring):
    if not docstring:
        return ""
    lines = docstring.expandtabs().splitlines()
    indent = sys.maxsize
    for line in lines[1:]:
        stripped = line.lstrip()
        if stripped:
            indent = min(indent, len(line) - len(stripped))
    trimmed = [lines[0].strip()]
    if indent < sys.maxsize:
        trimmed += [line[indent:].rstrip() for line in lines[1:]]
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    while trimmed and not trimmed[0]:
        trimmed.pop(0)
    return "\n".join(trimmed)


def _add_notice_to_docstring(doc, instructions, no_doc_str, suffix_str, notice):
    if not doc:
        lines = [no_doc_str]
    else:
        lines = _normalize_docstring(doc).splitlines()
        lines[0] += " " + suffix_str
    notice = list(notice)
    notice[0] = "Warning: " + notice[0]
    notice = [""] + notice + ([instructions] if instructions else [])
    if len(lines) > 1:
        if lines[1].strip():
            notice.append("")
        lines[1:1] = notice
    else:
        lines += notice
    return "\n".join(lines)


def _validate_deprecation_args(date, instructions):
    if date is not None and not re.match(r"20\d\d-[01]\d-[0123]\d", date):
        raise ValueError("Date must be YYYY-MM-DD.")
    if not instructions:
        raise ValueError("Don't deprecate things without conversion instructions!")


def _call_location():
    frame = traceback.extract_stack(limit=3)[0]
    return "{}:{}".format(frame.filename, frame.lineno)


def _when(date):
    return "in a future version" if date is None else "after %s" % date


def deprecated(date, instructions, warn_once=True):
    """Marks a function deprecated: a warning on (its first) call, a notice in its doc."""
    _validate_deprecation_args(date, instructions)

    def deprecated_wrapper(func):
        _validate_callable(func, "deprecated")

        @functools.wraps(func)
        def new_func(*args, **kwargs):
            if func not in _PRINTED_WARNING:
                if warn_once:
                    _PRINTED_WARNING[func] = True
                logging.warning("From %s: %s (from %s) is deprecated and will be removed "
                                "%s.\nInstructions for updating:\n%s", _call_location(),
                                _qualified_name(func), func.__module__, _when(date),
                                instructions)
            return func(*args, **kwargs)
        notice = ["THIS FUNCTION IS DEPRECATED. It will be removed %s." % _when(date)]
        if instructions:
            notice.append("Instructions for updating:")
        new_func.__doc__ = _add_notice_to_docstring(func.__doc__, instructions,
                                                    "DEPRECATED FUNCTION", "(deprecated)",
                                                    notice)
        return new_func
    return deprecated_wrapper


def deprecated_arg_values(date, instructions, warn_once=True, **deprecated_kwargs):
    """Marks some argument values deprecated: a warning when a call passes one."""
    _validate_deprecation_args(date, instructions)
    if not deprecated_kwargs:
        raise ValueError("Specify which argument values are deprecated.")

    def deprecated_wrapper(func):
        _validate_callable(func, "deprecated_arg_values")

        @functools.wraps(func)
        def new_func(*args, **kwargs):
            named = inspect.getcallargs(func, *args, **kwargs)
            for name, value in deprecated_kwargs.items():
                if name in named and named[name] == value and \
                        (func, name) not in _PRINTED_WARNING:
                    if warn_once:
                        _PRINTED_WARNING[(func, name)] = True
                    logging.warning("From %s: calling %s (from %s) with %s=%s is deprecated "
                                    "and will be removed %s.\nInstructions for updating:\n%s",
                                    _call_location(), _qualified_name(func), func.__module__,
                                    name, value, _when(date), instructions)
            return func(*args, **kwargs)
        values = ", ".join("%s=%r" % kv for kv in sorted(deprecated_kwargs.items()))
        new_func.__doc__ = _add_notice_to_docstring(
            func.__doc__, instructions, "DEPRECATED FUNCTION ARGUMENT VALUES",
            "(deprecated argument values)",
            ["SOME ARGUMENT VALUES ARE DEPRECATED: `(%s)`. They will be removed %s."
             % (values, _when(date)), "Instructions for updating:"])
        return new_func
    return deprecated_wrapper


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
