package cathnav.gpu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchBufferTest {

  /** A fake device allocation: its size and name, so the test sees what was asked for. */
  private record Allocation(long bytes, String what) {}

  private final List<Allocation> freed = new ArrayList<>();
  private final ScratchBuffer<Allocation> scratch = new ScratchBuffer<>("rays", Allocation::new, freed::add);

  @Test
  void reusesTheBufferForSmallerOrEqualRequests() {
    Allocation first = scratch.ensure(1024);
    assertSame(first, scratch.ensure(512));
    assertSame(first, scratch.ensure(1024));
    assertSame(first, scratch.current());
    assertEquals(List.of(), freed);
    assertEquals(new Allocation(1024, "rays"), first);
  }

  @Test
  void growingFreesTheOldBufferFirst() {
    Allocation small = scratch.ensure(100);
    Allocation large = scratch.ensure(101);
    assertNotSame(small, large);
    assertEquals(101, large.bytes());
    assertEquals(List.of(small), freed);
  }

  @Test
  void releaseFreesOnceAndTheNextRequestAllocatesAgain() {
    Allocation a = scratch.ensure(64);
    scratch.release();
    scratch.release();
    assertEquals(List.of(a), freed);
    assertNull(scratch.current());
    assertNotSame(a, scratch.ensure(8));
  }
}
