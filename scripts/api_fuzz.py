"""Schemathesis over the whole API v1, as a leader and as a grid member, against a live demo server.

Run by CI on SQLite and on PostgreSQL (``--database postgres`` takes ``DATABASE_URL`` and works in
a throw-away database ``<name>_fuzz``). For each database: a fresh demo (``seed_demo``), one API
token for the demo town's 队长 and one for its 网格员, a production-like server (gunicorn, DEBUG
off), then ``schemathesis run`` once per token with a bounded number of examples per operation.

Passes only with zero 5xx answers and zero schema violations (``not_a_server_error`` and
``response_schema_conformance``). Prints, per database: operations, requests, 5xx, violations.
The HAR and JUnit reports stay in ``test-artifacts/api-fuzz/<database>/``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "test-artifacts" / "api-fuzz"
CHECKS = "not_a_server_error,response_schema_conformance"
# The demo town's 队长 and 网格员 (zhifa/accounts/demo.py).
PERSONAS = {"leader": "duizhang", "grid_member": "wangge"}
# Path parameters and the models whose demo rows they name: schemathesis draws them from these
# ids most of the time (a bare generator would meet only 404s), and invents others now and then.
PATH_MODELS = {
    "case_id": ["Case"],
    "lead_id": ["Lead"],
    "finding_id": ["PatrolFinding"],
    "hold_id": ["EvidenceHold"],
    "order_id": ["CorrectionOrder"],
    "seizure_id": ["Seizure"],
    "transfer_id": ["Transfer"],
    "appeal_id": ["Appeal"],
    "item_id": ["PowerItem"],
    "officer_id": ["Officer"],
    "answer_id": ["ChecklistAnswer"],
    "pk": ["Document", "Inspection", "Plan"],
}
# Run inside the demo's database (``manage.py shell``); models are found by name, so the script
# does not care which app holds them.
IDS_SNIPPET = """
import json
from django.apps import apps
names = json.loads(%r)
models = {m.__name__: m for m in apps.get_models() if m.__module__.startswith("zhifa.")}
found = {}
for param, model_names in names.items():
    values = []
    for name in model_names:
        if name in models:
            values += list(models[name]._base_manager.order_by("pk").values_list("pk", flat=True)[:40])
    found[param] = values
lead = models["Lead"]._base_manager.filter(source="hotline").exclude(source_ref="")
found["order_no"] = list(lead.values_list("source_ref", flat=True)[:20])
found["town_code"] = list(models["Town"]._base_manager.values_list("code", flat=True))
print("IDS=" + json.dumps(found))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"server did not answer at {url}")


def postgres_database(base_url: str) -> tuple[str, str]:
    """(url of a fresh throw-away database beside ``base_url``'s, its name), created empty."""
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    name = parts.path.lstrip("/") + "_fuzz"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


def postgres_drop(base_url: str, name: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def har_counts(path: Path) -> tuple[int, int]:
    """(requests, 5xx answers) recorded in one HAR report."""
    entries = json.loads(path.read_text())["log"]["entries"]
    return len(entries), sum(1 for e in entries if e["response"]["status"] >= 500)


def junit_failures(path: Path) -> list[str]:
    """The failed operations of one JUnit report, each with the first line of its message."""
    failed = []
    for case in ET.parse(path).getroot().iter("testcase"):
        for problem in [*case.findall("failure"), *case.findall("error")]:
            text = (problem.get("message") or problem.text or "").strip().splitlines()
            failed.append(f"{case.get('name')}: {text[0] if text else problem.tag}")
    return failed


def fuzz(database: str, max_examples: int, max_seconds: int, workers: int) -> dict[str, int]:
    out = OUT / database
    out.mkdir(parents=True, exist_ok=True)
    var_dir = tempfile.mkdtemp(prefix=f"zhifa-fuzz-{database}-")
    env = {
        **os.environ,
        "ZHIFA_VAR_DIR": var_dir,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    base_db = os.environ.get("DATABASE_URL", "")
    pg_name = ""
    if database == "postgres":
        if not base_db.startswith("postgres"):
            raise SystemExit("--database postgres needs DATABASE_URL=postgres://…")
        env["DATABASE_URL"], pg_name = postgres_database(base_db)
    else:
        env.pop("DATABASE_URL", None)
    try:
        manage(env, "seed_demo")
        said = manage(env, "shell", "-c", IDS_SNIPPET % json.dumps(PATH_MODELS))
        ids = json.loads(said.split("IDS=", 1)[1])
        config = Path(var_dir) / "schemathesis.toml"
        config.write_text(schemathesis_config(ids))
        tokens = {
            role: manage(env, "token", "create", "--user", user, "--name", "接口模糊测试").strip()
            for role, user in PERSONAS.items()
        }
        return _run_server_and_fuzz(env, tokens, out, config, max_examples, max_seconds, workers)
    finally:
        if pg_name:
            postgres_drop(base_db, pg_name)


def schemathesis_config(ids: dict[str, list]) -> str:
    """A schemathesis.toml binding each path parameter to the demo's real ids (70 % of draws)."""
    lines = ["[parameters]"]
    for name, values in ids.items():
        if values:
            lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = 0.7 }}')
    for name, values in ids.items():
        if values:
            lines += ["", f"[dictionaries.{name}]", f"values = {json.dumps(values)}"]
    return "\n".join(lines) + "\n"


