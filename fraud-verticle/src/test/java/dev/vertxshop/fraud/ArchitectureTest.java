package dev.vertxshop.fraud;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.vertxshop.fraud", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainModelDoesNotDependOnOutside = noClasses()
      .that().resideInAPackage("..fraud.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.vertx..", "io.netty..", "com.google.protobuf..", "dev.vertxshop.contracts..",
          "..fraud.adapter..", "dev.vertxshop.platform..");

  @ArchTest
  static final ArchRule noOtherServiceModule = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.vertxshop.orders..", "dev.vertxshop.payments..", "dev.vertxshop.inventory..",
          "dev.vertxshop.notifications..");
}
