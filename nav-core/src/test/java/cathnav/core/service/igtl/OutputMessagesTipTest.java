package cathnav.core.service.igtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayProjector;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.overlay.Readouts;
import cathnav.core.overlay.TipConstraint;
import cathnav.core.overlay.TipState;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What OpenIGTLink peers receive about an unconfirmed lead tip. */
class OutputMessagesTipTest {

  private static final FrameGeometry AP = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, 64, 64, 0.6, 0.6));
  private static final String MESSAGE = "lead tip not confirmed: segment and distance withheld";

  private static List<IgtlMessage> unconfirmedTipFrame() {
    List<OverlayShape> shapes = new ArrayList<>();
    OverlayProjector.addUnconfirmedTip(shapes, 20, 30);
    Readouts r = new Readouts(0, Double.NaN, 9, 0.9, 0, 0, GuidanceState.TRACKING, "java", false, MESSAGE,
        TipConstraint.NONE, TipState.UNCONFIRMED);
    return OutputMessages.forFrame(new Overlay(4, 1_000, 66_666_667, 64, 64, null, shapes, r), AP);
  }

  private static <T> T body(List<IgtlMessage> out, String device, Class<T> type) {
    return out.stream().filter(m -> m.deviceName().equals(device) && type.isInstance(m.body()))
        .map(m -> type.cast(m.body())).findFirst().orElseThrow(() -> new AssertionError("no " + device));
  }

  @Test
  void readoutsStringSaysTheTipIsUnconfirmed() {
    JsonObject json = new JsonObject(body(unconfirmedTipFrame(), OutputMessages.READOUTS, StringBody.class).value());
    assertEquals("unconfirmed", json.getJsonObject("readouts").getString("tipState"));
    assertEquals(0, json.getJsonObject("readouts").getInteger("segmentUnderTip"));
  }

  @Test
  void statusSaysWhyTheReadoutsAreWithheld() {
    assertEquals(MESSAGE, body(unconfirmedTipFrame(), OutputMessages.STATE, StatusBody.class).message());
  }

  @Test
  void overlayPolyDataMarksTheTipWithTheUnconfirmedRole() {
    PolyDataBody poly = body(unconfirmedTipFrame(), OutputMessages.OVERLAY, PolyDataBody.class);
    float[] roles = poly.attributes().get(0).data();
    assertEquals(1, roles.length, "one vertex: the tip (labels are not sent)");
    assertEquals(OverlayRole.LEAD_TIP_UNCONFIRMED.ordinal(), (int) roles[0]);
    assertTrue(OverlayRole.LEAD_TIP_UNCONFIRMED.ordinal() > OverlayRole.LABEL.ordinal(),
        "the new role is appended: older peers keep their role numbers");
  }
}
