package dev.reconciler.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesMarkupAmpersandsAndQuotes() {
    assertThat(Html.escape("<script>alert('x' & \"y\")</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
  }

  @Test
  void escapesAnAmpersandOnlyOnce() {
    assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
  }

  @Test
  void leavesPlainTextAndUnicodeAlone() {
    assertThat(Html.escape("Zahlung für Kunde 42 — ok")).isEqualTo("Zahlung für Kunde 42 — ok");
  }

  @Test
  void turnsNullIntoEmptyText() {
    assertThat(Html.escape(null)).isEmpty();
  }
}
