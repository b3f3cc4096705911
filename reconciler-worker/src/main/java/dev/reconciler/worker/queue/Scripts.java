package dev.reconciler.worker.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The queue's Lua scripts (resources beside this class, each with prelude.lua in front), run by SHA
 * with a fallback to the full source: a restarted Redis has forgotten every script.
 */
final class Scripts {
  private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();
  private static final Map<String, String> SHAS = new ConcurrentHashMap<>();

  private Scripts() {}

  static Object eval(Jedis jedis, String name, List<String> args) {
    return run(
        name,
        sha -> jedis.evalsha(sha, List.of(), args),
        source -> jedis.eval(source, List.of(), args));
  }

  /**
   * As {@link #eval}, with arguments and replies as bytes: a payload as stored goes to the script
   * and comes back from it unchanged, where text would turn bytes that are not UTF-8 into U+FFFD.
   */
  static Object evalBytes(Jedis jedis, String name, List<byte[]> args) {
    return run(
        name,
        sha -> jedis.evalsha(SafeEncoder.encode(sha), List.of(), args),
        source -> jedis.eval(SafeEncoder.encode(source), List.of(), args));
  }

  /** Text arguments as {@link #evalBytes} takes them, in a list that more may be added to. */
  static List<byte[]> bytes(List<String> args) {
    List<byte[]> encoded = new ArrayList<>(args.size());
    args.forEach(a -> encoded.add(SafeEncoder.encode(a)));
    return encoded;
  }

  private static Object run(
      String name, Function<String, Object> bySha, Function<String, Object> bySource) {
    String source = SOURCES.computeIfAbsent(name, Scripts::load);
    String sha = SHAS.get(name);
    if (sha != null) {
      try {
        return bySha.apply(sha);
      } catch (JedisNoScriptException e) {
        SHAS.remove(name);
      }
    }
    Object result = bySource.apply(source);
    SHAS.put(name, sha1(source));
    return result;
  }

  private static String sha1(String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(SafeEncoder.encode(source));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String load(String name) {
    return prelude() + "\n" + read(name + ".lua");
  }

  /** The shared prelude with the payload bounds filled in: Java and Lua check the same numbers. */
  private static String prelude() {
    return read("prelude.lua")
        .replace("__MAX_PAYLOAD_BYTES__", String.valueOf(TaskPayloads.MAX_BYTES))
        .replace("__MAX_TOKEN__", String.valueOf(TaskPayloads.MAX_TOKEN))
        .replace("__MAX_ATTEMPT__", String.valueOf(TaskPayloads.MAX_ATTEMPT))
        .replace("__MAX_INDEXED__", String.valueOf(TaskQueue.MAX_INDEXED_TASKS));
  }

  private static String read(String file) {
    try (InputStream in = Scripts.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read Lua script " + file, e);
    }
  }
}
