"""Builders for the nested wire objects: pipeline config, failure, artifact refs, manifests.

Builders validate as they build and raise :class:`OvpoValidationError` at once: they run at
set-up time in user code, where a clear exception is more useful than a silent drop.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Union

from .enums import ArtifactKind, FailureCode
from .errors import OvpoValidationError
from .hashing import sha256_file
from .validation import (
    validate_artifact_ref,
    validate_failure,
    validate_pipeline_config,
    validate_uuid4,
)
from .wire import drop_none, new_id

MAX_MANIFEST_ARTIFACTS = 1000


def pipeline_config(
    model_name: str,
    *,
    width: int,
    height: int,
    fps: float,
    num_frames: int,
    gpu_type: str,
    gpu_count: int = 1,
    model_version: Optional[str] = None,
    steps: Optional[int] = None,
    guidance_scale: Optional[float] = None,
    seed: Optional[int] = None,
    scheduler: Optional[str] = None,
) -> Dict[str, Any]:
    """A validated ``pipeline_config`` for :meth:`OvpoClient.trace`.

    ``gpu_type`` feeds the server's hardware factor for compute units, so name the card
    (``"A100-80GB"``, ``"H100"``, ``"L4"``; ``"cpu"`` for CPU-only runs).
    """
    return validate_pipeline_config(
        drop_none(
            {
                "model_name": model_name,
                "model_version": model_version,
                "width": width,
                "height": height,
                "fps": fps,
                "num_frames": num_frames,
                "steps": steps,
                "guidance_scale": guidance_scale,
                "seed": seed,
                "scheduler": scheduler,
                "hardware": {"gpu_type": gpu_type, "gpu_count": gpu_count},
            }
        )
    )


def failure(
    code: Union[FailureCode, str],
    message: str,
    *,
    retryable: bool = False,
    span_id: Optional[str] = None,
) -> Dict[str, Any]:
    """The ``failure`` object of a FAILED trace (message 1..4096 chars)."""
    return validate_failure(
        drop_none(
            {
                "code": code.value if isinstance(code, FailureCode) else code,
                "message": message,
                "span_id": span_id,
                "retryable": retryable,
            }
        )
    )


def artifact_ref(
    kind: Union[ArtifactKind, str],
    uri: str,
    content_type: str,
    size_bytes: int,
    *,
    sha256: Optional[str] = None,
    ttl_hours: Optional[int] = None,
    artifact_id: Optional[str] = None,
) -> Dict[str, Any]:
    """An artifact reference (``s3://`` or ``ovpo://`` uri); ``artifact_id`` defaults to a new
    UUID v4 that stays fixed for this object, so a resent manifest carries the same ids."""
    return validate_artifact_ref(
        drop_none(
            {
                "artifact_id": artifact_id or new_id(),
                "kind": kind.value if isinstance(kind, ArtifactKind) else kind,
                "uri": uri,
                "content_type": content_type,
                "size_bytes": size_bytes,
                "sha256": sha256,
                "ttl_hours": ttl_hours,
            }
        )
    )


def file_artifact_ref(
    path: str,
    kind: Union[ArtifactKind, str],
    uri: str,
    content_type: str,
    *,
    ttl_hours: Optional[int] = None,
) -> Dict[str, Any]:
    """:func:`artifact_ref` for a local file already uploaded to ``uri``: size and SHA-256
    are read from the file (in chunks, so multi-GB videos are fine)."""
    return artifact_ref(
        kind,
        uri,
        content_type,
        os.path.getsize(path),
        sha256=sha256_file(path),
        ttl_hours=ttl_hours,
    )


class OutputManifest:
    """Builder of an ``artifact_manifest``: the outputs of one trace.

    ``manifest_id`` is drawn when the builder is created and never changes, so sending the
    manifest again (after a retry or a restart) is deduplicated by the server.

    Example::

        manifest = OutputManifest()
        manifest.add(ArtifactKind.VIDEO, "s3://bucket/run/out.mp4", "video/mp4", 1_234_567)
        trace.add_manifest(manifest)
    """

    def __init__(self, manifest_id: Optional[str] = None):
        self.manifest_id = validate_uuid4(manifest_id, "manifest_id") if manifest_id else new_id()
        self._artifacts: List[Dict[str, Any]] = []

    def add(
        self,
        kind: Union[ArtifactKind, str],
        uri: str,
        content_type: str,
        size_bytes: int,
        **options: Any,
    ) -> Dict[str, Any]:
        """Add an artifact (see :func:`artifact_ref`); returns the validated ref."""
        return self.add_ref(artifact_ref(kind, uri, content_type, size_bytes, **options))

    def add_ref(self, ref: Dict[str, Any]) -> Dict[str, Any]:
        """Add an already built ref (e.g. the thumbnail ref also attached to a frame event)."""
        ref = validate_artifact_ref(ref)
        if any(a["artifact_id"] == ref["artifact_id"] for a in self._artifacts):
            raise OvpoValidationError(
                [("artifacts", "duplicate artifact_id %s" % ref["artifact_id"])]
            )
        if len(self._artifacts) >= MAX_MANIFEST_ARTIFACTS:
            raise OvpoValidationError(
                [("artifacts", "at most %d artifacts" % MAX_MANIFEST_ARTIFACTS)]
            )
        self._artifacts.append(ref)
        return ref

    @property
    def artifacts(self) -> List[Dict[str, Any]]:
        return list(self._artifacts)

    def build(self, trace_id: str) -> Dict[str, Any]:
        """The ``artifact_manifest`` entity for ``trace_id``."""
        if not self._artifacts:
            raise OvpoValidationError([("artifacts", "a manifest needs at least one artifact")])
        return {
            "manifest_id": self.manifest_id,
            "trace_id": validate_uuid4(trace_id, "trace_id"),
            "artifacts": [dict(a) for a in self._artifacts],
        }
