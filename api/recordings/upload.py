"""Getting a finished recording into storage even through an outage: the whole file is uploaded again until it
lands (a failed attempt leaves nothing visible: a local rename, or an S3 multipart upload never completed)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from api.storage.services import FileStorage, StorageError

logger = logging.getLogger("interviewly.recorder")


async def upload_with_retry(storage: FileStorage, key: str, path: Path, *, attempts: int = 8,
                            first_wait_s: float = 0.5, max_wait_s: float = 30.0,
                            content_type: str = "video/mp4") -> int:
    """Returns the attempt that succeeded (1 = the first); raises the last StorageError after ``attempts``."""
    wait = first_wait_s
    for attempt in range(1, attempts + 1):
        try:
            await storage.put_file(key, path, content_type)
            return attempt
        except StorageError as exc:
            if attempt == attempts:
                raise
            logger.warning("upload of %s failed (attempt %d): %s; again in %.1fs", key, attempt, exc, wait)
            await asyncio.sleep(wait)
            wait = min(max_wait_s, wait * 2)
    raise AssertionError("unreachable")
