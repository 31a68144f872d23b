package org.switchboard.licensing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.licensing.internal.PoolMutations;
import org.switchboard.licensing.internal.PoolStore;
import org.switchboard.licensing.internal.Subjects;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/** Employees and function extensions of an instance, managed by the customer's admins; one by one or as CSV. */
@Service
public class SubjectManagement {

    /** A subject as a form or the API sends it. */
    public record NewSubject(String kind, String extension, String name, String email, String functionType) {
    }

    /** A CSV line refused, and why. */
    public record RefusedLine(int line, String content, String reason) {
    }

    public record ImportReport(int added, List<RefusedLine> refused) {
    }

    private static final Pattern EXTENSION = Pattern.compile("^[0-9]{1,15}$");
    public static final String CSV_HEADER = "kind,extension,name,email,functionType";
    /** One import holds at most this many lines; a larger staff list is imported in parts. */
    public static final int MAX_CSV_LINES = 10_000;
    /** A refused line is quoted back up to this length. */
    private static final int QUOTED = 200;

    private final LicenceManagement licences;
    private final Subjects subjects;
    private final PoolStore pools;
    private final PoolMutations mutations;
    private final TransactionTemplate tx;
    private final Clock clock;

    SubjectManagement(LicenceManagement licences, Subjects subjects, PoolStore pools, PoolMutations mutations,
            TransactionTemplate tx, Clock clock) {
        this.licences = licences;
        this.subjects = subjects;
        this.pools = pools;
        this.mutations = mutations;
        this.tx = tx;
        this.clock = clock;
    }

    public Subject add(CurrentUser viewer, InstanceId id, NewSubject c) {
        InstanceDetails details = licences.managed(viewer, id);
        Subject subject = validated(id, c);
        return tx.execute(status -> {
            pools.lockOne(id.value());
            if (subjects.extensionTaken(id, subject.extension())) {
                throw new ConflictException("extension", "The extension " + subject.extension()
                        + " is taken on this phone system.");
            }
            try {
                subjects.insert(subject, details.instance().customerId().value());
            } catch (DuplicateKeyException e) {
                throw new ConflictException("extension", "The extension " + subject.extension()
                        + " is taken on this phone system.");
            }
            pools.raiseVersion(id.value());
            return subject;
        });
    }

    public List<Subject> subjects(CurrentUser viewer, InstanceId id) {
        licences.visible(viewer, id);
        return subjects.of(id);
    }

    /** The subjects of an instance, for a module that has checked its caller itself (an employee's colleagues). */
    public List<Subject> subjectsOf(InstanceId id) {
        return subjects.of(id);
    }

    /** Removes a subject; a licence it holds is released first, recorded with who did it. */
    public void delete(CurrentUser viewer, InstanceId id, UUID subjectId) {
        licences.managed(viewer, id);
        Subject subject = subjects.find(id, subjectId).orElseThrow(() -> new NotFoundException(
                "There is no employee or function extension " + subjectId + " on this instance."));
        mutations.mutate(id.value(), pool -> {
            pool.removeSubject(subject.extension(), viewer.email(), clock.instant());
            subjects.delete(id, subjectId);
            return null;
        });
    }

