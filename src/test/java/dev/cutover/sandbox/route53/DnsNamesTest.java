package dev.cutover.sandbox.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Route 53's stored name form (Developer Guide, "DNS domain name format": lowercase, \ooo escapes for everything but
 * a-z 0-9 - _, raw 000-040 and 177-377 octal refused) and its listing order (API Reference, ListResourceRecordSets
 * "Sort order": labels reversed, one ASCII string with the trailing dot).
 */
class DnsNamesTest {

  @Test
  void storesNamesLowercaseAbsoluteWithOctalEscapesWhicheverWayTheyWereGiven() {
    assertThat(DnsNames.normalize("*.Example.COM")).isEqualTo("\\052.example.com.");
    assertThat(DnsNames.normalize("\\052.example.com.")).isEqualTo("\\052.example.com.");
    assertThat(DnsNames.normalize("\\101PI.example.com")).isEqualTo("api.example.com.");
    assertThat(DnsNames.normalize("ex\\344mple.com")).isEqualTo("ex\\344mple.com.");
    assertThat(DnsNames.normalize("a\\b.example.com")).as("a backslash not followed by three octal digits")
        .isEqualTo("a\\134b.example.com.");
    assertThat(DnsNames.normalize("_srv-1.example.com")).isEqualTo("_srv-1.example.com.");
  }

  @Test
  void aRawSpaceTabControlOrNonAsciiCharacterIsUnsupported() {
    for (String bad : List.of("foo bar.example.com", "tab\t.example.com", "bell\u0007.example.com",
        "f\u00fc\u00fc.example.com")) {
      assertThatThrownBy(() -> DnsNames.normalize(bad)).as(bad).isInstanceOf(DnsNames.UnsupportedCharacter.class)
          .hasMessageContaining("UnsupportedCharacter");
    }
  }

  @Test
  void ordersByTheReversedNameAsOneStringSoAHyphenSortsBeforeTheDot() {
    List<String> sorted = Stream.of("api.example.com.", "b.a.example.com.", "api-v2.example.com.", "example.com.",
        "\\052.example.com.", "0day.example.com.", "b-c.example.com.").sorted(DnsNames::compare).toList();

    assertThat(sorted).containsExactly("example.com.", "0day.example.com.", "\\052.example.com.",
        "b.a.example.com.", "api-v2.example.com.", "api.example.com.", "b-c.example.com.");
  }

  @Test
  void countsLabelLengthsInBytesWithAnEscapeAsOne() {
    String sixtyThree = "\\052" + "a".repeat(62);
    assertThat(DnsNames.problem(DnsNames.normalize(sixtyThree + ".example.com"))).isNull();
    assertThat(DnsNames.problem(DnsNames.normalize("a" + sixtyThree + ".example.com")))
        .contains("longer than 63");
    assertThat(DnsNames.problem("a..example.com.")).contains("empty label");
  }
}
