package dev.vertxshop.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.vertxshop.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainModelDoesNotDependOnOutside = noClasses()
      .that().resideInAPackage("..notifications.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.vertx..", "io.netty..", "..notifications.application..", "..notifications.adapter..", "dev.vertxshop.platform..");

  @ArchTest
  static final ArchRule applicationDoesNotDependOnAdapters = noClasses()
      .that().resideInAPackage("..notifications.application..")
      .should().dependOnClassesThat().resideInAnyPackage("..notifications.adapter..", "io.vertx.ext.mail..", "io.vertx.sqlclient..");

  @ArchTest
  static final ArchRule inboundAdaptersDoNotReachOutboundOnes = noClasses()
      .that().resideInAPackage("..notifications.adapter.in..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "..notifications.adapter.out..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.mail..");

  @ArchTest
  static final ArchRule noOtherServiceModule = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.vertxshop.orders..", "dev.vertxshop.payments..", "dev.vertxshop.fraud..", "dev.vertxshop.inventory..",
          "dev.vertxshop.analytics..");
}
