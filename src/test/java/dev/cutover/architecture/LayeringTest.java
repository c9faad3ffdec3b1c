package dev.cutover.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package layout is the architecture (README, "Development"): domain ← engine ← adapters ← app. */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.cutover");
  }

  @Test
  void domainUsesOnlyTheJdk() {
    classes().that().resideInAPackage("dev.cutover.domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.cutover.domain..", "java..")
        .check(classes);
  }

  @Test
  void engineNeverImportsAwsResilienceCliOrWeb() {
    noClasses().that().resideInAnyPackage("dev.cutover.engine..", "dev.cutover.port..")
        .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "io.github.resilience4j..",
            "picocli..", "io.vertx.ext.web..")
        .check(classes);
  }

  @Test
  void engineAndPortsDoNotDependOnAdaptersOrTheApp() {
    noClasses().that().resideInAnyPackage("dev.cutover.domain..", "dev.cutover.engine..", "dev.cutover.port..",
            "dev.cutover.time..", "dev.cutover.plan..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.aws..", "dev.cutover.journal..",
            "dev.cutover.sandbox..", "dev.cutover.api..", "dev.cutover.cli..", "dev.cutover.notify..", "dev.cutover.app..",
            "dev.cutover.drain..")
        .check(classes);
  }

  @Test
  void adaptersNeverImportEachOther() {
    slices().matching("dev.cutover.(aws|journal|sandbox|api|cli|notify|drain)..").should().notDependOnEachOther()
        .check(classes);
  }

  @Test
  void onlyTheAppComposes() {
    noClasses().that().resideOutsideOfPackage("dev.cutover.app..")
        .should().dependOnClassesThat().resideInAPackage("dev.cutover.app..")
        .check(classes);
  }

  @Test
  void noWallClockInTheEngine() {
    noClasses().that().resideInAnyPackage("dev.cutover.engine..", "dev.cutover.domain..")
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .check(classes);
  }
}
