package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.RecordPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route 53 API Reference, ListResourceRecordSets, "Sort order": "sorts results first by DNS name with the labels
 * reversed, for example com.example.www. Note the trailing dot, which can change the sort order when the record
 * name contains characters that appear before . (decimal 46) in the ASCII table ... When multiple records have the
 * same DNS name, ListResourceRecordSets sorts results by the record type." Developer Guide, "DNS domain name
 * format": characters other than a-z, 0-9, - and _ are returned as \ooo octal escapes.
 */
class RecordOrderTest {

  @Test
  void sortsByTheReversedNameAsOneAsciiStringWithItsTrailingDotThenByType() {
    List<RecordPair> pairs = List.of(pair("a.b.example.com.", "CNAME"), pair("api_x.example.com.", "CNAME"),
        pair("api.example.com.", "CNAME"), pair("b-c.example.com.", "CNAME"), pair("example.com.", "TXT"),
        pair("api2.example.com.", "CNAME"), pair("*.example.com.", "CNAME"), pair("api-v2.example.com.", "CNAME"),
        pair("_dmarc.example.com.", "TXT"), pair("0day.example.com.", "CNAME"), pair("api.example.com.", "A"),
        pair("zzz.example.org.", "CNAME"));

    // the sort keys, by hand: com.example. < com.example.0day. (0=48) < com.example.\052. (\=92)
    // < com.example._dmarc. (_=95) < com.example.api-v2. (-=45) < com.example.api. (.=46) < com.example.api2. (2=50)
    // < com.example.api_x. < com.example.b-c. < com.example.b.a. < org.example.zzz.
    assertThat(pairs.stream().sorted(RecordOrder.PAIRS).map(RecordPair::label)).containsExactly(
        "example.com. TXT", "0day.example.com. CNAME", "*.example.com. CNAME", "_dmarc.example.com. TXT",
        "api-v2.example.com. CNAME", "api.example.com. A", "api.example.com. CNAME", "api2.example.com. CNAME",
        "api_x.example.com. CNAME", "b-c.example.com. CNAME", "a.b.example.com. CNAME", "zzz.example.org. CNAME");
  }

  @Test
  void labelByLabelOrderWouldPutApiBeforeApiV2ButRoute53DoesNot() {
    assertThat(RecordOrder.sortKey("api-v2.example.com.")).isEqualTo("com.example.api-v2.");
    assertThat(RecordOrder.sortKey("api.example.com")).isEqualTo("com.example.api.");
    assertThat(RecordOrder.compare("api-v2.example.com.", "CNAME", "api.example.com.", "CNAME")).isNegative();
    assertThat(RecordOrder.compare("api.example.com.", "A", "api.example.com.", "cname")).isNegative();
  }

  @Test
  void writesNamesAsRoute53ReturnsThemWithOctalEscapesOutsideLettersDigitsHyphenAndUnderscore() {
    assertThat(RecordOrder.canonical("*.Example.COM")).isEqualTo("\\052.example.com.");
    assertThat(RecordOrder.canonical("\\052.example.com.")).isEqualTo("\\052.example.com.");
    assertThat(RecordOrder.canonical("\\101pi.example.com.")).as("an escaped letter is stored lowercase")
        .isEqualTo("api.example.com.");
    assertThat(RecordOrder.canonical("_srv.a-b.example.com.")).isEqualTo("_srv.a-b.example.com.");
    assertThat(RecordOrder.canonical("a!b.example.com.")).isEqualTo("a\\041b.example.com.");
    assertThat(RecordOrder.sameName("*.example.com.", "\\052.example.com")).isTrue();
    assertThat(RecordOrder.sameName("api.example.com.", "api-v2.example.com.")).isFalse();
  }

  private static RecordPair pair(String name, String type) {
    return new RecordPair(name, type, "heroku", "aws");
  }
}
