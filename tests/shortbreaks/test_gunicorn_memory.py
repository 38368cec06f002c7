"""gunicorn.conf.py's memory hooks: a worker hands memory back to the system after a
slow request (a heavy render), never after a quick one, and keeps two malloc arenas.
What that saves is measured in docs/performance.md (goal 2)."""

import ctypes
import importlib.util
import types
from pathlib import Path

CONF = Path(__file__).parents[2] / "gunicorn.conf.py"


class FakeLibc:
    def __init__(self):
        self.arenas = None
        self.trims = 0

    def mallopt(self, parameter: int, value: int) -> int:
        self.arenas = value
        return 1

    def malloc_trim(self, pad: int) -> int:
        self.trims += 1
        return 1


def _worker(monkeypatch, **env: str):
    """gunicorn.conf.py as a worker has it after the fork, with glibc stood in for."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", CONF)
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    libc = FakeLibc()
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    conf.post_fork(server=None, worker=None)
    return conf, libc


def _request(conf, *, seconds: float) -> None:
    request = types.SimpleNamespace()
    conf.pre_request(None, request)
    request.shortbreaks_started -= seconds  # as if it had taken this long
    conf.post_request(None, request, {}, None)


def test_memory_goes_back_to_the_system_after_a_slow_request_only(monkeypatch):
    conf, libc = _worker(monkeypatch)
    assert libc.arenas == 2
    _request(conf, seconds=0)
    assert libc.trims == 0
    _request(conf, seconds=0.5)
    assert libc.trims == 1


def test_trimming_can_be_turned_off(monkeypatch):
    conf, libc = _worker(monkeypatch, GUNICORN_MALLOC_TRIM_AFTER_MS="0")
    _request(conf, seconds=5)
    assert libc.trims == 0
