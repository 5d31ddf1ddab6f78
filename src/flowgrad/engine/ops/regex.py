"""TF 1.14's regex ops: RegexReplace, StaticRegexReplace, RegexFullMatch and
StaticRegexFullMatch. TF compiles patterns with RE2; flowgrad translates an RE2 pattern to
Python's `re` (ASCII classes, `$` and `\\z` at the end of text only, `\\Q...\\E`, POSIX
classes) and rejects what RE2 rejects with RE2's message where it can tell (Perl-only
operators such as look-around and back-references, possessive or doubled repetition,
repetition counts over 1000, reversed class ranges, unbalanced parentheses). Unicode
classes (`\\pL`) are not translated: they raise NotImplementedError. Replacement follows
RE2's GlobalReplace: `\\0`-`\\9` and `\\\\` in the rewrite, and no empty match right after
the previous match."""
from __future__ import annotations

import functools
import re

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import name_scope
from ..framework.registry import register_op
from ._base import apply
from .strings import string_input

__all__ = ["regex_replace", "static_regex_replace", "regex_full_match",
           "static_regex_full_match"]

_POSIX = {"alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7f", "blank": "\\t ",
          "cntrl": "\\x00-\\x1f\\x7f", "digit": "0-9", "graph": "!-~", "lower": "a-z",
          "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ",
          "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f"}
_GROUP_HEAD = re.compile(r"\(\?(?:P<[A-Za-z_]\w*>|[imsU-]*[:)])")
_PERL_OPS = ("(?=", "(?!", "(?<", "(?P=", "(?P>", "(?#", "(?>", "(?|", "(?&", "(?R", "(?(")


def _bad(pattern, why):
    return errors.InvalidArgumentError(None, None,
                                       f"Invalid pattern: {pattern}, error: {why}")


