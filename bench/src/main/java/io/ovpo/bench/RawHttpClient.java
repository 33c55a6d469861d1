package io.ovpo.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client for the load harness: one keep-alive connection per thread, requests
 * written as prepared bytes, responses read by Content-Length (or chunked). It spends a small
 * fraction of the CPU {@code java.net.http.HttpClient} does per request, so that on a 2-core
 * machine most of the CPU goes to the collector being measured. Loopback benchmarking only.
 */
final class RawHttpClient {
  /** Status and body of one response. */
  record Response(int status, String body) {}

  private final String host;
  private final int port;
  private final byte[] head;
  private final ThreadLocal<Connection> connections = new ThreadLocal<>();

  RawHttpClient(URI target, Map<String, String> headers) {
    this.host = target.getHost();
    this.port = target.getPort() < 0 ? 80 : target.getPort();
    StringBuilder sb =
        new StringBuilder("POST ")
            .append(target.getRawPath())
            .append(" HTTP/1.1\r\nHost: ")
            .append(host)
            .append(':')
            .append(port)
            .append("\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    head = sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Posts the body on this thread's connection, reconnecting once if the server closed it. */
  Response post(byte[] body) throws IOException {
    Connection c = connections.get();
    boolean fresh = c == null;
    if (fresh) {
      c = connect();
    }
    try {
      return c.exchange(head, body);
    } catch (IOException e) {
      c.close();
      connections.remove();
      if (fresh) {
        throw e;
      }
      return post(body);
    }
  }

  private Connection connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), 5_000);
    s.setSoTimeout(30_000);
    Connection c = new Connection(s);
    connections.set(c);
    return c;
  }

  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    Response exchange(byte[] head, byte[] body) throws IOException {
      byte[] length =
          ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[head.length + length.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(length, 0, request, head.length, length.length);
      System.arraycopy(body, 0, request, head.length + length.length, body.length);
      out.write(request);
      out.flush();
      String status = line();
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + status);
      }
      int code = Integer.parseInt(parts[1]);
      long contentLength = -1;
      boolean chunked = false;
      boolean close = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = h.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> contentLength = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.contains("chunked");
          case "connection" -> close = value.contains("close");
          default -> {}
        }
      }
      byte[] content;
      if (chunked) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
          buf.write(in.readNBytes(size));
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
        content = buf.toByteArray();
      } else if (contentLength >= 0) {
        content = in.readNBytes((int) contentLength);
      } else {
        content = in.readAllBytes();
        close = true;
      }
      if (close) {
        close();
      }
      return new Response(code, new String(content, StandardCharsets.UTF_8));
    }

    private int chunkSize() throws IOException {
      String l = line();
      int semi = l.indexOf(';');
      return Integer.parseInt((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        if (b != '\r') {
          sb.append((char) b);
        }
      }
      if (b == -1 && sb.isEmpty()) {
        throw new IOException("connection closed");
      }
      return sb.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
