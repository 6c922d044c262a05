package cathnav.igtl.net.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.net.MessageSupersededException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

class LatestOnlyOutboxTest {

  @Test
  void newerMessageOfSameKeyReplacesAndReleasesTheOlder() {
    LatestOnlyOutbox<String> box = new LatestOnlyOutbox<>();
    ByteBuf old = Unpooled.buffer(4);
    ByteBuf newer = Unpooled.buffer(4);
    Promise<Void> oldPromise = Promise.promise();
    assertFalse(box.offer("IMAGE:Fluoro", old, oldPromise));
    assertTrue(box.offer("IMAGE:Fluoro", newer, Promise.promise()));
    assertEquals(0, old.refCnt());
    assertTrue(oldPromise.future().failed());
    assertTrue(oldPromise.future().cause() instanceof MessageSupersededException);
    assertSame(newer, box.poll().message());
    assertNull(box.poll());
    newer.release();
  }

  @Test
  void keysLeaveInTheOrderTheyFirstBecamePending() {
    LatestOnlyOutbox<String> box = new LatestOnlyOutbox<>();
    box.offer("IMAGE:a", "i1", null);
    box.offer("TRANSFORM:r", "t1", null);
    box.offer("IMAGE:a", "i2", null);
    assertEquals("t1", box.poll().message());
    assertEquals("i2", box.poll().message());
    assertTrue(box.isEmpty());
  }

  @Test
  void discardAllReleasesAndFailsEverything() {
    LatestOnlyOutbox<String> box = new LatestOnlyOutbox<>();
    ByteBuf a = Unpooled.buffer(4);
    Promise<Void> p = Promise.promise();
    box.offer("a", a, p);
    box.discardAll(new IllegalStateException("closed"));
    assertEquals(0, a.refCnt());
    assertTrue(p.future().failed());
    assertEquals(0, box.size());
  }
}
