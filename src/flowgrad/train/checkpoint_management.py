"""Checkpoint bookkeeping: the `checkpoint` state file, finding, listing and deleting checkpoints.

The checkpoint files themselves (`P.index`, `P.data-00000-of-00001`) are
written and read by checkpoint_io; this module re-exports its reader.

The `checkpoint` state file is TF's CheckpointState text proto
(`model_checkpoint_path: "..."` lines), written atomically after the
checkpoint it names. Reading it trusts nothing: it must be a regular file
(not a link, FIFO or device), at most MAX_STATE_BYTES are read, the text is
parsed by a strict tokenizer, and every path it names must lie in the
directory that holds it. A state file that fails any of this is ignored with
a warning, as TF ignores one it cannot read or parse.
"""
from __future__ import annotations

import glob
import os
import re

from .. import logging as tf_logging
from ..engine.framework import errors
from ..engine.framework import file_io
from ..engine.framework.file_io import atomic_write  # noqa: F401 - tools/graph_def.py
from .checkpoint_io import CheckpointReader, NewCheckpointReader, read_for_restore  # noqa: F401
from .checkpoint_io import _index_path, _safetensors, write_checkpoint  # noqa: F401

__all__ = [
    "CheckpointReader",
    "CheckpointState",
    "NewCheckpointReader",
    "checkpoint_exists",
    "generate_checkpoint_state_proto",
    "get_checkpoint_mtimes",
    "get_checkpoint_state",
    "latest_checkpoint",
    "list_variables",
    "load_checkpoint",
    "load_variable",
    "meta_graph_filename",
    "remove_checkpoint",
    "update_checkpoint_state",
]

_log = tf_logging   # TF logs these through tf.logging ("tensorflow" logger)

MAX_STATE_BYTES = 64 << 20   # a state file names checkpoints; it is never near this large

# ---------------------------------------------------------------------------------------
# Checkpoint state (the `checkpoint` file)
# ---------------------------------------------------------------------------------------
def _escape(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "'":
            out.append("\\'")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ch < 32 or ch >= 127:
            out.append("\\%03o" % ch)
        else:
            out.append(c)
    return "".join(out)


_ESC = re.compile(rb"\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)")
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"\\": b"\\", b'"': b'"', b"'": b"'",
           b"a": b"\a", b"b": b"\b", b"f": b"\f", b"v": b"\v", b"?": b"?"}


def _unescape(s):
    def sub(m):
        g = m.group(1)
        if g[:1] in b"01234567" and g[:1].isdigit():
            return bytes([int(g, 8) & 0xFF])
        if g[:1] == b"x":
            return bytes([int(g[1:], 16)])
        if g in _SIMPLE:
            return _SIMPLE[g]
        raise ValueError(f"invalid escape \\{g.decode(errors='replace')}")
    return _ESC.sub(sub, s.encode("utf-8")).decode("utf-8")


class ParseError(ValueError):
    """A `checkpoint` state file that is not a CheckpointState text proto (TF: text_format's)."""


