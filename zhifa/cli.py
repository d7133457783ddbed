"""The `zhifa` command: demo, seed-demo, serve, worker, sweep, token, and every manage.py command.

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


def cmd_verify_record(args: argparse.Namespace) -> int:
    _django()
    extra = ["--case", args.case] if args.case else []
    _manage("verify_record", *extra)
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    _django()
    extra = [f"--scope={s}" for s in args.scope]
    _manage("token", "create", "--user", args.user, "--name", args.name, *extra)
    return 0


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
    verify = sub.add_parser("verify-record", help="check the hash chains of one case or all")
    verify.add_argument("--case", help="case id or number (default: all cases)")
    verify.set_defaults(func=cmd_verify_record)
    token = sub.add_parser("token", help="API tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="create a token and print it once")
    create.add_argument("--user", required=True)
    create.add_argument("--name", default="命令行创建")
    create.add_argument("--scope", action="append", default=[])
    create.set_defaults(func=cmd_token)
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
