package dev.reconciler.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's jte templates, precompiled into classes at build time (src/main/jte): javac checks
 * them against the view records, and nothing compiles at run time. The HTML content type escapes
 * every ${} by its context.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code name}.jte with its two parameters, the frame and the page's model. */
  String render(String name, Views.Frame frame, Object model) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", frame);
    params.put("model", model);
    StringOutput out = new StringOutput();
    engine.render(name + ".jte", params, out);
    return out.toString();
  }
}
