package dev.reconciler.core.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The ground truth's JSON mapping. LocalDate is mapped by hand so that core does not need the
 * jackson-datatype-jsr310 module for one field.
 */
final class TruthJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule("iso-local-date")
                  .addSerializer(LocalDate.class, ToStringSerializer.instance)
                  .addDeserializer(LocalDate.class, new IsoDate()));

  private TruthJson() {}

  /** Writes a truth file, creating its directory. */
  static void write(Path json, Object truth) throws IOException {
    Path parent = json.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    MAPPER.writeValue(json.toFile(), truth);
  }

  private static final class IsoDate extends StdScalarDeserializer<LocalDate> {
    private static final long serialVersionUID = 1L;

    IsoDate() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return LocalDate.parse(p.getValueAsString());
    }
  }
}
