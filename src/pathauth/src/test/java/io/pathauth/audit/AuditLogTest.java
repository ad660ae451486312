package io.pathauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  private final List<String> lines = new ArrayList<>();
  private final Logger logger = Logger.getLogger(AuditLog.LOGGER);
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          lines.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
  }

  private static SecurityEvent failedLogin(String user) {
    return new SecurityEvent(
        SecurityEvent.Type.LOGIN, false, user, "127.0.0.1", "app", "invalid_credentials");
  }

  private static SecurityEvent rejectedToken() {
    return new SecurityEvent(
        SecurityEvent.Type.TOKEN_REJECTED, false, "", "127.0.0.1", "api", "Malformed token");
  }

  private static JsonObject json(String line) {
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Test
  void whenAFloodOfFailedLoginsArrives_thenOnlyTheFirstOnesOfTheMinuteAreWritten() {
    AuditLog log = new AuditLog(clock, 5);
    for (int i = 0; i < 10_000; i++) {
      log.record(failedLogin("user" + i));
    }
    assertEquals(5, lines.size());
    assertEquals("user0", json(lines.get(0)).getString("user"), "the first occurrence is kept");
    assertEquals("failure", json(lines.get(4)).getString("outcome"));
  }

  @Test
  void whenTheMinuteIsOver_thenTheNextFailureBringsACountOfTheLeftOutOnes() {
    AuditLog log = new AuditLog(clock, 5);
    String start = clock.instant().toString();
    for (int i = 0; i < 105; i++) {
      log.record(failedLogin("u" + i));
    }
    clock.advance(Duration.ofSeconds(61));
    log.record(failedLogin("late"));
    assertEquals(7, lines.size(), String.join("\n", lines));
    JsonObject summary = json(lines.get(5));
    assertEquals("suppressed", summary.getString("event"));
    assertEquals("login", summary.getString("type"));
    assertEquals(100, summary.getInt("count"));
    assertEquals(start, summary.getString("since"));
    assertEquals("late", json(lines.get(6)).getString("user"));
  }

  @Test
  void whenOneKindFloods_thenTheOtherKindsAndSuccessesAreStillWritten() {
    AuditLog log = new AuditLog(clock, 3);
    for (int i = 0; i < 1000; i++) {
      log.record(rejectedToken());
    }
    log.record(failedLogin("alice"));
    log.record(new SecurityEvent(SecurityEvent.Type.LOGIN, true, "alice", "127.0.0.1", "app", ""));
    assertEquals(5, lines.size());
    assertEquals("token_rejected", json(lines.get(0)).getString("event"));
    assertEquals("alice", json(lines.get(3)).getString("user"));
    assertEquals("success", json(lines.get(4)).getString("outcome"));
  }

  @Test
  void whenRefusedTokensArriveSlowly_thenEachIsWrittenAtInfo() {
    AuditLog log = new AuditLog(clock, 20);
    for (int i = 0; i < 30; i++) {
      log.record(rejectedToken());
      clock.advance(Duration.ofSeconds(10));
    }
    assertEquals(30, lines.size(), "6 a minute stay under the limit of 20");
    assertTrue(lines.stream().noneMatch(l -> l.contains("suppressed")));
  }

  @Test
  void whenTheClockGoesBack_thenTheLimitStartsAFreshMinuteRatherThanStayingShut() {
    AuditLog log = new AuditLog(clock, 2);
    log.record(failedLogin("a"));
    log.record(failedLogin("b"));
    log.record(failedLogin("c"));
    clock.advance(Duration.ofHours(-1));
    log.record(failedLogin("d"));
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertEquals(1, json(lines.get(2)).getInt("count"));
    assertEquals("d", json(lines.get(3)).getString("user"));
  }
}
