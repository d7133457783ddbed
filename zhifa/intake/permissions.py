"""Intake's model permissions per role (the services check roles themselves)."""

ROLE_PERMISSIONS = {
    "leader": ["intake.view_lead", "intake.change_lead"],
    "squadron_leader": ["intake.view_lead", "intake.change_lead"],
    "officer": ["intake.view_lead", "intake.add_lead"],
    "auxiliary": ["intake.view_lead", "intake.add_lead"],
    "grid_member": ["intake.add_lead"],
    "admin": ["intake.view_lead", "intake.view_outbox"],
}
