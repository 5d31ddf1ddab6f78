"""`tf.keras.utils.get_file` (TF 1.14 keras/utils/data_utils.py): a file from Keras's cache
(`~/.keras/<cache_subdir>`, or /tmp/.keras when the home is not writable), checked against
a hash when given and downloaded from `origin` when missing or damaged; `untar` / `extract`
unpack archives beside it. Archives are extracted member by member and a member that would
land outside the cache folder (absolute paths, '..', links) is refused with ValueError."""
from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import urllib.error
import zipfile

__all__ = ["get_file", "validate_file"]


def _hash_file(fpath, algorithm="sha256", chunk_size=65535):
    hasher = hashlib.sha256() if algorithm == "sha256" else hashlib.md5()
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath, file_hash, algorithm="auto", chunk_size=65535):
    """Whether the file's sha256 (a 64-digit hash, or algorithm='sha256') or md5 is
    `file_hash`."""
    if algorithm == "sha256" or (algorithm == "auto" and len(file_hash) == 64):
        hasher = "sha256"
    else:
        hasher = "md5"
    return str(_hash_file(fpath, hasher, chunk_size)) == str(file_hash)


def _inside(root, name):
    target = os.path.realpath(os.path.join(root, name))
    base = os.path.realpath(root)
    return target == base or target.startswith(base + os.sep)


def _safe_members_tar(archive, root):
    for m in archive.getmembers():
        if m.issym() or m.islnk() or m.isdev() or not _inside(root, m.name):
            raise ValueError("Refusing to extract %r from the archive: it would be written "
                             "outside %s (or is a link or device)" % (m.name, root))
    return archive.getmembers()


def _extract_archive(file_path, path=".", archive_format="auto"):
    if archive_format is None:
        return False
    if archive_format == "auto":
        archive_format = ["tar", "zip"]
    if isinstance(archive_format, str):
        archive_format = [archive_format]
    for kind in archive_format:
        if kind == "tar" and tarfile.is_tarfile(file_path):
            with tarfile.open(file_path) as archive:
                members = _safe_members_tar(archive, path)
                try:
                    for m in members:
                        archive.extract(m, path, set_attrs=False)
                except (tarfile.TarError, RuntimeError, KeyboardInterrupt):
                    _remove(path)
                    raise
            return True
        if kind == "zip" and zipfile.is_zipfile(file_path):
            with zipfile.ZipFile(file_path) as archive:
                for name in archive.namelist():
                    if not _inside(path, name):
                        raise ValueError("Refusing to extract %r from the archive: it would "
                                         "be written outside %s" % (name, path))
                try:
                    archive.extractall(path)
                except (RuntimeError, KeyboardInterrupt):
                    _remove(path)
                    raise
            return True
    return False


def _remove(path):
    if os.path.exists(path):
        if os.path.isfile(path):
            os.remove(path)
        else:
            shutil.rmtree(path)


def _download(origin, fpath):
    from ..contrib.learn.datasets import base  # lazy: the downloader only when downloading
    try:
        tmp = base._download(origin, fpath, os.path.basename(fpath))
    except urllib.error.HTTPError as e:
        raise Exception("URL fetch failure on {}: {} -- {}".format(origin, e.code, e.msg)) \
            from None
    except urllib.error.URLError as e:
        raise Exception("URL fetch failure on {}: {} -- {}".format(
            origin, getattr(e, "errno", None), e.reason)) from None
    os.replace(tmp, fpath)


def get_file(fname, origin, untar=False, md5_hash=None, file_hash=None,
             cache_subdir="datasets", hash_algorithm="auto", extract=False,
             archive_format="auto", cache_dir=None):
    """The path of `fname` in Keras's cache, downloaded from `origin` when missing (or when
    its hash is not `file_hash`); with untar=True the folder `fname` unpacked from
    `fname + '.tar.gz'`."""
    if cache_dir is None:
        cache_dir = os.path.join(os.path.expanduser("~"), ".keras")
    if md5_hash is not None and file_hash is None:
        file_hash = md5_hash
        hash_algorithm = "md5"
    datadir_base = os.path.expanduser(cache_dir)
    if not os.access(datadir_base, os.W_OK):
        datadir_base = os.path.join("/tmp", ".keras")
    datadir = os.path.join(datadir_base, cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    if untar:
        untar_fpath = os.path.join(datadir, fname)
        fpath = untar_fpath + ".tar.gz"
    else:
        fpath = os.path.join(datadir, fname)
    download = False
    if os.path.exists(fpath):
        if file_hash is not None and not validate_file(fpath, file_hash,
                                                       algorithm=hash_algorithm):
            print("A local file was found, but it seems to be incomplete or outdated because "
                  "the " + hash_algorithm + " file hash does not match the original value of " +
                  file_hash + " so we will re-download the data.")
            download = True
    else:   # TF 1.14: with untar, a missing archive downloads even if the folder exists
        download = True
    if download:
        print("Downloading data from", origin)
        _download(origin, fpath)
    if untar:
        if not os.path.exists(untar_fpath):
            _extract_archive(fpath, datadir, archive_format="tar")
        return untar_fpath
    if extract:
        _extract_archive(fpath, datadir, archive_format)
    return fpath
