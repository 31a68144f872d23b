package org.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModuleStructureTest {

    /** Where the Documenter writes in a Maven build; docs/modules keeps a copy. */
    static final Path DOCS = Path.of("target", "spring-modulith-docs");

    /** A line of a PlantUML diagram that declares an element or a relation, by its kind. */
    private static final Pattern DECLARATION = Pattern.compile("^\\s*(System_Boundary|Container_Boundary|Component|Rel)\\(");

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        Map<String, String> first = writeDocumentation();
        // The same modules give the same files, so that a copy in docs/ changes only when the modules do.
        assertThat(writeDocumentation()).isEqualTo(first);

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

    @Test
    void sortsTheDeclarationsOfADiagramAndNothingElse() {
        List<String> diagram = List.of("@startuml", "title B and A", "System_Boundary(\"S\", \"S\") {",
                "  Component(S.B, \"B\")", "  Component(S.A, \"A\")", "}", "Rel(S.B, S.A, \"uses\")",
                "Rel(S.A, S.B, \"listens to\")", "@enduml");
        assertThat(sortedDeclarations(diagram)).containsExactly("@startuml", "title B and A",
                "System_Boundary(\"S\", \"S\") {", "  Component(S.A, \"A\")", "  Component(S.B, \"B\")", "}",
                "Rel(S.A, S.B, \"listens to\")", "Rel(S.B, S.A, \"uses\")", "@enduml");
    }

    /** Writes the diagrams with their elements and relations in a stable order; answers them by file name. */
    private Map<String, String> writeDocumentation() throws IOException {
        deleteOldDocumentation();
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        Map<String, String> written = new TreeMap<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                String sorted = String.join("\n", sortedDeclarations(Files.readAllLines(file))) + "\n";
                Files.writeString(file, sorted);
                written.put(file.getFileName().toString(), sorted);
            }
        }
        return written;
    }

    /**
     * The diagram's lines with each run of declarations of one kind sorted: the Documenter writes
     * elements and relations in hash order, which differs from run to run.
     */
    static List<String> sortedDeclarations(List<String> lines) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String kind = kind(lines.get(i));
            int end = i + 1;
            while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
                end++;
            }
            out.addAll(kind == null ? lines.subList(i, end) : lines.subList(i, end).stream().sorted().toList());
            i = end;
        }
        return out;
    }

    private static String kind(String line) {
        Matcher m = DECLARATION.matcher(line);
        return m.find() ? m.group(1) : null;
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
