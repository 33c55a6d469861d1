import { useState } from 'react';
import type { ArtifactRef } from '../api/types';
import { useSignedUrl } from '../lib/signed';

/**
 * An image or video through a signed URL (never the API key). When the link fails (expired, or
 * the object is gone), it is renewed once; after that the preview says it is unavailable.
 */
export function ArtifactPreview({ traceId, artifact, compact }: { traceId: string; artifact: ArtifactRef; compact?: boolean }) {
  const [link, renew] = useSignedUrl(traceId, artifact.artifact_id);
  const [failures, setFailures] = useState(0);
  if (link.state === 'loading') return <div className="preview muted small">loading preview…</div>;
  if (link.state === 'error') return <div className="preview muted small">no link: {link.message}</div>;
  if (failures >= 2) return <div className="preview muted small" data-testid="preview-unavailable">preview unavailable</div>;
  const onError = () => {
    setFailures((f) => f + 1);
    if (failures === 0) renew();
  };
  if (artifact.content_type.startsWith('image/')) {
    return (
      <img
        className={compact ? 'preview compact' : 'preview'}
        src={link.url}
        alt={`${artifact.kind} ${artifact.artifact_id}`}
        onError={onError}
      />
    );
  }
  if (artifact.content_type.startsWith('video/')) {
    return <video className="preview" src={link.url} controls preload="metadata" onError={onError} />;
  }
  return (
    <a href={link.url} target="_blank" rel="noreferrer noopener">
      download
    </a>
  );
}
