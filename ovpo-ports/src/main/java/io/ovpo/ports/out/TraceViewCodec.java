package io.ovpo.ports.out;

import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListResult;

/**
 * Turns the query views that {@link TraceViewCache} keeps into bytes and back, exactly: {@code
 * decodeDetail(encodeDetail(d)).equals(d)}, likewise for list pages. Every record carries its
 * tenant. Decoding bytes this codec did not write throws {@link IllegalArgumentException}.
 */
public interface TraceViewCodec {
  byte[] encodeDetail(TraceDetail detail);

  TraceDetail decodeDetail(byte[] bytes);

  byte[] encodeList(TraceListResult page);

  TraceListResult decodeList(byte[] bytes);
}
