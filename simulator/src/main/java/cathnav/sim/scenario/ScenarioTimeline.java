package cathnav.sim.scenario;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.sim.AcquisitionState;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's controls as functions of time: frame times (with frame-rate changes), the acquisition state of each
 * frame, heart rate and breath-hold. Deterministic and immutable.
 */
public final class ScenarioTimeline {

  private final Scenario scenario;
  private final Vec3 isocenter;
  private final List<Double> frameTimes;

  /** @param isocenter the C-arm isocentre when the scenario names none (the heart centre), RAS mm */
  public ScenarioTimeline(Scenario scenario, Vec3 isocenter) {
    this.scenario = scenario;
    this.isocenter = scenario.isocenter() != null ? scenario.isocenter() : isocenter;
    List<Double> times = new ArrayList<>();
    double t = 0;
    while (t < scenario.durationS() - 1e-9) {
      times.add(t);
      t += 1.0 / fpsAt(t);
    }
    this.frameTimes = List.copyOf(times);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Acquisition time of every frame, seconds from the start. */
  public List<Double> frameTimes() {
    return frameTimes;
  }

  /** Frame rate in force at {@code t}. */
  public double fpsAt(double t) {
    double fps = scenario.fps();
    for (ScenarioEvent.FrameRate e : scenario.eventsOf(ScenarioEvent.FrameRate.class)) {
      if (e.atS() <= t + 1e-9) {
        fps = e.fps();
      }
    }
    return fps;
  }

  /** Heart rate in force at {@code t}, beats per minute. */
  public double heartRateAt(double t) {
    double bpm = scenario.cardiac().heartRateBpm();
    for (ScenarioEvent.HeartRate e : scenario.eventsOf(ScenarioEvent.HeartRate.class)) {
      if (e.atS() <= t) {
        bpm = e.bpm();
      }
    }
    return bpm;
  }

  /** Whether the breath is held at {@code t}. */
  public boolean breathHoldAt(double t) {
    boolean hold = false;
    for (ScenarioEvent.BreathHold e : scenario.eventsOf(ScenarioEvent.BreathHold.class)) {
      if (e.atS() <= t) {
        hold = e.hold();
      }
    }
    return hold;
  }

  /** The C-arm at {@code t}. */
  public CArmGeometry carmAt(double t) {
    double a = scenario.primaryDeg();
    double b = scenario.secondaryDeg();
    for (ScenarioEvent.CArmMove e : scenario.eventsOf(ScenarioEvent.CArmMove.class)) {
      double f = progress(e.atS(), e.durationS(), t);
      if (f <= 0) {
        break;
      }
      a += (e.primaryDeg() - a) * f;
      b += (e.secondaryDeg() - b) * f;
    }
    return new CArmGeometry(a, b, scenario.sidMm(), scenario.sodMm(), scenario.width(), scenario.height(),
        scenario.pixelSpacingMm(), scenario.pixelSpacingMm(), (scenario.width() - 1) / 2.0,
        (scenario.height() - 1) / 2.0, isocenter);
  }

  /** The patient pose at {@code t}: the table offset as a translation. */
  public RigidTransform patientPoseAt(double t) {
    double[] off = new double[3];
    for (ScenarioEvent.TableMove e : scenario.eventsOf(ScenarioEvent.TableMove.class)) {
      double f = progress(e.atS(), e.durationS(), t);
      if (f <= 0) {
        break;
      }
      double[] target = e.offsetMm();
      for (int i = 0; i < 3; i++) {
        off[i] += (target[i] - off[i]) * f;
      }
    }
    return new RigidTransform(new double[] {1, 0, 0, off[0], 0, 1, 0, off[1], 0, 0, 1, off[2], 0, 0, 0, 1});
  }

  /**
   * Whether frame {@code i} is seen from a view (C-arm projection and patient pose) that the C-arm or table is
   * moving through: one that differs from both neighbouring frames' views (a single frame is not passing).
   */
  public boolean viewPassing(int i) {
    int n = frameTimes.size();
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException("frame out of range, frame=" + i + ", frames=" + n);
    }
    if (n == 1) {
      return false;
    }
    boolean sameAsPrevious = i > 0 && sameView(i, i - 1);
    boolean sameAsNext = i + 1 < n && sameView(i, i + 1);
    return !sameAsPrevious && !sameAsNext;
  }

  /**
   * The first frame of each held view, in frame order: a view (C-arm projection and patient pose) that stays for at
   * least two consecutive frames, each distinct view listed once (a view returned to is listed at its first use).
   */
  public List<Integer> heldViewStarts() {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < frameTimes.size(); i++) {
      if (viewPassing(i) || (i > 0 && sameView(i, i - 1))) {
        continue;
      }
      boolean seen = false;
      for (int s : starts) {
        seen |= sameView(s, i);
      }
      if (!seen) {
        starts.add(i);
      }
    }
    return List.copyOf(starts);
  }

  private boolean sameView(int i, int j) {
    double ti = frameTimes.get(i);
    double tj = frameTimes.get(j);
    return carmAt(ti).equals(carmAt(tj)) && patientPoseAt(ti).equals(patientPoseAt(tj));
  }

  /** The full acquisition state of a frame at {@code t}. */
  public AcquisitionState stateAt(double t) {
    double lead = ramp(scenario.leadInsertionMm(), t, scenario.eventsOf(ScenarioEvent.LeadAdvance.class).stream()
        .map(e -> new double[] {e.atS(), e.durationS(), e.insertionMm()}).toList());
    double cs = ramp(scenario.csCatheterInsertionMm(), t, scenario.eventsOf(ScenarioEvent.CsCatheterAdvance.class)
        .stream().map(e -> new double[] {e.atS(), e.durationS(), e.insertionMm()}).toList());
    double contrast = 0;
    for (ScenarioEvent.ContrastInjection e : scenario.eventsOf(ScenarioEvent.ContrastInjection.class)) {
      double tau = t - e.atS();
      if (tau > 0) {
        double tp = e.durationS() / 3;
        contrast += e.peak() * (tau / tp) * Math.exp(1 - tau / tp);
      }
    }
    double dose = scenario.doseNGy();
    for (ScenarioEvent.Dose e : scenario.eventsOf(ScenarioEvent.Dose.class)) {
      if (e.atS() <= t) {
        dose = e.doseNGy();
      }
    }
    return new AcquisitionState(cathnav.core.geometry.FrameGeometry.of(carmAt(t)), patientPoseAt(t), dose,
        Math.max(0, lead), Math.max(0, cs), Math.min(1, contrast));
  }

  private static double ramp(double initial, double t, List<double[]> events) {
    double v = initial;
    for (double[] e : events) {
      double f = progress(e[0], e[1], t);
      if (f <= 0) {
        break;
      }
      v += (e[2] - v) * f;
    }
    return v;
  }

  /** 0 before the event, 1 after it, linear in between (a step when the duration is 0). */
  private static double progress(double at, double duration, double t) {
    if (t < at) {
      return 0;
    }
    return duration <= 0 ? 1 : Math.min(1, (t - at) / duration);
  }
}
