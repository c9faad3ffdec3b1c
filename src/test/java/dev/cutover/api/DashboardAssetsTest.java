package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboard's files: all served, all from the jar, none loading anything from elsewhere. */
class DashboardAssetsTest {
  static final Path DIR = Path.of("src/main/resources/dev/cutover/api", DashboardAssets.DIR);
  static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s+'\\./([\\w.-]+)'|src=\"/assets/([\\w.-]+)\""
      + "|href=\"/assets/([\\w.-]+)\"");

  @Test
  void everyFileOfTheDashboardDirectoryIsServedAndEveryServedFileExists() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      Set<String> present = files.map(f -> f.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(present).isEqualTo(new TreeSet<>(DashboardAssets.FILES));
    }
    DashboardAssets assets = new DashboardAssets();
    DashboardAssets.FILES.forEach(f -> assertThat(assets.get(f)).as(f).isPresent());
  }

  @Test
  void everyModuleImportsOnlyFilesThatAreServed() throws IOException {
    for (String f : DashboardAssets.FILES) {
      Matcher m = IMPORT.matcher(read(f));
      while (m.find()) {
        String target = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        assertThat(DashboardAssets.FILES).as(f + " loads " + target).contains(target);
      }
    }
  }

  @Test
  void noFileLoadsAnythingFromAnotherHost() throws IOException {
    for (String f : DashboardAssets.FILES) {
      // the SVG namespace is a name, not an address anything is loaded from
      assertThat(read(f).replace("'http://www.w3.org/2000/svg'", "")).as(f)
          .doesNotContain("http://", "https://", "//cdn", "@import");
    }
  }

  @Test
  void theLiveUpdatesListenToEveryEventTypeTheJournalWrites() throws IOException {
    Set<String> types = Arrays.stream(CutoverEvent.class.getPermittedSubclasses())
        .map(c -> c.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
    String live = read("live.js");
    String list = live.substring(live.indexOf("EVENT_TYPES = ["), live.indexOf("];", live.indexOf("EVENT_TYPES")));
    Set<String> listened = Pattern.compile("'([a-z-]+)'").matcher(list).results().map(r -> r.group(1))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(listened).isEqualTo(types);
  }

  @Test
  void contentTypesAreTheOnesBrowsersRunModulesAndStylesWith() {
    assertThat(List.of("a.html", "a.css", "a.js").stream().map(DashboardAssets::type)).containsExactly(
        "text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript; charset=utf-8");
  }

  private static String read(String f) throws IOException {
    return Files.readString(DIR.resolve(f), StandardCharsets.UTF_8);
  }
}