def _translate(p):
    """The Python pattern for RE2 pattern p (a str), or InvalidArgumentError."""
    out = []
    i, n = 0, len(p)
    multiline = bool(re.search(r"\(\?[a-zA-Z]*m", p))
    prev_repeat = False
    while i < n:
        c = p[i]
        if c == "\\":
            if i + 1 >= n:
                raise _bad(p, "trailing \\")
            e = p[i + 1]
            if e == "Q":
                end = p.find("\\E", i + 2)
                lit = p[i + 2:] if end < 0 else p[i + 2:end]
                out.append(re.escape(lit))
                i = n if end < 0 else end + 2
                prev_repeat = False
                continue
            if e in "123456789" or e in "ZcgGkKRXhHNoj":
                raise _bad(p, f"invalid escape sequence: \\{e}")
            if e in "pP":
                raise NotImplementedError(f"regex pattern {p!r}: RE2's Unicode classes "
                                          f"(\\{e}) are not supported by flowgrad")
            if e == "z":
                out.append(r"\Z")
            elif e == "s":
                out.append(r"[\t\n\f\r ]")
            elif e == "S":
                out.append(r"[^\t\n\f\r ]")
            elif e == "x" and i + 2 < n and p[i + 2] == "{":
                end = p.index("}", i + 3)
                out.append(re.escape(chr(int(p[i + 3:end], 16))))
                i = end + 1
                prev_repeat = False
                continue
            else:
                out.append(p[i:i + 2])
            i += 2
            prev_repeat = False
            continue
        if c == "[":
            j = i + 1
            if j < n and p[j] == "^":
                j += 1
            if j < n and p[j] == "]":
                j += 1
            body = []
            while j < n and p[j] != "]":
                if p.startswith("[:", j):
                    end = p.find(":]", j + 2)
                    if end < 0:
                        break
                    name = p[j + 2:end]
                    neg = name.startswith("^")
                    name = name.lstrip("^")
                    if name not in _POSIX or neg:
                        raise _bad(p, f"invalid character class range: [:{name}:]")
                    body.append(_POSIX[name])
                    j = end + 2
                    continue
                if p[j] == "\\" and j + 1 < n:
                    body.append(p[j:j + 2])
                    j += 2
                    continue
                if j + 2 < n and p[j + 1] == "-" and p[j + 2] != "]" and p[j + 2] != "\\" \
                        and p[j] > p[j + 2]:
                    raise _bad(p, f"invalid character class range: {p[j:j + 3]}")
                body.append(p[j])
                j += 1
            if j >= n:
                raise _bad(p, f"missing ]: {p[i:]}")
            head = p[i:i + 1 + (1 if p[i + 1:i + 2] == "^" else 0)]
            out.append(head + "".join(body) + "]")
            i = j + 1
            prev_repeat = False
            continue
        if c == "(" and p.startswith("(?", i):
            for op in _PERL_OPS:
                if p.startswith(op, i):
                    raise _bad(p, f"invalid perl operator: {op}")
            m = _GROUP_HEAD.match(p, i)
            if m is None:
                raise _bad(p, f"missing ): {p}")
            out.append(m.group(0))
            i = m.end()
            prev_repeat = False
            continue
        if c in "*+?":
            if prev_repeat and not (c == "?" and p[i - 1] in "*+?}"
                                    and not (i >= 2 and p[i - 2] in "*+?" and p[i - 1] == "?")):
                raise _bad(p, f"bad repetition operator: {p[i - 1:i + 1]}")
            if not out or out[-1] in ("(", "|"):
                raise _bad(p, f"no argument for repetition operator: {c}")
            out.append(c)
            i += 1
            prev_repeat = True
            continue
        if c == "{":
            m = re.match(r"\{(\d+)(,(\d*))?\}", p[i:])
            if m:
                lo = int(m.group(1))
                hi = m.group(3)
                if lo > 1000 or (hi and int(hi) > 1000) or (hi and int(hi) < lo):
                    raise _bad(p, f"invalid repetition size: {m.group(0)}")
                out.append(m.group(0))
                i += len(m.group(0))
                prev_repeat = True
                continue
        if c == "$" and not multiline:
            out.append(r"\Z")
            i += 1
            prev_repeat = False
            continue
        out.append(c)
        i += 1
        prev_repeat = False
    py = "".join(out)
    try:
        return re.compile(py, re.ASCII)
    except re.error as e:
        msg = str(e)
        if "missing )" in msg or "unbalanced parenthesis" in msg or "unterminated" in msg:
            raise _bad(p, f"missing ): {p}") from None
        if "nothing to repeat" in msg:
            raise _bad(p, "missing argument to repetition operator") from None
        raise _bad(p, msg) from None


@functools.lru_cache(maxsize=256)
def _compile(pattern: bytes):
    return _translate(pattern.decode("utf-8", "surrogateescape"))


def _text(b):
    return b.decode("utf-8", "surrogateescape")


def _bytes(s):
    return s.encode("utf-8", "surrogateescape")


def _b(x):
    return x.encode() if isinstance(x, str) else bytes(x)


def _max_group(rewrite):
    groups = [int(m) for m in re.findall(r"\\(\d)", rewrite)]
    return max(groups, default=0)


def _expand(m, rewrite):
    """RE2::Rewrite: \\0-\\9 are groups, \\\\ a backslash; another escape ends the
    rewrite there (RE2 logs it and stops)."""
    out = []
    i = 0
    while i < len(rewrite):
        c = rewrite[i]
        if c == "\\" and i + 1 < len(rewrite):
            e = rewrite[i + 1]
            if e.isdigit():
                out.append(m.group(int(e)) or "")
            elif e == "\\":
                out.append("\\")
            else:
                break
            i += 2
            continue
        if c == "\\":
            break
        out.append(c)
        i += 1
    return "".join(out)


def _replace(rx, s, rewrite, replace_global):
    if _max_group(rewrite) > rx.groups:
        return ""                       # RE2 refuses the rewrite: TF's output is empty
    if not replace_global:
        m = rx.search(s)
        return s if m is None else s[:m.start()] + _expand(m, rewrite) + s[m.end():]
    out, pos, last_end, count = [], 0, -1, 0
    while pos <= len(s):
        m = rx.search(s, pos)
        if m is None:
            break
        out.append(s[pos:m.start()])
        if m.start() == m.end() and m.start() == last_end:
            # no empty match right after the previous match: copy one character on
            if m.start() < len(s):
                out.append(s[m.start()])
            pos = m.start() + 1
            continue
        out.append(_expand(m, rewrite))
        pos = last_end = m.end()
        count += 1
    if count == 0:
        return s
    out.append(s[pos:])
    return "".join(out)


