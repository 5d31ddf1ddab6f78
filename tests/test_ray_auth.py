"""Ray's token authentication: `ray start --head` turns it on when ~/.ray/auth_token
exists, `ray.init(address=...)` never does; flowgrad's clients take the CLI's rule
(distribute/ray_runtime.match_cli_auth), else they are refused by a head they started."""
import os

from flowgrad.distribute.ray_runtime import match_cli_auth


def test_token_mode_when_the_token_file_exists(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("RAY_AUTH_MODE", "recorded")   # so that teardown restores the
    monkeypatch.delenv("RAY_AUTH_MODE")               # variable match_cli_auth sets
    match_cli_auth()
    assert "RAY_AUTH_MODE" not in os.environ
    (tmp_path / ".ray").mkdir()
    (tmp_path / ".ray" / "auth_token").write_text("x" * 64)
    match_cli_auth()
    assert os.environ["RAY_AUTH_MODE"] == "token"


def test_an_explicit_mode_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".ray").mkdir()
    (tmp_path / ".ray" / "auth_token").write_text("x" * 64)
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    match_cli_auth()
    assert os.environ["RAY_AUTH_MODE"] == "disabled"
