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
    ],
}
