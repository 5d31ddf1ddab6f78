"""The script server of tests/script_runner.py: imports flowgrad.cli once, then runs each
request (one JSON line on stdin: args, cwd, stdout and stderr paths) in a forked child,
as `python -m flowgrad.cli ARGS` would run in cwd, and answers with its exit status."""
import json
import os
import sys
import threading


def _child(req):
    """In the forked process: the request's cwd, files and argv, then flowgrad's CLI;
    its exit status ends the process (SystemExit out of main: atexit hooks run, streams
    are flushed, as at the end of a fresh interpreter)."""
    os.environ.clear()
    os.environ.update(req["env"])
    os.chdir(req["cwd"])
    sys.path[0] = req["cwd"]                 # `python -m` puts the start directory first
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, path in ((1, req["stdout"]), (2, req["stderr"])):
        f = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(f, fd)
        os.close(f)
    sys.stdin = open(0, encoding=sys.stdin.encoding, closefd=False)
    sys.argv = [cli.__file__, *req["args"]]
    sys.exit(cli.main(req["args"]))


def main():
    for line in sys.stdin:
        req = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(req)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"rc": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    del sys.path[0]                          # this folder, not the tests' modules
    sys.path.insert(0, os.getcwd())
    import flowgrad.cli as cli
    # fork copies one thread only: a server that started threads answers "no"
    print("ready" if threading.active_count() == 1 else "no", flush=True)
    if threading.active_count() == 1:
        main()
