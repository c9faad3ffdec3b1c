package dev.cutover.sandbox.route53;

import java.util.List;

/** A page of ListResourceRecordSets; {@code next} is the first record of the next page, null unless truncated. */
public record RecordPage(List<RecordSet> records, boolean truncated, RecordKey next) {}
