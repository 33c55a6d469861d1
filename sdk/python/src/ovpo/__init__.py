"""OVPO Python SDK: observability for AI video-generation pipelines.

Quick start::

    import ovpo
    from ovpo import OvpoClient, SpanKind

    client = OvpoClient("http://127.0.0.1:8080", api_key="ovpo_...")
    config = ovpo.pipeline_config("my-model", width=1280, height=720, fps=24,
                                  num_frames=48, gpu_type="A100-80GB")
    with client.trace(pipeline_config=config, prompt="a cat surfing") as trace:
        with trace.span(SpanKind.SAMPLING):
            ...
        for i in range(48):
            trace.emit_frame(i, quality_metrics={"aesthetic_score": 6.2})

Standard library only; Python >= 3.9. See README.md for the full reference.
"""

from ._version import __version__
from .builders import OutputManifest, artifact_ref, failure, file_artifact_ref, pipeline_config
from .client import OvpoClient
from .config import ClientConfig
from .context import SpanContext, TraceContext, current_span, current_trace, emit_frame, span
from .enums import ArtifactKind, FailureCode, FrameEventType, SpanKind, SpanStatus, TraceStatus
from .errors import OvpoDeliveryError, OvpoError, OvpoUsageError, OvpoValidationError
from .gpu import GpuSample
from .hashing import hash_prompt, hash_user_id, sha256_hex
from .transport import FileTransport, HttpTransport, SendResult, Transport
from .validation import (
    validate_artifact_ref,
    validate_attribute_key,
    validate_attributes,
    validate_gpu_sample,
    validate_pipeline_config,
    validate_quality_metrics,
    validate_tags,
)

__all__ = [
    "__version__",
    "OvpoClient",
    "ClientConfig",
    "TraceContext",
    "SpanContext",
    "current_trace",
    "current_span",
    "span",
    "emit_frame",
    "SpanKind",
    "SpanStatus",
    "TraceStatus",
    "FrameEventType",
    "FailureCode",
    "ArtifactKind",
    "OvpoError",
    "OvpoValidationError",
    "OvpoDeliveryError",
    "OvpoUsageError",
    "GpuSample",
    "hash_prompt",
    "hash_user_id",
    "sha256_hex",
    "pipeline_config",
    "failure",
    "artifact_ref",
    "file_artifact_ref",
    "OutputManifest",
    "validate_attributes",
    "validate_attribute_key",
    "validate_tags",
    "validate_quality_metrics",
    "validate_gpu_sample",
    "validate_artifact_ref",
    "validate_pipeline_config",
    "Transport",
    "HttpTransport",
    "FileTransport",
    "SendResult",
]
