"""Where each op was created: recorded cheaply at build time, shown in run-time errors.

`capture()` runs once per op (Graph.create_op). It walks the Python frames from the
caller outwards, skipping flowgrad's own frames, and keeps (code, instruction offset)
pairs of the user's frames only, at most `LIMIT` of them; it stops at the runner that
called the user's code (`flowgrad run`'s runpy/importlib frames, flowgrad's cli). Line
numbers, file names and source lines are worked out only when an error is reported
(`defined_at`, `format_stack`).

TF 1.14 shows both in an OpError: the node line in its message, the stack in str():

    Incompatible shapes: [2,3] vs. [4]
         [[node Add (defined at script.py:14) ]]

    Original stack trace for 'Add':
      File "script.py", line 14, in <module>
        r = tf.add(a, b)
"""
from __future__ import annotations

import linecache
import os
import sys

# src/flowgrad/: frames of files under it are flowgrad's (skipped)
_PKG = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep
_RUNPY = getattr(sys.modules.get("runpy"), "__file__", None) or ""
LIMIT = 16          # user frames kept per op
_getframe = sys._getframe

# id(code) -> 0: the user's code, 1: flowgrad's own (skipped), 2: a runner (stop). Keyed
# by id: hashing a code object hashes its bytecode (microseconds); _CODES keeps each code
# object alive so that its id stays its own.
_KIND: dict = {}
_CODES: list = []


def _kind(code):
    fn = code.co_filename
    if fn.startswith(_PKG):
        return 2 if fn.endswith(("cli.py", "__main__.py")) and \
            os.path.dirname(fn) + os.sep == _PKG else 1
    if fn.startswith("<frozen") or fn == _RUNPY or os.path.basename(fn) == "runpy.py":
        return 2
    return 0


def _remember(code):
    k = _KIND[id(code)] = _kind(code)
    _CODES.append(code)
    return k


def _outer(f) -> tuple:
    """(code, lasti) of the user's frames from `f` outwards, at most LIMIT."""
    kinds = _KIND
    out = []
    while f is not None:
        c = f.f_code
        k = kinds.get(id(c))
        if k is None:
            k = _remember(c)
        if k == 0:
            out.append((c, f.f_lasti))
            if len(out) == LIMIT:
                break
        elif k == 2:
            break
        f = f.f_back
    return tuple(out)


# The last user frame that created an op, and its callers' (code, lasti) pairs. While a
# frame runs, its callers are fixed and suspended at fixed instructions, so the ops one
# frame creates (a loop, a whole tf.gradients call) share one tuple: capture() walks only
# from its caller out to the first user frame (flowgrad's frames between them), not the
# callers. The walk is always made: a frame found at a remembered depth may be the caller
# of a user function that flowgrad called back (a tf.cond branch, a loop body), which is
# then the innermost user frame. It keeps that one frame alive until another frame
# creates an op.
_last: tuple = (None, ())


def capture(depth: int = 2) -> tuple:
    """Where the op being created was created: (code, lasti, callers) of the innermost
    user frame, callers being ((code, lasti), ...) outwards; () if no user frame."""
    global _last
    try:
        f = _getframe(depth)
    except ValueError:
        return ()
    kinds = _KIND
    while f is not None:
        c = f.f_code
        k = kinds.get(id(c))
        if k is None:
            k = _remember(c)
        if k == 0:
            break
        if k == 2:
            return ()
        f = f.f_back
    else:
        return ()
    if f is _last[0]:   # the frame that created the last op: its callers are unchanged
        return (c, f.f_lasti, _last[1])
    callers = _outer(f.f_back)
    _last = (f, callers)
    return (c, f.f_lasti, callers)


def _line(code, lasti):
    for start, end, line in code.co_lines():
        if start <= lasti < end:
            return line if line is not None else code.co_firstlineno
    return code.co_firstlineno


def _pairs(tb):
    """(code, line) of a captured site, innermost first."""
    if not tb:
        return []
    code, lasti, callers = tb
    return [(code, _line(code, lasti))] + [(c, _line(c, i)) for c, i in callers]


def defined_at(tb) -> str | None:
    """`script.py:14`: the innermost user frame of a captured traceback."""
    if not tb:
        return None
    code, lasti, _ = tb
    return f"{os.path.basename(code.co_filename)}:{_line(code, lasti)}"


def defined_suffix(op) -> str:
    """" (defined at script.py:14)" for `op`, "" when it has no traceback."""
    where = defined_at(getattr(op, "_traceback", None))
    return f" (defined at {where})" if where else ""


def placer_sources(op) -> str:
    """TF's interpolated tail of a placer error naming the op's input ops (one per creation
    site), "" when there are none."""
    seen, sources = {defined_suffix(op)}, []
    for t in op._inputs:
        d = defined_suffix(t.op)
        if d not in seen:
            seen.add(d)
            sources.append(f" {t.op.name}{d}")
    if not sources:
        return ""
    return ("\n\nErrors may have originated from an input operation.\n"
            f"Input Source operations connected to node {op.name}:\n" + "\t\n".join(sources))


def frames(tb) -> list[tuple[str, int, str, str]]:
    """(filename, line, function, source line) of a captured traceback, outermost first."""
    out = []
    for code, line in reversed(_pairs(tb)):
        src = linecache.getline(code.co_filename, line).strip()
        out.append((code.co_filename, line, code.co_name, src))
    return out


def format_stack(tb) -> str:
    """The captured frames as Python prints a traceback, outermost first."""
    lines = []
    for fn, line, name, src in frames(tb):
        lines.append(f'  File "{fn}", line {line}, in {name}\n')
        if src:
            lines.append(f"    {src}\n")
    return "".join(lines)
