"""Backup and restore of the database and the files (ADR 0026).

An archive is a tar.gz holding the database (SQLite: a copy made with SQLite's online backup API;
PostgreSQL: ``pg_dump --format=custom``), every file under MEDIA_ROOT, and ``manifest.json`` with
the SHA-256 and size of each member, so an archive can be verified before anything is restored.
The record-signing keys are not in it: they are kept, and backed up, apart from the data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from . import clock
from .errors import DomainError

FORMAT = 1
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise DomainError(f"不支持备份 {vendor} 数据库", code="backup_engine")
    return vendor


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _pg_env() -> tuple[dict[str, str], str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
    ):
        if value:
            env[key] = str(value)
    return env, db["NAME"]


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise DomainError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（scripts/system_deps.sh）", code="backup_tool"
        )
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode:
        raise DomainError(
            f"{Path(args[0]).name} 失败：{done.stderr.strip()[:500]}", code="backup_tool_failed"
        )


def _dump_database(target: Path) -> str:
    """A consistent snapshot of the database into ``target``; returns the member name."""
    if _engine() == "sqlite":
        # SQLite's online backup API, from a connection of its own: in WAL mode it reads a
        # consistent snapshot while writers go on.
        source = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
        out = sqlite3.connect(target / SQLITE_MEMBER)
        try:
            source.backup(out)
        finally:
            source.close()
            out.close()
        return SQLITE_MEMBER
    env, name = _pg_env()
    _run([_pg_tool("pg_dump"), "--format=custom", f"--file={target / PG_MEMBER}", name], env)
    return PG_MEMBER


def backup_create(*, output_dir: Path | None = None) -> Path:
    """Write an archive of the database and media files; returns its path."""
    output_dir = Path(output_dir or settings.VAR_DIR / "backups")
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().astimezone(clock.TZ).strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"zhifa-backup-{stamp}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        member = _dump_database(work)
        files = {member: {"sha256": _sha256(work / member), "size": (work / member).stat().st_size}}
        media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        for path in media_files:
            name = "media/" + path.relative_to(media).as_posix()
            files[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "engine": _engine(),
            "database": member,
            "created_at": clock.iso(clock.now()),
            "files": files,
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(work / member, arcname=member)
            for path in media_files:
                tar.add(path, arcname="media/" + path.relative_to(media).as_posix())
        partial.replace(archive)
    return archive


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise DomainError(f"备份包含不安全的条目：{member.name}", code="backup_unsafe")
        members.append(member)
    return members


def backup_verify(*, archive: Path, into: Path) -> dict[str, Any]:
    """Unpack ``archive`` into ``into`` and check every member against the manifest; returns the
    manifest. Raises DomainError naming the first problem."""
    if not Path(archive).is_file():
        raise DomainError(f"找不到备份文件：{archive}", code="backup_missing")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, members=_safe_members(tar), filter="data")
        manifest = json.loads((into / "manifest.json").read_text(encoding="utf-8"))
    except (tarfile.TarError, OSError, ValueError) as error:
        raise DomainError(f"备份文件无法读取：{error}", code="backup_unreadable") from error
    if manifest.get("format") != FORMAT:
        raise DomainError("备份格式版本不符", code="backup_format")
    problems = []
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()}
    for name, meta in manifest["files"].items():
        path = into / name
        if not path.is_file():
            problems.append(f"缺少 {name}")
        elif _sha256(path) != meta["sha256"]:
            problems.append(f"{name} 的哈希与清单不符")
    extra = present - set(manifest["files"]) - {"manifest.json"}
    problems += [f"清单外的文件 {name}" for name in sorted(extra)]
    if problems:
        raise DomainError("备份校验未通过：" + "；".join(problems[:10]), code="backup_corrupt")
    return manifest


def _database_empty() -> bool:
    return not [t for t in connection.introspection.table_names() if t != "sqlite_sequence"]


def backup_restore(*, archive: Path, force: bool = False) -> dict[str, Any]:
    """Verify ``archive`` and bring its database and files back into this installation.

    Refuses (changing nothing) when the archive does not verify, when it comes from the other
    database engine, or when the database already holds tables and ``force`` is not given."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest = backup_verify(archive=archive, into=work)
        engine = _engine()
        if manifest["engine"] != engine:
            raise DomainError(
                f"该备份来自 {manifest['engine']} 数据库，当前为 {engine}，不能直接恢复",
                code="backup_engine_mismatch",
            )
        if not force and not _database_empty():
            raise DomainError(
                "目标数据库已有数据；请在新的空数据库上恢复，或确认覆盖后加 --force",
                code="restore_not_empty",
            )
        if engine == "sqlite":
            target = Path(connection.settings_dict["NAME"])
            connections.close_all()
            source = sqlite3.connect(work / SQLITE_MEMBER)
            out = sqlite3.connect(target)
            try:
                source.backup(out)
            finally:
                source.close()
                out.close()
        else:
            env, name = _pg_env()
            connections.close_all()
            args = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", f"--dbname={name}"]
            _run(
                [*args, *(["--clean", "--if-exists"] if force else []), str(work / PG_MEMBER)], env
            )
        media = Path(settings.MEDIA_ROOT)
        for name in manifest["files"]:
            if name.startswith("media/"):
                target = media / name.removeprefix("media/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work / name, target)
    return manifest
