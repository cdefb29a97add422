package dev.vertxshop.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/** The dependency rules of the whole code base, checked over every module on this classpath. */
@AnalyzeClasses(packages = "dev.vertxshop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final List<String> SERVICES = List.of("orders", "inventory", "payments", "fraud", "notifications", "analytics");

  @ArchTest
  static final ArchRule noServiceDependsOnAnotherService = CompositeArchRule.of(
      SERVICES.stream().map(ArchitectureTest::dependsOnNoOtherService).toList());

  @ArchTest
  static final ArchRule domainIsPlainJava = noClasses()
      .that().resideInAPackage("dev.vertxshop..domain..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "dev.vertxshop..adapter..")
      .because("the domain holds the rules of the business, free of frameworks and I/O");

  @ArchTest
  static final ArchRule platformKnowsNoService = noClasses()
      .that().resideInAPackage("dev.vertxshop.platform..")
      .should().dependOnClassesThat().resideInAnyPackage(packages(SERVICES))
      .because("the platform is the runtime every service shares");

  @ArchTest
  static final ArchRule onlyTheLauncherKnowsTheLauncher = noClasses()
      .that().resideOutsideOfPackage("dev.vertxshop.launcher..")
      .should().dependOnClassesThat().resideInAPackage("dev.vertxshop.launcher..")
      .because("the launcher composes the services; they must run without it");

  private static ArchRule dependsOnNoOtherService(String service) {
    List<String> others = SERVICES.stream().filter(other -> !other.equals(service)).toList();
    return noClasses()
        .that().resideInAPackage("dev.vertxshop." + service + "..")
        .should().dependOnClassesThat().resideInAnyPackage(packages(others))
        .because("services share contracts, not code; " + service + " must build and deploy alone");
  }

  private static String[] packages(List<String> services) {
    return services.stream().map(service -> "dev.vertxshop." + service + "..").toArray(String[]::new);
  }
}
