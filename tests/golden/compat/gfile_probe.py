"""tf.gfile behaviour probe: a TF 1.x script printing one JSON line per step.

Run under TF 1.14 to make gfile.json (`python gfile_probe.py DIR > gfile.json`);
tests/test_compat.py runs it with `flowgrad run` and compares. DIR must not exist.
"""
import json
import os
import sys

import tensorflow as tf

g = tf.gfile
base = sys.argv[1]
d = base + "/d"


def step(label, f):
    try:
        r = f()
        out = [label, "ok", r]
    except Exception as e:  # noqa: BLE001
        out = [label, type(e).__name__, str(e).replace(base, "<base>")]
    print(json.dumps(out).replace(base, "<base>"))


def write_hello():
    with g.GFile(d + "/f.txt", "w") as f:
        f.write("hello\nworld\n")
        return f.tell()


def append():
    with g.GFile(base + "/ap", "w") as f:
        f.write("a")
    with g.GFile(base + "/ap", "a") as f:
        f.write(b"b")
    return g.GFile(base + "/ap").read()


def seek():
    f = g.GFile(base + "/ap")
    f.seek(1)
    return [f.read(), f.tell()]


def lazy_write():
    f = g.GFile(base + "/never", "w")
    f.close()
    return g.Exists(base + "/never")


step("exists missing", lambda: g.Exists(d))
step("isdir missing", lambda: g.IsDirectory(d))
step("mkdir base", lambda: g.MkDir(base))
step("mkdir", lambda: g.MkDir(d))
step("mkdir again", lambda: g.MkDir(d))
step("mkdir nested", lambda: g.MkDir(d + "/a/b"))
step("makedirs", lambda: g.MakeDirs(d + "/a/b"))
step("makedirs again", lambda: g.MakeDirs(d + "/a/b"))
step("isdir", lambda: g.IsDirectory(d + "/a"))
step("ctor missing is lazy", lambda: g.GFile(d + "/nofile") is not None)
step("read missing", lambda: g.GFile(d + "/nofile").read())
step("write", write_hello)
step("read", lambda: g.GFile(d + "/f.txt").read())
step("read rb", lambda: g.GFile(d + "/f.txt", "rb").read().decode("ascii"))
step("read rb type", lambda: type(g.GFile(d + "/f.txt", "rb").read()).__name__)
step("readlines", lambda: g.GFile(d + "/f.txt").readlines())
step("readline", lambda: g.GFile(d + "/f.txt").readline())
step("iterate", lambda: list(g.GFile(d + "/f.txt")))
step("size", lambda: g.GFile(d + "/f.txt").size())
step("read 3", lambda: g.GFile(d + "/f.txt").read(3))
step("Open", lambda: g.Open(d + "/f.txt").read())
step("bad mode", lambda: g.GFile(d + "/f.txt", "x"))
step("write read-only", lambda: g.GFile(d + "/f.txt", "r").write("x"))
step("read write-only", lambda: g.GFile(d + "/f.txt", "w").read())
step("copy", lambda: g.Copy(d + "/f.txt", d + "/g.txt"))
step("copy again", lambda: g.Copy(d + "/f.txt", d + "/g.txt"))
step("copy overwrite", lambda: g.Copy(d + "/f.txt", d + "/g.txt", overwrite=True))
step("copy missing", lambda: g.Copy(d + "/zz.txt", d + "/h.txt"))
step("rename", lambda: g.Rename(d + "/g.txt", d + "/h.txt"))
step("rename onto existing", lambda: g.Rename(d + "/h.txt", d + "/f.txt"))
step("rename missing", lambda: g.Rename(d + "/zz.txt", d + "/q.txt"))
step("listdir", lambda: sorted(g.ListDirectory(d)))
step("listdir missing", lambda: g.ListDirectory(d + "/nope"))
step("listdir file", lambda: g.ListDirectory(d + "/f.txt"))
step("glob", lambda: sorted(g.Glob(d + "/*.txt")))
step("glob none", lambda: g.Glob(d + "/*.zz"))
step("glob missing dir", lambda: g.Glob(d + "/nope/*.txt"))
step("glob missing dir no wildcard", lambda: g.Glob(d + "/nope/f.txt"))
step("glob missing dir before wildcard dir", lambda: g.Glob(d + "/nope/a*/f.txt"))
step("glob under a file", lambda: g.Glob(d + "/f.txt/*"))
step("glob list with a missing dir", lambda: g.Glob([d + "/f.txt", d + "/nope/*"]))
step("glob missing under wildcard", lambda: g.Glob(d + "/*/nope/x"))
step("walk", lambda: [[t, sorted(s), sorted(f)] for t, s, f in g.Walk(d)])
step("walk post-order", lambda: [t for t, _, _ in g.Walk(d, in_order=False)])
step("walk missing", lambda: list(g.Walk(d + "/nope")))
step("stat", lambda: [g.Stat(d + "/f.txt").length, g.Stat(d + "/f.txt").is_directory])
step("stat dir", lambda: g.Stat(d).is_directory)
step("stat missing", lambda: g.Stat(d + "/nope"))
step("remove", lambda: g.Remove(d + "/h.txt"))
step("remove missing", lambda: g.Remove(d + "/h.txt"))
step("remove dir", lambda: g.Remove(d + "/a"))
step("isdir file", lambda: g.IsDirectory(d + "/f.txt"))
step("delrec missing", lambda: g.DeleteRecursively(d + "/nope"))
step("delrec file", lambda: g.DeleteRecursively(d + "/f.txt"))
step("delrec", lambda: g.DeleteRecursively(d))
step("exists after delrec", lambda: g.Exists(d))
step("makedirs through file", lambda: (g.GFile(base + "/file", "w").write(""),
                                       g.MakeDirs(base + "/file/x")))
