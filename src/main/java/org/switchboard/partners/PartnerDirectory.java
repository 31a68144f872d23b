package org.switchboard.partners;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.accounts.PartnerId;
import org.switchboard.partners.ProgrammeCommands.UpdateProfile;
import org.switchboard.partners.internal.Members;
import org.switchboard.platform.Validation;

/**
 * The public partner directory and the profile partners keep for it: whether to be listed, a
 * short plain text, the regions served. Only Certified partners and up that chose to be listed appear.
 */
@Service
public class PartnerDirectory {

    public static final int TEXT_LIMIT = 400;
    static final int MAX_REGIONS = 30;
    /** Tags, comments and character references: the text is shown as it is typed, never as markup. */
    private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|&#?[a-zA-Z0-9]+;|\\[[^\\]]*\\]\\([^)]*\\)");

    /** One partner as the directory shows it. */
    public record Entry(PartnerId partnerId, String name, PartnerLevel level, String website, String postcode,
            String city, List<String> regions, String text) {

        public List<String> regionNames() {
            return regions.stream().map(Regions::name).toList();
        }
    }

    private final Members members;
    private final CustomerDirectory directory;
    private final PartnerAccess access;

    PartnerDirectory(Members members, CustomerDirectory directory, PartnerAccess access) {
        this.members = members;
        this.directory = directory;
        this.access = access;
    }

    @Transactional
    public Member updateProfile(CurrentUser user, PartnerId id, UpdateProfile c) {
        access.visiblePartner(user, id);
        String text = c.text() == null ? null : c.text().strip();
        Validation v = new Validation().optionalText("text", "Directory text", text, TEXT_LIMIT);
        if (text != null && MARKUP.matcher(text).find()) {
            v.reject("text", "Directory text must be plain text: markup such as <b>, &amp; or [link](…) is not allowed");
        }
        List<String> regions = new ArrayList<>();
        for (String r : c.regions() == null ? List.<String>of() : c.regions()) {
            if (r == null || r.isBlank()) {
                continue;
            }
            Optional<String> code = Regions.normalize(r);
            if (code.isEmpty()) {
                v.reject("regions", "'" + r.trim() + "' is not a known region; use codes such as DE-BY, AT-9 or CH-ZH");
            } else if (!regions.contains(code.get())) {
                regions.add(code.get());
            }
        }
        v.check(regions.size() <= MAX_REGIONS, "regions", "At most " + MAX_REGIONS + " regions");
        boolean listed = Boolean.TRUE.equals(c.listed());
        v.check(!listed || (text != null && !text.isBlank()), "text", "A directory text is needed to be listed");
        v.throwIfInvalid();
        members.setProfile(id, listed, text == null || text.isBlank() ? null : text, regions);
        return members.of(id);
    }

    /**
     * Listed partners of level Certified and up; with a query, those whose postcode starts with it,
     * whose city contains it or who serve a region whose code or name contains it.
     */
    @Transactional(readOnly = true)
    public List<Entry> search(String query) {
        Map<PartnerId, Member> listed = members.all().stream().filter(Member::directoryListed)
                .collect(Collectors.toMap(Member::partnerId, m -> m));
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        return directory.activePartners().stream()
                .filter(p -> listed.containsKey(p.id()) && LevelBenefits.listedInDirectory(p.level()))
                .map(p -> entry(p, listed.get(p.id())))
                .filter(e -> q.isEmpty() || matches(e, q))
                .sorted(java.util.Comparator.comparing((Entry e) -> e.level()).reversed()
                        .thenComparing(e -> e.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static boolean matches(Entry e, String q) {
        return (e.postcode() != null && e.postcode().startsWith(q))
                || (e.city() != null && e.city().toLowerCase(Locale.ROOT).contains(q))
                || e.regions().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(q)
                        || Regions.name(r).toLowerCase(Locale.ROOT).contains(q));
    }

    private static Entry entry(Partner p, Member m) {
        return new Entry(p.id(), p.name(), p.level(), p.website(), p.address().postcode(), p.address().city(),
                List.copyOf(new LinkedHashSet<>(m.regions())), m.directoryText());
    }
}
