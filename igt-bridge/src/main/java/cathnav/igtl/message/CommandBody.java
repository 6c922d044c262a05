package cathnav.igtl.message;

/**
 * COMMAND (and, with {@link #reply} set, RTS_COMMAND): a named command with an id and text arguments
 * (usually XML).
 *
 * <pre>
 *  u32 command id, char[128] command name, u16 encoding (IANA MIBenum), u32 length, bytes[length]
 * </pre>
 *
 * @param reply     false for COMMAND, true for the RTS_COMMAND reply
 * @param commandId u32 id that pairs a reply with its command
 * @param name      command name, at most 128 characters
 * @param encoding  IANA MIBenum of {@code command}
 * @param command   the command text
 */
public record CommandBody(boolean reply, long commandId, String name, int encoding, String command)
        implements IgtlBody {

    /** Wire type name of a command. */
    public static final String TYPE = "COMMAND";
    /** Wire type name of a reply. */
    public static final String REPLY_TYPE = "RTS_COMMAND";
    /** Length of the command-name field in bytes. */
    public static final int NAME_LENGTH = 128;

    public CommandBody {
        if (commandId < 0 || commandId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("command id out of u32 range, commandId=" + commandId);
        }
        IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
        TextEncoding.checkMib(encoding);
        if (command == null) {
            throw new IllegalArgumentException("command text is null, name=" + name);
        }
        TextEncoding.encode(encoding, command);
    }

    /** A US-ASCII command. */
    public static CommandBody command(long commandId, String name, String command) {
        return new CommandBody(false, commandId, name, TextEncoding.US_ASCII, command);
    }

    /** A US-ASCII reply to command {@code commandId}. */
    public static CommandBody reply(long commandId, String name, String text) {
        return new CommandBody(true, commandId, name, TextEncoding.US_ASCII, text);
    }

    @Override
    public String defaultTypeName() {
        return reply ? REPLY_TYPE : TYPE;
    }
}
