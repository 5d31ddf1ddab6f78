"""`tf.errors`: the OpError hierarchy of TF 1.x, with TF's error codes."""
from __future__ import annotations

from . import op_traceback

OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND = 0, 1, 2, 3, 4, 5
ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION = 6, 7, 8, 9
ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS = 10, 11, 12, 13, 14, 15
UNAUTHENTICATED = 16


class OpError(Exception):
    """An error raised while running a graph; `op` is the failing Operation or None."""

    error_code = UNKNOWN

    def __init__(self, node_def, op, message, error_code):
        super().__init__(message)
        self._node_def = node_def
        self._op = op
        self._message = message
        if error_code is not None:
            self.error_code = error_code

    def __reduce__(self):
        args = (self._node_def, self._op, self._message)
        if type(self) in (OpError, UnknownError):
            args += (self.error_code,)
        return type(self), args

    @property
    def message(self):
        return self._message

    @property
    def op(self):
        return self._op

    @property
    def node_def(self):
        """The failing op's NodeDef (TF's Session passes `op.node_def` with the op it
        names), or None without an op."""
        if self._node_def is None and self._op is not None:
            return self._op.node_def
        return self._node_def

    def __str__(self):
        """The message, then (as TF's OpError) the failing op's creation stack."""
        tb = getattr(self._op, "_traceback", None) if self._op is not None else None
        if not tb:
            return self._message
        return (f"{self._message}\n\nOriginal stack trace for {self._op.name!r}:\n"
                + op_traceback.format_stack(tb))


def _make(name, code):
    def __init__(self, node_def, op, message):
        OpError.__init__(self, node_def, op, message, code)

    return type(name, (OpError,), {"__init__": __init__, "error_code": code})


class UnknownError(OpError):
    """An unknown error (TF's UnknownError takes an error code too)."""

    error_code = UNKNOWN

    def __init__(self, node_def, op, message, error_code=UNKNOWN):
        OpError.__init__(self, node_def, op, message, error_code)


CancelledError = _make("CancelledError", CANCELLED)
InvalidArgumentError = _make("InvalidArgumentError", INVALID_ARGUMENT)
DeadlineExceededError = _make("DeadlineExceededError", DEADLINE_EXCEEDED)
NotFoundError = _make("NotFoundError", NOT_FOUND)
AlreadyExistsError = _make("AlreadyExistsError", ALREADY_EXISTS)
PermissionDeniedError = _make("PermissionDeniedError", PERMISSION_DENIED)
UnauthenticatedError = _make("UnauthenticatedError", UNAUTHENTICATED)
ResourceExhaustedError = _make("ResourceExhaustedError", RESOURCE_EXHAUSTED)
FailedPreconditionError = _make("FailedPreconditionError", FAILED_PRECONDITION)
AbortedError = _make("AbortedError", ABORTED)
OutOfRangeError = _make("OutOfRangeError", OUT_OF_RANGE)
UnimplementedError = _make("UnimplementedError", UNIMPLEMENTED)
InternalError = _make("InternalError", INTERNAL)
UnavailableError = _make("UnavailableError", UNAVAILABLE)
DataLossError = _make("DataLossError", DATA_LOSS)

_BY_CODE = {c.error_code: c for c in [CancelledError, UnknownError, InvalidArgumentError,
                                       DeadlineExceededError, NotFoundError, AlreadyExistsError,
                                       PermissionDeniedError, UnauthenticatedError,
                                       ResourceExhaustedError, FailedPreconditionError,
                                       AbortedError, OutOfRangeError, UnimplementedError,
                                       InternalError, UnavailableError, DataLossError]}


def exception_type_from_error_code(error_code):
    return _BY_CODE[error_code]


def error_code_from_exception_type(cls):
    return cls.error_code


_C_ESCAPES = {10: "\\n", 13: "\\r", 9: "\\t", 34: '\\"', 39: "\\'", 92: "\\\\"}


def c_escape(b) -> str:
    """absl's CEscape, as TF's messages and text protos write bytes (a str is UTF-8
    encoded first): C escapes for \\n \\r \\t, quotes and backslash, octal outside
    printable ASCII."""
    if isinstance(b, str):
        b = b.encode("utf-8")
    return "".join(_C_ESCAPES.get(c) or (chr(c) if 32 <= c < 127 else "\\%03o" % c)
                   for c in b)
