"""The `zhifa` command: demo, seed-demo, serve, worker, sweep, token, verify-record, backup, restore,
demo-code, and every manage.py command.

`zhifa --help` lists what exists; anything not listed is passed to Django's manage.py.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def cmd_seed_demo(args: argparse.Namespace) -> int:
    _django()
    _manage("seed_demo")
    return 0


def _print_logins(port: int) -> None:
    from django.conf import settings

    from zhifa.accounts.demo import demo_logins

    print(f"\n执法平台演示已启动： http://127.0.0.1:{port}/")
    print(f"演示账号（密码均为 {settings.ZHIFA_DEMO_PASSWORD}）：")
    for username, full_name, roles in demo_logins():
        print(f"  {username:<15} {full_name:<6} {roles}")
    print("队长与系统管理员登录时还需验证码：另开终端运行 zhifa demo-code 用户名（如 duizhang）。")
    print("按 Ctrl+C 停止。\n", flush=True)


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    _manage("seed_demo")
    _print_logins(args.port)
    python = sys.executable
    worker = subprocess.Popen([python, str(ROOT / "manage.py"), "db_worker"], cwd=ROOT)
    try:
        return subprocess.call(
            [
                python,
                str(ROOT / "manage.py"),
                "runserver",
                f"{args.host}:{args.port}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=ROOT,
        )
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=10)


def cmd_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("DEBUG", "false")
    _django()
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    os.execv(
        str(gunicorn),
        [
            str(gunicorn),
            "zhifa.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
            "--chdir",
            str(ROOT),
        ],
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    _django()
    _manage("db_worker")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    _django()
    _manage("sweep")
    return 0


def _reported(command: str, *args: str) -> int:
    """Run a command that reports in Chinese: its refusal is a message and exit 1, never a
    traceback; anything unexpected is exit 2 with the reason."""
    from django.core.management import CommandError

    try:
        _django()
        _manage(command, *args)
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    except Exception as error:  # the operator gets a sentence, not a traceback
        print(f"执行中断：{type(error).__name__}：{error}", file=sys.stderr)
        return 2
    return 0


def cmd_demo_code(args: argparse.Namespace) -> int:
    """Print the current second-factor code of a demo user's fixed demo key."""
    _django()
    from zhifa.accounts.models import User
    from zhifa.accounts.second_factor import confirmed_device, current_code, demo_key

    user = User.objects.filter(username=args.user).first()
    device = confirmed_device(user) if user else None
    if device is None or device.key != demo_key(user.username):
        print(f"错误：“{args.user}”不是使用演示验证器的演示账号", file=sys.stderr)
        return 1
    print(current_code(device, fresh=True))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    extra = (["--output", args.output] if args.output else []) + (
        ["--verify", args.verify] if args.verify else []
    )
    return _reported("backup", *extra)


def cmd_restore(args: argparse.Namespace) -> int:
    return _reported("restore", args.archive, *(["--force"] if args.force else []))


def cmd_verify_record(args: argparse.Namespace) -> int:
    return _reported("verify_record", *(["--case", args.case] if args.case else []))


def cmd_token(args: argparse.Namespace) -> int:
    if args.token_command == "create":
        extra = [f"--scope={s}" for s in args.scope]
        extra += ["--days", str(args.days)] if args.days else []
        return _reported("token", "create", "--user", args.user, "--name", args.name, *extra)
    if args.token_command == "list":
        return _reported("token", "list", *(["--user", args.user] if args.user else []))
    return _reported("token", "revoke", args.token)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhifa", description="执法平台 (Zhifa) 命令行")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="migrate, seed the demo towns and serve them (SQLite)")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--host", default="127.0.0.1")
    demo.set_defaults(func=cmd_demo)
    sub.add_parser("seed-demo", help="migrate and seed the demo towns only").set_defaults(
        func=cmd_seed_demo
    )
    serve = sub.add_parser("serve", help="production server: gunicorn + whitenoise")
    serve.add_argument("--bind", default="127.0.0.1:8000")
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("worker", help="run background jobs (alarms, renders, outbound)").set_defaults(
        func=cmd_worker
    )
    sub.add_parser("sweep", help="raise due-soon and overdue deadline alarms").set_defaults(
        func=cmd_sweep
    )
    code = sub.add_parser("demo-code", help="print a demo leader's or admin's current TOTP code")
    code.add_argument("user")
    code.set_defaults(func=cmd_demo_code)
    verify = sub.add_parser("verify-record", help="check the hash chains of one case or all")
    verify.add_argument("--case", help="case id or number (default: all cases)")
    verify.set_defaults(func=cmd_verify_record)
    backup = sub.add_parser("backup", help="archive database and files with a hash manifest")
    backup.add_argument("--output", help="directory for the archive (default var/backups)")
    backup.add_argument("--verify", metavar="ARCHIVE", help="only verify an existing archive")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser(
        "restore", help="verify an archive and restore it, then verify records"
    )
    restore.add_argument("archive")
    restore.add_argument("--force", action="store_true", help="overwrite a database with data")
    restore.set_defaults(func=cmd_restore)
    token = sub.add_parser("token", help="API tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="create a token and print it once")
    create.add_argument("--user", required=True)
    create.add_argument("--name", default="命令行创建")
    create.add_argument(
        "--scope", action="append", default=[], help="read, write, 12345, area:read"
    )
    create.add_argument("--days", type=int, help="days until it expires (default 90)")
    create.set_defaults(func=cmd_token)
    listing = token_sub.add_parser("list", help="list tokens: state, scopes, expiry, last use")
    listing.add_argument("--user")
    listing.set_defaults(func=cmd_token)
    revoke = token_sub.add_parser("revoke", help="revoke a token by id or prefix")
    revoke.add_argument("token")
    revoke.set_defaults(func=cmd_token)
    sub.add_parser("manage", help="any Django manage.py command: zhifa manage <command> …")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["zhifa manage", *argv[1:]])
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
