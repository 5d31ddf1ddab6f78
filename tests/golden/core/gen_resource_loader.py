"""tf.resource_loader under TF 1.14 (resource_loader.json) and flowgrad
(tests/test_resource_loader.py), as paths relative to the caller's file and to the module
that defines the functions (TF's are under tensorflow/, flowgrad's under flowgrad/).
Valid Python 3.7."""
import inspect
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _module_dir(tf):
    return os.path.dirname(inspect.getfile(tf.resource_loader.get_data_files_path))


def _rel(path, start):
    return os.path.relpath(os.path.abspath(path), start)


def calls(tf):
    rl = tf.resource_loader
    out = {}
    out["data_files"] = _rel(rl.get_data_files_path(), HERE)
    out["datafile"] = _rel(rl.get_path_to_datafile(os.path.join("sub", "x.txt")), HERE)
    out["datafile_raw"] = rl.get_path_to_datafile("a") == os.path.join(
        rl.get_data_files_path(), "a")
    out["root_dir"] = _rel(rl.get_root_dir_with_all_resources(), _module_dir(tf))
    out["readahead"] = [rl.readahead_file_path("/x/y.bin"), rl.readahead_file_path("z", "1M")]
    try:
        rl.load_resource("no/such/resource.txt")
        out["missing"] = "no error"
    except IOError as e:
        out["missing"] = [type(e).__name__, e.errno, os.path.basename(e.filename)]
    return out


def cases(tf):
    return {"calls": calls(tf)}
