package io.ovpo.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Collector, processor and query as three processes of their executable jars, on one broker and one
 * PostgreSQL database, driven by one set of {@code OVPO_*} settings (as docs/operations.md
 * describes the split deployment). The processor can be killed and restarted.
 */
final class SplitDeployment implements AutoCloseable {
  /** Long enough for a JVM start and the migrations on a loaded 2-core machine. */
  private static final Duration START = Duration.ofSeconds(90);

  private final Map<String, String> settings;
  private final Path logs;
  private final String apiKey;
  private final List<AppProcess> killed = new ArrayList<>();
  private AppProcess collector;
  private AppProcess processor;
  private AppProcess query;

  private SplitDeployment(Map<String, String> settings, Path logs, String apiKey) {
    this.settings = settings;
    this.logs = logs;
    this.apiKey = apiKey;
  }

  /**
   * Starts the collector (it migrates the database and registers the bootstrap key), then the
   * processor and the query app, and waits until all three report ready.
   */
  static SplitDeployment start(Map<String, String> broker, ChaosDatabase db, Path logs)
      throws Exception {
    String apiKey = apiKey(new Random());
    Map<String, String> s = new HashMap<>(broker);
    s.put("OVPO_STORE", "postgres");
    s.put("OVPO_PG_URL", db.url());
    s.put("OVPO_PG_USER", db.user());
    db.password().ifPresent(p -> s.put("OVPO_PG_PASSWORD", p));
    s.put("OVPO_PG_POOL_SIZE", "6");
    s.put("OVPO_BOOTSTRAP_API_KEY", apiKey);
    s.put("OVPO_BOOTSTRAP_TIER", "unlimited");
    s.put("OVPO_PROCESSOR_WORKERS", "2");
    s.put("OVPO_LOG_FORMAT", "text");
    SplitDeployment d = new SplitDeployment(Map.copyOf(s), logs, apiKey);
    try {
      d.collector = d.launch("collector").awaitReady(START);
      d.processor = d.launch("processor");
      d.query = d.launch("query");
      d.processor.awaitReady(START);
      d.query.awaitReady(START);
      return d;
    } catch (Exception | AssertionError e) {
      d.close();
      throw e;
    }
  }

  AppProcess collector() {
    return collector;
  }

  AppProcess processor() {
    return processor;
  }

  AppProcess query() {
    return query;
  }

  List<AppProcess> running() {
    return List.of(collector, processor, query);
  }

  String apiKey() {
    return apiKey;
  }

  /** SIGKILLs the processor and starts a new one at once (not waiting for it to be ready). */
  void killAndRestartProcessor() throws Exception {
    processor.kill();
    killed.add(processor);
    processor = launch("processor");
  }

  /** The logs' tails, for a failure message. */
  String tails() {
    StringBuilder sb = new StringBuilder();
    List<AppProcess> all = new ArrayList<>(killed);
    all.addAll(List.of(collector, processor, query));
    for (AppProcess p : all) {
      if (p != null) {
        sb.append("\n--- ").append(p.name()).append(" (pid ").append(p.pid()).append(") ---\n");
        sb.append(p.tail());
      }
    }
    return sb.toString();
  }

  private AppProcess launch(String app) throws Exception {
    return AppProcess.start(
        app, Path.of(System.getProperty("ovpo." + app + ".jar")), settings, logs);
  }

  @Override
  public void close() throws Exception {
    for (AppProcess p : new AppProcess[] {processor, query, collector}) {
      if (p != null) {
        p.close();
      }
    }
  }

  /** A bootstrap key of the documented form {@code ovpo_<prefix>_<secret>}. */
  private static String apiKey(Random random) {
    String alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder prefix = new StringBuilder("chaos");
    for (int i = 0; i < 6; i++) {
      prefix.append(alnum.charAt(random.nextInt(alnum.length())));
    }
    String secretChars = alnum + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder secret = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      secret.append(secretChars.charAt(random.nextInt(secretChars.length())));
    }
    return "ovpo_" + prefix + "_" + secret;
  }
}
