"""`flowgrad check`: which TF 1.14 symbols a script uses that flowgrad lacks or supports
only in part, found without running it (Python's ast), reported as file:line.

Resolution is `flowgrad run`'s own (flowgrad.compat.tf_alias): a TF name is present iff
the `tensorflow` alias module resolves it, so `check` and `run` never disagree, and a
namespace added to flowgrad (a lazily loaded `tf.layers`, `tf.contrib.slim`, ...) is
picked up with no change here. A present function or class is *partial* when its code,
or a private helper of its module that it calls, raises NotImplementedError (flowgrad's
way of refusing a TF argument or case it does not support): those messages are listed.
tools/api_docs.py builds docs/api.md from the same functions.
"""
from __future__ import annotations

import ast
import functools
import inspect
import os
import textwrap
import types
from dataclasses import asdict, dataclass, field

from .compat import tf_alias

PRESENT, PARTIAL, ABSENT = "present", "partial", "absent"

# NotImplementedErrors that TF 1.14 raises the same way (abstract cases of its own), so
# they do not make a symbol partial; matched on the message's start.
_TF_OWN_RAISES = ("Trying to update a Tensor", "Trying to optimize unsupported type",
                  "Real-valued columns are not supported",
                  "Op {op_type} is not available in GraphDef version")   # (raw_ops: removed op)


@dataclass
class Status:
    """A TF name's status in flowgrad; `notes` are the NotImplementedError messages."""

    status: str
    notes: list = field(default_factory=list)


# -- resolution, as `flowgrad run` resolves -------------------------------------------------

def _canonical(path):
    """'tf.nn.relu' / 'tensorflow.compat.v1.nn.relu' -> 'tensorflow.nn.relu'."""
    if path == "tf" or path.startswith("tf."):
        path = "tensorflow" + path[2:]
    return tf_alias._canonical(path)


MISSING = object()   # what resolve returns for a part flowgrad lacks (None is a value: tf.newaxis)


def resolve(path):
    """(object, resolved prefix) for a TF path such as 'tensorflow.contrib.slim.conv2d'.

    Walks the alias modules `flowgrad run` installs; stops at the first object that is not
    a module or class (attributes of instances are not TF symbols). Returns (MISSING, missing
    prefix) when flowgrad lacks a part: e.g. (MISSING, 'tensorflow.contrib.gan'). Call inside
    `tf_alias.alias_tensorflow()`.
    """
    parts = _canonical(path).split(".")
    obj = tf_alias._alias("tensorflow")
    for i, part in enumerate(parts[1:], 1):
        if not isinstance(obj, (types.ModuleType, type)):
            return obj, ".".join(parts[:i])
        try:
            obj = getattr(obj, part)
        except AttributeError:
            return MISSING, ".".join(parts[:i + 1])
    return obj, ".".join(parts)


def status_of(obj):
    """PRESENT or PARTIAL (with the NotImplementedError messages) for a resolved object."""
    notes = _refusals(obj)
    return Status(PARTIAL, notes) if notes else Status(PRESENT)


def _refusals(obj):
    if isinstance(obj, type):
        out = []
        for name, member in vars(obj).items():
            if name == "__init__" or not name.startswith("_"):
                fn = getattr(member, "__func__", member)
                if inspect.isfunction(fn) and not _is_abstract(fn):
                    out += [n for n in _function_refusals(fn) if n not in out]
        return out
    fn = inspect.unwrap(obj) if callable(obj) else None
    if inspect.isfunction(fn):
        return _function_refusals(fn)
    return []


@functools.lru_cache(maxsize=None)
def _parsed(fn):
    try:
        src = textwrap.dedent(inspect.getsource(fn))
        return ast.parse(src).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None


def _is_abstract(fn):
    node = _parsed(fn)
    if node is None:
        return False
    body = [s for s in node.body if not (isinstance(s, ast.Expr)
                                         and isinstance(s.value, ast.Constant))]
    return len(body) == 1 and _raised_not_implemented(body[0]) is not None


def _raised_not_implemented(node):
    """The message of `raise NotImplementedError(...)` ('' without one), else None."""
    if not isinstance(node, ast.Raise) or node.exc is None:
        return None
    exc = node.exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    if not (isinstance(target, ast.Name) and target.id == "NotImplementedError"):
        return None
    if isinstance(exc, ast.Call) and exc.args:
        return " ".join(_text(a) for a in exc.args).strip()
    return ""


def _text(node):
    if isinstance(node, ast.Constant):
        return str(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) if isinstance(v, ast.Constant) else
                       "{" + ast.unparse(v.value) + "}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _text(node.left) + (_text(node.right) if isinstance(node.op, ast.Add) else "")
    return "{" + ast.unparse(node) + "}"


def _function_refusals(fn, depth=0):
    node = _parsed(fn)
    if node is None:
        return []
    out = []
    for sub in ast.walk(node):
        msg = _raised_not_implemented(sub)
        if msg is not None and not msg.startswith(_TF_OWN_RAISES):
            msg = msg or f"{fn.__name__}: some cases (NotImplementedError)"
            if msg not in out:
                out.append(msg)
        elif depth == 0 and isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) \
                and sub.func.id.startswith("_"):
            helper = fn.__globals__.get(sub.func.id)
            if inspect.isfunction(helper) and helper.__module__ == fn.__module__:
                out += [m for m in _function_refusals(helper, 1) if m not in out]
    return out


