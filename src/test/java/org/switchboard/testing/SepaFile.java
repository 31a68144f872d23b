package org.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.xml.sax.SAXException;

/**
 * A SEPA file (pain.008 direct debits, pain.001 credit transfers) under test: valid against its
 * message's schema ({@link IsoMessageSchema}), and keeping the facets SEPA adds to ISO 20022. What
 * the two SEPA file tests check alike, written once; the accounts both use are here too.
 */
public record SepaFile(String xml, String namespace, IsoMessageSchema schema) {

    /** The operator, creditor of direct debits and debtor of payouts. */
    public static final String OPERATOR_NAME = "Switchboard GmbH";
    public static final String OPERATOR_IBAN = "DE02120300000000202051";
    /** Accounts of customers and partners: a German, an Austrian one. */
    public static final String GERMAN_IBAN = "DE89370400440532013000";
    public static final String AUSTRIAN_IBAN = "AT611904300234573201";

    /** SEPA's restricted character set of names and texts. */
    static final String SEPA_TEXT = "[A-Za-z0-9/\\-?:().,'+ ]";

    public static SepaFile of(String xml, String namespace, Class<?>... modelClasses) {
        return new SepaFile(xml, namespace, IsoMessageSchema.of(namespace, modelClasses));
    }

    /** The text of every {@code tag} element, in document order. */
    public List<String> all(String tag) {
        return IsoMessageSchema.all(xml, tag);
    }

    /** The file is in its message's namespace and valid against the schema. */
    public void assertValid() throws Exception {
        assertThat(xml).contains("xmlns=\"" + namespace + "\"");
        schema.validate(xml);
    }

    /** Taking {@code part} out of the file (it must be there) breaks the schema. */
    public void assertInvalidWithout(String part) {
        String broken = xml.replaceFirst(Pattern.quote(part), "");
        assertThat(broken).as(part).isNotEqualTo(xml);
        assertThatThrownBy(() -> schema.validate(broken)).as(part).isInstanceOf(SAXException.class);
    }

    /** IBANs and BICs well formed, amounts with two decimals, identifiers up to 35 and names up to 70 characters of SEPA's set. */
    public void assertSepaFacets(String... identifierTags) {
        all("IBAN").forEach(iban -> assertThat(iban).matches("[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}"));
        for (String tag : List.of("BIC", "BICFI")) {
            all(tag).forEach(bic -> assertThat(bic).as(tag).matches("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?"));
        }
        for (String tag : List.of("InstdAmt", "CtrlSum")) {
            all(tag).forEach(a -> assertThat(a).as(tag).matches("\\d{1,9}\\.\\d{2}"));
        }
        for (String tag : identifierTags) {
            all(tag).forEach(v -> assertThat(v).as(tag).matches(SEPA_TEXT + "{1,35}"));
        }
        all("Nm").forEach(v -> assertThat(v).matches(SEPA_TEXT + "{1,70}"));
        all("Ustrd").forEach(v -> assertThat(v).matches(SEPA_TEXT + "{1,140}"));
    }
}
