package dev.reconciler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Redis data in every context a template puts it: element text, attributes, pre, links. */
class TemplatesTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String QUOTE = "x\" onmouseover=\"alert(2)";

  private final Templates templates = new Templates();

  private static Views.Frame frame(boolean canAct) {
    return new Views.Frame(
        "Task " + SCRIPT, "task", "ana", "operator", canAct, null, "tok", false, true, 5);
  }

  @Test
  void aTaskPageEscapesEveryValueFromRedis() {
    Views.TaskDetail task =
        new Views.TaskDetail(
            QUOTE,
            SCRIPT,
            "FAILURE",
            "[\"" + SCRIPT + "\"]",
            List.of(new Views.Field("worker", SCRIPT)),
            List.of(new Views.AttemptRow("0", "RETRY", SCRIPT, SCRIPT, SCRIPT, SCRIPT, SCRIPT)),
            SCRIPT,
            SCRIPT,
            SCRIPT,
            QUOTE,
            SCRIPT,
            List.of(new Views.LinkRow("2026-11-24", QUOTE, SCRIPT)),
            List.of(new Views.FollowUpRow(QUOTE, SCRIPT, SCRIPT)),
            null,
            false,
            true,
            true);
    String html = templates.render("task", frame(true), task);
    // Quotes are harmless in text; in an attribute they must not end it.
    assertThat(html).doesNotContain(SCRIPT).doesNotContain("onmouseover=\"alert(2)\"");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("x&#34; onmouseover=&#34;alert(2)");
    // Only the two script files of the layout: no element the data opened.
    assertThat(html.split("<script", -1)).hasSize(3);
  }

  @Test
  void aFailedListEscapesReasonsAndIds() {
    Views.FailedList list =
        new Views.FailedList(
            List.of(
                new Views.FailedRow("0", QUOTE, SCRIPT, SCRIPT, SCRIPT, SCRIPT, SCRIPT, SCRIPT)),
            "1",
            0,
            false);
    String html = templates.render("failed", frame(true), list);
    assertThat(html).doesNotContain(SCRIPT).doesNotContain("onmouseover=\"alert(2)\"");
    assertThat(html).contains("value=\"x&#34; onmouseover=&#34;alert(2)\"");
  }

  @Test
  void aViewerGetsNoActionForms() {
    Views.FailedList list =
        new Views.FailedList(
            List.of(new Views.FailedRow("0", "t1", "ping", "q", "now", "E", "boom", "w")),
            "1",
            0,
            false);
    String html =
        templates.render(
            "failed",
            new Views.Frame(
                "Failed",
                "failed",
                "bo",
                "viewer",
                false,
                "Actions need an operator.",
                "tok",
                false,
                true,
                5),
            list);
    assertThat(html)
        .doesNotContain("action=\"/failed/retry\"")
        .contains("Actions need an operator.");
  }

  @Test
  void aFragmentIsTheMainContentOnly() {
    Views.Frame frame =
        new Views.Frame("Overview", "overview", null, null, false, null, "tok", true, false, 5);
    String html =
        templates.render("message", frame, new Views.Message(true, "Done", "done it", "/"));
    assertThat(html).contains("done it").doesNotContain("<html").doesNotContain("<nav");
  }

  /** [web] refresh_seconds reaches the page the script reads, and its footer; 0: neither. */
  @Test
  void aPageRefreshesAsOftenAsConfiguredOrNotAtAll() {
    Views.FailedList empty = new Views.FailedList(List.of(), "0", 0, false);
    String every30 =
        templates.render(
            "failed",
            new Views.Frame("Failed", "failed", null, null, false, null, "tok", false, false, 30),
            empty);
    assertThat(every30)
        .contains("<main id=\"main\" data-refresh=\"30\">")
        .contains("Refreshes every 30 s while the tab is visible.");

    String never =
        templates.render(
            "failed",
            new Views.Frame("Failed", "failed", null, null, false, null, "tok", false, false, 0),
            empty);
    assertThat(never).doesNotContain("data-refresh").doesNotContain("Refreshes every");
  }
}
