package dev.vertxshop.payments;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.vertxshop.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPureJava = classes()
      .that().resideInAPackage("..payments.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("..payments.domain..", "java..")
      .because("the domain holds the payment rules and nothing else: no Vert.x, no adapters");

  @ArchTest
  static final ArchRule applicationDoesNotKnowItsAdapters = noClasses()
      .that().resideInAPackage("..payments.application..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "..payments.adapter..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.web..", "dev.vertxshop.platform..")
      .because("use cases speak to the outside through their ports");

  @ArchTest
  static final ArchRule adaptersDoNotUseEachOther = noClasses()
      .that().resideInAPackage("..payments.adapter.in..")
      .should().dependOnClassesThat().resideInAPackage("..payments.adapter.out..")
      .because("the verticle wires adapters together, handlers only call use cases");

  @ArchTest
  static final ArchRule noOtherServiceIsImported = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.vertxshop.orders..", "dev.vertxshop.inventory..", "dev.vertxshop.fraud..", "dev.vertxshop.notifications..")
      .because("services share contracts, never code");
}
