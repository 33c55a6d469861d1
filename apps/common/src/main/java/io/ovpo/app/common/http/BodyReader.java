package io.ovpo.app.common.http;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body with a hard limit enforced while reading: never more than {@code limit}
 * bytes are buffered, and a gzip body is limited after decoding too (a zip bomb gets 413, not an
 * out-of-memory error). Call only from a blocking handler.
 */
public final class BodyReader {
  private final int limit;

  public BodyReader(int limit) {
    this.limit = limit;
  }

  /**
   * The decoded body.
   *
   * @throws OvpoException PAYLOAD_TOO_LARGE over the limit, UNSUPPORTED_MEDIA_TYPE for an encoding
   *     other than gzip/identity, MALFORMED_JSON for a corrupt gzip stream
   */
  public byte[] read(HttpServerExchange exchange) throws IOException {
    long declared = exchange.getRequestContentLength();
    String encoding = headerLower(exchange, Headers.CONTENT_ENCODING.toString());
    boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
    if (!gzip && !encoding.isEmpty() && !encoding.equals("identity")) {
      throw new OvpoException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding must be gzip or identity");
    }
    if (declared > limit && !gzip) {
      throw tooLarge();
    }
    InputStream raw = exchange.getInputStream();
    try (InputStream in = gzip ? new GZIPInputStream(new LimitedStream(raw, limit), 8192) : raw) {
      return readLimited(in, gzip ? -1 : declared);
    } catch (ZipException | java.io.EOFException e) {
      throw new OvpoException(
          ErrorCode.MALFORMED_JSON, "the gzip body is corrupt: " + e.getMessage());
    }
  }

  /**
   * Reads into one array that grows by doubling but never beyond {@code limit}, so at most the
   * limit plus one read buffer is held (a ByteArrayOutputStream would double to 8 MiB and copy
   * again).
   */
  private byte[] readLimited(InputStream in, long declared) throws IOException {
    int initial = declared > 0 && declared <= limit ? (int) declared : Math.min(limit, 64 * 1024);
    byte[] data = new byte[Math.max(1, initial)];
    byte[] buf = new byte[16 * 1024];
    int size = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      if ((long) size + n > limit) {
        throw tooLarge();
      }
      if (size + n > data.length) {
        data = Arrays.copyOf(data, (int) Math.min(limit, Math.max(size + n, 2L * data.length)));
      }
      System.arraycopy(buf, 0, data, size, n);
      size += n;
    }
    return size == data.length ? data : Arrays.copyOf(data, size);
  }

  private OvpoException tooLarge() {
    return new OvpoException(
        ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds " + limit + " bytes (after decoding)");
  }

  private static String headerLower(HttpServerExchange exchange, String name) {
    String v = exchange.getRequestHeaders().getFirst(name);
    return v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
  }

  /** Caps the compressed bytes too, so a huge gzip upload is cut off early. */
  private final class LimitedStream extends java.io.FilterInputStream {
    private final long max;
    private long count;

    LimitedStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > max) {
        throw tooLarge();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (count += n) > max) {
        throw tooLarge();
      }
      return n;
    }
  }
}
