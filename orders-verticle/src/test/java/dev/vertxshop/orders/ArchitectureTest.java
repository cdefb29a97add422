package dev.vertxshop.orders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.vertxshop.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPureJava = noClasses()
      .that().resideInAPackage("dev.vertxshop.orders.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.vertx..", "io.netty..", "dev.vertxshop.platform..", "dev.vertxshop.orders.application..",
          "dev.vertxshop.orders.adapter..", "org.slf4j..")
      .as("the domain depends on nothing but the JDK");

  @ArchTest
  static final ArchRule applicationDoesNotKnowAdapters = noClasses()
      .that().resideInAPackage("dev.vertxshop.orders.application..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vertxshop.orders.adapter..", "io.vertx.sqlclient..", "io.vertx.ext.web..")
      .as("the application reaches the outside only through its ports");

  @ArchTest
  static final ArchRule noOtherServiceModule = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.vertxshop.inventory..", "dev.vertxshop.payments..", "dev.vertxshop.fraud..", "dev.vertxshop.notifications..")
      .as("a service never imports another service");
}
