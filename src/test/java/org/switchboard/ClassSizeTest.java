package org.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Services split by use case: no class of {@code src/main} has more than {@value #MAX_LINES} lines
 * or more than {@value #MAX_COLLABORATORS} collaborators in a constructor unless the Javadoc right
 * above it has a paragraph starting {@value #REASON}. Collaborators are the constructor's
 * parameters but settings ({@code @Value}) and plain values (primitives, {@code java.lang} types);
 * records are values and their components are not counted. {@code @Bean} methods are wiring and
 * not counted either.
 */
class ClassSizeTest {

    static final int MAX_LINES = 300;
    static final int MAX_COLLABORATORS = 8;
    static final String REASON = "Why this class is large:";
    static final Path SOURCES = Path.of("src", "main", "java");

    /** What may stand between a class's Javadoc and its name: annotations and modifiers. */
    private static final Pattern ONLY_MODIFIERS = Pattern.compile(
            "\\s*(@[\\w.]+(\\((?:[^()]|\\([^()]*\\))*\\))?\\s*)*"
                    + "((public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SwitchboardApplication.class.getPackageName());

    @Test
    void noClassIsLargeWithoutAReasonAtItsTop() {
        Map<String, String> large = new TreeMap<>(findings(MAIN.stream().toList(), SOURCES));
        assertThat(large).as("classes over %d lines or %d collaborators without \"%s\" in the Javadoc at their top",
                MAX_LINES, MAX_COLLABORATORS, REASON).isEmpty();
    }

    @Test
    void theRuleCountsCollaboratorsButNotSettingsOrValuesAndHonoursAReason() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(NineCollaborators.class,
                EightCollaboratorsAndSettings.class, NineCollaboratorsWithAReason.class, ManyValues.class);
        Path sources = Path.of("src", "test", "java");
        Map<String, String> large = findings(fixtures.stream().toList(), sources);
        assertThat(large).containsOnlyKeys(NineCollaborators.class.getName());
        assertThat(large.get(NineCollaborators.class.getName())).contains("9 collaborators");
    }

    @Test
    void theRuleCountsLinesAndReadsTheReasonRightAboveTheClass() {
        StringBuilder source = new StringBuilder("package x;\n\nclass Long {\n");
        for (int i = 0; i < MAX_LINES; i++) {
            source.append("    // line ").append(i).append('\n');
        }
        source.append("}\n");
        assertThat(lineCount(source.toString())).isGreaterThan(MAX_LINES);
        assertThat(hasReason(source.toString(), "Long")).isFalse();
        String withReason = "package x;\n\n/**\n * A long class.\n * <p>\n * " + REASON + " it must be.\n */\n"
                + "@Service\n@Transactional(readOnly = true)\npublic final class Long {\n}\n";
        assertThat(hasReason(withReason, "Long")).isTrue();
        assertThat(hasReason(withReason.replace("class Long", "class Other {\n}\n\nclass Long"), "Long"))
                .as("the reason of another class above").isFalse();
        assertThat(hasReason(withReason.replace(REASON, "It is large."), "Long")).isFalse();
    }

    // ---- the rule ---------------------------------------------------------------------------------

    /** Each class that breaks the rule with what it breaks, by its full name. */
    static Map<String, String> findings(List<JavaClass> classes, Path sources) {
        Map<String, String> found = new TreeMap<>();
        for (JavaClass c : classes) {
            if (c.isAnonymousClass() || c.isLocalClass() || c.isRecord() || c.isEnum() || c.isInterface()
                    || c.getSource().flatMap(s -> s.getFileName()).isEmpty()) {
                continue;
            }
            String source = source(sources, c);
            if (source == null) {
                continue; // generated, without a source file here
            }
            List<String> broken = new ArrayList<>();
            int collaborators = c.getConstructors().stream().mapToInt(ClassSizeTest::collaborators).max().orElse(0);
            if (collaborators > MAX_COLLABORATORS) {
                broken.add(collaborators + " collaborators");
            }
            if (c.isTopLevelClass() && lineCount(source) > MAX_LINES) {
                broken.add(lineCount(source) + " lines");
            }
            if (!broken.isEmpty() && !hasReason(source, c.getSimpleName())) {
                found.put(c.getName(), String.join(", ", broken));
            }
        }
        return found;
    }

    static int collaborators(JavaConstructor constructor) {
        int n = 0;
        for (JavaParameter p : constructor.getParameters()) {
            JavaClass type = p.getRawType();
            boolean value = type.isPrimitive() || type.getPackageName().equals("java.lang");
            if (!value && !p.isAnnotatedWith(Value.class)) {
                n++;
            }
        }
        return n;
    }

    static int lineCount(String source) {
        return (int) source.lines().count();
    }

    /** Whether the Javadoc right above the class's declaration has a paragraph starting {@link #REASON}. */
    static boolean hasReason(String source, String simpleName) {
        Matcher declaration = Pattern.compile("\\b(class|record|enum|interface)\\s+" + Pattern.quote(simpleName) + "\\b")
                .matcher(source);
        if (!declaration.find()) {
            return false;
        }
        String before = source.substring(0, declaration.start());
        int javadoc = before.lastIndexOf("/**");
        if (javadoc < 0 || before.indexOf("*/", javadoc) < 0) {
            return false;
        }
        int end = before.indexOf("*/", javadoc);
        if (!ONLY_MODIFIERS.matcher(before.substring(end + 2)).matches()) {
            return false; // the last Javadoc above belongs to something else
        }
        String comment = before.substring(javadoc, end);
        return Pattern.compile("(^|\\n)\\s*\\*\\s*(<p>\\s*)?" + Pattern.quote(REASON)).matcher(comment).find();
    }

    private static String source(Path sources, JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        String file = top.getSource().flatMap(s -> s.getFileName()).orElse(null);
        if (file == null) {
            return null;
        }
        Path path = sources.resolve(top.getPackageName().replace('.', '/')).resolve(file);
        if (!Files.exists(path)) {
            return null;
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- fixtures of the rule's own test ----------------------------------------------------------

    static class NineCollaborators {
        NineCollaborators(Clock a, Clock b, Clock c, Clock d, Clock e, Clock f, Clock g, Clock h, Clock i) {
        }
    }

    static class EightCollaboratorsAndSettings {
        EightCollaboratorsAndSettings(Clock a, Clock b, Clock c, Clock d, Clock e, Clock f, Clock g, Clock h,
                @Value("${x:1}") int x, @Value("${y:}") Path y, String name) {
        }
    }

    /**
     * A fixture.
     * <p>
     * Why this class is large: it stands for one whose split would be artificial.
     */
    static class NineCollaboratorsWithAReason {
        NineCollaboratorsWithAReason(Clock a, Clock b, Clock c, Clock d, Clock e, Clock f, Clock g, Clock h,
                Clock i) {
        }
    }

    record ManyValues(Clock a, Clock b, Clock c, Clock d, Clock e, Clock f, Clock g, Clock h, Clock i) {
    }
}
