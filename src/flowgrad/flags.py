"""`tf.flags` / `tf.app.flags`: absl.flags, as in TF 1.14.

TF 1.14's `tf.app.flags` is `absl.flags` plus two things this module adds the same way:
the DEFINE functions accept TF's older keyword names (`flag_name`, `default_value`,
`docstring`), and `FLAGS` parses `sys.argv` (known flags only) the first time a flag is
read before anything parsed the command line, where absl's own FLAGS would raise.

    FLAGS = tf.app.flags.FLAGS
    tf.app.flags.DEFINE_integer("steps", 100, "Number of training steps.")

    def main(argv):
        print(FLAGS.steps)

    tf.app.run()   # parses --steps=5 / --steps 5, then main(argv)

`flowgrad run` starts each script with the script-defined flags of earlier runs removed
(`_begin_script` / `_end_script`), so one process can run many scripts.
"""
from __future__ import annotations

import functools
import logging as _logging
import sys as _sys

from absl import flags as _absl_flags
from absl.flags import *  # noqa: F403 - tf.flags is absl.flags

_absl_flags.disclaim_key_flags()  # flags defined through the wrappers belong to the caller

_RENAMED_ARGUMENTS = {"flag_name": "name", "default_value": "default", "docstring": "help"}


def _wrap_define_function(original):
    """`original` accepting TF's older keyword names, with TF's deprecation warning."""

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        old = [k for k in _RENAMED_ARGUMENTS if k in kwargs]
        for k in old:
            kwargs[_RENAMED_ARGUMENTS[k]] = kwargs.pop(k)
        if old:
            _logging.warning("Use of the keyword argument names (flag_name, default_value, "
                             "docstring) is deprecated, please use (name, default, help) "
                             "instead.")
        return original(*args, **kwargs)

    return wrapper


class _FlagValuesWrapper:
    """absl's FLAGS, parsing `sys.argv` (known flags only, as TF 1.14) when a flag is read
    before the command line was parsed."""

    def __init__(self, flags_object):
        self.__dict__["__wrapped"] = flags_object

    def __getattribute__(self, name):
        if name == "__dict__":
            return super().__getattribute__(name)
        return self.__dict__["__wrapped"].__getattribute__(name)

    def __getattr__(self, name):
        wrapped = self.__dict__["__wrapped"]
        if not wrapped.is_parsed():
            wrapped(_sys.argv, known_only=True)
        return wrapped.__getattr__(name)

    def __setattr__(self, name, value):
        return self.__dict__["__wrapped"].__setattr__(name, value)

    def __delattr__(self, name):
        return self.__dict__["__wrapped"].__delattr__(name)

    def __dir__(self):
        return self.__dict__["__wrapped"].__dir__()

    def __getitem__(self, name):
        return self.__dict__["__wrapped"].__getitem__(name)

    def __setitem__(self, name, flag):
        return self.__dict__["__wrapped"].__setitem__(name, flag)

    def __contains__(self, name):
        return self.__dict__["__wrapped"].__contains__(name)

    def __len__(self):
        return self.__dict__["__wrapped"].__len__()

    def __iter__(self):
        return self.__dict__["__wrapped"].__iter__()

    def __str__(self):
        return self.__dict__["__wrapped"].__str__()

    def __call__(self, *args, **kwargs):
        return self.__dict__["__wrapped"].__call__(*args, **kwargs)


DEFINE_string = _wrap_define_function(_absl_flags.DEFINE_string)
DEFINE_boolean = _wrap_define_function(_absl_flags.DEFINE_boolean)
DEFINE_bool = DEFINE_boolean
DEFINE_float = _wrap_define_function(_absl_flags.DEFINE_float)
DEFINE_integer = _wrap_define_function(_absl_flags.DEFINE_integer)

FLAGS = _FlagValuesWrapper(_absl_flags.FLAGS)


def _unparse_flags():
    """FLAGS.unparse_flags() without its side effects on logging: absl logs the call with
    the `logging.info` function, which (root logger without handlers) runs
    logging.basicConfig; a root handler set up before the script would keep tf.logging
    from adding its own (TF 1.14's get_logger), so absl's app.run, which replaces that
    root handler, would then print tf.logging lines in absl's format only."""
    root = _logging.getLogger()
    before, disabled = list(root.handlers), root.manager.disable
    _logging.disable(_logging.INFO)   # nor is the message printed (a script's INFO root)
    try:
        _absl_flags.FLAGS.unparse_flags()
    finally:
        _logging.disable(disabled)
    for h in root.handlers[:]:
        if h not in before:
            root.removeHandler(h)


def _begin_script():
    """Before `flowgrad run` runs a script: FLAGS unparsed (a first read parses the script's
    argv). Returns the flag names defined now, for `_end_script`."""
    _unparse_flags()
    return set(_absl_flags.FLAGS)


def _end_script(names):
    """After a script: the flags it defined are removed (absl's own, and those of modules
    it imported for the first time, such as absl.logging's, stay) and FLAGS is unparsed."""
    fv = _absl_flags.FLAGS
    for module, defined in list(fv.flags_by_module_dict().items()):
        if module.startswith("absl."):
            continue
        for flag in list(defined):  # deleting a flag edits this list
            if flag.name not in names and flag.name in fv:
                fv.__delattr__(flag.name)
    _unparse_flags()
