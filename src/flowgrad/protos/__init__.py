"""TF's Example protos (generated code: README.md).

Their messages print as under TF 1.14 (protobuf 3.20's text format): map entries sorted
by key, bytes escaped as octal, and a float as Python prints the double it reads back
(`0.0`, `0.10000000149011612`), where newer runtimes print the shortest float (`0`, `0.1`).
"""
from google.protobuf import text_format

from . import example_pb2, feature_pb2


def _float_list(message, indent, as_one_line):
    """A FloatList's body with each value as repr() of its double (None: the default)."""
    if message.DESCRIPTOR.full_name != "tensorflow.FloatList" or not message.value:
        return None
    sep = " " if as_one_line else "\n" + " " * indent
    return sep.join(f"value: {v!r}" for v in message.value)


def _tf_text(self):
    return text_format.MessageToString(self, as_utf8=False, message_formatter=_float_list)


for _module in (example_pb2, feature_pb2):
    for _name in _module.DESCRIPTOR.message_types_by_name:
        _cls = getattr(_module, _name)
        _cls.__str__ = _cls.__repr__ = _tf_text
