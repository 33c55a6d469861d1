"""Privacy helpers: prompts and user ids leave the process only as SHA-256 digests.

The digest is over the exact UTF-8 bytes (no normalisation), so the same helper must be used
wherever a hash is compared, e.g. by an admin computing ``user_id_hash`` for a GDPR delete.
An optional ``salt`` switches to HMAC-SHA256, which stops dictionary look-ups of short
prompts; everyone comparing hashes must then use the same salt.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Optional, Union

_Text = Union[str, bytes]


def sha256_hex(data: _Text, salt: Optional[_Text] = None) -> str:
    """64 lower-case hex characters: SHA-256 of ``data``, or HMAC-SHA256 keyed by ``salt``."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if salt is None:
        return hashlib.sha256(raw).hexdigest()
    key = salt.encode("utf-8") if isinstance(salt, str) else bytes(salt)
    return hmac.new(key, raw, hashlib.sha256).hexdigest()


def hash_prompt(prompt: _Text, salt: Optional[_Text] = None) -> str:
    """``prompt_hash`` of a trace. The raw prompt is never sent by the SDK."""
    return sha256_hex(prompt, salt)


def hash_user_id(user_id: _Text, salt: Optional[_Text] = None) -> str:
    """``user_id_hash`` of a trace (the key of a GDPR deletion)."""
    return sha256_hex(user_id, salt)


def sha256_file(path: str, chunk_size: int = 1024 * 1024) -> str:
    """SHA-256 of a file's content, read in chunks (for artifact refs of large videos)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()
