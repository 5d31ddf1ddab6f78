"""`tf.contrib.training.HParams` and `parse_values`: hyperparameters parsed from
"name=value,..." strings, JSON and dicts, with TF 1.14's types and errors.

>>> hp = tf.contrib.training.HParams(learning_rate=0.1, layers=[64, 32], act="relu")
>>> hp.parse("learning_rate=0.05,layers=[8,8]").learning_rate
0.05
"""
from __future__ import annotations

import json
import numbers
import re

__all__ = ["HParams", "parse_values"]

PARAM_RE = re.compile(r"""
  (?P<name>[a-zA-Z][\w\.]*)      # variable name: "var" or "x"
  (\[\s*(?P<index>\d+)\s*\])?  # (optional) index: "1" or None
  \s*=\s*
  ((?P<val>[^,\[]*)            # single value: "a" or None
   |
   \[(?P<vals>[^\]]*)\])       # list of values: None or "1,2,3"
  ($|,\s*)""", re.VERBOSE)


def _parse_fail(name, var_type, value, values):
    raise ValueError("Could not parse hparam '%s' of type '%s' with value '%s' in %s"
                     % (name, var_type.__name__, value, values))


def _reuse_fail(name, values):
    raise ValueError("Multiple assignments to variable '%s' in %s" % (name, values))


def _process_scalar_value(name, parse_fn, var_type, m_dict, values, results):
    try:
        parsed_value = parse_fn(m_dict["val"])
    except ValueError:
        _parse_fail(name, var_type, m_dict["val"], values)
    if not m_dict["index"]:
        if name in results:
            _reuse_fail(name, values)
        results[name] = parsed_value
    else:
        if name in results:
            if not isinstance(results.get(name), dict):
                _reuse_fail(name, values)
        else:
            results[name] = {}
        index = int(m_dict["index"])
        if index in results[name]:
            _reuse_fail("{}[{}]".format(name, index), values)
        results[name][index] = parsed_value


def _process_list_value(name, parse_fn, var_type, m_dict, values, results):
    if m_dict["index"] is not None:
        raise ValueError("Assignment of a list to a list index.")
    elements = filter(None, re.split("[ ,]", m_dict["vals"]))
    if name in results:
        raise _reuse_fail(name, values)
    try:
        results[name] = [parse_fn(e) for e in elements]
    except ValueError:
        _parse_fail(name, var_type, m_dict["vals"], values)


def _cast_to_type_if_compatible(name, param_type, value):
    """`value` as `param_type`; ValueError where TF finds them incompatible."""
    fail_msg = "Could not cast hparam '%s' of type '%s' from value %r" % (name, param_type,
                                                                          value)
    if type(value) == param_type:  # noqa: E721 - TF's exact-type test
        return value
    if issubclass(param_type, type(None)):
        return value
    if issubclass(param_type, (str, bytes)) and not isinstance(value, (str, bytes)):
        raise ValueError(fail_msg)
    if issubclass(param_type, bool) != isinstance(value, bool):
        raise ValueError(fail_msg)
    if issubclass(param_type, numbers.Integral) and not isinstance(value, numbers.Integral):
        raise ValueError(fail_msg)
    if issubclass(param_type, numbers.Number) and not isinstance(value, numbers.Number):
        raise ValueError(fail_msg)
    return param_type(value)


def parse_values(values, type_map, ignore_unknown=False):
    """Parses "name=value,name2=[v1,v2],arr[1]=v" into {name: value, name2: [...],
    arr: {1: v}}, each value parsed as type_map[name].

    Raises:
      ValueError: a malformed string, an unknown name (unless ignore_unknown), a value
        that does not parse, a list assigned to an index, or a name assigned twice.
    """
    results = {}
    pos = 0
    while pos < len(values):
        m = PARAM_RE.match(values, pos)
        if not m:
            raise ValueError("Malformed hyperparameter value: %s" % values[pos:])
        pos = m.end()
        m_dict = m.groupdict()
        name = m_dict["name"]
        if name not in type_map:
            if ignore_unknown:
                continue
            raise ValueError("Unknown hyperparameter type for %s" % name)
        type_ = type_map[name]
        if type_ is bool:
            def parse_bool(value, name=name, type_=type_):
                if value in ["true", "True"]:
                    return True
                if value in ["false", "False"]:
                    return False
                try:
                    return bool(int(value))
                except ValueError:
                    _parse_fail(name, type_, value, values)
            parse = parse_bool
        else:
            parse = type_
        if m_dict["val"] is not None:
            _process_scalar_value(name, parse, type_, m_dict, values, results)
        elif m_dict["vals"] is not None:
            _process_list_value(name, parse, type_, m_dict, values, results)
        else:
            _parse_fail(name, type_, "", values)
    return results


