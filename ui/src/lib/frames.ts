import type { ArtifactRef, FrameEventView } from '../api/types';

/** Per frame_index series for the scrubber: one value per frame, null where nothing was sent. */
export interface FrameSeries {
  frames: number[];
  mediaTime: (number | null)[];
  clip: (number | null)[];
  aesthetic: (number | null)[];
  vram: (number | null)[];
  gpu: (number | null)[];
  /** Frames that carry a thumbnail, ascending, with the ref. */
  thumbFrames: number[];
  thumbs: ArtifactRef[];
}

export const STRIPS = [
  { key: 'clip', label: 'CLIP similarity', unit: '' },
  { key: 'aesthetic', label: 'Aesthetic score', unit: '' },
  { key: 'vram', label: 'VRAM', unit: 'MB' },
  { key: 'gpu', label: 'GPU utilization', unit: '%' },
] as const;

export type StripKey = (typeof STRIPS)[number]['key'];

export function frameSeries(events: FrameEventView[]): FrameSeries {
  const byFrame = new Map<number, FrameEventView[]>();
  for (const e of events) {
    let l = byFrame.get(e.frame_index);
    if (!l) byFrame.set(e.frame_index, (l = []));
    l.push(e);
  }
  const frames = [...byFrame.keys()].sort((a, b) => a - b);
  const s: FrameSeries = {
    frames,
    mediaTime: [],
    clip: [],
    aesthetic: [],
    vram: [],
    gpu: [],
    thumbFrames: [],
    thumbs: [],
  };
  for (const f of frames) {
    let media: number | null = null;
    let clip: number | null = null;
    let aes: number | null = null;
    let vram: number | null = null;
    let gpu: number | null = null;
    let thumb: ArtifactRef | undefined;
    for (const e of byFrame.get(f)!) {
      media ??= e.media_time_ms;
      clip = e.quality_metrics?.clip_similarity ?? clip;
      aes = e.quality_metrics?.aesthetic_score ?? aes;
      vram = e.gpu?.vram_used_mb ?? vram;
      gpu = e.gpu?.gpu_utilization_pct ?? gpu;
      thumb = e.thumbnail ?? thumb;
    }
    s.mediaTime.push(media);
    s.clip.push(clip);
    s.aesthetic.push(aes);
    s.vram.push(vram);
    s.gpu.push(gpu);
    if (thumb) {
      s.thumbFrames.push(f);
      s.thumbs.push(thumb);
    }
  }
  return s;
}

/** Index in `sorted` of the value nearest to `x` (ties go to the lower one); -1 when empty. */
export function nearestIndex(sorted: number[], x: number): number {
  if (sorted.length === 0) return -1;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && x - sorted[lo - 1] <= sorted[lo] - x) return lo - 1;
  return lo;
}

/** `#frame=120` → 120; anything else → null. */
export function frameFromHash(hash: string): number | null {
  const m = /(?:^#|&)frame=(\d+)/.exec(hash);
  return m ? Number(m[1]) : null;
}