def status(path):
    """The Status of one TF path ('tf.nn.pool'); opens the alias itself."""
    with tf_alias.alias_tensorflow():
        obj, prefix = resolve(path)
        if obj is MISSING:
            return Status(ABSENT, [f"flowgrad does not implement {prefix}"])
        return status_of(obj)


# -- scanning scripts --------------------------------------------------------------------

@dataclass
class Finding:
    file: str
    line: int
    col: int
    symbol: str
    status: str
    notes: list


def _dotted(node):
    """'a.b.c' for an attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    return None


def _is_tf(module):
    return module == "tensorflow" or module.startswith("tensorflow.")


class _Scanner(ast.NodeVisitor):
    """Collects (line, col, TF path) for every TF name a module's code uses."""

    def __init__(self):
        self.aliases = {}  # local name -> TF path
        self.uses = []

    def visit_Import(self, node):  # noqa: N802 - ast's name
        for a in node.names:
            if _is_tf(a.name):
                if a.asname:
                    self.aliases[a.asname] = a.name
                else:
                    self.aliases["tensorflow"] = "tensorflow"
                self.uses.append((node.lineno, node.col_offset, a.name))

    def visit_ImportFrom(self, node):  # noqa: N802
        if node.level == 0 and node.module and _is_tf(node.module):
            for a in node.names:
                if a.name == "*":
                    self.uses.append((node.lineno, node.col_offset, node.module))
                    continue
                path = f"{node.module}.{a.name}"
                self.aliases[a.asname or a.name] = path
                self.uses.append((node.lineno, node.col_offset, path))

    def visit_Assign(self, node):  # noqa: N802
        self.generic_visit(node)
        dotted = _dotted(node.value)
        root = dotted.split(".")[0] if dotted else None
        if root in self.aliases:
            for t in node.targets:
                if isinstance(t, ast.Name):  # `slim = tf.contrib.slim`
                    self.aliases[t.id] = self.aliases[root] + dotted[len(root):]

    def visit_Attribute(self, node):  # noqa: N802
        dotted = _dotted(node)
        if dotted is None:
            self.generic_visit(node)
            return
        root = dotted.split(".")[0]
        if root in self.aliases:
            path = self.aliases[root] + dotted[len(root):]
            self.uses.append((node.lineno, node.col_offset, path))
        # the chain's inner attributes are the same use: not visited again


def _collect_aliases(tree):
    """Two passes: aliases made anywhere (imports, `slim = tf.contrib.slim`) hold in the
    whole file, so a use above a later assignment still resolves."""
    first = _Scanner()
    first.visit(tree)
    second = _Scanner()
    second.aliases = dict(first.aliases)
    second.visit(tree)
    return second.uses


def scan_source(source, filename="<string>"):
    """Findings (absent and partial TF names) for one file's source, in line order."""
    tree = ast.parse(source, filename)
    findings, seen = [], set()
    with tf_alias.alias_tensorflow():
        for line, col, path in sorted(_collect_aliases(tree)):
            obj, prefix = resolve(path)
            if obj is MISSING:
                symbol, st = prefix, Status(ABSENT, [f"flowgrad does not implement {prefix}"])
            else:
                symbol, st = prefix, status_of(obj)
                if st.status == PRESENT:
                    continue
            key = (line, symbol)
            if key not in seen:
                seen.add(key)
                findings.append(Finding(filename, line, col + 1, symbol, st.status, st.notes))
    return findings


def python_files(paths):
    """The .py files of `paths` (files as given; directories walked, sorted)."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            for d, subdirs, files in os.walk(p):
                subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
                out += [os.path.join(d, f) for f in sorted(files) if f.endswith(".py")]
        else:
            out.append(p)
    return out


def scan_paths(paths):
    """(findings, files scanned, errors) for files and directories."""
    findings, files, problems = [], python_files(paths), []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            findings += scan_source(source, path)
        except (OSError, SyntaxError, UnicodeDecodeError) as e:
            problems.append(f"{path}: {e}")
    return findings, files, problems


def as_json(findings, files, problems):
    return {"files": files, "errors": problems,
            "findings": [asdict(f) for f in findings],
            "summary": {"absent": sum(f.status == ABSENT for f in findings),
                        "partial": sum(f.status == PARTIAL for f in findings)}}


def format_report(findings, files, problems):
    """tf_upgrade_v2-style lines: `file:line:col: symbol: status: note`, then a summary."""
    lines = []
    for f in findings:
        note = "; ".join(f.notes)
        lines.append(f"{f.file}:{f.line}:{f.col}: {f.symbol}: {f.status}"
                     + (f": {note}" if note and f.status == PARTIAL else ""))
    lines += [f"error: {p}" for p in problems]
    absent = sum(f.status == ABSENT for f in findings)
    partial = len(findings) - absent
    lines.append(f"{len(files)} file(s) checked: {absent} absent, {partial} partial TF "
                 f"symbol use(s)" + ("" if findings or problems else ": all present"))
    return "\n".join(lines)
