"""Size figures of the op library (issue 8): ops registered, lines per op, big files.

    python tools/op_metrics.py [SRC]      # SRC: a checkout's src/ (default: this one's)

Lines per op = lines of every module that registers ops (a `register_op("Name"`
call, or a table row such as `unop("tanh"`) / ops registered.
Also prints function-level imports and files over 1,000 lines. Works on older
checkouts too (before engine/ existed), to compare.
"""
import ast
import importlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
OP_CALL = re.compile(r"\bregister_op\(|\b(unop|binop|gradop|compare_op)\(\s*\"")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    src = pathlib.Path(argv[0] if argv else ROOT / "src").resolve()
    sys.path.insert(0, str(src))
    try:
        reg = importlib.import_module("flowgrad.engine.framework.registry")
    except ImportError:
        reg = importlib.import_module("flowgrad.framework.registry")
    # modules that register ops: a register_op call, or a table row (unop/binop/gradop/...)
    files = [p for p in (src / "flowgrad").rglob("*.py")
             if OP_CALL.search(p.read_text()) and p.name != "registry.py"]
    lines = sum(len(p.read_text().splitlines()) for p in files)
    n_ops = len(reg.OPS)
    lazy, big = 0, []
    for p in sorted((src / "flowgrad").rglob("*.py")):
        text = p.read_text()
        if len(text.splitlines()) > 1000:
            big.append(f"{p.relative_to(src)} ({len(text.splitlines())})")
        for f in ast.walk(ast.parse(text)):
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lazy += sum(isinstance(s, (ast.Import, ast.ImportFrom))
                            for s in f.body for s in ast.walk(s))
    print(f"ops registered: {n_ops}")
    print(f"op-defining modules: {len(files)}, {lines} lines, {lines / n_ops:.1f} lines per op")
    print(f"function-level imports: {lazy}")
    print(f"files over 1,000 lines: {len(big)}" + (": " + ", ".join(big) if big else ""))


if __name__ == "__main__":
    main()
