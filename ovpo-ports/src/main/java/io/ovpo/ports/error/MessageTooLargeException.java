package io.ovpo.ports.error;

/** An envelope exceeds the queue's 10 MiB limit. Never retried: the publisher must split. */
public final class MessageTooLargeException extends IllegalArgumentException {
  private final long size;
  private final long limit;

  public MessageTooLargeException(long size, long limit) {
    super("queue message of " + size + " bytes exceeds the limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}
