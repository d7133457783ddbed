from .audit import AuditEvent, ChainedRecord
from .calendar import CalendarDay, CalendarYear
from .deadline import Deadline
from .notification import Notification
from .ratelimit import RateLimitHit
from .sequence import Sequence
from .town import Town, TownEvent

__all__ = [
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "ChainedRecord",
    "Deadline",
    "Notification",
    "RateLimitHit",
    "Sequence",
    "Town",
    "TownEvent",
]
