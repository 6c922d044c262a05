package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LatestFrameSlotTest {

  @Test
  void pollReturnsTheNewestOfferedItem() {
    List<Integer> dropped = new ArrayList<>();
    LatestFrameSlot<Integer> slot = new LatestFrameSlot<>(dropped::add);
    slot.offer(1);
    slot.offer(2);
    slot.offer(3);
    assertEquals(3, slot.poll());
    assertNull(slot.poll());
  }

  @Test
  void replacedItemsAreCountedAndHandedToTheDropHandler() {
    List<Integer> dropped = new ArrayList<>();
    LatestFrameSlot<Integer> slot = new LatestFrameSlot<>(dropped::add);
    assertFalse(slot.offer(1));
    assertTrue(slot.offer(2));
    assertTrue(slot.offer(3));
    assertEquals(List.of(1, 2), dropped);
    assertEquals(2, slot.dropped());
    assertEquals(3, slot.offered());
  }

  @Test
  void closeReleasesTheHeldItemAndDropsLaterOffers() {
    List<Integer> dropped = new ArrayList<>();
    LatestFrameSlot<Integer> slot = new LatestFrameSlot<>(dropped::add);
    slot.offer(1);
    slot.close();
    slot.offer(2);
    assertEquals(List.of(1, 2), dropped);
    assertNull(slot.poll());
  }

  @Test
  void everyItemOfConcurrentProducersIsEitherPolledOrDroppedExactlyOnce() throws Exception {
    int producers = 3;
    int perProducer = 20_000;
    Set<Integer> dropped = ConcurrentHashMap.newKeySet();
    Set<Integer> polled = ConcurrentHashMap.newKeySet();
    LatestFrameSlot<Integer> slot = new LatestFrameSlot<>(i -> assertTrue(dropped.add(i), "dropped twice: " + i));
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(producers);
    Thread consumer = new Thread(() -> {
      while (true) {
        Integer i = slot.poll();
        if (i != null) {
          assertTrue(polled.add(i), "polled twice: " + i);
        } else if (done.get()) {
          return;
        }
      }
    });
    consumer.start();
    for (int p = 0; p < producers; p++) {
      int base = p * perProducer;
      new Thread(() -> {
        for (int i = 0; i < perProducer; i++) {
          slot.offer(base + i);
        }
        finished.countDown();
      }).start();
    }
    finished.await();
    done.set(true);
    consumer.join();
    Integer last = slot.poll();
    if (last != null) {
      polled.add(last);
    }
    assertEquals(producers * perProducer, polled.size() + dropped.size());
    assertEquals(dropped.size(), slot.dropped());
    for (Integer i : polled) {
      assertFalse(dropped.contains(i), "item both polled and dropped: " + i);
    }
  }
}
