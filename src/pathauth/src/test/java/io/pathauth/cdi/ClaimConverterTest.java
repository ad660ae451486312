package io.pathauth.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;
import org.junit.jupiter.api.Test;

class ClaimConverterTest {

  // Field types stand in for injection point types.
  Optional<String> optionalString;
  Optional<Long> optionalLong;
  Set<String> stringSet;

  private static Type typeOf(String field) throws NoSuchFieldException {
    return ClaimConverterTest.class.getDeclaredField(field).getGenericType();
  }

  @Test
  void whenClaimIsJsonString_thenStringTargetGetsItsValue() {
    assertEquals("alice", ClaimConverter.convert(Json.createValue("alice"), String.class));
  }

  @Test
  void whenClaimIsNumber_thenLongAndDoubleTargetsConvert() {
    assertEquals(42L, ClaimConverter.convert(Json.createValue(42), Long.class));
    assertEquals(42L, ClaimConverter.convert(42L, long.class));
    assertEquals(3.5, ClaimConverter.convert(Json.createValue(3.5), Double.class));
  }

  @Test
  void whenClaimIsJsonBoolean_thenBooleanTargetConverts() {
    assertEquals(true, ClaimConverter.convert(JsonValue.TRUE, Boolean.class));
    assertEquals(false, ClaimConverter.convert(JsonValue.FALSE, boolean.class));
  }

  @Test
  void whenClaimIsArrayOrSet_thenSetOfStringsConverts() throws Exception {
    JsonArray array = Json.createArrayBuilder().add("a").add("b").build();
    assertEquals(Set.of("a", "b"), ClaimConverter.convert(array, typeOf("stringSet")));
    assertEquals(Set.of("x"), ClaimConverter.convert(Set.of("x"), typeOf("stringSet")));
  }

  @Test
  void whenTargetIsJsonType_thenPlainValuesAreWrapped() {
    assertEquals(
        "alice", ((JsonString) ClaimConverter.convert("alice", JsonString.class)).getString());
    assertEquals(7L, ((JsonNumber) ClaimConverter.convert(7L, JsonNumber.class)).longValue());
    JsonObject object = Json.createObjectBuilder().add("k", 1).build();
    assertEquals(object, ClaimConverter.convert(object, JsonValue.class));
  }

  @Test
  void whenTargetIsOptional_thenAbsentIsEmptyAndPresentIsConverted() throws Exception {
    assertEquals(Optional.empty(), ClaimConverter.convert(null, typeOf("optionalString")));
    assertEquals(
        Optional.of(9L), ClaimConverter.convert(Json.createValue(9), typeOf("optionalLong")));
  }

  @Test
  void whenClaimIsAbsent_thenRawTargetGetsNull() {
    assertNull(ClaimConverter.convert(null, String.class));
  }

  @Test
  void whenTypesDoNotFit_thenItFailsClearly() {
    assertThrows(IllegalStateException.class, () -> ClaimConverter.convert("x", Long.class));
    assertThrows(IllegalStateException.class, () -> ClaimConverter.convert("x", JsonNumber.class));
  }

  @Claim("sub")
  static class ByValue {}

  @Claim(standard = Claims.groups)
  static class ByStandard {}

  @Claim(value = "upn", standard = Claims.sub)
  static class Conflicting {}

  @Claim
  static class Nameless {}

  @Test
  void whenClaimAnnotationNamesOneClaim_thenThatNameIsUsed() {
    assertEquals("sub", ClaimConverter.claimName(ByValue.class.getAnnotation(Claim.class)));
    assertEquals("groups", ClaimConverter.claimName(ByStandard.class.getAnnotation(Claim.class)));
  }

  @Test
  void whenClaimAnnotationIsAmbiguousOrEmpty_thenItIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ClaimConverter.claimName(Conflicting.class.getAnnotation(Claim.class)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClaimConverter.claimName(Nameless.class.getAnnotation(Claim.class)));
  }
}