def _replace_kernel(x, pattern, rewrite, replace_global):
    rx = _compile(_b(pattern))
    rw = _text(_b(rewrite))
    a = np.asarray(x, dtype=object)
    out = np.empty(a.shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(a.reshape(-1).tolist()):
        flat[i] = _bytes(_replace(rx, _text(_b(v)), rw, replace_global))
    return out


def _match_kernel(x, pattern):
    rx = _compile(_b(pattern))
    a = np.asarray(x, dtype=object)
    out = np.empty(a.shape, dtype=np.bool_)
    flat = out.reshape(-1)
    for i, v in enumerate(a.reshape(-1).tolist()):
        flat[i] = rx.fullmatch(_text(_b(v))) is not None
    return out


def _scalar(v):
    return np.asarray(v, dtype=object).item()


def _same(inputs, attrs):
    return [(_dt.string, inputs[0].shape)]


def _bools(inputs, attrs):
    return [(_dt.bool_, inputs[0].shape)]


register_op("StaticRegexReplace", infer=_same, grad=None,
            kernel=lambda x, pattern="", rewrite="", replace_global=True:
            _replace_kernel(x, pattern, rewrite, replace_global))
register_op("RegexReplace", infer=_same, grad=None,
            kernel=lambda x, pattern, rewrite, replace_global=True:
            _replace_kernel(x, _scalar(pattern), _scalar(rewrite), replace_global))
register_op("StaticRegexFullMatch", infer=_bools, grad=None,
            kernel=lambda x, pattern="": _match_kernel(x, pattern))
register_op("RegexFullMatch", infer=_bools, grad=None,
            kernel=lambda x, pattern: _match_kernel(x, _scalar(pattern)))


def _supported(pattern):
    """NotImplementedError at build time for a static pattern flowgrad cannot translate."""
    p = _text(_b(pattern))
    if re.search(r"(?<!\\)(?:\\\\)*\\[pP]", p):
        raise NotImplementedError(f"regex pattern {p!r}: RE2's Unicode classes (\\p, \\P) "
                                  "are not supported by flowgrad")
    return p


def static_regex_replace(input, pattern, rewrite, replace_global=True, name=None):
    """Op `StaticRegexReplace`: pattern and rewrite are attributes."""
    pattern = _supported(pattern)
    with name_scope(name, "StaticRegexReplace", [input]) as scope:
        x = string_input(input, "StaticRegexReplace", "input")
        return apply("StaticRegexReplace", [x], {"pattern": _text(_b(pattern)),
                                                 "rewrite": _text(_b(rewrite)),
                                                 "replace_global": bool(replace_global)}, scope)


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):
    """Op `RegexReplace`: pattern and rewrite are string tensors."""
    with name_scope(name, "RegexReplace", [input, pattern, rewrite]) as scope:
        x = string_input(input, "RegexReplace", "input")
        p = string_input(pattern, "RegexReplace", "pattern")
        r = string_input(rewrite, "RegexReplace", "rewrite")
        return apply("RegexReplace", [x, p, r], {"replace_global": bool(replace_global)},
                     scope)


def static_regex_full_match(input, pattern, name=None):
    """Op `StaticRegexFullMatch`: pattern is an attribute."""
    pattern = _supported(pattern)
    with name_scope(name, "StaticRegexFullMatch", [input]) as scope:
        x = string_input(input, "StaticRegexFullMatch", "input")
        return apply("StaticRegexFullMatch", [x], {"pattern": _text(_b(pattern))}, scope)


def regex_full_match(input, pattern, name=None):
    """Op `RegexFullMatch`: pattern is a string tensor."""
    with name_scope(name, "RegexFullMatch", [input, pattern]) as scope:
        x = string_input(input, "RegexFullMatch", "input")
        p = string_input(pattern, "RegexFullMatch", "pattern")
        return apply("RegexFullMatch", [x, p], {}, scope)
