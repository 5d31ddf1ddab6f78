"""tf.gfile on non-local schemes: fsspec's memory:// file system, TF's error classes, and
the message naming the extra when fsspec is missing."""
import sys

import pytest

import flowgrad as tf

fsspec = pytest.importorskip("fsspec")
gfile = tf.gfile
Error = tf.errors


@pytest.fixture
def root():
    path = "memory://fgtest"
    yield path
    fs = fsspec.filesystem("memory")
    if fs.exists("/fgtest"):
        fs.rm("/fgtest", recursive=True)


def test_files_and_directories(root):
    gfile.MakeDirs(root + "/a/b")
    with gfile.GFile(root + "/a/x.txt", "w") as f:
        f.write("hello\n")
    with gfile.GFile(root + "/a/y.bin", "wb") as f:
        f.write(b"\x00\x01")
    assert gfile.Exists(root + "/a/x.txt") and gfile.IsDirectory(root + "/a")
    assert not gfile.IsDirectory(root + "/a/x.txt")
    assert gfile.ListDirectory(root + "/a") == ["b", "x.txt", "y.bin"]
    assert gfile.GFile(root + "/a/x.txt").read() == "hello\n"
    assert gfile.GFile(root + "/a/y.bin", "rb").read() == b"\x00\x01"
    assert gfile.Stat(root + "/a/x.txt").length == 6
    assert gfile.GFile(root + "/a/x.txt").size() == 6
    assert gfile.Glob(root + "/a/*.txt") == [root + "/a/x.txt"]
    assert list(gfile.Walk(root)) == [(root, ["a"], []), (root + "/a", ["b"], ["x.txt", "y.bin"]),
                                      (root + "/a/b", [], [])]
    gfile.Copy(root + "/a/x.txt", root + "/c.txt")
    gfile.Rename(root + "/c.txt", root + "/d.txt")
    assert gfile.ListDirectory(root) == ["a", "d.txt"]
    gfile.Remove(root + "/d.txt")
    gfile.DeleteRecursively(root + "/a")
    assert not gfile.Exists(root + "/a")


@pytest.mark.parametrize("call, cls, message", [
    (lambda r: gfile.GFile(r + "/nope").read(), Error.NotFoundError,
     "memory://fgtest/nope; No such file or directory"),
    (lambda r: gfile.Remove(r + "/nope"), Error.NotFoundError,
     "memory://fgtest/nope; No such file or directory"),
    (lambda r: gfile.ListDirectory(r + "/nope"), Error.NotFoundError,
     "Could not find directory memory://fgtest/nope"),
    (lambda r: gfile.DeleteRecursively(r + "/nope"), Error.NotFoundError,
     "memory://fgtest/nope not found"),
    (lambda r: gfile.Stat(r + "/nope"), Error.NotFoundError,
     "memory://fgtest/nope; No such file or directory"),
])
def test_errors_are_tf_classes(root, call, cls, message):
    with pytest.raises(cls) as e:
        call(root)
    assert e.value.message == message


def test_copy_and_rename_do_not_overwrite(root):
    for name in ("x", "y"):
        with gfile.GFile(f"{root}/{name}", "w") as f:
            f.write(name)
    with pytest.raises(Error.AlreadyExistsError, match="file already exists"):
        gfile.Copy(root + "/x", root + "/y")
    with pytest.raises(Error.AlreadyExistsError):
        gfile.Rename(root + "/x", root + "/y")
    gfile.Copy(root + "/x", root + "/y", overwrite=True)
    assert gfile.GFile(root + "/y").read() == "x"


def test_copy_between_local_and_memory(root, tmp_path):
    local = str(tmp_path / "a.txt")
    with gfile.GFile(local, "w") as f:
        f.write("abc")
    gfile.Copy(local, root + "/a.txt")
    gfile.Copy(root + "/a.txt", str(tmp_path / "b.txt"))
    assert open(tmp_path / "b.txt").read() == "abc"


def test_unknown_scheme_is_unimplemented_as_in_tf():
    with pytest.raises(Error.UnimplementedError) as e:
        gfile.Exists("nosuch://bucket/x")
    assert e.value.message.startswith("File system scheme 'nosuch' not implemented "
                                      "(file: 'nosuch://bucket/x'): ")


def test_without_fsspec_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)
    with pytest.raises(Error.UnimplementedError) as e:
        gfile.Exists("gs://bucket/x")
    assert e.value.message == (
        "File system scheme 'gs' not implemented (file: 'gs://bucket/x'): flowgrad reads "
        "non-local paths through fsspec: pip install 'flowgrad[fsspec]'")
