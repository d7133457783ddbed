"""`zhifa backup` and `zhifa restore` (ADR 0026): the demo round-trips onto a fresh database and
file store, where every record chain and every document hash verifies; a damaged archive or a
database that already holds data is refused."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from zhifa.core.backup import backup_create

ROOT = Path(__file__).resolve().parents[2]


def _zhifa(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhifa.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _fresh_machine(tmp_path: Path) -> tuple[dict[str, str], callable]:
    """Environment of an empty installation on this machine's database server (or a new SQLite
    file), with this installation's record keys; returns it and a clean-up."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.update(
        ZHIFA_VAR_DIR=str(tmp_path / "var"),
        ZHIFA_MEDIA_ROOT=str(tmp_path / "media"),
        ZHIFA_RECORD_KEY_FILE=str(settings.ZHIFA_RECORD_KEY_FILE),
    )
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return env, lambda: None
    import psycopg

    db = connection.settings_dict
    name = f"zhifa_restore_{uuid.uuid4().hex[:8]}"
    admin = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"]}
    if db.get("PASSWORD"):
        admin["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    env["DATABASE_URL"] = f"postgres://{auth}{db['HOST']}:{db['PORT'] or 5432}/{name}"

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return env, drop


@pytest.mark.django_db(transaction=True)
def test_the_demo_round_trips_and_every_record_verifies(tmp_path, settings):
    from zhifa.core.seeding import seed_demo

    settings.MEDIA_ROOT = tmp_path / "media-source"
    seed_demo()
    from zhifa.cases.models import Case

    cases = Case.all_towns.count()  # every case of the demo comes back and verifies
    call_command("backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("zhifa-backup-*.tar.gz"))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(n.startswith("media/documents/") for n in names)

    env, drop = _fresh_machine(tmp_path)
    try:
        restored = _zhifa("restore", str(archive), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "已恢复" in restored.stdout and "记录完整" in restored.stdout
        assert "✓ 文书：核验" in restored.stdout
        assert f"✓ 案件：核验 {cases} 件，异常 0 件" in restored.stdout
        again = _zhifa("verify-record", env=env)
        assert again.returncode == 0 and "记录完整" in again.stdout
        # a second restore over the restored data is refused without --force
        refused = _zhifa("restore", str(archive), env=env)
        assert refused.returncode == 1 and "目标数据库已有数据" in refused.stderr
        assert "Traceback" not in refused.stderr
    finally:
        drop()


@pytest.mark.django_db
def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path, settings, towns):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "a.pdf").write_bytes(b"%PDF-1.7 original")
    archive = backup_create(output_dir=tmp_path)
    call_command("backup", "--verify", str(archive))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "media/documents/a.pdf":
                data = b"%PDF-1.7 swapped!"
                member.size = len(data)
            import io

            out.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match=r"a\.pdf 的哈希与清单不符"):
        call_command("backup", "--verify", str(damaged))
    with pytest.raises(CommandError, match="哈希与清单不符"):
        call_command("restore", str(damaged), "--force")
    assert (tmp_path / "media" / "documents" / "a.pdf").read_bytes() == b"%PDF-1.7 original"
