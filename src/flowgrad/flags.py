"""`tf.flags` / `tf.app.flags`: TF 1.x's command-line flags (absl.flags' API), without absl.

    FLAGS = tf.app.flags.FLAGS
    tf.app.flags.DEFINE_integer("steps", 100, "Number of training steps.")
    tf.app.flags.DEFINE_boolean("fast", False, "Skip the slow parts.")

    def main(argv):
        print(FLAGS.steps)

    tf.app.run()   # parses --steps=5 / --steps 5 / --fast / --nofast, then main(argv)

Parsing follows absl: `--name=value`, `--name value`, `-name=value`; booleans
take `--name`, `--noname`, `--name=true|false|1|0|t|f`; `--` ends the flags;
positional arguments may be mixed with flags. As in TF 1.x, reading a flag
before anything parsed the command line parses `sys.argv` first.
"""
from __future__ import annotations

import sys

__all__ = [
    "FLAGS",
    "DEFINE_bool",
    "DEFINE_boolean",
    "DEFINE_enum",
    "DEFINE_float",
    "DEFINE_integer",
    "DEFINE_list",
    "DEFINE_multi_float",
    "DEFINE_multi_integer",
    "DEFINE_multi_string",
    "DEFINE_string",
    "DuplicateFlagError",
    "Error",
    "Flag",
    "FlagValues",
    "IllegalFlagValueError",
    "UnparsedFlagAccessError",
    "UnrecognizedFlagError",
    "ValidationError",
    "mark_flag_as_required",
    "mark_flags_as_required",
    "register_validator",
]


class Error(Exception):
    """Base class of flag errors (absl.flags.Error)."""


class IllegalFlagValueError(Error):
    """A flag was given a value its parser or a validator rejects."""


class UnrecognizedFlagError(Error):
    """The command line holds a flag nobody defined."""

    def __init__(self, flagname, flagvalue=""):
        self.flagname = flagname
        self.flagvalue = flagvalue
        super().__init__(f"Unknown command line flag '{flagname}'")


class DuplicateFlagError(Error):
    """A flag name was defined twice."""


class UnparsedFlagAccessError(Error):
    """A flag was read from a FlagValues that has not parsed a command line."""


class ValidationError(Error):
    """A validator registered with `register_validator` failed."""


_TRUE = ("true", "t", "1", "yes", "y")
_FALSE = ("false", "f", "0", "no", "n")


def _parse_bool(arg):
    if isinstance(arg, bool):
        return arg
    if isinstance(arg, str):
        if arg.lower() in _TRUE:
            return True
        if arg.lower() in _FALSE:
            return False
    if isinstance(arg, int) and arg in (0, 1):
        return bool(arg)
    raise ValueError("Non-boolean argument to boolean flag", arg)


def _parse_int(arg):
    if isinstance(arg, str):
        base = 10
        if len(arg) > 2 and arg[0] == "0" and arg[1] in "ox":
            base = 8 if arg[1] == "o" else 16
        return int(arg, base)
    return int(arg)


def _parse_list(arg):
    if isinstance(arg, str):
        return [s.strip() for s in arg.split(",") if s.strip()] if arg else []
    return list(arg)