# The text-format tokens a CheckpointState can hold; anything else is a ParseError.
_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n\f\v]+|\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fF]?|[-+]?(?:inf|infinity|nan)\b)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[:\[\],;])
""", re.VERBOSE)

_STATE_FIELDS = {"model_checkpoint_path": "string", "all_model_checkpoint_paths": "strings",
                 "all_model_checkpoint_timestamps": "doubles",
                 "last_preserved_timestamp": "double"}


def _tokens(text):
    """(kind, text, line, column) of each token of `text`; ParseError at a stray character."""
    pos, line, line_start = 0, 1, 0
    out = []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ParseError(f"{line}:{pos - line_start + 1} : Unexpected character "
                             f"{text[pos]!r}.")
        kind = m.lastgroup
        if kind != "space":
            out.append((kind, m.group(), line, pos - line_start + 1))
        nl = m.group().count("\n")
        if nl:
            line += nl
            line_start = m.start() + m.group().rindex("\n") + 1
        pos = m.end()
    return out


def _parse_state(text):
    """The CheckpointState in `text` (TF's text_format.Merge); ParseError on anything else."""
    st = CheckpointState()
    toks = _tokens(text)
    i = 0

    def expect(kinds, what):
        nonlocal i
        if i >= len(toks):
            raise ParseError(f"Expected {what}, got end of file.")
        tok = toks[i]
        if tok[0] not in kinds:
            raise ParseError(f"{tok[2]}:{tok[3]} : Expected {what}, got {tok[1][:40]!r}.")
        i += 1
        return tok

    def value(kind, field):
        if kind in ("string", "strings"):
            tok = expect(("string",), f"string for {field}")
            parts = [tok[1]]
            while i < len(toks) and toks[i][0] == "string":  # adjacent strings concatenate
                parts.append(expect(("string",), "string")[1])
            try:
                return "".join(_unescape(p[1:-1]) for p in parts)
            except (ValueError, UnicodeDecodeError) as e:
                raise ParseError(f"{tok[2]}:{tok[3]} : {e}.") from None
        tok = expect(("number", "ident"), f"double for {field}")
        try:
            return float(tok[1].rstrip("fF") if tok[0] == "number" else tok[1])
        except ValueError:
            raise ParseError(f"{tok[2]}:{tok[3]} : Couldn't parse double: {tok[1][:40]!r}.") \
                from None

    while i < len(toks):
        name = expect(("ident",), "identifier")
        kind = _STATE_FIELDS.get(name[1])
        if kind is None:
            raise ParseError(f'{name[2]}:{name[3]} : Message type "tensorflow.CheckpointState" '
                             f'has no field named "{name[1][:40]}".')
        colon = expect(("punct",), '":"')
        if colon[1] != ":":
            raise ParseError(f'{colon[2]}:{colon[3]} : Expected ":", got {colon[1]!r}.')
        repeated = kind.endswith("s")
        if repeated and i < len(toks) and toks[i][1] == "[":
            i += 1
            items = []
            if i < len(toks) and toks[i][1] == "]":
                i += 1
            else:
                while True:
                    items.append(value(kind, name[1]))
                    sep = expect(("punct",), '"," or "]"')
                    if sep[1] == "]":
                        break
                    if sep[1] != ",":
                        raise ParseError(f'{sep[2]}:{sep[3]} : Expected "," or "]".')
        else:
            items = [value(kind, name[1])]
        if name[1] == "model_checkpoint_path":
            st.model_checkpoint_path = items[-1]
        elif name[1] == "all_model_checkpoint_paths":
            st.all_model_checkpoint_paths.extend(items)
        elif name[1] == "all_model_checkpoint_timestamps":
            st.all_model_checkpoint_timestamps.extend(items)
        else:
            st.last_preserved_timestamp = items[-1]
        if i < len(toks) and toks[i][1] in (",", ";"):
            i += 1
    return st


class CheckpointState:
    """TF's CheckpointState proto: the latest checkpoint and the ones still kept."""

    def __init__(self, model_checkpoint_path="", all_model_checkpoint_paths=None,
                 all_model_checkpoint_timestamps=None, last_preserved_timestamp=0.0):
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = list(all_model_checkpoint_paths or [])
        self.all_model_checkpoint_timestamps = list(all_model_checkpoint_timestamps or [])
        self.last_preserved_timestamp = last_preserved_timestamp or 0.0

    def __str__(self):
        lines = [f'model_checkpoint_path: "{_escape(self.model_checkpoint_path)}"']
        lines += [f'all_model_checkpoint_paths: "{_escape(p)}"'
                  for p in self.all_model_checkpoint_paths]
        lines += [f"all_model_checkpoint_timestamps: {float(t)!r}"
                  for t in self.all_model_checkpoint_timestamps]
        if self.last_preserved_timestamp:
            lines.append(f"last_preserved_timestamp: {float(self.last_preserved_timestamp)!r}")
        return "\n".join(lines) + "\n"

    def __repr__(self):
        return str(self)

    def __eq__(self, other):
        return (isinstance(other, CheckpointState)
                and self.model_checkpoint_path == other.model_checkpoint_path
                and self.all_model_checkpoint_paths == other.all_model_checkpoint_paths
                and self.all_model_checkpoint_timestamps == other.all_model_checkpoint_timestamps
                and self.last_preserved_timestamp == other.last_preserved_timestamp)

    @classmethod
    def parse(cls, text):
        """Parses the text format; ParseError (a ValueError) on anything else."""
        return _parse_state(text)


def _state_path(save_dir, latest_filename):
    return os.path.join(save_dir, latest_filename or "checkpoint")


def generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                    all_model_checkpoint_paths=None,
                                    all_model_checkpoint_timestamps=None,
                                    last_preserved_timestamp=None):
    """A CheckpointState; paths are made relative when `save_dir` is relative (as TF).

    Raises:
      ValueError: timestamps are given but not one per path.
    """
    paths = list(all_model_checkpoint_paths or [])
    if not paths or paths[-1] != model_checkpoint_path:
        paths.append(model_checkpoint_path)
    if all_model_checkpoint_timestamps and len(all_model_checkpoint_timestamps) != len(paths):
        raise ValueError(f"Checkpoint timestamps, if provided, must match checkpoint paths (got "
                         f"paths {paths} and timestamps {all_model_checkpoint_timestamps})")
    if not os.path.isabs(save_dir):
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        paths = [os.path.relpath(p, save_dir) if not os.path.isabs(p) else p for p in paths]
    return CheckpointState(model_checkpoint_path, paths, all_model_checkpoint_timestamps,
                           last_preserved_timestamp)


