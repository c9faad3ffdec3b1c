package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.RecordPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordOrderTest {

  @Test
  void sortsLikeRoute53ByReversedLabelsThenType() {
    List<RecordPair> pairs = List.of(pair("www.example.com.", "CNAME"), pair("api.b.example.com", "CNAME"),
        pair("example.com.", "TXT"), pair("api.example.com.", "CNAME"), pair("api.example.com.", "A"),
        pair("zzz.example.org.", "CNAME"));

    assertThat(pairs.stream().sorted(RecordOrder.PAIRS).map(RecordPair::label)).containsExactly(
        "example.com. TXT", "api.example.com. A", "api.example.com. CNAME", "api.b.example.com. CNAME",
        "www.example.com. CNAME", "zzz.example.org. CNAME");
  }

  private static RecordPair pair(String name, String type) {
    return new RecordPair(name, type, "heroku", "aws");
  }
}
