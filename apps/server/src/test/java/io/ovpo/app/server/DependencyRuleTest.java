package io.ovpo.app.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.ovpo.adapter.fakea.UsesOtherAdapter;
import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.core.bad.UsesJackson;
import io.ovpo.wire.bad.UsesApp;
import io.ovpo.wire.bad.UsesUndertow;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency rule of STYLE.md, checked over the main classes of every module on the server's
 * classpath (each adapter included): ports and core use only the JDK; adapters use neither core,
 * apps nor each other; the wire codec uses neither core nor apps; only apps use Dagger and
 * Undertow. Each rule is also shown to fail on a class written to break it (test sources, packages
 * {@code io.ovpo.*.bad} and {@code io.ovpo.adapter.fake*}).
 */
class DependencyRuleTest {
  /** The JDK as core may use it: {@code java..} and the JDK's crypto API (HMAC for cursors). */
  private static final String[] JDK = {"java..", "javax.crypto.."};

  static final ArchRule PORTS_USE_ONLY_THE_JDK =
      classes()
          .that()
          .resideInAPackage("io.ovpo.ports..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(with(JDK, "io.ovpo.ports.."))
          .as("ports depend only on the JDK and ports");

  static final ArchRule CORE_USES_ONLY_THE_JDK_AND_PORTS =
      classes()
          .that()
          .resideInAPackage("io.ovpo.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(with(JDK, "io.ovpo.ports..", "io.ovpo.core.."))
          .as("core depends only on the JDK, ports and core");

  static final ArchRule ADAPTERS_DO_NOT_USE_CORE_OR_APPS =
      noClasses()
          .that()
          .resideInAPackage("io.ovpo.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ovpo.core..", "io.ovpo.app..")
          .as("adapters depend neither on core nor on apps");

  static final ArchRule ADAPTERS_DO_NOT_USE_EACH_OTHER =
      slices()
          .matching("io.ovpo.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .as("adapters do not depend on each other");

  static final ArchRule WIRE_DOES_NOT_USE_CORE_OR_APPS =
      noClasses()
          .that()
          .resideInAPackage("io.ovpo.wire..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ovpo.core..", "io.ovpo.app..")
          .as("the wire codec depends neither on core nor on apps");

  static final ArchRule ONLY_APPS_USE_DAGGER_AND_UNDERTOW =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.ovpo.app..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dagger..", "io.undertow..")
          .as("only apps use Dagger and Undertow");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ovpo");
  }

  @Test
  void everyModule_isImported() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : main) {
      packages.add(c.getPackageName());
    }
    assertThat(packages)
        .contains(
            "io.ovpo.ports.model",
            "io.ovpo.core.service",
            "io.ovpo.wire",
            "io.ovpo.adapter.inmemory",
            "io.ovpo.adapter.postgres",
            "io.ovpo.adapter.nats",
            "io.ovpo.adapter.kafka",
            "io.ovpo.adapter.redis",
            "io.ovpo.adapter.clickhouse",
            "io.ovpo.app.common.wiring",
            "io.ovpo.app.collector",
            "io.ovpo.app.processor",
            "io.ovpo.app.query",
            "io.ovpo.app.server");
    assertThat(packages).noneMatch(p -> p.endsWith(".bad") || p.contains(".adapter.fake"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void mainClasses_followTheRule(String name, ArchRule rule, Class<?>[] violators) {
    rule.check(main);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rule_reportsADeliberateViolation(String name, ArchRule rule, Class<?>[] violators) {
    JavaClasses bad = new ClassFileImporter().importClasses(violators);
    assertThat(rule.evaluate(bad).hasViolation()).as(name).isTrue();
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        rule(PORTS_USE_ONLY_THE_JDK, io.ovpo.ports.bad.UsesCore.class),
        rule(CORE_USES_ONLY_THE_JDK_AND_PORTS, UsesJackson.class),
        rule(ADAPTERS_DO_NOT_USE_CORE_OR_APPS, io.ovpo.adapter.fakeb.UsesCore.class),
        rule(ADAPTERS_DO_NOT_USE_EACH_OTHER, UsesOtherAdapter.class, InMemoryAdapters.class),
        rule(WIRE_DOES_NOT_USE_CORE_OR_APPS, UsesApp.class),
        rule(ONLY_APPS_USE_DAGGER_AND_UNDERTOW, UsesUndertow.class));
  }

  private static Arguments rule(ArchRule rule, Class<?>... violators) {
    return Arguments.of(rule.getDescription(), rule, violators);
  }

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }
}
