package dev.vertxshop.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.vertxshop.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainModelDoesNotDependOnOutside = noClasses()
      .that().resideInAPackage("..inventory.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.vertx..", "io.netty..", "..inventory.application..", "..inventory.adapter..", "dev.vertxshop.platform..");

  @ArchTest
  static final ArchRule applicationDoesNotDependOnAdapters = noClasses()
      .that().resideInAPackage("..inventory.application..")
      .should().dependOnClassesThat().resideInAPackage("..inventory.adapter..");

  @ArchTest
  static final ArchRule inboundAdaptersDoNotReachTheDatabase = noClasses()
      .that().resideInAPackage("..inventory.adapter.in..")
      .should().dependOnClassesThat().resideInAnyPackage("..inventory.adapter.out..", "io.vertx.sqlclient..", "io.vertx.pgclient..");

  @ArchTest
  static final ArchRule noOtherServiceModule = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.vertxshop.orders..", "dev.vertxshop.payments..", "dev.vertxshop.fraud..", "dev.vertxshop.notifications..",
          "dev.vertxshop.analytics..");
}
