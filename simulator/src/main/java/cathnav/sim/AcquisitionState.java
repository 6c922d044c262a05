package cathnav.sim;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.RigidTransform;
import java.util.Objects;

/**
 * What the operator controls for one frame: the C-arm view, where the patient lies, the dose, how far the devices
 * are in and how much contrast is in the coronary sinus. A scenario produces one of these per frame.
 *
 * @param geometry the view: {@code P}, detector size and pixel spacing, and the C-arm parameters when known
 * @param patientPose {@code T}: the pre-op model (CT or phantom) to RAS, rigid; table moves change it
 * @param doseNGy detector-entrance air kerma per frame of the unattenuated beam, nGy
 * @param leadInsertionMm how far the pacing lead tip is along its route, mm (0: no lead)
 * @param csCatheterInsertionMm how far the CS catheter tip is along its route, mm (0: no catheter)
 * @param contrast coronary-sinus and lateral-vein opacification in [0, 1] (1: undiluted contrast)
 */
public record AcquisitionState(
    FrameGeometry geometry,
    RigidTransform patientPose,
    double doseNGy,
    double leadInsertionMm,
    double csCatheterInsertionMm,
    double contrast) {

  public AcquisitionState {
    Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(patientPose, "patientPose").checkedRigid();
    if (!(doseNGy > 0) || Double.isInfinite(doseNGy)) {
      throw new IllegalArgumentException("dose must be positive, doseNGy=" + doseNGy);
    }
    if (!(leadInsertionMm >= 0) || !(csCatheterInsertionMm >= 0) || !(contrast >= 0 && contrast <= 1)) {
      throw new IllegalArgumentException("invalid device state, leadInsertionMm=" + leadInsertionMm
          + ", csCatheterInsertionMm=" + csCatheterInsertionMm + ", contrast=" + contrast);
    }
  }

  /** A view with nothing inserted, no contrast, patient at the identity pose. */
  public static AcquisitionState of(CArmGeometry carm, double doseNGy) {
    return of(FrameGeometry.of(carm), doseNGy);
  }

  /** A view given by its geometry (P may come without C-arm parameters), nothing inserted. */
  public static AcquisitionState of(FrameGeometry geometry, double doseNGy) {
    return new AcquisitionState(geometry, RigidTransform.IDENTITY, doseNGy, 0, 0, 0);
  }

  public AcquisitionState withCArm(CArmGeometry c) {
    return new AcquisitionState(FrameGeometry.of(c), patientPose, doseNGy, leadInsertionMm, csCatheterInsertionMm,
        contrast);
  }

  public AcquisitionState withPatientPose(RigidTransform t) {
    return new AcquisitionState(geometry, t, doseNGy, leadInsertionMm, csCatheterInsertionMm, contrast);
  }

  public AcquisitionState withDose(double nGy) {
    return new AcquisitionState(geometry, patientPose, nGy, leadInsertionMm, csCatheterInsertionMm, contrast);
  }

  public AcquisitionState withLeadInsertion(double mm) {
    return new AcquisitionState(geometry, patientPose, doseNGy, mm, csCatheterInsertionMm, contrast);
  }

  public AcquisitionState withCsCatheterInsertion(double mm) {
    return new AcquisitionState(geometry, patientPose, doseNGy, leadInsertionMm, mm, contrast);
  }

  public AcquisitionState withContrast(double c) {
    return new AcquisitionState(geometry, patientPose, doseNGy, leadInsertionMm, csCatheterInsertionMm, c);
  }
}