class Flag:
    """One defined flag: its name, default, help text, parser and current value."""

    def __init__(self, name, default, help_text, parser, type_help, boolean=False,
                 short_name=None, multi=False):
        self.name = name
        self.help = help_text
        self.short_name = short_name
        self.boolean = boolean
        self.multi = multi
        self.type_help = type_help
        self._parser = parser
        self.present = 0
        self.using_default_value = True
        self.default = None if default is None else self._convert(default, initial=True)
        self.value = self._copy(self.default)

    @staticmethod
    def _copy(value):
        return list(value) if isinstance(value, list) else value

    def _convert(self, argument, initial=False):
        if self.multi:
            items = argument if isinstance(argument, (list, tuple)) else [argument]
            return [self._convert_one(a) for a in items]
        return self._convert_one(argument)

    def _convert_one(self, argument):
        try:
            return self._parser(argument)
        except (TypeError, ValueError) as e:
            raise IllegalFlagValueError(f"flag --{self.name}={argument}: {e}") from None

    def parse(self, argument):
        """Sets the value from a command-line string (appends, for multi flags)."""
        value = self._convert(argument)
        if self.multi and self.present:
            self.value = self.value + value
        else:
            self.value = value
        self.present += 1
        self.using_default_value = False

    def unparse(self):
        self.value = self._copy(self.default)
        self.present = 0
        self.using_default_value = True

    def help_lines(self):
        default = ",".join(map(str, self.default)) if isinstance(self.default, list) \
            else self.default
        if isinstance(default, str):
            default = repr(default)
        lines = [f"  --{'[no]' if self.boolean else ''}{self.name}: {self.help}",
                 f"    (default: {'None' if default is None else default})"]
        if self.type_help:
            lines.append(f"    ({self.type_help})")
        return lines


class FlagValues:
    """A registry of flags and their values (absl.flags.FlagValues); FLAGS is the global one."""

    def __init__(self):
        self.__dict__["_flags_by_name"] = {}
        self.__dict__["_validators"] = []
        self.__dict__["_parsed"] = False

    # -- defining ---------------------------------------------------------------------
    def _define(self, flag):
        flags = self.__dict__["_flags_by_name"]
        for key in (flag.name, flag.short_name):
            if key is not None and key in flags:
                raise DuplicateFlagError(f"The flag '{key}' is defined twice.")
        flags[flag.name] = flag
        if flag.short_name:
            flags[flag.short_name] = flag
        return flag

    def _reset(self):
        """Forgets every flag and validator (a fresh program, as for `flowgrad run`)."""
        self.__dict__["_flags_by_name"].clear()
        self.__dict__["_validators"].clear()
        self.__dict__["_parsed"] = False

    # -- parsing ----------------------------------------------------------------------
    def __call__(self, argv, known_only=False):
        """Parses flags out of `argv` (argv[0] is the program); returns the rest.

        Raises:
            UnrecognizedFlagError: an unknown `--flag` (unless known_only).
            IllegalFlagValueError: a value the flag's parser or a validator rejects.
            Error: a flag missing its value.
        """
        if isinstance(argv, (str, bytes)):
            raise TypeError("argv should be a tuple/list of strings, not bytes or string.")
        if not argv:
            raise ValueError("argv cannot be an empty list, and must contain the program "
                             "name as the first element.")
        flags = self.__dict__["_flags_by_name"]
        rest = [argv[0]]
        args = iter(argv[1:])
        for arg in args:
            if not arg.startswith("-") or arg == "-":
                rest.append(arg)
                continue
            if arg == "--":
                if known_only:
                    rest.append(arg)
                rest.extend(args)
                break
            body = arg[2:] if arg.startswith("--") else arg[1:]
            name, eq, value = body.partition("=")
            value = value if eq else None
            flag = flags.get(name)
            if flag is not None:
                if flag.boolean and value is None:
                    value = "true"
                elif value is None:
                    try:
                        value = next(args)
                    except StopIteration:
                        raise Error(f"Missing value for flag {arg}") from None
            elif name.startswith("no") and flags.get(name[2:]) is not None \
                    and flags[name[2:]].boolean:
                if value is not None:
                    raise ValueError(f"{arg} does not take an argument")
                flag, value = flags[name[2:]], "false"
            if flag is None:
                if not known_only:
                    raise UnrecognizedFlagError(name, arg)
                rest.append(arg)
                continue
            flag.parse(value)
        self.__dict__["_parsed"] = True
        self._validate()
        return rest

    def _validate(self):
        flags = self.__dict__["_flags_by_name"]
        for name, check, message in self.__dict__["_validators"]:
            value = flags[name].value
            if not check(value):
                raise IllegalFlagValueError(f"flag --{name}={value}: {message}")

    def is_parsed(self):
        return self.__dict__["_parsed"]

    def mark_as_parsed(self):
        self.__dict__["_parsed"] = True

    def unparse_flags(self):
        """Back to defaults, as before any parse."""
        for flag in set(self.__dict__["_flags_by_name"].values()):
            flag.unparse()
        self.__dict__["_parsed"] = False

    # -- values -----------------------------------------------------------------------
    def __getattr__(self, name):
        flags = self.__dict__["_flags_by_name"]
        if name not in flags:
            raise AttributeError(name)
        if not self.__dict__["_parsed"]:
            # TF 1.x's FLAGS parses sys.argv when a flag is read before any parse
            self(sys.argv)
        return flags[name].value

    def __setattr__(self, name, value):
        flags = self.__dict__["_flags_by_name"]
        if name not in flags:
            raise AttributeError(name)
        flags[name].value = value
        flags[name].using_default_value = False

    def __getitem__(self, name):
        return self.__dict__["_flags_by_name"][name]

    def __contains__(self, name):
        return name in self.__dict__["_flags_by_name"]

    def __iter__(self):
        return iter(self.__dict__["_flags_by_name"])

    def __len__(self):
        return len(self.__dict__["_flags_by_name"])

    def __dir__(self):
        return sorted(self.__dict__["_flags_by_name"])

    def _flags(self):
        return dict(self.__dict__["_flags_by_name"])

    def flag_values_dict(self):
        """{name: value} of every flag."""
        return {f.name: f.value for f in self.__dict__["_flags_by_name"].values()}

    def get_flag_value(self, name, default):
        flag = self.__dict__["_flags_by_name"].get(name)
        return default if flag is None else flag.value

    def set_default(self, name, value):
        flag = self.__dict__["_flags_by_name"][name]
        flag.default = flag._convert(value)
        if flag.using_default_value:
            flag.value = flag._copy(flag.default)

    def get_help(self):
        """Help text listing every flag, its default and its type."""
        lines = []
        for name, flag in sorted(self.__dict__["_flags_by_name"].items()):
            if name == flag.name:
                lines.extend(flag.help_lines())
        return "\n".join(lines)

    def __str__(self):
        return self.get_help()


