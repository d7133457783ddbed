"""Team's model permissions per role (the pages check roles themselves): the system
administrator keeps officers' contact details (办公电话 for the documents) in the admin."""

ROLE_PERMISSIONS = {
    "admin": ["team.view_officer", "team.change_officer"],
}
