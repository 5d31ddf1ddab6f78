"""tf.contrib.framework's deprecation decorators (TF 1.14 python/util/deprecation.py):
`deprecated`, `deprecated_args`, `deprecated_arg_values`. Each logs TF's warning (once per
function, or per argument, by default) and adds TF's notice to the docstring."""
from __future__ import annotations

import collections
import functools
import inspect
import re
import sys
import traceback

from ... import logging

__all__ = ["deprecated", "deprecated_args", "deprecated_arg_values"]

_PRINT_DEPRECATION_WARNINGS = True
_PRINTED_WARNING = {}

DeprecatedArgSpec = collections.namedtuple("DeprecatedArgSpec",
                                           ["position", "has_ok_value", "ok_value"])


# -- docstrings (TF's decorator_utils) -------------------------------------------------------
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
        for line in lines[1:]:
            trimmed.append(line[indent:].rstrip())
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
    notice[0] = "Warning: " + notice[0]
    notice = [""] + notice + ([instructions] if instructions else [])
    if len(lines) > 1:
        if lines[1].strip():
            notice.append("")
        lines[1:1] = notice
    else:
        lines += notice
    return "\n".join(lines)


def _when(date):
    return "in a future version" if date is None else "after %s" % date


def _qualified_name(function):
    return getattr(function, "__qualname__", function.__name__)


def _validate_callable(func, decorator_name):
    if not hasattr(func, "__call__"):
        raise ValueError("%s is not a function. If this is a property, make sure @property "
                         "appears before @%s in your source code:\n\n@property\n@%s\n"
                         "def method(...)" % (func, decorator_name, decorator_name))


def _validate_deprecation_args(date, instructions):
    if date is not None and not re.match(r"20\d\d-[01]\d-[0123]\d", date):
        raise ValueError("Date must be YYYY-MM-DD.")
    if not instructions:
        raise ValueError("Don't deprecate things without conversion instructions!")


def _call_location():
    """file:line of the decorated function's caller."""
    stack = traceback.extract_stack(limit=3)   # the caller, new_func, this function
    frame = stack[0]
    return "{}:{}".format(frame.filename, frame.lineno)


def _decorate(func, new_func, doc):
    new_func.__doc__ = doc
    new_func.__wrapped__ = func
    return new_func


# -- the decorators ----------------------------------------------------------------------------
def deprecated(date, instructions, warn_once=True):
    """Marks a function deprecated: calls log TF's warning (once unless warn_once=False)
    and the docstring gets TF's "(deprecated)" notice.

    Raises:
      ValueError: a date not YYYY-MM-DD, or no instructions.
    """
    _validate_deprecation_args(date, instructions)

    def deprecated_wrapper(func):
        _validate_callable(func, "deprecated")

        @functools.wraps(func)
        def new_func(*args, **kwargs):
            if _PRINT_DEPRECATION_WARNINGS and func not in _PRINTED_WARNING:
                if warn_once:
                    _PRINTED_WARNING[func] = True
                logging.warning("From %s: %s (from %s) is deprecated and will be removed %s.\n"
                                "Instructions for updating:\n%s", _call_location(),
                                _qualified_name(func), func.__module__, _when(date),
                                instructions)
            return func(*args, **kwargs)

        notice = ["THIS FUNCTION IS DEPRECATED. It will be removed %s." % _when(date)]
        if instructions:
            notice.append("Instructions for updating:")
        return _decorate(func, new_func, _add_notice_to_docstring(
            func.__doc__, instructions, "DEPRECATED FUNCTION", "(deprecated)", notice))
    return deprecated_wrapper