FLAGS = FlagValues()

# TF 1.x's tf.flags accepted the pre-absl keyword names too
_RENAMED = {"flag_name": "name", "default_value": "default", "docstring": "help"}


def _renamed(kwargs):
    return {_RENAMED.get(k, k): v for k, v in kwargs.items()}


def _define(name, default, help, parser, type_help, flag_values, short_name=None,
            boolean=False, multi=False):
    flag = Flag(name, default, help, parser, type_help, boolean=boolean,
                short_name=short_name, multi=multi)
    return (flag_values if flag_values is not None else FLAGS)._define(flag)


def _bounded(parse, lower, upper, number):
    """A parser checking lower <= value <= upper, and absl's wording of the bounds."""
    if lower is None and upper is None:
        return parse, None
    if lower is not None and upper is not None:
        help_text = f"a {number} in the range [{lower}, {upper}]"
    elif lower == 0:
        help_text = f"a non-negative {number}"
    elif upper == 0:
        help_text = f"a non-positive {number}"
    elif upper is not None:
        help_text = f"{number} <= {upper}"
    elif lower == 1 and number == "integer":
        help_text = f"a positive {number}"
    else:
        help_text = f"{number} >= {lower}"

    def check(arg):
        value = parse(arg)
        if (lower is not None and value < lower) or (upper is not None and value > upper):
            raise ValueError(f"{value} is not {help_text}")
        return value

    return check, help_text


def _definer(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **_renamed(kwargs))

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@_definer
def DEFINE_string(name, default, help, flag_values=None, short_name=None, **_):
    """Defines a string flag: `DEFINE_string("data_dir", "/tmp/data", "Where data lives.")`."""
    return _define(name, default, help, str, None, flag_values, short_name)


