"""The `flowgrad` command (also `python -m flowgrad`).

    flowgrad run SCRIPT.py [args...]   run an unmodified TF 1.x script on flowgrad
    flowgrad demo [--logdir DIR] ...   train an MLP on scikit-learn's 8x8 digits
    flowgrad seed                      run the design note's three examples
    flowgrad check SCRIPT.py|DIR ...   list the TF symbols a script uses that flowgrad lacks
    flowgrad profile SCRIPT.py [args]  run it traced; print the top ops by time and bytes
    flowgrad graph [-o F] SCRIPT.py    run it; write its graph and plans as an HTML viewer
    flowgrad --version
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.resources
import importlib.util
import json
import os
import runpy
import sys
import traceback

import flowgrad
from flowgrad.compat import numpy_legacy, tf_alias
from flowgrad.engine.framework import graph as graph_mod


@contextlib.contextmanager
def _demo_file(*parts):
    """A real path to the package data file flowgrad/demo/PARTS (the programs `demo` and
    `seed` run ship inside the package, so a wheel install has them)."""
    res = importlib.resources.files("flowgrad").joinpath("demo", *parts)
    with importlib.resources.as_file(res) as path:
        yield str(path)


_ABSL_HELP = {"--help", "-help", "--helpshort", "-helpshort", "--helpfull", "-helpfull", "-?"}


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as one line: `flowgrad run: error: ... (see --help)`."""

    def error(self, message):
        # argparse counts the REMAINDER argument as required too; only the script is
        message = message.replace("SCRIPT, ARGS", "SCRIPT")
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _exit_code(code):
    """SystemExit's code as a process exit status (None is 0, a message is 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _print_script_traceback(exc, script):
    """The traceback from the script's first frame on, as Python would print it, without
    runpy's frames, this module's or the tensorflow alias's."""

    def norm(path):
        return os.path.normcase(os.path.abspath(path))

    tb = exc.__traceback__
    target = norm(script)
    t = tb
    while t is not None:
        if norm(t.tb_frame.f_code.co_filename) == target:
            tb = t
            break
        t = t.tb_next
    te = traceback.TracebackException(type(exc), exc, tb)
    alias_file = norm(tf_alias.__file__)
    te.stack[:] = [f for f in te.stack if norm(f.filename) != alias_file]
    sys.stderr.write("".join(te.format()))


