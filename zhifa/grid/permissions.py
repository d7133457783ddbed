ROLE_PERMISSIONS = {
    "admin": [
        "grid.view_zone",
        "grid.add_zone",
        "grid.change_zone",
        "grid.view_village",
        "grid.add_village",
        "grid.change_village",
        "grid.view_gridcell",
        "grid.change_gridcell",
        "grid.view_gridmember",
        "grid.add_gridmember",
        "grid.change_gridmember",
        "grid.view_subject",
        "grid.change_subject",
    ],
}
