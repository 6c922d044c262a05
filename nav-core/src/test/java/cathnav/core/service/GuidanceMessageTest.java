package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link NavigationPipeline#guidanceMessage}: a readout message without the lead-tip sentence the pipeline appends. */
class GuidanceMessageTest {

  private static final String[] TIP_MESSAGES = {NavigationPipeline.UNCONFIRMED_TIP_MESSAGE,
      NavigationPipeline.STALE_TIP_MESSAGE, NavigationPipeline.JUMPED_TIP_MESSAGE};

  @Test
  void eachTipSentenceAfterAStateMessageIsRemoved() {
    String state = NavigationPipeline.unverifiedMessage("checking the heart's position against the image");
    for (String tip : TIP_MESSAGES) {
      assertEquals(state, NavigationPipeline.guidanceMessage(state + "; " + tip), tip);
    }
  }

  @Test
  void aTipSentenceAloneLeavesNothing() {
    for (String tip : TIP_MESSAGES) {
      assertEquals("", NavigationPipeline.guidanceMessage(tip), tip);
    }
  }

  @Test
  void aStateMessageWithItsOwnSemicolonIsKeptWhole() {
    assertEquals(NavigationPipeline.CARM_MOVING_MESSAGE,
        NavigationPipeline.guidanceMessage(NavigationPipeline.CARM_MOVING_MESSAGE));
    assertEquals(NavigationPipeline.CARM_MOVING_MESSAGE, NavigationPipeline.guidanceMessage(
        NavigationPipeline.CARM_MOVING_MESSAGE + "; " + NavigationPipeline.STALE_TIP_MESSAGE));
  }
}
