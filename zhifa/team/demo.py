"""Demo team (idempotent): the demo town's 16 people (11 certified), two squadrons, the 1+1+1
liaison matrix and a duty roster around today; a tiny team for the second town. Names invented."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.accounts.services import user_create
from zhifa.catalog.demo_departments import seed_departments
from zhifa.catalog.models import Domain
from zhifa.core import clock
from zhifa.core.models import Town
from zhifa.grid.models import Zone

from .models import Certificate, DutyShift, Liaison, Officer, Squadron
from .services import (
    certificate_issue,
    duty_shift_add,
    liaison_set,
    officer_register,
    officer_update,
    squadron_create,
    team_set_structure,
)

MAIN_CODE, SECOND_CODE = "140924101", "140924103"

# Town leaders beyond the demo logins: username, name, organisation (title)
LEADERS = [
    ("fuzhen", "陈副例", "砂河镇人民政府副镇长（分管综合行政执法，执法队副队长）"),
    ("fuzhen2", "杨副演", "砂河镇人民政府副镇长（分管农业农村、自然资源）"),
    ("weiyuan", "黄委例", "砂河镇党委委员（分管应急管理、安全生产）"),
]

# username, name, roles, employment, squadron kind, position, duties, domain code of the liaison
# and of the certificate (None: not certified), leader username, county body of the liaison
U, R = Zone.Kind.URBAN, Zone.Kind.RURAL
PEOPLE = [
    (
        "zhongduizhang",
        "王样例",
        None,
        "full_time",
        U,
        "镇区中队中队长",
        [],
        "housing",
        "fuzhen",
        "繁峙县城市管理综合行政执法队",
    ),
    (
        "zhifa1",
        "张演练",
        None,
        "full_time",
        U,
        "执法队员",
        [],
        "market",
        "fuzhen",
        "繁峙县市场监管综合行政执法队",
    ),
    (
        "zhifa2",
        "刘测试",
        None,
        "full_time",
        R,
        "执法队员",
        [],
        "ecology",
        "fuzhen2",
        "繁峙县生态环境保护综合行政执法队",
    ),
    (
        "zhifa3",
        "周模例",
        ["squadron_leader", "officer"],
        "full_time",
        R,
        "镇区外中队中队长",
        [],
        "natural_resources",
        "fuzhen2",
        "繁峙县规划和自然资源综合行政执法队",
    ),
    (
        "zhifa4",
        "吴试例",
        ["officer"],
        "full_time",
        U,
        "执法队员",
        [],
        "fire",
        "weiyuan",
        "繁峙县消防救援大队",
    ),
    (
        "zhifa5",
        "徐演示",
        ["officer"],
        "full_time",
        U,
        "执法队员",
        [],
        "public_security",
        "duizhang",
        "繁峙县公安局",
    ),
    (
        "zhifa6",
        "孙习例",
        ["officer"],
        "full_time",
        R,
        "执法队员",
        [],
        "emergency",
        "weiyuan",
        "繁峙县应急管理综合行政执法队",
    ),
    (
        "zhifa7",
        "马范例",
        ["officer"],
        "full_time",
        R,
        "执法队员",
        [],
        "agriculture",
        "fuzhen2",
        "繁峙县农业综合行政执法队",
    ),
    (
        "zhifa8",
        "朱样本",
        ["officer"],
        "full_time",
        U,
        "执法队员",
        [],
        "culture_health",
        "fuzhen",
        "繁峙县文化市场综合行政执法队",
    ),
    (
        "zhifa9",
        "胡示意",
        ["officer"],
        "full_time",
        R,
        "执法队员",
        [],
        "religion",
        "duizhang",
        "繁峙县民族宗教事务局",
    ),
    (
        "zhifa10",
        "郭演例",
        ["officer"],
        "full_time",
        U,
        "执法队员（法制员）",
        [],
        "human_resources",
        "fuzhen",
        "繁峙县人力资源和社会保障局",
    ),
    ("fuzhu", "赵辅例", None, "auxiliary", U, "辅助人员", ["patrol", "recorder"], None, None, None),
    (
        "fuzhu2",
        "林辅演",
        ["auxiliary"],
        "auxiliary",
        R,
        "辅助人员",
        ["patrol", "archivist"],
        None,
        None,
        None,
    ),
    (
        "fuzhu3",
        "何辅样",
        ["auxiliary"],
        "auxiliary",
        U,
        "辅助人员",
        ["recorder", "archivist"],
        None,
        None,
        None,
    ),
    (
        "houbei1",
        "高备例",
        ["auxiliary"],
        "reserve",
        R,
        "后备人员（村兼职网格员）",
        ["patrol"],
        None,
        None,
        None,
    ),
    (
        "houbei2",
        "罗备演",
        ["auxiliary"],
        "reserve",
        U,
        "后备人员（站所兼职）",
        ["recorder"],
        None,
        None,
        None,
    ),
]
LEADER_TITLES = {
    "duizhang": "镇长、执法队队长",
    "fuzhen": "副镇长、执法队副队长",
    "fuzhen2": "副镇长",
    "weiyuan": "党委委员",
}


def _user(username: str, name: str, roles: list[str], town: Town, organisation: str = "") -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            username=username,
            full_name=name,
            password=settings.ZHIFA_DEMO_PASSWORD,
            town=town,
            roles=roles,
            organisation=organisation,
        )
    return user


# 张演练 (zhifa1), the demo's officer login, works in the urban squadron: besides market
# supervision his certificate covers 住建 (construction dust, 占道经营), so he may handle S4 and S5.
EXTRA_DOMAINS = {"zhifa1": ["housing"]}
# 吴试例 (zhifa4) holds an old certificate that ran out and a renewal about to run out (flagged).
EXPIRING = "zhifa4"


def _certify(officer: Officer, n: int, domains: list[Domain], today: dt.date) -> None:
    if officer.certificates.exists():
        return
    number = f"14092420{n:04d}"
    if officer.user.username == EXPIRING:
        # an old certificate that ran out, then a renewal that is about to run out: flagged
        certificate_issue(
            officer=officer,
            number=f"14092416{n:04d}",
            valid_from=today.replace(year=today.year - 7),
            valid_to=today - dt.timedelta(days=400),
            domains=domains,
        )
        certificate_issue(
            officer=officer,
            number=number,
            valid_from=today - dt.timedelta(days=400),
            valid_to=today + dt.timedelta(days=18),
            domains=domains,
        )
        return
    general = n in (1, 4)  # squadron leaders hold certificates not limited to one domain
    certificate_issue(
        officer=officer,
        number=number,
        valid_from=today - dt.timedelta(days=300 + 40 * n),
        valid_to=today + dt.timedelta(days=700 + 30 * n),
        domains=[] if general else domains,
    )


def seed_main(town: Town) -> None:
    departments = seed_departments(town)
    domains = {d.code: d for d in Domain.objects.all()}
    today = clock.today()  # the house clock: a test may seed the town as of a story's day
    mayor = User.objects.get(username="duizhang")
    leaders = {"duizhang": mayor}
    for username, name, organisation in LEADERS:
        leaders[username] = _user(username, name, ["leader"], town, organisation)
    team_set_structure(
        town=town,
        name=town.team_name,
        leader=mayor,
        deputy=leaders["fuzhen"],
        motto="清单+队伍+网格+机制",
    )
    squadrons = {}
    for kind, name, _leader in (
        (U, "镇区中队", "zhongduizhang"),
        (R, "镇区外中队", "zhifa3"),
    ):
        zone = Zone.all_towns.get(town=town, kind=kind)
        squadrons[kind] = Squadron.all_towns.filter(zone=zone).first() or squadron_create(
            town=town, name=name, zone=zone, leader=None
        )
    for n, (
        username,
        name,
        roles,
        employment,
        sq,
        position,
        duties,
        domain_code,
        leader,
        body,
    ) in enumerate(PEOPLE, start=1):
        user = (
            _user(username, name, roles or [], town)
            if roles
            else User.objects.get(username=username)
        )
        officer = Officer.all_towns.filter(user=user).first() or officer_register(
            town=town,
            user=user,
            employment=employment,
            squadron=squadrons[sq],
            position=position,
            duties=duties,
            phone=f"1390000{n:04d}",
            in_reserve_pool=employment == "reserve",
            sort=n,
        )
        if not officer.work_phone:  # the desk line documents print (invented numbers)
            officer_update(officer=officer, work_phone=f"0350-555{n:04d}")
        if domain_code:
            extra = [domains[code] for code in EXTRA_DOMAINS.get(username, [])]
            _certify(officer, n, [domains[domain_code], *extra], today)
            if not Liaison.all_towns.filter(officer=officer).exists():
                liaison_set(
                    officer=officer,
                    domain=domains[domain_code],
                    department=departments[body],
                    leader=leaders[leader],
                    leader_title=LEADER_TITLES[leader],
                )
    for kind, leader_username in ((U, "zhongduizhang"), (R, "zhifa3")):
        sq = squadrons[kind]
        if sq.leader_id is None:
            sq.leader = User.objects.get(username=leader_username)
            sq.save(update_fields=["leader"])
    seed_roster(town, today)


def seed_roster(town: Town, today: dt.date) -> None:
    """Three days back to ten ahead: a fixed post and a patrol pair by day, one officer on call
    at night (全天候)."""
    officers = list(Officer.all_towns.filter(town=town, is_active=True).order_by("sort"))
    certified = [o for o in officers if o.employment == Officer.Employment.FULL_TIME]
    helpers = [o for o in officers if o.employment != Officer.Employment.FULL_TIME]
    tz = timezone.get_current_timezone()
    for offset in range(-3, 11):
        day = today + dt.timedelta(days=offset)
        k = day.toordinal()
        at = lambda h, m=0, d=day: dt.datetime.combine(d, dt.time(h, m), tz)  # noqa: E731
        plan = [
            (
                certified[k % len(certified)],
                DutyShift.Kind.FIXED,
                at(8, 30),
                at(18),
                "执法队值班室",
            ),
            (
                helpers[k % len(helpers)],
                DutyShift.Kind.FIXED,
                at(8, 30),
                at(18),
                "执法队值班室（接待登记）",
            ),
            (
                certified[(k + 3) % len(certified)],
                DutyShift.Kind.PATROL,
                at(9),
                at(12),
                "振华街—火车站沿线",
            ),
            (
                certified[(k + 4) % len(certified)],
                DutyShift.Kind.PATROL,
                at(9),
                at(12),
                "振华街—火车站沿线",
            ),
            (
                certified[(k + 6) % len(certified)],
                DutyShift.Kind.PATROL,
                at(14, 30),
                at(18),
                "山会村—东沿村煤场沿线",
            ),
            (
                certified[(k + 7) % len(certified)],
                DutyShift.Kind.PATROL,
                at(14, 30),
                at(18),
                "山会村—东沿村煤场沿线",
            ),
            (
                certified[(k + 9) % len(certified)],
                DutyShift.Kind.ON_CALL,
                at(18),
                at(8, 30, day + dt.timedelta(days=1)),
                "夜间备勤（电话值守）",
            ),
            (
                certified[(k + 9) % len(certified)],
                DutyShift.Kind.ON_CALL,
                at(0),
                at(8, 30),
                "夜间备勤（电话值守）",
            )
            if offset == -3
            else None,
        ]
        for entry in plan:
            if entry is None:
                continue
            officer, kind, start, end, post = entry
            if DutyShift.all_towns.filter(
                officer=officer, starts_at__lt=end, ends_at__gt=start
            ).exists():
                continue
            duty_shift_add(officer=officer, kind=kind, starts_at=start, ends_at=end, post=post)


def seed_second(town: Town) -> None:
    departments = seed_departments(town)
    domains = {d.code: d for d in Domain.objects.all()}
    today = clock.today()
    leader = User.objects.filter(username="dy_duizhang").first()
    if leader is None:
        return
    team_set_structure(town=town, name=town.team_name, leader=leader)
    zone = Zone.all_towns.filter(town=town).order_by("kind").first()
    if zone is None:
        return
    squadron = Squadron.all_towns.filter(zone=zone).first() or squadron_create(
        town=town, name="大营镇执法中队", zone=zone, leader=leader
    )
    for n, (username, name, domain_code, body) in enumerate(
        [
            ("dy_zhifa1", "宋另演", "market", "繁峙县市场监管综合行政执法队"),
            ("dy_zhifa2", "唐另样", "housing", "繁峙县城市管理综合行政执法队"),
        ],
        start=1,
    ):
        user = _user(username, name, ["officer"], town)
        officer = Officer.all_towns.filter(user=user).first() or officer_register(
            town=town,
            user=user,
            employment="full_time",
            squadron=squadron,
            position="执法队员",
            sort=n,
        )
        if not officer.work_phone:
            officer_update(officer=officer, work_phone=f"0350-666{n:04d}")
        if not Certificate.all_towns.filter(officer=officer).exists():
            certificate_issue(
                officer=officer,
                number=f"14092430{n:04d}",
                valid_from=today - dt.timedelta(days=200),
                valid_to=today + dt.timedelta(days=900),
                domains=[domains[domain_code]],
            )
        if not Liaison.all_towns.filter(officer=officer).exists():
            liaison_set(
                officer=officer,
                domain=domains[domain_code],
                department=departments[body],
                leader=leader,
                leader_title="镇长、执法队队长",
            )


def seed() -> None:
    main = Town.objects.filter(code=MAIN_CODE).first()
    if main is not None and User.objects.filter(username="duizhang").exists():
        seed_main(main)
    second = Town.objects.filter(code=SECOND_CODE).first()
    if second is not None:
        seed_second(second)
