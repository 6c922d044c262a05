package cathnav.core.geometry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random C-arm views and RAS points for the geometry properties. */
final class GeometryArbitraries {

  private GeometryArbitraries() {}

  static Arbitrary<Vec3> points(double range) {
    Arbitrary<Double> c = Arbitraries.doubles().between(-range, range);
    return Combinators.combine(c, c, c).as(Vec3::new);
  }

  static Arbitrary<CArmGeometry> views() {
    Arbitrary<Double> alpha = Arbitraries.doubles().between(-120, 120);
    Arbitrary<Double> beta = Arbitraries.doubles().between(-45, 45);
    Arbitrary<Double> sod = Arbitraries.doubles().between(500, 900);
    Arbitrary<Double> gap = Arbitraries.doubles().between(100, 600);
    Arbitrary<Integer> size = Arbitraries.integers().between(16, 1024);
    Arbitrary<Double> spacing = Arbitraries.doubles().between(0.1, 0.8);
    Arbitrary<Double> offset = Arbitraries.doubles().between(-20, 20);
    return Combinators.combine(alpha, beta, sod, gap, size, size, spacing, spacing)
        .as((a, b, so, g, w, h, su, sv) -> CArmGeometry.of(a, b, so + g, so, w, h, su, sv))
        .flatMap(g -> Combinators.combine(points(50), offset, offset)
            .as((iso, du, dv) -> new CArmGeometry(g.primaryAngleDeg(), g.secondaryAngleDeg(), g.sidMm(), g.sodMm(),
                g.width(), g.height(), g.pixelSpacingU(), g.pixelSpacingV(), g.principalU() + du,
                g.principalV() + dv, iso)));
  }
}
