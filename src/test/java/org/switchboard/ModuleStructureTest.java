package org.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModuleStructureTest {

    /** Where the Documenter writes in a Maven build; docs/modules keeps a copy. */
    static final Path DOCS = Path.of("target", "spring-modulith-docs");

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        deleteOldDocumentation();

        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

        String overview = Files.readString(DOCS.resolve("components.puml"));
        assertThat(modules.stream()).isNotEmpty().allSatisfy(module -> {
            assertThat(overview).as(module.getName()).contains("\"" + module.getDisplayName() + "\", $techn=\"Module\"");
            Path own = DOCS.resolve("module-" + module.getName() + ".puml");
            assertThat(own).exists();
            assertThat(Files.readString(own)).contains(module.getDisplayName());
        });
        // The arrows are the real dependencies: instances use accounts and the catalog, the catalog uses no instance.
        assertThat(overview).containsPattern("Rel\\([^,]*\\.Instances, [^,]*\\.Accounts, \"uses\"")
                .containsPattern("Rel\\([^,]*\\.Instances, [^,]*\\.Catalog, \"uses\"")
                .doesNotContainPattern("Rel\\([^,]*\\.Catalog, [^,]*\\.Instances,");
    }

    private static void deleteOldDocumentation() throws IOException {
        if (Files.exists(DOCS)) {
            try (Stream<Path> files = Files.walk(DOCS)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
