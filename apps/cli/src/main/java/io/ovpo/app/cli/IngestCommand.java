package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.http.ApiException;
import io.ovpo.app.cli.http.ApiResponse;
import io.ovpo.app.cli.http.UnreachableException;
import io.ovpo.app.cli.input.Batches;
import io.ovpo.app.cli.input.InputFile;
import io.ovpo.app.cli.input.InputItem;
import io.ovpo.app.cli.input.InputReader;
import io.ovpo.app.cli.input.Problem;
import io.ovpo.schemas.EntityType;
import io.ovpo.schemas.Limits;
import io.ovpo.wire.BatchDecoder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ovpo ingest FILE}: send a file's items in batches and show what became of each. */
@Command(
    name = "ingest",
    description = {
      "Send the items of a file to POST /v1/ingest/batch, in batches (at most --batch-size items"
          + " and 5 MiB each), and show each item's result: accepted, rejected (with the error"
          + " code, field and message) or not sent.",
      "Files are read like 'ovpo validate' reads them. Each batch carries an Idempotency-Key"
          + " (by default derived from its bytes), so sending the same file again within 24 h"
          + " changes nothing. 409, 429, 5xx and network failures are retried with the same key.",
      "Exit status 1 when an item was rejected, 3 when a batch could not be delivered."
    })
final class IngestCommand extends BaseCommand {
  private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to send.")
  Path file;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Items per batch, 1..10000 (default: ${DEFAULT-VALUE}).")
  int batchSize = 1000;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Idempotency-Key of the batch (suffixed -1, -2, ... when there are several).")
  String idempotencyKey;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description =
          "Retries of a batch after 409, 429, 5xx or a network failure (default:"
              + " ${DEFAULT-VALUE}).")
  int retries = 3;

  @Option(names = "--failed-only", description = "List only items that were not accepted.")
  boolean failedOnly;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Read bare entities as this type instead of detecting it.")
  ValidateCommand.TypeName type;

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > Limits.MAX_ITEMS) {
      throw CliException.usage("--batch-size must be 1.." + Limits.MAX_ITEMS);
    }
    if (retries < 0 || retries > 10) {
      throw CliException.usage("--retries must be 0..10");
    }
    Optional<EntityType> forced =
        Optional.ofNullable(type).flatMap(t -> EntityType.fromWireName(t.name()));
    InputFile in = InputReader.read(file, forced);
    if (!in.fileProblems().isEmpty()) {
      in.fileProblems().forEach(p -> note(file + ": " + p.code() + ": " + p.message()));
      throw new CliException(ExitCodes.FAILED, "nothing sent: " + file + " holds no items");
    }
    if (in.items().isEmpty()) {
      throw new CliException(ExitCodes.FAILED, "nothing sent: " + file + " holds no items");
    }
    Batches.Plan plan = Batches.plan(in.items(), batchSize, Limits.MAX_BODY_BYTES);
    if (idempotencyKey != null && !plan.batches().isEmpty()) {
      String longest = key(plan.batches().size() - 1, plan.batches().size(), new byte[0]);
      if (!KEY.matcher(longest).matches()) {
        throw CliException.usage(
            "--idempotency-key must be 1-128 visible ASCII characters, suffix included");
      }
    }

    IngestOutcomes outcomes = new IngestOutcomes(in);
    for (InputItem i : in.items()) {
      i.problem().ifPresent(p -> outcomes.rejectLocally(i, p));
    }
    for (InputItem i : plan.tooLarge()) {
      outcomes.rejectLocally(
          i,
          new Problem(
              i.index(),
              i.type().map(EntityType::wireName),
              "",
              "PAYLOAD_TOO_LARGE",
              "the item alone exceeds the " + Limits.MAX_BODY_BYTES + "-byte body limit"));
    }
    int exit = plan.batches().isEmpty() ? ExitCodes.OK : send(plan, outcomes);
    outcomes.print(printer(), failedOnly);
    if (exit != ExitCodes.OK) {
      note("items not sent can be sent again safely: the idempotency keys make resending a no-op");
      return exit;
    }
    return outcomes.allAccepted() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Sends the batches in order; after a batch that could not be delivered, the rest are not sent.
   *
   * @return OK, or the exit status of the failure that stopped sending
   */
  private int send(Batches.Plan plan, IngestOutcomes outcomes) {
    BatchSender sender = new BatchSender(client(), retries, this::note, BatchSender::sleep);
    int exit = ExitCodes.OK;
    int total = plan.batches().size();
    for (int k = 0; k < total; k++) {
      Batches.Batch b = plan.batches().get(k);
      int number = k + 1;
      ObjectNode bj = outcomes.batch(number, b, key(k, total, b.body()));
      if (exit != ExitCodes.OK) {
        bj.put("sent", false);
        outcomes.notSent(b, number, "an earlier batch could not be delivered");
        continue;
      }
      try {
        ApiResponse r = sender.send(b, number, bj.path("idempotency_key").asText());
        JsonNode receipt = r.json();
        outcomes.applyReceipt(b, number, receipt);
        bj.put("sent", true).put("http_status", r.status()).set("receipt", receipt);
        if (total > 1) {
          note(
              "batch "
                  + number
                  + "/"
                  + total
                  + ": HTTP "
                  + r.status()
                  + ", "
                  + receipt.path("processed_items").asInt()
                  + " accepted, "
                  + receipt.path("failed_items").asInt()
                  + " rejected");
        }
      } catch (ApiException e) {
        bj.put("sent", true).put("http_status", e.status());
        ObjectNode err = bj.putObject("error").put("code", e.code()).put("message", e.getMessage());
        e.requestId().ifPresent(id -> err.put("request_id", id));
        if (e.exitCode() == ExitCodes.FAILED) {
          // Refused as such (e.g. IDEMPOTENCY_KEY_REUSED): the next batches may still go through.
          outcomes.rejectBatch(b, number, e.code(), e.getMessage());
          note("batch " + number + " refused: " + e.describe());
        } else {
          exit = e.exitCode();
          note("error: batch " + number + " not delivered: " + e.describe());
          outcomes.notSent(b, number, e.code() + ": " + e.getMessage());
        }
      } catch (UnreachableException e) {
        exit = ExitCodes.UNAVAILABLE;
        bj.put("sent", false).putObject("error").put("message", e.getMessage());
        note("error: batch " + number + " not delivered: " + e.getMessage());
        outcomes.notSent(b, number, e.getMessage());
      }
    }
    return exit;
  }

  private String key(int k, int total, byte[] body) {
    if (idempotencyKey != null) {
      return total == 1 ? idempotencyKey : idempotencyKey + "-" + (k + 1);
    }
    return "ovpo-cli-" + BatchDecoder.sha256Hex(body).substring(0, 48);
  }
}