class HParams:
    """Named hyperparameters (attributes), typed by their first value: int, float, bool,
    str, or a non-empty list of one of them.

    Args:
      hparam_def: a serialized HParamDef (not supported by flowgrad: NotImplementedError).
      model_structure: any object, kept for get_model_structure().
      **kwargs: the hyperparameters.
    Raises:
      ValueError: a reserved name (an attribute of HParams) or an empty list.
    """

    _HAS_DYNAMIC_ATTRIBUTES = True

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types = {}
        self._model_structure = model_structure
        if hparam_def:
            raise NotImplementedError("flowgrad's HParams does not read an HParamDef protocol "
                                      "buffer (hparam_def)")
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        """Adds hyperparameter `name` (ValueError if the name is taken or the list empty)."""
        if getattr(self, name, None) is not None:
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("Multi-valued hyperparameters cannot be empty: %s" % name)
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        """Sets an existing hyperparameter, cast to its type.

        Raises:
          KeyError: no such hyperparameter. ValueError: the value does not fit its type.
        """
        param_type, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError("Must not pass a list for single-valued parameter: %s" % name)
            setattr(self, name, [_cast_to_type_if_compatible(name, param_type, v)
                                 for v in value])
        else:
            if is_list:
                raise ValueError("Must pass a list for multi-valued parameter: %s." % name)
            setattr(self, name, _cast_to_type_if_compatible(name, param_type, value))

    def del_hparam(self, name):
        """Removes hyperparameter `name` (nothing if absent)."""
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        """Overrides hyperparameters from "name=value,..." (see parse_values); returns self."""
        type_map = {name: t[0] for name, t in self._hparam_types.items()}
        return self.override_from_dict(parse_values(values, type_map))

    def override_from_dict(self, values_dict):
        """set_hparam for each item; returns self."""
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_from_map(self, values_map):
        """Deprecated: override_from_dict."""
        return self.override_from_dict(values_dict=values_map)

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def to_json(self, indent=None, separators=None, sort_keys=False):
        """The values as a JSON object string."""
        return json.dumps(self.values(), indent=indent, separators=separators,
                          sort_keys=sort_keys)

    def parse_json(self, values_json):
        """Overrides hyperparameters from a JSON object string; returns self."""
        return self.override_from_dict(json.loads(values_json))

    def values(self):
        """{name: value} of every hyperparameter."""
        return {n: getattr(self, n) for n in self._hparam_types.keys()}

    def get(self, key, default=None):
        """The value of `key`, or `default` when absent (ValueError if default does not fit
        the hyperparameter's type)."""
        if key in self._hparam_types:
            if default is not None:
                param_type, is_param_list = self._hparam_types[key]
                type_str = "list<%s>" % param_type if is_param_list else str(param_type)
                fail_msg = ("Hparam '%s' of type '%s' is incompatible with default=%s"
                            % (key, type_str, default))
                is_default_list = isinstance(default, list)
                if is_param_list != is_default_list:
                    raise ValueError(fail_msg)
                try:
                    if is_default_list:
                        for value in default:
                            _cast_to_type_if_compatible(key, param_type, value)
                    else:
                        _cast_to_type_if_compatible(key, param_type, default)
                except ValueError as e:
                    raise ValueError("%s. %s" % (fail_msg, e)) from None
            return getattr(self, key)
        return default

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        hpdict = self.values()
        return ",".join("{}={}".format(key, hpdict[key]) for key in hpdict)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, str(sorted(self.values().items())))

    def to_proto(self, export_scope=None):
        raise NotImplementedError("flowgrad's HParams does not write an HParamDef protocol "
                                  "buffer (HParams.to_proto)")

    @staticmethod
    def from_proto(hparam_def, import_scope=None):
        return HParams(hparam_def=hparam_def)
