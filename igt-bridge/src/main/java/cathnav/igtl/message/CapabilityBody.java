package cathnav.igtl.message;

import java.util.List;

/**
 * CAPABILITY: the message types a device handles, 12 bytes (NUL-padded) each, no count field.
 *
 * @param typeNames type names, 1 to 12 printable ASCII characters each
 */
public record CapabilityBody(List<String> typeNames) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "CAPABILITY";

    public CapabilityBody {
        typeNames = List.copyOf(typeNames);
        typeNames.forEach(IgtlMessage::checkTypeName);
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
