package cathnav.igtl.message;

/** An 8-bit-per-channel colour, each 0..255. */
public record Rgba(int r, int g, int b, int a) {

    public Rgba {
        if (((r | g | b | a) & ~0xFF) != 0) {
            throw new IllegalArgumentException("colour channels must be 0..255, r=" + r + ", g=" + g + ", b=" + b
                    + ", a=" + a);
        }
    }
}
