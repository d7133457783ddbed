"""Signals other apps listen to. They are sent inside the issuing transaction, so a receiver
(the case timeline) writes its record atomically with the document: if it fails, nothing is issued.

``document_issued(sender=Document, document, actor)`` and
``document_voided(sender=Document, document, actor, reason)``.
"""

from django.dispatch import Signal

document_issued = Signal()
document_voided = Signal()
