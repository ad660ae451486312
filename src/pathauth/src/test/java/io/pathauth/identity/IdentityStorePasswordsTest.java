package io.pathauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.support.FakeRequests;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityStorePasswordsTest {

  @Test
  void whenAStoreAnswers_thenItsAnswerWithTheCredentialsHandedOver() {
    CredentialValidationResult valid = new CredentialValidationResult("alice", Set.of("user"));
    IdentityStorePasswords check =
        new IdentityStorePasswords(
            credential -> {
              UsernamePasswordCredential c = (UsernamePasswordCredential) credential;
              return c.getCaller().equals("alice") && c.compareTo("alice", "pw")
                  ? valid
                  : CredentialValidationResult.INVALID_RESULT;
            });
    assertSame(valid, check.validate("alice", "pw", FakeRequests.withAttributes()));
    assertEquals(
        CredentialValidationResult.Status.INVALID,
        check.validate("alice", "wrong", FakeRequests.withAttributes()).getStatus());
  }

  @Test
  void whenNoStoreCouldCheckThePassword_thenUnavailableNotAFailedLogin() {
    IdentityStorePasswords check =
        new IdentityStorePasswords(credential -> CredentialValidationResult.NOT_VALIDATED_RESULT);
    assertThrows(
        IdentityUnavailableException.class,
        () -> check.validate("alice", "pw", FakeRequests.withAttributes()));
  }

  @Test
  void whenAStoreThrows_thenUnavailable() {
    IdentityStorePasswords check =
        new IdentityStorePasswords(
            credential -> {
              throw new IllegalStateException("database down");
            });
    assertThrows(
        IdentityUnavailableException.class,
        () -> check.validate("alice", "pw", FakeRequests.withAttributes()));
  }
}
