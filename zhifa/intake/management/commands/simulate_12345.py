"""Run the local 12345 platform simulator (see zhifa/intake/simulator.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from zhifa.intake.demo import S1_CALL
from zhifa.intake.simulator import Simulator, order_payload, push_order


class Command(BaseCommand):
    help = "运行本地 12345 平台模拟器：接收答复等消息，并可向本系统推送演示工单"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8345)
        parser.add_argument("--push-to", default="", help="本系统地址，如 http://127.0.0.1:8000")
        parser.add_argument("--token", default="", help="推送工单所用的 API 令牌（范围 12345）")
        parser.add_argument("--order", default="", help="推送一张演示工单的工单编号")
        parser.add_argument("--down", action="store_true", help="以“平台维护中”状态启动")

    def handle(self, *args, **options):
        simulator = Simulator(port=options["port"]).start()
        simulator.set_down(options["down"])
        self.stdout.write(f"12345 模拟平台已启动：{simulator.url}（Ctrl-C 退出）")
        if options["push_to"] and options["order"]:
            answer = push_order(
                zhifa_url=options["push_to"],
                token=options["token"],
                order=order_payload(order_no=options["order"], **S1_CALL),
            )
            self.stdout.write(f"已推送工单：{answer}")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            simulator.stop()
