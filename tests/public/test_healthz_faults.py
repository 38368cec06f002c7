"""/healthz with a database that has stopped answering: 503 within a couple of seconds
(the connection's timeout), never a worker held until gunicorn kills it.

The test runs a PostgreSQL of its own on a spare port (as the postgres user, which
initdb requires) and stops it with SIGSTOP, so it accepts connections but answers
nothing: what a hung database server looks like from the app."""

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from glob import glob
from pathlib import Path

import pytest

from public.page_cache import DATABASE_REST_SECONDS
from tests.servers import free_port, gunicorn, manage, prepare, production_env

pytestmark = pytest.mark.slow

POSTGRES_BIN = next(iter(sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True)), None)
RUNUSER = shutil.which("runuser")


def _can_run_postgres() -> str:
    """Why a private PostgreSQL cannot be started here, or '' when it can."""
    if POSTGRES_BIN is None:
        return "PostgreSQL's server programs are not installed"
    if os.geteuid() != 0 or RUNUSER is None:
        return "starting a private PostgreSQL needs root and runuser"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no postgres user"
    return ""


@contextlib.contextmanager
def private_postgres():
    """A PostgreSQL server of this test's own; yields (its process, its port). Its folder
    is outside pytest's own, which the postgres user cannot enter."""
    account = pwd.getpwnam("postgres")
    folder = Path(tempfile.mkdtemp(prefix="shortbreaks-pg-"))
    os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"

    def as_postgres(*command: str):
        return [RUNUSER, "-u", "postgres", "--", *command]

    subprocess.run(
        as_postgres(f"{POSTGRES_BIN}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres"),
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        as_postgres(
            f"{POSTGRES_BIN}/postgres", "-D", str(data), "-p", str(port), "-k", str(folder),
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, to stop and kill as one
    )  # fmt: skip
    try:
        for _ in range(100):
            ready = subprocess.run(
                [f"{POSTGRES_BIN}/pg_isready", "-h", "127.0.0.1", "-p", str(port)],
                capture_output=True,
            )
            if ready.returncode == 0:
                break
            time.sleep(0.1)
        yield server, port
    finally:
        for pid in _family(server.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
                os.kill(pid, signal.SIGKILL)
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _family(pid: int) -> list[int]:
    """`pid` and every process below it. PostgreSQL's backends start sessions of their
    own, so signalling the server's process group would leave them answering."""
    children: dict[int, list[int]] = {}
    for stat in glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        waiting += children.get(current, [])
    return found


def hang(server) -> None:
    """The whole server stops answering, open connections included, as a hung host does."""
    for pid in _family(server.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGSTOP)


def _health(url: str) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=15) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


@pytest.mark.skipif(bool(_can_run_postgres()), reason=_can_run_postgres() or "runs")
def test_healthz_answers_503_within_seconds_when_the_database_hangs(tmp_path):
    with private_postgres() as (server, port):
        env = production_env(
            tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres"
        )
        manage(env, "migrate", "--no-input")  # as a deploy does: unmigrated is a 503 too
        with gunicorn(env) as url:
            assert _health(url)[0] == 200
            hang(server)
            status, took = _health(url)
            assert status == 503
            assert took < 4


def _page(url: str) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


@pytest.mark.skipif(bool(_can_run_postgres()), reason=_can_run_postgres() or "runs")
def test_a_hung_database_fails_a_page_within_seconds_and_kept_pages_are_still_served(tmp_path):
    with private_postgres() as (server, port):
        env = production_env(
            tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres"
        )
        prepare(env)
        with gunicorn(env) as url:
            kept = url + "/services/virtual-activities/"
            assert _page(kept)[0] == 200  # now kept
            family = _family(server.pid)
            hang(server)
            time.sleep(1.5)  # past the time a worker trusts its answer to "which edition"
            # A page never kept needs the database: 503 within seconds, not a held worker.
            status, took = _page(url + "/services/hospice-care/")
            assert status == 503 and took < 6, (status, took)
            # A kept page is served while the database does not answer.
            status, took = _page(kept)
            assert status == 200 and took < 6, (status, took)
            # Stopped outright (connections refused): kept pages still, others 503 at once.
            for pid in family:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            server.wait(timeout=10)
            time.sleep(DATABASE_REST_SECONDS)
            assert _page(kept)[0] == 200
            status, took = _page(url + "/providers/")
            assert status == 503 and took < 3, (status, took)
