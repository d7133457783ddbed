ROLE_PERMISSIONS = {
    "admin": [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_apitoken",
        "accounts.add_apitoken",
        "core.view_calendarday",
        "core.add_calendarday",
        "core.change_calendarday",
        "core.view_calendaryear",
        "core.change_calendaryear",
        # the town's own row (scoped by the admin site): its county facts that documents print
        "core.view_town",
        "core.change_town",
    ],
}
