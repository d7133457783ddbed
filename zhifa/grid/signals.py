"""What the grid tells the apps to its right, inside its own transactions.

``finding_reported(sender=PatrolFinding, finding=, actor=)`` is sent by ``patrol_finding_report``
inside the transaction that saves the finding, and its receivers run synchronously: intake makes
the lead there, so a refusal of either rolls both back (grid never imports intake, DESIGN "Apps").
Receivers must not swallow errors; ``send`` lets them propagate.
"""

from django.dispatch import Signal

finding_reported = Signal()
