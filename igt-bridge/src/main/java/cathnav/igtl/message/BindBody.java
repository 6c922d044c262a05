package cathnav.igtl.message;

import java.util.Arrays;
import java.util.List;

/**
 * BIND: several messages' contents in one body.
 *
 * <pre>
 *  u16 ncmessages
 *  ncmessages x ( char[12] type name, u64 body size )
 *  u16 name table size (even), device names NUL-terminated, padded to that size
 *  the bodies, each padded to an even length
 * </pre>
 * Child contents are kept as bytes (copied); decode one by framing it with its type name.
 *
 * @param children the bound messages, in wire order
 */
public record BindBody(List<Child> children) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "BIND";

    public BindBody {
        children = List.copyOf(children);
        if (children.size() > 0xFFFF) {
            throw new IllegalArgumentException("BIND carries at most 65535 children, children=" + children.size());
        }
    }

    /**
     * One bound message.
     *
     * @param typeName   its type name
     * @param deviceName its device name, at most 20 characters
     * @param content    its body bytes (copied in and out)
     */
    public record Child(String typeName, String deviceName, byte[] content) {
        public Child {
            IgtlMessage.checkTypeName(typeName);
            IgtlMessage.checkFixedText("deviceName", deviceName, IgtlMessage.MAX_DEVICE_NAME_LENGTH);
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** Body length in bytes. */
        public int contentLength() {
            return content.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Child c && typeName.equals(c.typeName) && deviceName.equals(c.deviceName)
                    && Arrays.equals(content, c.content);
        }

        @Override
        public int hashCode() {
            return (typeName.hashCode() * 31 + deviceName.hashCode()) * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Child[" + typeName + " " + deviceName + ", bytes=" + content.length + "]";
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