step("makedirs onto file", lambda: g.MakeDirs(base + "/file"))
step("append", append)
step("seek", seek)
step("lazy write creates nothing", lazy_write)
step("write bytes in text mode", lambda: g.GFile(base + "/wb", "w").write(b"abc"))
step("write str in binary mode", lambda: g.GFile(base + "/wb", "wb").write("abc"))

# tf.io.gfile: the lowercase names
io = tf.io.gfile
errs = []
step("io mkdir", lambda: io.mkdir(base + "/io"))
step("io makedirs", lambda: io.makedirs(base + "/io/x/y"))
step("io exists", lambda: [io.exists(base + "/io/x"), io.exists(base + "/io/z")])
step("io isdir", lambda: io.isdir(base + "/io/x"))
step("io write", lambda: io.GFile(base + "/io/a.txt", "w").write("abc"))
step("io copy", lambda: io.copy(base + "/io/a.txt", base + "/io/b.txt"))
step("io copy again", lambda: io.copy(base + "/io/a.txt", base + "/io/b.txt"))
step("io rename", lambda: io.rename(base + "/io/b.txt", base + "/io/c.txt"))
step("io rename overwrite", lambda: io.rename(base + "/io/c.txt", base + "/io/a.txt", True))
step("io listdir", lambda: sorted(io.listdir(base + "/io")))
step("io glob", lambda: io.glob(base + "/io/*.txt"))
step("io stat", lambda: io.stat(base + "/io/a.txt").length)
step("io walk", lambda: [[t, sorted(s), sorted(f)] for t, s, f in io.walk(base + "/io")])
step("io walk bottom-up", lambda: [t for t, _, _ in io.walk(base + "/io", topdown=False)])


def stop(err):
    errs.append(err)
    raise RuntimeError("onerror stops the walk")


step("io walk missing", lambda: list(io.walk(base + "/nope")))
step("io walk missing onerror", lambda: list(io.walk(base + "/nope", onerror=stop)))
step("io walk onerror", lambda: [type(e).__name__ for e in errs])
step("io remove", lambda: io.remove(base + "/io/a.txt"))
step("io rmtree", lambda: io.rmtree(base + "/io"))
step("io rmtree missing", lambda: io.rmtree(base + "/io"))


def writer_in_empty_logdir():
    # "" is the working directory: FileWriter("") (ProfilerHook's default output_dir)
    # writes its event file there, MakeDirs("") has nothing to create
    old = os.getcwd()
    os.chdir(base)
    try:
        w = tf.summary.FileWriter("")
        w.add_summary(tf.Summary(value=[tf.Summary.Value(tag="a", simple_value=1.0)]), 1)
        w.close()
        return [w.get_logdir(), sorted(n[:20] for n in os.listdir(".") if n.startswith("events"))]
    finally:
        os.chdir(old)


step("makedirs empty", lambda: g.MakeDirs(""))
step("io makedirs empty", lambda: io.makedirs(""))
step("writer in empty logdir", writer_in_empty_logdir)