def _run_server_and_fuzz(
    env: dict[str, str],
    tokens: dict[str, str],
    out: Path,
    config: Path,
    max_examples: int,
    max_seconds: int,
    workers: int,
) -> dict[str, int]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (config.parent / "server.log").open("w")
    # One sync worker: requests run one at a time, as schemathesis sends them with one worker.
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "zhifa.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    totals = {"operations": 0, "requests": 0, "5xx": 0, "violations": 0}
    try:
        wait_for(f"{base}/api/v1/openapi.json")
        with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=30) as answer:
            schema = json.load(answer)
        totals["operations"] = sum(
            1
            for item in schema["paths"].values()
            for method in item
            if method in ("get", "post", "put", "patch", "delete")
        )
        for role, token in tokens.items():
            report_dir = out / role
            report_dir.mkdir(parents=True, exist_ok=True)
            for old in report_dir.glob("*"):
                old.unlink()
            command = [
                str(BIN / "schemathesis"),
                "--no-color",
                "--config-file",
                str(config),
                "run",
                f"{base}/api/v1/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                CHECKS,
                "--max-examples",
                str(max_examples),
                "--max-time",
                str(max_seconds),
                "--workers",
                str(workers),
                "--request-timeout",
                "120",
                "--seed",
                "13",
                "--report",
                "junit,har,json",
                "--report-dir",
                str(report_dir),
            ]
            started = time.monotonic()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            (report_dir / "schemathesis.log").write_text(done.stdout + done.stderr)
            requests = fives = 0
            for har in report_dir.glob("har-*.json"):
                n, f = har_counts(har)
                requests, fives = requests + n, fives + f
            failures = [f for xml in report_dir.glob("junit-*.xml") for f in junit_failures(xml)]
            print(
                f"  {role:<12} requests {requests:>6}  5xx {fives:>3}  failed operations "
                f"{len(failures):>3}  ({time.monotonic() - started:.0f}s, exit {done.returncode})",
                flush=True,
            )
            for failure in failures:
                print(f"    ✗ {failure}", flush=True)
            if done.returncode not in (0, 1):
                print(done.stdout[-4000:] + done.stderr[-4000:], flush=True)
                totals["violations"] += 1
            totals["requests"] += requests
            totals["5xx"] += fives
            totals["violations"] += len(failures)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], action="append")
    parser.add_argument("--max-examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", 5)))
    # A time budget per role and database, so that CI stays well within its 90 minutes.
    parser.add_argument("--max-seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", 300)))
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    ok = True
    for database in args.database or ["sqlite"]:
        print(f"== schemathesis on {database} ({args.max_examples} examples per operation)")
        started = time.monotonic()
        totals = fuzz(database, args.max_examples, args.max_seconds, args.workers)
        print(
            f"{database}: operations {totals['operations']}, requests {totals['requests']}, "
            f"5xx {totals['5xx']}, violations {totals['violations']} "
            f"({time.monotonic() - started:.0f}s)",
            flush=True,
        )
        ok = ok and totals["5xx"] == 0 and totals["violations"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
