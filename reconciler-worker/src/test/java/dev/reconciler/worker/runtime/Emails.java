package dev.reconciler.worker.runtime;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads messages as a mail client would: the decoded text/plain body, a parsed .eml file. */
final class Emails {
  private Emails() {}

  /** The text/plain part of a (multipart) message, decoded; null when it has none. */
  static String plainText(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = plainText(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  /** The file names of every attachment, depth first. */
  static List<String> attachmentNames(Part part) throws Exception {
    List<String> names = new ArrayList<>();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        names.addAll(attachmentNames(multipart.getBodyPart(i)));
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      names.add(part.getFileName());
    }
    return names;
  }

  /** The decoded bytes of the attachment named {@code name}, depth first; null when none is. */
  static byte[] attachment(Part part, String name) throws Exception {
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        byte[] bytes = attachment(multipart.getBodyPart(i), name);
        if (bytes != null) {
          return bytes;
        }
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
        && name.equals(part.getFileName())) {
      try (InputStream in = part.getInputStream()) {
        return in.readAllBytes();
      }
    }
    return null;
  }

  /** An .eml file as a message. */
  static MimeMessage parse(Path eml) throws Exception {
    try (InputStream in = Files.newInputStream(eml)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }
}