def deprecated_args(date, instructions, *deprecated_arg_names_or_tuples, **kwargs):
    """Marks arguments deprecated (names, or (name, ok_value) pairs): passing one logs TF's
    warning; the docstring gets TF's "(deprecated arguments)" notice.

    Raises:
      ValueError: a bad date, no instructions, no argument named, an argument the function
        does not have, or a keyword other than warn_once.
    """
    _validate_deprecation_args(date, instructions)
    if not deprecated_arg_names_or_tuples:
        raise ValueError("Specify which argument is deprecated.")
    if kwargs and list(kwargs.keys()) != ["warn_once"]:
        kwargs.pop("warn_once", None)
        raise ValueError("Illegal argument to deprecated_args: %s" % kwargs)
    warn_once = kwargs.get("warn_once", True)
    names_to_ok_vals = {}
    for name_or_tuple in deprecated_arg_names_or_tuples:
        if isinstance(name_or_tuple, tuple):
            names_to_ok_vals[name_or_tuple[0]] = DeprecatedArgSpec(-1, True, name_or_tuple[1])
        else:
            names_to_ok_vals[name_or_tuple] = DeprecatedArgSpec(-1, False, None)

    def deprecated_wrapper(func):
        _validate_callable(func, "deprecated_args")
        arg_spec = inspect.getfullargspec(func)
        arg_name_to_pos = {name: pos for pos, name in enumerate(arg_spec.args)}
        deprecated_positions = {
            name: DeprecatedArgSpec(arg_name_to_pos[name], spec.has_ok_value, spec.ok_value)
            for name, spec in names_to_ok_vals.items() if name in arg_name_to_pos}
        is_varargs_deprecated = arg_spec.varargs in names_to_ok_vals
        is_kwargs_deprecated = arg_spec.varkw in names_to_ok_vals
        if (len(deprecated_positions) + is_varargs_deprecated + is_kwargs_deprecated
                != len(deprecated_arg_names_or_tuples)):
            known_args = arg_spec.args + [arg_spec.varargs, arg_spec.varkw]
            missing_args = [n for n in names_to_ok_vals if n not in known_args]
            raise ValueError("The following deprecated arguments are not present in the "
                             "function signature: %s. Found next arguments: %s."
                             % (missing_args, known_args))

        def _same_value(a, b):
            if a is b:
                return True
            try:
                equality = a == b
                if isinstance(equality, bool):
                    return equality
            except TypeError:
                return False
            return False

        @functools.wraps(func)
        def new_func(*args, **kwargs):
            if _PRINT_DEPRECATION_WARNINGS:
                invalid_args = []
                named_args = inspect.getcallargs(func, *args, **kwargs)
                for arg_name, spec in deprecated_positions.items():
                    if (spec.position < len(args) and not (
                            spec.has_ok_value
                            and _same_value(named_args[arg_name], spec.ok_value))):
                        invalid_args.append(arg_name)
                if is_varargs_deprecated and len(args) > len(arg_spec.args):
                    invalid_args.append(arg_spec.varargs)
                if is_kwargs_deprecated and kwargs:
                    invalid_args.append(arg_spec.varkw)
                for arg_name in names_to_ok_vals:
                    if arg_name in kwargs and not (
                            deprecated_positions[arg_name].has_ok_value
                            and _same_value(named_args[arg_name],
                                            deprecated_positions[arg_name].ok_value)):
                        invalid_args.append(arg_name)
                for arg_name in invalid_args:
                    if (func, arg_name) not in _PRINTED_WARNING:
                        if warn_once:
                            _PRINTED_WARNING[(func, arg_name)] = True
                        logging.warning(
                            "From %s: calling %s (from %s) with %s is deprecated and will be "
                            "removed %s.\nInstructions for updating:\n%s", _call_location(),
                            _qualified_name(func), func.__module__, arg_name, _when(date),
                            instructions)
            return func(*args, **kwargs)

        names = ", ".join(sorted(names_to_ok_vals))
        notice = ["SOME ARGUMENTS ARE DEPRECATED: `(%s)`. They will be removed %s."
                  % (names, _when(date)), "Instructions for updating:"]
        return _decorate(func, new_func, _add_notice_to_docstring(
            func.__doc__, instructions, "DEPRECATED FUNCTION ARGUMENTS",
            "(deprecated arguments)", notice))
    return deprecated_wrapper


def deprecated_arg_values(date, instructions, warn_once=True, **deprecated_kwargs):
    """Marks argument values deprecated (name=value): calling with one logs TF's warning;
    the docstring gets TF's "(deprecated argument values)" notice.

    Raises:
      ValueError: a bad date, no instructions, or no argument value given.
    """
    _validate_deprecation_args(date, instructions)
    if not deprecated_kwargs:
        raise ValueError("Specify which argument values are deprecated.")

    def deprecated_wrapper(func):
        _validate_callable(func, "deprecated_arg_values")

        @functools.wraps(func)
        def new_func(*args, **kwargs):
            if _PRINT_DEPRECATION_WARNINGS:
                named_args = inspect.getcallargs(func, *args, **kwargs)
                for arg_name, arg_value in deprecated_kwargs.items():
                    if arg_name in named_args and named_args[arg_name] == arg_value:
                        if (func, arg_name) not in _PRINTED_WARNING:
                            if warn_once:
                                _PRINTED_WARNING[(func, arg_name)] = True
                            logging.warning(
                                "From %s: calling %s (from %s) with %s=%s is deprecated and "
                                "will be removed %s.\nInstructions for updating:\n%s",
                                _call_location(), _qualified_name(func), func.__module__,
                                arg_name, arg_value, _when(date), instructions)
            return func(*args, **kwargs)

        values = ", ".join("%s=%r" % (key, value)
                           for key, value in sorted(deprecated_kwargs.items()))
        notice = ["SOME ARGUMENT VALUES ARE DEPRECATED: `(%s)`. They will be removed %s."
                  % (values, _when(date)), "Instructions for updating:"]
        return _decorate(func, new_func, _add_notice_to_docstring(
            func.__doc__, instructions, "DEPRECATED FUNCTION ARGUMENT VALUES",
            "(deprecated argument values)", notice))
    return deprecated_wrapper


class DeprecatedNamesAlreadySet(Exception):
    """Raised when setting deprecated names multiple times for the same symbol."""


def deprecated_endpoints(*args):
    """TF's decorator recording `args` as the symbol's deprecated endpoint names (in
    `_tf_deprecated_api_names`); it logs nothing. Setting them twice raises
    DeprecatedNamesAlreadySet, as in TF."""
    def deprecated_wrapper(func):
        if "_tf_deprecated_api_names" in func.__dict__:
            raise DeprecatedNamesAlreadySet(
                "Cannot set deprecated names for %s to %s. Deprecated names are already set "
                "to %s." % (func.__name__, str(args), str(func._tf_deprecated_api_names)))
        func._tf_deprecated_api_names = args
        return func
    return deprecated_wrapper
