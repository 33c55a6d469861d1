package io.ovpo.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.compliance.invariants.Invariant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/compliance.md lists exactly the checks and invariants the code has. */
class ComplianceDocTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z]+\\.[a-z0-9.-]+)` \\|");

  @Test
  void doc_listsEveryCheckAndInvariant_andNothingElse() throws Exception {
    String doc = Files.readString(Path.of("../docs/compliance.md"), StandardCharsets.UTF_8);
    Set<String> listed = new TreeSet<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      listed.add(m.group(1));
    }
    Set<String> expected = new TreeSet<>();
    ComplianceSuite.checks().forEach(c -> expected.add(c.id()));
    for (Invariant i : Invariant.values()) {
      if (i != Invariant.BATCH_SCHEMA) {
        expected.add(i.id());
      }
    }
    assertThat(listed).isEqualTo(expected);
    assertThat(doc).contains(Invariant.BATCH_SCHEMA.id());
  }
}