@_definer
def DEFINE_integer(name, default, help, lower_bound=None, upper_bound=None,
                   flag_values=None, short_name=None, **_):
    """Defines an integer flag, optionally bounded: `DEFINE_integer("steps", 100, "...")`.

    Raises:
        IllegalFlagValueError: the default or a parsed value is not an integer in bounds.
    """
    parse, type_help = _bounded(_parse_int, lower_bound, upper_bound, "integer")
    return _define(name, default, help, parse, type_help or "an integer", flag_values,
                   short_name)


@_definer
def DEFINE_float(name, default, help, lower_bound=None, upper_bound=None,
                 flag_values=None, short_name=None, **_):
    """Defines a float flag: `DEFINE_float("learning_rate", 0.01, "Step size.")`."""
    parse, type_help = _bounded(float, lower_bound, upper_bound, "number")
    return _define(name, default, help, parse, type_help or "a number", flag_values,
                   short_name)


@_definer
def DEFINE_boolean(name, default, help, flag_values=None, short_name=None, **_):
    """Defines a boolean flag, set with `--name`/`--noname`/`--name=false`."""
    return _define(name, default, help, _parse_bool, None, flag_values, short_name,
                   boolean=True)


DEFINE_bool = DEFINE_boolean


@_definer
def DEFINE_enum(name, default, enum_values, help, flag_values=None,
                short_name=None, case_sensitive=True, **_):
    """Defines a string flag restricted to `enum_values`.

    Raises:
        IllegalFlagValueError: a value outside `enum_values`.
    """
    values = list(enum_values)
    if not values:
        raise ValueError("enum_values cannot be empty")

    def parse(arg):
        for v in values:
            if arg == v or (not case_sensitive and str(arg).upper() == v.upper()):
                return v
        raise ValueError(f"value should be one of <{'|'.join(values)}>")

    return _define(name, default, help, parse, f"one of <{'|'.join(values)}>",
                   flag_values, short_name)


@_definer
def DEFINE_list(name, default, help, flag_values=None, short_name=None, **_):
    """Defines a comma-separated list flag: `--layers=64,64` gives ['64', '64']."""
    return _define(name, default, help, _parse_list, "a comma separated list", flag_values,
                   short_name)


@_definer
def DEFINE_multi_string(name, default, help, flag_values=None, short_name=None,
                        **_):
    """Defines a repeatable string flag: `--x=a --x=b` gives ['a', 'b']."""
    return _define(name, default, help, str, "repeat this option to specify a list of values",
                   flag_values, short_name, multi=True)


@_definer
def DEFINE_multi_integer(name, default, help, flag_values=None, short_name=None,
                         **_):
    """Defines a repeatable integer flag."""
    return _define(name, default, help, _parse_int,
                   "repeat this option to specify a list of values", flag_values, short_name,
                   multi=True)


@_definer
def DEFINE_multi_float(name, default, help, flag_values=None, short_name=None,
                       **_):
    """Defines a repeatable float flag."""
    return _define(name, default, help, float,
                   "repeat this option to specify a list of values", flag_values, short_name,
                   multi=True)


def register_validator(flag_name, checker, message="Flag validation failed",
                       flag_values=None):
    """Checks `checker(value)` after each parse; a False result raises IllegalFlagValueError.

    Raises:
        KeyError: `flag_name` is not defined.
    """
    fv = flag_values if flag_values is not None else FLAGS
    if flag_name not in fv:
        raise KeyError(f"Flag --{flag_name} is not defined")
    fv.__dict__["_validators"].append((flag_name, checker, message))


def mark_flag_as_required(flag_name, flag_values=None):
    """The flag must be given a value other than None (checked when flags are parsed)."""
    register_validator(flag_name, lambda value: value is not None,
                       f"Flag --{flag_name} must have a value other than None.", flag_values)


def mark_flags_as_required(flag_names, flag_values=None):
    for name in flag_names:
        mark_flag_as_required(name, flag_values)
