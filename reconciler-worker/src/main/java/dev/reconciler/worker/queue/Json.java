package dev.reconciler.worker.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON reader for data from Redis. It reads only trees of plain values, so nothing in the
 * data can choose a class; it is bounded (nesting, number and name lengths) and strict (duplicate
 * keys and trailing text are errors), so a payload means one thing or nothing.
 */
final class Json {
  /** Longest text read at all: a failure record holds a payload, an error and a traceback. */
  static final int MAX_CHARS = 4 * TaskPayloads.MAX_BYTES;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(64)
                          .maxNameLength(256)
                          .maxStringLength(MAX_CHARS)
                          .maxDocumentLength(MAX_CHARS)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** The text as a tree; a {@link JsonProcessingException} says why it is not JSON. */
  static JsonNode read(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** The first line of a parse error, without Jackson's echo of the source. */
  static String reason(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Plain Java values (strings, numbers, booleans, null, lists, maps) as a tree. */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
  }
}
