"""Model permissions for the admin; the pages and API decide through ``selectors`` (roles + the
object gate ``case_get_for_user``)."""

_READ = ["cases.view_case", "cases.view_caseevent", "cases.view_record", "cases.view_evidence"]

ROLE_PERMISSIONS = {
    "leader": _READ,
    "squadron_leader": _READ,
    "officer": _READ,
    "auxiliary": _READ,
    "legal_reviewer": _READ,
    "admin": _READ,
}
