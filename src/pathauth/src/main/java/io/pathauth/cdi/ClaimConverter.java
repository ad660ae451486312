package io.pathauth.cdi;

import io.smallrye.jwt.JsonUtils;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;

/**
 * Converts a claim value, as {@link org.eclipse.microprofile.jwt.JsonWebToken#getClaim} returns it,
 * to the type of an {@code @Claim} injection point: the raw types of the MP-JWT specification
 * ({@code String}, {@code Long}, {@code Boolean}, {@code Double}, {@code Set<String>}), the JSON-P
 * types, and {@code Optional} of either.
 */
final class ClaimConverter {

  private ClaimConverter() {}

  /** The claim an injection point names: {@code value}, else {@code standard}. */
  static String claimName(Claim claim) {
    String value = claim.value();
    Claims standard = claim.standard();
    if (!value.isEmpty()) {
      if (standard != Claims.UNKNOWN && !standard.name().equals(value)) {
        throw new IllegalArgumentException(
            "@Claim names two claims: value '" + value + "' and standard " + standard.name());
      }
      return value;
    }
    if (standard == Claims.UNKNOWN) {
      throw new IllegalArgumentException("@Claim names no claim");
    }
    return standard.name();
  }

  /**
   * {@code value} as {@code target}; null when the claim is absent and the target is not Optional.
   */
  static Object convert(Object value, Type target) {
    if (target instanceof ParameterizedType p && p.getRawType() == Optional.class) {
      return Optional.ofNullable(convert(value, p.getActualTypeArguments()[0]));
    }
    if (value == null) {
      return null;
    }
    Class<?> raw = rawType(target);
    if (raw == String.class) {
      return value instanceof JsonString s ? s.getString() : value.toString();
    }
    if (raw == Long.class || raw == long.class) {
      return number(value, target).longValue();
    }
    if (raw == Double.class || raw == double.class) {
      return number(value, target).doubleValue();
    }
    if (raw == Boolean.class || raw == boolean.class) {
      if (value instanceof Boolean b) {
        return b;
      }
      if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
        return value == JsonValue.TRUE;
      }
      throw mismatch(value, target);
    }
    if (raw == Set.class) {
      return strings(value, target);
    }
    if (JsonValue.class.isAssignableFrom(raw)) {
      JsonValue json = JsonUtils.wrapValue(value);
      if (raw.isInstance(json)) {
        return json;
      }
      throw mismatch(value, target);
    }
    if (raw.isInstance(value)) {
      return value;
    }
    throw mismatch(value, target);
  }

  private static Number number(Object value, Type target) {
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof JsonNumber n) {
      return n.numberValue();
    }
    throw mismatch(value, target);
  }

  private static Set<String> strings(Object value, Type target) {
    Collection<?> items;
    if (value instanceof JsonArray a) {
      items = a;
    } else if (value instanceof Collection<?> c) {
      items = c;
    } else {
      throw mismatch(value, target);
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object item : items) {
      out.add(item instanceof JsonString s ? s.getString() : String.valueOf(item));
    }
    return Set.copyOf(out);
  }

  static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    throw new IllegalArgumentException("unsupported @Claim type " + type);
  }

  private static IllegalStateException mismatch(Object value, Type target) {
    return new IllegalStateException(
        "claim of type " + value.getClass().getSimpleName() + " cannot be injected as " + target);
  }
}
