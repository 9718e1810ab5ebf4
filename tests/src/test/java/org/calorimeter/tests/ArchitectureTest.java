package org.calorimeter.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's architecture rules, as tests. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.calorimeter");
    }

    @Test
    void coreIsPureJavaWithoutSpark() {
        noClasses().that().resideInAPackage("org.calorimeter.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .because("core is pure-Java numerics: it must run and be tested without Spark")
                .check(classes);
    }

    @Test
    void modulesDependOnlyDownward() {
        noClasses().that().resideInAPackage("org.calorimeter.core..")
                .should().dependOnClassesThat().resideInAPackage("org.calorimeter.jobs..")
                .check(classes);
    }

    @Test
    void estimatorsNeverSeeSamplersOrModels() {
        noClasses().that().resideInAPackage("org.calorimeter.core.estimator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.calorimeter.core.sampler..",
                        "org.calorimeter.core.model..", "org.calorimeter.core.cell..")
                .because("estimators consume arrays and return values with errors")
                .check(classes);
    }

    @Test
    void modelsKnowNothingOfSamplingOrEstimation() {
        noClasses().that().resideInAPackage("org.calorimeter.core.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.calorimeter.core.sampler..",
                        "org.calorimeter.core.estimator..", "org.calorimeter.core.fit..", "org.calorimeter.core.cell..")
                .check(classes);
    }

    @Test
    void observablesSeeAGradientNotASamplerOrACell() {
        noClasses().that().resideInAPackage("org.calorimeter.core.observable..")
                .should().dependOnClassesThat().resideInAnyPackage("org.calorimeter.core.sampler..",
                        "org.calorimeter.core.cell..", "org.calorimeter.core.fit..")
                .because("an observable is measured at points through a function it is given")
                .check(classes);
    }

    @Test
    void fitsWorkOnCurvesNotOnSamplers() {
        noClasses().that().resideInAPackage("org.calorimeter.core.fit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.calorimeter.core.sampler..",
                        "org.calorimeter.core.model..", "org.calorimeter.core.cell..")
                .check(classes);
    }
}
