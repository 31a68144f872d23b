package org.switchboard.platform.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** The countries a form offers, by ISO code with their English names, as {@code ${@countryNames...}} in pages. */
@Component("countryNames")
public class CountryNames {

    public record Country(String code, String name) {
    }

    private static final List<Country> ALL = Arrays.stream(Locale.getISOCountries())
            .map(code -> new Country(code, new Locale("", code).getDisplayCountry(Locale.ENGLISH)))
            .sorted(Comparator.comparing(Country::name))
            .toList();

    public List<Country> all() {
        return ALL;
    }

    /** The name of a country code, or the code itself when unknown; empty for none. */
    public String of(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return ALL.stream().filter(c -> c.code().equalsIgnoreCase(code)).map(Country::name).findFirst().orElse(code);
    }
}