    /**
     * Adds the subjects of a CSV text ({@value #CSV_HEADER}; the header line is optional). Every
     * good line is added; each refused line is reported with its reason.
     */
    public ImportReport importCsv(CurrentUser viewer, InstanceId id, String csv) {
        InstanceDetails details = licences.managed(viewer, id);
        if (csv == null || csv.isBlank()) {
            throw new InvalidInputException("csv", "The CSV is empty: send one line per subject: " + CSV_HEADER);
        }
        List<Subject> good = new ArrayList<>();
        List<RefusedLine> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = csv.split("\r?\n");
        if (lines.length > MAX_CSV_LINES) {
            throw new InvalidInputException("csv", "The CSV has " + lines.length + " lines; import at most "
                    + MAX_CSV_LINES + " at a time.");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || (i == 0 && line.trim().toLowerCase(Locale.ROOT).startsWith("kind"))) {
                continue;
            }
            if (Validation.hasControlCharacters(line.replace('\t', ' ').replace('\r', ' '))) {
                refused.add(new RefusedLine(i + 1, quoted(line), "The line contains a control character (shown as ?);"
                        + " save the file as plain text (UTF-8) and import it again."));
                continue;
            }
            List<String> cells = Csv.split(line);
            if (cells.size() < 3 || cells.size() > 5) {
                refused.add(new RefusedLine(i + 1, quoted(line), "Expected 3 to 5 fields (" + CSV_HEADER + "), found "
                        + cells.size() + "."));
                continue;
            }
            NewSubject c = new NewSubject(cells.get(0), cells.get(1), cells.get(2), cells.size() > 3 ? cells.get(3) : null,
                    cells.size() > 4 ? cells.get(4) : null);
            try {
                Subject s = validated(id, c);
                if (!seen.add(s.extension())) {
                    refused.add(new RefusedLine(i + 1, quoted(line), "The extension " + s.extension()
                            + " appears earlier in this file."));
                } else if (subjects.extensionTaken(id, s.extension())) {
                    refused.add(new RefusedLine(i + 1, quoted(line), "The extension " + s.extension()
                            + " is taken on this phone system."));
                } else {
                    good.add(s);
                }
            } catch (InvalidInputException e) {
                refused.add(new RefusedLine(i + 1, quoted(line), e.getMessage()));
            }
        }
        tx.executeWithoutResult(status -> {
            pools.lockOne(id.value());
            good.forEach(s -> subjects.insert(s, details.instance().customerId().value()));
            pools.raiseVersion(id.value());
        });
        return new ImportReport(good.size(), refused);
    }

    /** A refused line as the report shows it: control characters as ?, long lines cut. */
    static String quoted(String line) {
        String shown = line.codePoints().map(c -> Character.isISOControl(c) && c != '\t' ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= QUOTED ? shown : shown.substring(0, QUOTED) + "...";
    }

    private Subject validated(InstanceId id, NewSubject c) {
        Validation v = new Validation();
        SubjectKind kind = null;
        if (c.kind() == null || c.kind().isBlank()) {
            v.reject("kind", "Kind is required: EMPLOYEE or FUNCTION");
        } else {
            try {
                kind = SubjectKind.valueOf(c.kind().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.reject("kind", "Kind must be EMPLOYEE or FUNCTION, not '" + c.kind() + "'");
            }
        }
        String extension = c.extension() == null ? "" : c.extension().trim();
        v.check(EXTENSION.matcher(extension).matches(), "extension",
                "Extension must be the extension number: 1 to 15 digits");
        v.text("name", "Name", c.name(), 100);
        String email = Validation.trimToNull(c.email());
        FunctionType function = null;
        if (kind == SubjectKind.EMPLOYEE) {
            if (email != null) {
                v.email("email", email);
            }
            v.check(Validation.trimToNull(c.functionType()) == null, "functionType",
                    "Only function extensions have a function type");
        } else if (kind == SubjectKind.FUNCTION) {
            v.check(email == null, "email", "Function extensions have no e-mail address");
            String f = Validation.trimToNull(c.functionType());
            if (f == null) {
                v.reject("functionType", "Function type is required: one of " + List.of(FunctionType.values()));
            } else {
                try {
                    function = FunctionType.valueOf(f.toUpperCase(Locale.ROOT).replace(' ', '_'));
                } catch (IllegalArgumentException e) {
                    v.reject("functionType", "Function type must be one of " + List.of(FunctionType.values())
                            + ", not '" + f + "'");
                }
            }
        }
        v.throwIfInvalid();
        return new Subject(UUID.randomUUID(), id, kind, extension, c.name().trim(),
                email == null ? null : Validation.normalizeEmail(email), function, clock.instant());
    }

    /** The few CSV rules an exported spreadsheet needs: commas or semicolons, double quotes. */
    static final class Csv {
        static List<String> split(String line) {
            char separator = line.indexOf(',') < 0 && line.indexOf(';') >= 0 ? ';' : ',';
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == separator) {
                    cells.add(cell.toString().trim());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString().trim());
            return cells;
        }
    }
}
