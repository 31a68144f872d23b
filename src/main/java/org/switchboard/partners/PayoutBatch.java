package org.switchboard.partners;

import java.time.LocalDate;
import java.util.UUID;

import org.switchboard.catalog.Money;

/** A SEPA credit-transfer file paying out issued statements; {@code document} is the pain.001 XML. */
public record PayoutBatch(UUID id, String messageId, LocalDate executionOn, int transfers, Money total, String document) {
}