def run_script(script, args=()):
    """Runs `script` as __main__ with `import tensorflow` giving flowgrad.

    sys.argv is [script, *args] and sys.path[0] the script's directory while it
    runs, as under `python script.py`; both are restored afterwards, and so are
    the `tensorflow` entries of sys.modules, and the default graph and session
    stacks. Each run starts on a fresh default graph and an unparsed
    `tf.app.flags.FLAGS` without the flags earlier scripts defined. NumPy has the
    NumPy 1.x names TF 1.x scripts use (compat/numpy_legacy.py) while it runs.

    Returns:
        The exit status: 0, the script's `sys.exit` code, or 1 after an exception
        (its traceback, from the script's frames on, is printed to stderr).
    """
    if not os.path.isfile(script):
        print(f"flowgrad run: {script}: no such file", file=sys.stderr)
        return 2
    saved_argv, saved_path = sys.argv, list(sys.path)
    # a script may leave graphs or sessions entered (an unclosed InteractiveSession)
    graphs = list(graph_mod._default_graph_stack.stack)
    sessions = list(graph_mod._default_session_stack.stack)
    sys.argv = [script, *args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    flowgrad.reset_default_graph()
    defined_flags = flowgrad.flags._begin_script()
    try:
        with tf_alias.alias_tensorflow(on_import=flowgrad.logging._setup_at_import), \
                numpy_legacy.legacy_numpy_names():
            runpy.run_path(script, run_name="__main__")
        return 0
    except SystemExit as e:
        return _exit_code(e.code)
    except Exception as e:  # noqa: BLE001 (reported as Python reports an uncaught error)
        _print_script_traceback(e, script)
        return 1
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path
        flowgrad.flags._end_script(defined_flags)
        graph_mod._default_graph_stack.stack[:] = graphs
        graph_mod._default_session_stack.stack[:] = sessions
        sys.stdout.flush()


def cmd_run(args, extra):
    return run_script(args.script, list(args.args) + extra)


def cmd_demo(args, extra):
    """Trains flowgrad/demo/digits.py's MLP; arguments go to the script (see --help)."""
    missing = [m for m in ("sklearn", "tqdm") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"flowgrad demo needs {' and '.join(missing)}: pip install 'flowgrad[demo]'",
              file=sys.stderr)
        return 1
    with _demo_file("digits.py") as path:
        code = run_script(path, extra)
    # absl's --help exits 1 (so does TF 1.14's tf.app.run); for our own command it is no error
    return 0 if code == 1 and _ABSL_HELP.intersection(extra) else code


def cmd_seed(args, extra):
    """Runs the design note's three examples, printing what TF 1.14 prints."""
    for i in (1, 2, 3):
        print(f"== example {i}: flowgrad/demo/seed/example{i}.py")
        flowgrad.reset_default_graph()
        with _demo_file("seed", f"example{i}.py") as path:
            runpy.run_path(path, run_name="__main__")
    return 0


def cmd_check(args, extra):
    """Scans scripts (no execution) for TF symbols flowgrad lacks or supports in part.

    Exit status: 0 when every TF symbol used is present (partial ones too, unless
    --strict), 1 otherwise, 2 when a file cannot be read or parsed."""
    from . import check  # lazy: only `flowgrad check` needs the scanner

    findings, files, problems = check.scan_paths(args.paths)
    if args.json:
        print(json.dumps(check.as_json(findings, files, problems), indent=1))
    else:
        print(check.format_report(findings, files, problems))
    if problems:
        return 2
    failing = {check.ABSENT, check.PARTIAL} if args.strict else {check.ABSENT}
    return 1 if any(f.status in failing for f in findings) else 0


def cmd_launch(args, extra):
    """`flowgrad launch -np N [-H HOST:SLOTS,... | --hostfile FILE] SCRIPT ARGS`: N ranks
    of a Horovod script on Ray (on the named nodes with -H or --hostfile)."""
    if args.num_proc < 1:
        print("flowgrad launch: -np must be at least 1", file=sys.stderr)
        return 2
    if not os.path.isfile(args.script):
        print(f"flowgrad launch: can't open file {args.script!r}", file=sys.stderr)
        return 2
    horovod_ray = importlib.import_module("flowgrad.distribute.horovod_ray")
    try:
        text = args.hosts
        if args.hostfile:
            try:
                text = horovod_ray.read_hostfile(args.hostfile)
            except OSError as e:
                raise ValueError(f"--hostfile: can't read {args.hostfile!r}: "
                                 f"{e.strerror}") from None
        hosts = horovod_ray.parse_hosts(
            text, args.hostfile and f"--hostfile {args.hostfile}") if text else None
        return horovod_ray.launch(args.num_proc, args.script, list(args.args), hosts=hosts)
    except ValueError as e:
        print(f"flowgrad launch: {e}", file=sys.stderr)
        return 2


def main(argv=None):
    parser = _Parser(prog="flowgrad", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version",
                        version=f"flowgrad {flowgrad.__version__} (the TensorFlow "
                                f"{flowgrad.VERSION} API)")
    sub = parser.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    p = sub.add_parser("run", help="run an unmodified TF 1.x script (`import tensorflow`) "
                                   "on flowgrad")
    p.add_argument("script", metavar="SCRIPT", help="the script's path")
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS",
                   help="its command-line arguments")
    p.set_defaults(fn=cmd_run)
    p = sub.add_parser("launch", help="run a Horovod script (`import horovod.tensorflow as "
                                      "hvd`) as N ranks on Ray, as horovodrun -np N does "
                                      "(the distributed extra)")
    p.add_argument("-np", "--num-proc", dest="num_proc", type=int, required=True,
                   help="the number of ranks")
    hosts = p.add_mutually_exclusive_group()
    hosts.add_argument("-H", "--hosts", dest="hosts", default=None, metavar="HOST:SLOTS,...",
                       help="place the ranks on these Ray nodes (IP address or hostname; "
                            "localhost is this node), filling each one's slots in order, as "
                            "horovodrun -H does")
    hosts.add_argument("-hostfile", "--hostfile", dest="hostfile", default=None,
                       metavar="FILE", help="-H's hosts from a file of `HOST slots=N` lines, "
                                            "as horovodrun --hostfile")
    p.add_argument("script", metavar="SCRIPT", help="the script's path")
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS",
                   help="its command-line arguments")
    p.set_defaults(fn=cmd_launch)
    p = sub.add_parser("demo", add_help=False,
                       help="train a 64-64-10 MLP on the 8x8 digits (--help for its flags)")
    p.set_defaults(fn=cmd_demo)
    p = sub.add_parser("seed", help="run the design note's three examples")
    p.set_defaults(fn=cmd_seed)
    p = sub.add_parser("inspect", add_help=False,
                       help="print a checkpoint's tensors, as TF's inspect_checkpoint "
                            "(CKPT [--tensor_name=NAME] [--all_tensors]; --help for its "
                            "flags), or a SavedModel directory's tag-sets and signatures, "
                            "as saved_model_cli show --all")
    p.add_argument("args", nargs=argparse.REMAINDER, help="a checkpoint prefix or directory "
                                                          "(or a SavedModel directory), then "
                                                          "the tool's flags")
    p.set_defaults(fn=lambda args, extra: importlib.import_module(
        "flowgrad.tools.inspect_checkpoint").main(args.args))
    p = sub.add_parser("freeze", add_help=False,
                       help="freeze a graph and checkpoint into one GraphDef, as TF's "
                            "freeze_graph (--input_graph, --input_checkpoint, "
                            "--output_node_names, --output_graph, ...; --help for its flags)")
    p.add_argument("args", nargs=argparse.REMAINDER, help="TF's freeze_graph flags")
    p.set_defaults(fn=lambda args, extra: importlib.import_module(
        "flowgrad.tools.freeze_graph").main(list(args.args) + list(extra),
                                            prog="flowgrad freeze"))
    p = sub.add_parser("check", help="list the TF 1.14 symbols scripts use that flowgrad lacks "
                                     "or supports in part (reads them, runs nothing)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scripts or directories")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 for partly supported symbols too")
    p.set_defaults(fn=cmd_check)
    p = sub.add_parser("profile", help="run a TF 1.x script with every Session.run traced; "
                                       "print the top ops by time and by bytes, with their "
                                       "source lines")
    p.add_argument("script", metavar="SCRIPT", help="the script's path")
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS",
                   help="its command-line arguments")
    p.set_defaults(fn=lambda args, extra: importlib.import_module(
        "flowgrad.profiler.script").main(args.script, list(args.args), run_script))
    p = sub.add_parser("graph", help="run a TF 1.x script and write its graph, and what the "
                                     "optimizer did to each plan it ran, as one offline HTML "
                                     "page (collapsible scopes, redundancy highlighted)")
    p.add_argument("-o", "--output", default="graph.html", help="the HTML file to write "
                                                                 "(default graph.html; a .dot "
                                                                 "name writes Graphviz DOT)")
    p.add_argument("--profile", action="store_true",
                   help="trace every Session.run and add the profile view (time per op "
                        "as heat)")
    p.add_argument("--max-plans", type=int, default=4,
                   help="how many of the script's plans (largest first) to show (default 4)")
    p.add_argument("script", metavar="SCRIPT", help="the script's path")
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS",
                   help="its command-line arguments")
    p.set_defaults(fn=lambda args, extra: importlib.import_module(
        "flowgrad.tools.graph_script").main(args.script, list(args.args), run_script,
                                            args.output, args.max_plans, args.profile))
    argv = sys.argv[1:] if argv is None else list(argv)
    args, extra = parser.parse_known_args(argv)
    if extra and args.cmd not in ("demo", "run", "freeze"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args.fn(args, extra)


if __name__ == "__main__":
    sys.exit(main())
