package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.input.DocumentValidator;
import io.ovpo.app.cli.input.FileReport;
import io.ovpo.app.cli.input.InputReader;
import io.ovpo.app.cli.input.Problem;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import io.ovpo.schemas.EntityType;
import io.ovpo.wire.WireJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ovpo validate}: offline checks of files and folders against the v0.08 schemas. */
@Command(
    name = "validate",
    description = {
      "Check files offline, as the collector would: each item against the v0.08 JSON Schemas,"
          + " then the model's semantic rules. No server needed.",
      "A file is an ingest body {\"items\": [...]}, a JSON array of items or entities, one"
          + " entity, or JSON Lines (.jsonl/.ndjson). Folders are searched recursively for"
          + " .json, .jsonl and .ndjson files.",
      "Exit status 1 when any item is invalid."
    })
final class ValidateCommand extends BaseCommand {
  /** The {@code --type} values. */
  enum TypeName {
    trace,
    span,
    frame_event,
    artifact_manifest,
    batch
  }

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders.")
  List<Path> paths;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "Read bare entities as this type instead of detecting it: ${COMPLETION-CANDIDATES}.")
  TypeName type;

  @Override
  public Integer call() {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      List<Path> found = InputReader.files(p);
      if (found.isEmpty()) {
        throw CliException.usage("no .json, .jsonl or .ndjson file under " + p);
      }
      files.addAll(found);
    }
    Optional<EntityType> forced =
        Optional.ofNullable(type).flatMap(t -> EntityType.fromWireName(t.name()));
    DocumentValidator validator = DocumentValidator.fromClasspath();
    List<FileReport> reports = new ArrayList<>();
    for (Path f : files) {
      reports.add(validator.validate(InputReader.read(f, forced)));
    }
    print(reports);
    return reports.stream().allMatch(FileReport::isValid) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void print(List<FileReport> reports) {
    Printer p = printer();
    int items = reports.stream().mapToInt(FileReport::itemCount).sum();
    long invalidItems = reports.stream().mapToLong(FileReport::invalidItemCount).sum();
    long invalidFiles = reports.stream().filter(r -> !r.isValid()).count();
    switch (format()) {
      case JSON -> p.json(json(reports, items, invalidItems, invalidFiles));
      case CSV -> p.table(problems(reports));
      case TABLE -> {
        Table t = problems(reports);
        if (!t.isEmpty()) {
          p.table(t);
          p.line("");
        }
        p.line(
            invalidFiles == 0
                ? "valid: " + files(reports.size()) + ", " + items + " items"
                : "INVALID: "
                    + invalidItems
                    + " of "
                    + items
                    + " items invalid, "
                    + invalidFiles
                    + " of "
                    + files(reports.size())
                    + " with problems");
      }
    }
  }

  private static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }

  private static Table problems(List<FileReport> reports) {
    Table t =
        Table.of(
            Column.path("FILE"),
            Column.number("ITEM"),
            Column.fixed("TYPE"),
            Column.fixed("CODE"),
            Column.text("POINTER"),
            Column.text("MESSAGE"));
    for (FileReport r : reports) {
      for (Problem pr : r.problems()) {
        t.row(
            r.file().toString(),
            pr.itemIndex() < 0 ? "-" : Integer.toString(pr.itemIndex()),
            pr.itemType().orElse(""),
            pr.code(),
            pr.documentPointer(r.shape()).isEmpty() ? "/" : pr.documentPointer(r.shape()),
            pr.message());
      }
    }
    return t;
  }

  private static ObjectNode json(
      List<FileReport> reports, int items, long invalidItems, long invalidFiles) {
    ObjectNode o = WireJson.object();
    o.put("valid", invalidFiles == 0);
    o.put("files_checked", reports.size());
    o.put("items_checked", items);
    o.put("invalid_items", invalidItems);
    o.put("invalid_files", invalidFiles);
    ArrayNode files = o.putArray("files");
    for (FileReport r : reports) {
      ObjectNode f = files.addObject();
      f.put("file", r.file().toString());
      f.put("shape", r.shape().name().toLowerCase(java.util.Locale.ROOT));
      f.put("items", r.itemCount());
      f.put("valid", r.isValid());
      ArrayNode ps = f.putArray("problems");
      for (Problem pr : r.problems()) {
        ObjectNode e = ps.addObject();
        if (pr.itemIndex() >= 0) {
          e.put("item_index", pr.itemIndex());
        } else {
          e.putNull("item_index");
        }
        pr.itemType().ifPresentOrElse(t -> e.put("item_type", t), () -> e.putNull("item_type"));
        e.put("code", pr.code());
        e.put("pointer", pr.pointer());
        e.put("document_pointer", pr.documentPointer(r.shape()));
        e.put("message", pr.message());
      }
    }
    return o;
  }
}
