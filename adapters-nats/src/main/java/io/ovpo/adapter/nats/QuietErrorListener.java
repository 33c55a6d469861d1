package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import java.lang.System.Logger.Level;

/**
 * Routes client errors to {@link System.Logger}; the default listener logs every flow-control
 * message of an object-store read at INFO.
 */
final class QuietErrorListener implements ErrorListener {
  private static final System.Logger LOG = System.getLogger(QuietErrorListener.class.getName());

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.log(Level.WARNING, "nats: {0}", error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    LOG.log(Level.DEBUG, "nats: connection exception", exp);
  }

  @Override
  public void flowControlProcessed(
      Connection conn, JetStreamSubscription sub, String subject, FlowControlSource source) {}
}
