package org.switchboard.connector;

import java.util.Map;

/**
 * What happened to a batch of call records: every record is either stored now or a duplicate of
 * one stored before; {@code outcomes} counts the stored ones by how they were rated.
 */
public record CallBatchResult(int received, int stored, int duplicates, Map<String, Integer> outcomes) {
}
