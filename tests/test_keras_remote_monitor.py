"""tf.keras.callbacks.RemoteMonitor against TF 1.14 (tests/golden/keras/gen_remote_monitor.py):
the requests.post calls at each epoch end, the unreachable-server warning, the errors for
float32 logs and a missing `requests`; and the same posts reaching a local HTTP server."""
import http.server
import json
import sys
import threading
import types
import urllib.error
import urllib.parse
import urllib.request

import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load
from test_layers import _compare

GOLD = load("keras", "remote_monitor")
GEN = generator("keras", "remote_monitor")


def _fit(monkeypatch, fake, **kw):
    monkeypatch.setitem(sys.modules, "requests", fake)
    with tf.Graph().as_default():
        with tf.Session():
            GEN.fit(tf, **kw)


def _decoded(calls):
    """The posts with form payloads' JSON decoded (numbers compared with a tolerance)."""
    out = []
    for url, data, body, headers in calls:
        if data is not None:
            data = {k: json.loads(v) for k, v in data.items()}
        out.append([url, data, body, headers])
    return out


def test_signature():
    assert GOLD  # the golden file was read
    cb = tf.keras.callbacks.RemoteMonitor()
    assert (cb.root, cb.path, cb.field, cb.headers, cb.send_as_json) == (
        "http://localhost:9000", "/publish/epoch/end/", "data", None, False)


@pytest.mark.parametrize("case", sorted(GEN.CONFIGS))
def test_posts(case, monkeypatch):
    fake = GEN.FakeRequests()
    _fit(monkeypatch, fake, **GEN.CONFIGS[case])
    want = GOLD[case]
    _compare(_decoded(fake.calls), _decoded(want), case)
    for got, w in zip(fake.calls, want):   # the form's JSON keeps TF's key order
        if w[1] is not None:
            assert list(json.loads(next(iter(got[1].values())))) == \
                list(json.loads(next(iter(w[1].values()))))


def test_float32_metrics_cannot_be_sent_as_form(monkeypatch):
    want = GOLD["float32_metric_form"]
    assert isinstance(want, GoldenError)
    with pytest.raises(TypeError, match=want.message):
        _fit(monkeypatch, GEN.FakeRequests(), metrics=["mae"])


def test_missing_requests(monkeypatch):
    want = GOLD["missing_requests"]
    with pytest.raises(ImportError) as e:
        _fit(monkeypatch, None)
    assert str(e.value) == want.message


def test_unreachable_server_warns(monkeypatch, caplog):
    fake = GEN.FakeRequests(fail=True)
    with caplog.at_level("WARNING", logger="tensorflow"):
        _fit(monkeypatch, fake, root="http://127.0.0.1:9", epochs=2)
    got = [r.getMessage() for r in caplog.records if "RemoteMonitor" in r.getMessage()]
    assert got == GOLD["unreachable_warnings"]
    assert GOLD["unreachable"] == []


class _RequestException(IOError):
    pass


def _urllib_requests():
    """A `requests` stand-in on urllib: post(url, data=form dict | json=obj, headers)."""
    def post(url, data=None, json=None, headers=None):  # noqa: A002 (requests' names)
        hdrs = dict(headers or {})
        if json is not None:
            body = _json_dumps(json).encode()
            hdrs["Content-Type"] = "application/json"
        else:
            body = urllib.parse.urlencode(data or {}).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, body, hdrs), timeout=10):
                pass
        except (urllib.error.URLError, OSError) as e:
            raise _RequestException(str(e)) from e
    mod = types.ModuleType("requests")
    mod.post = post
    mod.exceptions = types.SimpleNamespace(RequestException=_RequestException)
    return mod


_json_dumps = json.dumps


@pytest.fixture
def server():
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers["Content-Length"])
            received.append((self.path, self.headers.get("Content-Type"),
                             self.headers.get("X-Run"), self.rfile.read(n).decode()))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % httpd.server_address[1], received
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.mark.parametrize("send_as_json", [False, True])
def test_posts_reach_a_local_server(server, send_as_json, monkeypatch):
    root, received = server
    case = "json" if send_as_json else "form_field"
    kw = dict(GEN.CONFIGS[case], root=root, path="/epochs")
    _fit(monkeypatch, _urllib_requests(), **kw)
    want = GOLD[case]
    assert [r[0] for r in received] == ["/epochs"] * len(want)
    assert [r[2] for r in received] == ["k17"] * len(want)
    for (path, ctype, _, body), w in zip(received, want):
        if send_as_json:
            assert ctype == "application/json"
            _compare(json.loads(body), w[2], case)
        else:
            assert ctype == "application/x-www-form-urlencoded"
            form = urllib.parse.parse_qs(body)
            assert list(form) == ["payload"]
            _compare(json.loads(form["payload"][0]), json.loads(w[1]["payload"]), case)
