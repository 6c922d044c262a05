package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayJsonTest {

  private static Overlay sample(GuidanceState state) {
    Readouts r = new Readouts(11, 4.25, 12, 0.913, 1_500_000, 7_300_000, state, "java", true, "fell back \"cuda\"",
        TipConstraint.VEIN, TipState.CONFIRMED);
    return new Overlay(
        42,
        1_764_204_000_123_456_789L,
        66_666_667,
        512,
        480,
        new double[] {1, 0, 0, 2.5, 0, 1, 0, -1, 0, 0, 1, 0, 0, 0, 0, 1},
        List.of(
            new OverlayShape.Polygon(OverlayRole.LV_SILHOUETTE, new float[] {10, 10, 100.04f, 10, 100, 90.96f},
                false, OverlayRole.LV_SILHOUETTE.rgba()),
            new OverlayShape.Polyline(OverlayRole.VEIN, new float[] {1, 2, 3, 4}, OverlayRole.VEIN.rgba()),
            new OverlayShape.Marker(OverlayRole.LEAD_TIP, 50.5f, 60.25f, 6, OverlayRole.LEAD_TIP.rgba()),
            new OverlayShape.Label(OverlayRole.LABEL, 5, 6, "LV", 0xFFFFFFFF)),
        r);
  }

  @Test
  void timestampTravelsExactlyAsAString() {
    JsonObject json = new JsonObject(sample(GuidanceState.TRACKING).toJson());
    assertEquals("1764204000123456789", json.getString("ts"));
    assertEquals(42, json.getLong("seq"));
  }

  @Test
  void readoutsAndStateAreWritten() {
    JsonObject json = new JsonObject(sample(GuidanceState.UNRELIABLE).toJson());
    JsonObject r = json.getJsonObject("readouts");
    assertEquals("UNRELIABLE", json.getString("state"));
    assertEquals(11, r.getInteger("segmentUnderTip"));
    assertEquals(4.3, r.getDouble("distanceToTargetMm"), 1e-9);
    assertEquals(0.913, r.getDouble("confidence"), 1e-9);
    assertEquals(1.5, r.getDouble("poseAgeMs"), 1e-9);
    assertEquals(7.3, r.getDouble("latencyMs"), 1e-9);
    assertEquals(true, r.getBoolean("backendFallback"));
    assertEquals("fell back \"cuda\"", r.getString("message"));
  }

  @Test
  void readoutsSayHowTheTipWasPlaced() {
    JsonObject r = new JsonObject(sample(GuidanceState.TRACKING).toJson()).getJsonObject("readouts");
    assertEquals("vein", r.getString("tipConstraint"));
  }

  @Test
  void readoutsCarryTheTipState() {
    JsonObject r = new JsonObject(sample(GuidanceState.TRACKING).toJson()).getJsonObject("readouts");
    assertEquals("confirmed", r.getString("tipState"));
    Readouts unconfirmed = new Readouts(0, Double.NaN, 12, 0.9, 0, 0, GuidanceState.TRACKING, "java", false,
        "lead tip not confirmed", TipConstraint.NONE, TipState.UNCONFIRMED);
    JsonObject u = new JsonObject(new Overlay(1, 5, 1, 8, 8, null, List.of(), unconfirmed).toJson())
        .getJsonObject("readouts");
    assertEquals("unconfirmed", u.getString("tipState"));
    assertEquals(0, u.getInteger("segmentUnderTip"));
    assertEquals(null, u.getValue("distanceToTargetMm"));
  }

  @Test
  void readoutsStringForPeersCarriesTheTipState() {
    Readouts stale = new Readouts(0, Double.NaN, 12, 0.9, 0, 0, GuidanceState.TRACKING, "java", false, "",
        TipConstraint.NONE, TipState.STALE);
    JsonObject json = new JsonObject(OverlayJson.writeReadouts(new Overlay(3, 5, 1, 8, 8, null, List.of(), stale)));
    assertEquals("stale", json.getJsonObject("readouts").getString("tipState"));
  }

  @Test
  void everyTipStateHasItsOwnWireName() {
    assertEquals(List.of("confirmed", "unconfirmed", "stale", "none"),
        java.util.Arrays.stream(TipState.values()).map(TipState::wireName).toList());
  }

  @Test
  void tipReadoutsWithoutAConfirmedTipAreRejected() {
    for (TipState s : List.of(TipState.UNCONFIRMED, TipState.STALE, TipState.NONE)) {
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Readouts(11,
          Double.NaN, 12, 0.9, 0, 0, GuidanceState.TRACKING, "java", false, "", TipConstraint.NONE, s), s.name());
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Readouts(0, 4.0, 12,
          0.9, 0, 0, GuidanceState.TRACKING, "java", false, "", TipConstraint.NONE, s), s.name());
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Readouts(0,
          Double.NaN, 12, 0.9, 0, 0, GuidanceState.TRACKING, "java", false, "", TipConstraint.RAY, s), s.name());
    }
  }

  @Test
  void unconfirmedTipMarkerKeepsItsOwnRole() {
    Readouts r = new Readouts(0, 0, 0, 0, GuidanceState.REGISTERING, "java", false, "");
    List<OverlayShape> shapes = new java.util.ArrayList<>();
    OverlayProjector.addUnconfirmedTip(shapes, 20, 30);
    JsonArray json = new JsonObject(new Overlay(1, 5, 1, 64, 64, null, shapes, r).toJson()).getJsonArray("shapes");
    assertEquals("marker", json.getJsonObject(0).getString("kind"));
    assertEquals("LEAD_TIP_UNCONFIRMED", json.getJsonObject(0).getString("role"));
    assertEquals("label", json.getJsonObject(1).getString("kind"));
    assertEquals("tip?", json.getJsonObject(1).getString("text"));
  }

  @Test
  void shapesKeepOrderKindAndRoundedCoordinates() {
    JsonArray shapes = new JsonObject(sample(GuidanceState.TRACKING).toJson()).getJsonArray("shapes");
    assertEquals(4, shapes.size());
    JsonObject polygon = shapes.getJsonObject(0);
    assertEquals("polygon", polygon.getString("kind"));
    assertEquals("LV_SILHOUETTE", polygon.getString("role"));
    assertEquals("#33dd55ff", polygon.getString("colour"));
    assertEquals(new JsonArray(List.of(10.0, 10.0, 100.0, 10.0, 100.0, 91.0)), polygon.getJsonArray("uv"));
    assertEquals("polyline", shapes.getJsonObject(1).getString("kind"));
    assertEquals(60.3, shapes.getJsonObject(2).getDouble("v"), 1e-9);
    assertEquals("LV", shapes.getJsonObject(3).getString("text"));
  }

  @Test
  void unknownDistanceAndMissingPoseAreNull() {
    Readouts r = new Readouts(0, 0, 0, 0, GuidanceState.REGISTERING, "java", false, "");
    JsonObject json = new JsonObject(new Overlay(1, 5, 1, 8, 8, null, List.of(), r).toJson());
    assertTrue(json.getJsonObject("readouts").containsKey("distanceToTargetMm"));
    assertEquals(null, json.getJsonObject("readouts").getValue("distanceToTargetMm"));
    assertEquals(null, json.getValue("pose"));
  }

  @Test
  void theSameOverlayAlwaysGivesTheSameText() {
    assertEquals(sample(GuidanceState.TRACKING).toJson(), sample(GuidanceState.TRACKING).toJson());
  }

  @Test
  void fixedRoundsNegativeValuesSymmetrically() {
    StringBuilder b = new StringBuilder();
    OverlayJson.fixed(b, -2.25, 1);
    b.append(' ');
    OverlayJson.fixed(b, -0.04, 1);
    b.append(' ');
    OverlayJson.fixed(b, 0.05, 2);
    assertEquals("-2.2 0.0 0.05", b.toString());
  }
}
