#!/usr/bin/env python3
"""Import-layering check for src/ (stdlib only).

Reads every module under the source root with `ast` and draws its import
graph: one edge per import of a module of the tree, whether the import runs at
module level or inside a function. It reports

  cycle:   a strongly connected component of that graph (function-level
           imports included: deferring an import hides a cycle, it does not
           remove it);
  upward:  a module of the engine package (flowgrad.engine) importing a module
           outside it, i.e. the TensorFlow surface above it;
  lazy:    an import inside a function without a `# lazy: <reason>` comment
           on one of its lines. Every function-level import is listed with
           --list-lazy and counted in the summary.

An edge goes to the most specific module named: `from a.b import c` is an
edge to a.b.c when that module exists, else to a.b; parent packages are not
edges (importing a.b.c runs a/__init__ first, but a partly initialised parent
package is never the problem). Imports under `if TYPE_CHECKING:` never run,
so they are no edges of the cycle graph, but they still may not point upward.

Known violations are listed in an allowlist (default tools/layers_allow.txt),
one violation a line exactly as this script prints it; `#` starts a comment.
The script exits 1 when it finds a violation that is not allowlisted and
prints allowlist entries that no longer occur, so the list can only shrink.

    python tools/check_layers.py [--src SRC] [--engine PKG] [--allow FILE]
                                 [--list-lazy] [--update-allowlist]

--update-allowlist rewrites the allowlist to exactly the violations found now
(keeping its leading comment lines): for the lead, after merging branches that
were allowed to add known violations; review its diff like code.
"""
from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

_LAZY_REASON = re.compile(r"#\s*lazy:\s*\S")


@dataclass(frozen=True)
class Import:
    """One import statement's edge to a module of the tree."""

    source: str  # importing module
    target: str  # imported module
    line: int
    function_level: bool
    type_checking: bool
    internal: bool  # target is a module of the tree (else a third-party or stdlib module)
    reason: bool  # a `# lazy: <reason>` comment on one of its lines


