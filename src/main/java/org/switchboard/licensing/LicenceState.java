package org.switchboard.licensing;

import java.util.List;

/** The licences of an instance right now: the pool, how many are held and by whom. */
public record LicenceState(int licensed, int occupied, List<Holder> holders) {
}
