package io.pathauth.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CasTest {

  @Test
  void whenManyThreadsIncrementOneKey_thenNoUpdateIsLost() throws Exception {
    MapKeyValueStore store = new MapKeyValueStore();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < 1000; i++) {
                  Cas.update(
                      store,
                      "n",
                      v -> Optional.of(Integer.toString(v.map(Integer::parseInt).orElse(0) + 1)));
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(Optional.of("4000"), store.get("n"));
  }

  @Test
  void whenTheChangeIsEmpty_thenTheEntryIsRemoved() {
    MapKeyValueStore store = new MapKeyValueStore();
    store.put("k", "v");
    assertEquals(Optional.of("v"), Cas.update(store, "k", v -> Optional.empty()));
    assertEquals(0, store.size());
  }
}
