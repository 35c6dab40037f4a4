"""Gzip for the responses that gain from it: Django's GZipMiddleware, less the bodies already compressed."""

from django.middleware.gzip import GZipMiddleware

# Zip containers (XLSX), images and archives: gzipping them again costs a second of CPU on a large export for a
# few bytes saved.
COMPRESSED = ("application/vnd.openxmlformats-", "application/zip", "application/gzip", "image/png", "image/jpeg")


class GZipUncompressedMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(COMPRESSED):
            return response
        return super().process_response(request, response)
