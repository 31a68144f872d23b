package org.switchboard.partners;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Regions partners serve and leads come from: the states of Germany and Austria and the cantons of
 * Switzerland, by their ISO 3166-2 codes; and the postcode format of each country.
 */
public final class Regions {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, Pattern> POSTCODES = Map.of(
            "DE", Pattern.compile("\\d{5}"), "AT", Pattern.compile("\\d{4}"), "CH", Pattern.compile("\\d{4}"));

    static {
        String[][] all = {
                { "DE-BW", "Baden-Württemberg" }, { "DE-BY", "Bayern" }, { "DE-BE", "Berlin" },
                { "DE-BB", "Brandenburg" }, { "DE-HB", "Bremen" }, { "DE-HH", "Hamburg" }, { "DE-HE", "Hessen" },
                { "DE-MV", "Mecklenburg-Vorpommern" }, { "DE-NI", "Niedersachsen" },
                { "DE-NW", "Nordrhein-Westfalen" }, { "DE-RP", "Rheinland-Pfalz" }, { "DE-SL", "Saarland" },
                { "DE-SN", "Sachsen" }, { "DE-ST", "Sachsen-Anhalt" }, { "DE-SH", "Schleswig-Holstein" },
                { "DE-TH", "Thüringen" },
                { "AT-1", "Burgenland" }, { "AT-2", "Kärnten" }, { "AT-3", "Niederösterreich" },
                { "AT-4", "Oberösterreich" }, { "AT-5", "Salzburg" }, { "AT-6", "Steiermark" }, { "AT-7", "Tirol" },
                { "AT-8", "Vorarlberg" }, { "AT-9", "Wien" },
                { "CH-AG", "Aargau" }, { "CH-AR", "Appenzell Ausserrhoden" }, { "CH-AI", "Appenzell Innerrhoden" },
                { "CH-BL", "Basel-Landschaft" }, { "CH-BS", "Basel-Stadt" }, { "CH-BE", "Bern" },
                { "CH-FR", "Fribourg" }, { "CH-GE", "Genève" }, { "CH-GL", "Glarus" }, { "CH-GR", "Graubünden" },
                { "CH-JU", "Jura" }, { "CH-LU", "Luzern" }, { "CH-NE", "Neuchâtel" }, { "CH-NW", "Nidwalden" },
                { "CH-OW", "Obwalden" }, { "CH-SG", "St. Gallen" }, { "CH-SH", "Schaffhausen" },
                { "CH-SZ", "Schwyz" }, { "CH-SO", "Solothurn" }, { "CH-TG", "Thurgau" }, { "CH-TI", "Ticino" },
                { "CH-UR", "Uri" }, { "CH-VS", "Valais" }, { "CH-VD", "Vaud" }, { "CH-ZG", "Zug" },
                { "CH-ZH", "Zürich" } };
        for (String[] r : all) {
            NAMES.put(r[0], r[1]);
        }
    }

    private Regions() {
    }

    public static Map<String, String> all() {
        return NAMES;
    }

    /** The code as stored (upper case), if it names a region. */
    public static Optional<String> normalize(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        return NAMES.containsKey(c) ? Optional.of(c) : Optional.empty();
    }

    public static String name(String code) {
        return NAMES.getOrDefault(code, code);
    }

    public static boolean supportsCountry(String country) {
        return country != null && POSTCODES.containsKey(country.trim().toUpperCase(Locale.ROOT));
    }

    public static boolean validPostcode(String country, String postcode) {
        Pattern p = country == null ? null : POSTCODES.get(country.trim().toUpperCase(Locale.ROOT));
        return p != null && postcode != null && p.matcher(postcode.trim()).matches();
    }

    public static String postcodeRule(String country) {
        return switch (country == null ? "" : country.trim().toUpperCase(Locale.ROOT)) {
            case "DE" -> "a German postcode has five digits, such as 80331";
            case "AT" -> "an Austrian postcode has four digits, such as 1010";
            case "CH" -> "a Swiss postcode has four digits, such as 8001";
            default -> "leads are taken for Germany (DE), Austria (AT) and Switzerland (CH)";
        };
    }
}