def update_checkpoint_state_internal(save_dir, model_checkpoint_path,
                                     all_model_checkpoint_paths=None, latest_filename=None,
                                     save_relative_paths=False,
                                     all_model_checkpoint_timestamps=None,
                                     last_preserved_timestamp=None):
    """Writes the `checkpoint` state file in `save_dir` atomically.

    Raises:
      RuntimeError: the state file would have the checkpoint's own name.
    """
    path = _state_path(save_dir, latest_filename)
    if save_relative_paths:
        if os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        all_model_checkpoint_paths = [
            os.path.relpath(p, save_dir) if os.path.isabs(p) else p
            for p in (all_model_checkpoint_paths or [])]
    ckpt = generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                           all_model_checkpoint_paths,
                                           all_model_checkpoint_timestamps,
                                           last_preserved_timestamp)
    if path == ckpt.model_checkpoint_path:
        raise RuntimeError(f"Save path '{model_checkpoint_path}' conflicts with path used for "
                           "checkpoint state.  Please use a different save path.")
    atomic_write(path, str(ckpt).encode("utf-8"), "state")


def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                            latest_filename=None, all_model_checkpoint_timestamps=None,
                            last_preserved_timestamp=None):
    """Writes the `checkpoint` state file in `save_dir` atomically (TF's public signature).

    Raises:
      RuntimeError: the state file would have the checkpoint's own name.
    """
    update_checkpoint_state_internal(
        save_dir, model_checkpoint_path, all_model_checkpoint_paths, latest_filename,
        False, all_model_checkpoint_timestamps, last_preserved_timestamp)


def _read_state_file(path):
    """The text of state file `path`, or None if there is none; DataLossError if unreadable.

    Bounded: a regular file, not a link, at most MAX_STATE_BYTES.
    """
    try:
        fd, st = file_io.open_regular(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except file_io.NotRegularFileError as e:
        if e.kind == "directory":
            return None  # TF: a directory is "no state file"
        raise errors.DataLossError(None, None, f"{path} is a {e.kind}, not a regular file") \
            from None
    except OSError as e:
        raise errors.UnknownError(None, None, f"{path}; {e.strerror or e}") from None
    try:
        if st.st_size > MAX_STATE_BYTES:
            raise errors.DataLossError(None, None, f"{path} has {st.st_size} bytes, more than a "
                                       f"checkpoint state file can have ({MAX_STATE_BYTES})")
        raw = file_io.read_fd(fd, st.st_size)
    finally:
        os.close(fd)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ParseError(f"{path} is not UTF-8 text ({e.reason} at byte {e.start})") from None


def _inside(path, directory):
    """True if checkpoint prefix `path` names a file directly in `directory`."""
    parent = os.path.dirname(os.path.abspath(path))
    directory = os.path.abspath(directory)
    return parent == directory or os.path.realpath(parent) == os.path.realpath(directory)


def _locate(p, checkpoint_dir):
    """A path of the state file as a path to read: relative ones are joined to the
    directory; an absolute one elsewhere (TF 1.14 writes absolute paths, and run
    directories get moved) becomes the same base name in the state file's own
    directory: nothing outside it is read because a state file names it."""
    if not os.path.isabs(p):
        return os.path.join(checkpoint_dir, p)
    if _inside(p, checkpoint_dir):
        return p
    base = os.path.basename(p)
    return os.path.join(checkpoint_dir, base) if base else p


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The CheckpointState in `checkpoint_dir`, or None if there is none.

    Relative paths in the file are joined to `checkpoint_dir`, as TF does; an
    absolute path outside `checkpoint_dir` (a run directory written by TF 1.14,
    then moved or copied) is looked up by its base name in `checkpoint_dir`. A
    state file that cannot be read or parsed, or that names a checkpoint
    through directories (`../x`, `sub/x`), is ignored with a warning, as TF
    ignores an unreadable one.
    """
    checkpoint_dir = os.fspath(checkpoint_dir)
    path = _state_path(checkpoint_dir, latest_filename)
    try:
        text = _read_state_file(path)
        if text is None:
            return None
        ckpt = CheckpointState.parse(text)
    except (errors.OpError, ParseError) as e:
        _log.warning("%s: %s", type(e).__name__, e)
        _log.warning("%s: Checkpoint ignored", path)
        return None
    if not ckpt.model_checkpoint_path:
        raise ValueError(f"Invalid checkpoint state loaded from {checkpoint_dir}")
    ckpt.model_checkpoint_path = _locate(ckpt.model_checkpoint_path, checkpoint_dir)
    ckpt.all_model_checkpoint_paths = [_locate(p, checkpoint_dir)
                                       for p in ckpt.all_model_checkpoint_paths]
    for p in [ckpt.model_checkpoint_path] + ckpt.all_model_checkpoint_paths:
        if "\x00" in p or not _inside(p, checkpoint_dir):
            _log.warning("DataLossError: %s names checkpoint %r, which is not in %s", path, p,
                         checkpoint_dir)
            _log.warning("%s: Checkpoint ignored", path)
            return None
    return ckpt


def checkpoint_exists(checkpoint_prefix):
    """True if `checkpoint_prefix` names a checkpoint (`<prefix>.index` or V1 file).

    Raises:
      NotFoundError: the prefix's directory does not exist (as TF's glob does).
    """
    prefix = os.fspath(checkpoint_prefix)
    d = os.path.dirname(prefix)
    if d and not os.path.isdir(d) and not glob.has_magic(d):
        raise errors.NotFoundError(None, None, f"{d}; No such file or directory")
    if glob.glob(_index_path(prefix)) or glob.glob(prefix):
        return True
    return False


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the newest checkpoint recorded in `checkpoint_dir`, or None."""
    ckpt = get_checkpoint_state(checkpoint_dir, latest_filename)
    if ckpt and ckpt.model_checkpoint_path:
        p = ckpt.model_checkpoint_path
        if glob.glob(_index_path(p)) or glob.glob(p):
            return p
        _log.error("Couldn't match files for checkpoint %s", p)
    return None


