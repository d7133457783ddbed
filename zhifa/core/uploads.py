"""Upload limits enforced before the body is read: a request that announces more than the largest
upload allowed is answered 413 at once, and a body sent without a length (chunked) is cut off by
the upload handler as soon as it passes the limit. Files above FILE_UPLOAD_MAX_MEMORY_SIZE stream
to a temporary file on disk, never into memory."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse, JsonResponse


def _limit() -> int:
    return int(settings.ZHIFA_UPLOAD_MAX_BYTES)


def _too_large(request: Any) -> HttpResponse:
    megabytes = _limit() // (1024 * 1024)
    message = f"上传内容过大：单次上传不能超过 {megabytes} MB"
    if request.path_info.startswith(("/api/", "/open311/")):
        return JsonResponse({"code": "too_large", "message": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class UploadLimitMiddleware:
    """Refuses, unread, a body whose Content-Length passes ZHIFA_UPLOAD_MAX_BYTES."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > _limit():
            return _too_large(request)
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of a multipart body as they arrive and stops past the limit (a request
    without Content-Length is not checked by the middleware)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > _limit():
            raise RequestDataTooBig("上传内容过大")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