def module_name(path: Path, src: Path) -> str:
    """Dotted module name of a .py file under src (a package's __init__ is the package)."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def discover(src: Path) -> dict[str, Path]:
    """Every module of the tree: {dotted name: path}."""
    modules = {}
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src)
        # only packages (directories with __init__.py all the way down) or top-level modules
        if all((src / Path(*rel.parts[:i]) / "__init__.py").exists()
               for i in range(1, len(rel.parts))):
            modules[module_name(path, src)] = path
    return modules


def _comment_lines(source: str) -> set[int]:
    """Line numbers that carry a `# lazy: <reason>` comment."""
    lines = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT and _LAZY_REASON.match(tok.string):
                lines.add(tok.start[0])
    except (tokenize.TokenError, SyntaxError):
        pass
    return lines


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


class _Collector(ast.NodeVisitor):
    def __init__(self, name: str, is_package: bool, modules: dict[str, Path],
                 reasons: set[int]):
        self.name = name
        self.package = name if is_package else name.rpartition(".")[0]
        self.modules = modules
        self.reasons = reasons
        self.depth = 0  # functions enclosing the current node
        self.type_checking = 0
        self.imports: list[Import] = []

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If):
        if _is_type_checking(node.test):
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, node: ast.stmt, target: str | None, external: str):
        if target is None:  # not a module of the tree: only function-level ones are recorded
            if self.depth == 0:
                return
            target = external
        end = getattr(node, "end_lineno", None) or node.lineno
        reason = any(line in self.reasons for line in range(node.lineno, end + 1))
        self.imports.append(Import(self.name, target, node.lineno, self.depth > 0,
                                   self.type_checking > 0, target in self.modules, reason))

    def _known(self, dotted: str) -> str | None:
        """The longest prefix of dotted that is a module of the tree."""
        parts = dotted.split(".")
        for i in range(len(parts), 0, -1):
            candidate = ".".join(parts[:i])
            if candidate in self.modules:
                return candidate
        return None

    def visit_Import(self, node: ast.Import):
        for alias in node.names:
            self._add(node, self._known(alias.name), alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom):
        if node.level:
            base = self.package.split(".") if self.package else []
            if node.level > 1:
                base = base[:len(base) - (node.level - 1)]
            base = ".".join(base + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        targets = set()
        for alias in node.names:
            sub = f"{base}.{alias.name}" if base else alias.name
            if alias.name != "*" and sub in self.modules:
                targets.add(sub)
            else:
                targets.add(self._known(base) if base else None)
        internal = sorted(t for t in targets if t is not None)
        for target in internal:
            self._add(node, target, base)
        if not internal:
            self._add(node, None, base)


def collect(src: Path) -> tuple[dict[str, Path], list[Import]]:
    """The modules of the tree and every import edge between them."""
    modules = discover(src)
    imports: list[Import] = []
    for name, path in modules.items():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
        collector = _Collector(name, path.name == "__init__.py", modules,
                               _comment_lines(source))
        collector.visit(tree)
        imports.extend(i for i in collector.imports if i.target != name)
    return modules, imports


def strongly_connected(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm (iterative): the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(modules: dict[str, Path], imports: list[Import], engine: str) -> list[str]:
    """Every violation, one stable line each (the allowlist's format)."""
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if imp.internal and not imp.type_checking:
            edges.setdefault(imp.source, set()).add(imp.target)
    found = []
    for component in strongly_connected(sorted(modules), edges):
        found.append("cycle: " + " ".join(component))
    upward = sorted({(i.source, i.target) for i in imports
                     if i.internal and _inside(i.source, engine) and not _inside(i.target, engine)})
    found.extend(f"upward: {s} -> {t}" for s, t in upward)
    lazy = sorted({(i.source, i.target) for i in imports
                   if i.function_level and not i.reason})
    found.extend(f"lazy-without-reason: {s} -> {t}" for s, t in lazy)
    return found


def read_allowlist(path: Path) -> list[str]:
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(" ".join(line.split()))
    return entries


def write_allowlist(path: Path, found: list[str]) -> None:
    """Writes `found` to the allowlist, after the file's leading comment lines."""
    header = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            header.append(line)
    path.write_text("\n".join(header + found) + "\n", encoding="utf-8")


def function_level_statements(imports: list[Import]) -> list[Import]:
    """One entry per function-level import statement (a statement may name several modules)."""
    seen = {}
    for imp in imports:
        if imp.function_level:
            seen.setdefault((imp.source, imp.line), imp)
    return sorted(seen.values(), key=lambda i: (i.source, i.line))


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=root / "src",
                        help="source root holding the top-level packages (default: src/)")
    parser.add_argument("--engine", default="flowgrad.engine",
                        help="the package that may not import outside itself")
    parser.add_argument("--allow", type=Path, default=root / "tools" / "layers_allow.txt",
                        help="allowlist of known violations")
    parser.add_argument("--list-lazy", action="store_true",
                        help="list every function-level import with its line")
    parser.add_argument("--update-allowlist", action="store_true",
                        help="rewrite the allowlist to the violations found now")
    args = parser.parse_args(argv)

    modules, imports = collect(args.src)
    found = violations(modules, imports, args.engine)
    if args.update_allowlist:
        write_allowlist(args.allow, found)
    allowed = read_allowlist(args.allow)
    new = [v for v in found if v not in allowed]
    stale = [a for a in allowed if a not in found]
    lazy = function_level_statements(imports)

    if args.list_lazy:
        for imp in lazy:
            path = modules[imp.source].relative_to(args.src)
            flag = "" if imp.reason else "   (no reason)"
            print(f"lazy import: {path}:{imp.line} -> {imp.target}{flag}")
    for v in found:
        print(v + ("   (allowlisted)" if v in allowed else ""))
    for a in stale:
        print(f"stale allowlist entry (no longer occurs, remove it): {a}")
    kinds = [v.split(":", 1)[0] for v in found]
    print(f"{len(modules)} modules, {sum(i.internal for i in imports)} import edges; "
          f"{kinds.count('cycle')} cycles, {kinds.count('upward')} upward imports, "
          f"{len(lazy)} function-level imports in "
          f"{len({i.source for i in lazy})} modules "
          f"({sum(not i.reason for i in lazy)} without a reason); "
          f"{len(found) - len(new)} allowlisted, {len(new)} new")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