def get_checkpoint_mtimes(checkpoint_prefixes):
    """Modification times of the checkpoints' index files (missing ones skipped)."""
    out = []
    for p in checkpoint_prefixes:
        for f in (_index_path(p), p):
            if os.path.exists(f):
                out.append(os.path.getmtime(f))
                break
    return out


def _files_of(prefix, meta_graph_suffix="meta"):
    files = [_index_path(prefix), f"{prefix}.{meta_graph_suffix}"]
    files += glob.glob(glob.escape(prefix) + ".data-*")
    return files


def remove_checkpoint(checkpoint_prefix, checkpoint_format_version=2,
                      meta_graph_suffix="meta"):
    """Deletes a checkpoint's files: the index first, so a half-deleted one is gone (for
    checkpoint_format_version=1, TF's V1 format: the file named by the prefix, and the
    meta graph)."""
    if checkpoint_format_version == 1:
        files = [checkpoint_prefix, meta_graph_filename(checkpoint_prefix, meta_graph_suffix)]
        d, base = os.path.split(checkpoint_prefix)
        if glob.has_magic(base):   # a sharded V1 spec: its shards, in its own directory only
            files = glob.glob(os.path.join(glob.escape(d), base)) + files[1:]
    else:
        files = _files_of(checkpoint_prefix, meta_graph_suffix)
    for f in files:
        try:
            os.unlink(f)
        except FileNotFoundError:
            pass


def meta_graph_filename(checkpoint_filename, meta_graph_suffix="meta"):
    """`model.ckpt-123` → `model.ckpt-123.meta` (a sharded `-?????-of-…` suffix is dropped)."""
    basename = re.sub(r"-[\d\?]+-of-\d+$", "", checkpoint_filename)
    return f"{basename}.{meta_graph_suffix}"


# ---------------------------------------------------------------------------------------
# checkpoint_utils
# ---------------------------------------------------------------------------------------
def load_checkpoint(ckpt_dir_or_file):
    """A CheckpointReader for a checkpoint prefix or the latest one in a directory.

    Raises:
      ValueError: a directory without checkpoints.
    """
    filename = _get_checkpoint_filename(ckpt_dir_or_file)
    if filename is None:
        raise ValueError(f"Couldn't find 'checkpoint' file or checkpoints in given directory "
                         f"{ckpt_dir_or_file}")
    return CheckpointReader(filename)


def _get_checkpoint_filename(ckpt_dir_or_file):
    ckpt_dir_or_file = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(ckpt_dir_or_file):
        return latest_checkpoint(ckpt_dir_or_file)
    return ckpt_dir_or_file


def load_variable(ckpt_dir_or_file, name):
    """The value of variable `name` (a trailing ':0' is ignored) in a checkpoint."""
    name = name.removesuffix(":0")
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)


def list_variables(ckpt_dir_or_file):
    """Sorted (name, shape) pairs of the tensors in a checkpoint."""
    reader = load_checkpoint(ckpt_dir_or_file)
    shapes = reader.get_variable_to_shape_map()
    return [(n, shapes[n]) for n in sorted(shapes)]
